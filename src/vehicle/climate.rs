//! The climate system: the cabin's temperature and the power the HVAC draws, and preconditioning
//! (the cabin brought to its targets while the car stands parked, from the driver's phone). With
//! the driver away (parked, locked, belt open) the system sleeps and the cabin drifts toward the
//! outside air, unless preconditioning. See docs/vehicle-model.md.

use super::model::{VehicleParams, VehicleState};
use super::physics::Simulation;
use crate::contract::vehicle::{Gear, Refusal};

/// How long preconditioning runs at most, s.
pub const PRECONDITIONING_S: f64 = 30.0 * 60.0;
/// The charge below which preconditioning will not start, and stops, %.
pub const PRECONDITIONING_MIN_CHARGE: f64 = 20.0;

/// Whether preconditioning may start now: gear P and enough charge.
pub fn check_preconditioning(sim: &Simulation) -> Result<(), Refusal> {
    let s = &sim.state;
    if s.gear != Gear::Park {
        return Err(Refusal::NotAllowed(format!(
            "Preconditioning needs the car parked; the gear is {}, allowed: P",
            s.gear
        )));
    }
    let charge = s.state_of_charge_percent(&sim.params);
    if charge < PRECONDITIONING_MIN_CHARGE {
        return Err(Refusal::NotAllowed(format!(
            "Preconditioning needs at least {PRECONDITIONING_MIN_CHARGE} % charge; the charge is \
             {charge:.1} %"
        )));
    }
    Ok(())
}

/// Counts preconditioning down, and ends it when its time is up, the car left P or the charge
/// fell below the minimum. Whether it still runs.
fn preconditioning_step(s: &mut VehicleState, p: &VehicleParams, dt: f64) -> bool {
    if s.preconditioning_left_s <= 0.0 {
        return false;
    }
    let ended = s.gear != Gear::Park || s.state_of_charge_percent(p) < PRECONDITIONING_MIN_CHARGE;
    s.preconditioning_left_s = if ended {
        0.0
    } else {
        (s.preconditioning_left_s - dt).max(0.0)
    };
    s.preconditioning_left_s > 0.0
}

/// Advances the cabin's temperature by `dt` seconds; the climate system's electrical power, kW.
///
/// The cabin exchanges heat with the outside (time constant 20 min); the HVAC blows supply air
/// whose temperature holds the target at equilibrium and corrects the error, within the heat
/// pump's and the A/C's reach. Without A/C it can only ventilate (outside air, or cabin air when
/// recirculating). Preconditioning runs it as in auto mode with A/C, whatever the settings.
pub fn step(s: &mut VehicleState, p: &VehicleParams, dt: f64) -> f64 {
    const ENVIRONMENT_TAU_S: f64 = 1200.0;
    const HVAC_TAU_S: f64 = 120.0; // at full fan
    const MAX_HEATING_K: f64 = 30.0;
    const MAX_COOLING_K: f64 = 15.0;
    const AIR_KW_PER_K: f64 = 0.25; // heat carried by the full-fan air flow
    const COP: f64 = 2.5;
    const DEFROST_FAN: u8 = 4;

    s.apply_sync();
    let preconditioning = preconditioning_step(s, p, dt);
    let cabin = s.cabin_temperature_c;
    let drift = (s.outside_temperature_c - cabin) / ENVIRONMENT_TAU_S;
    if s.driver_away() && !preconditioning {
        s.cabin_temperature_c += drift * dt;
        return 0.0;
    }
    let target = (s.driver_target_c + s.passenger_target_c) / 2.0;
    let auto_fan = (1.0 + (target - cabin).abs() * 1.5).round().clamp(1.0, 7.0) as u8;
    if s.auto_mode {
        s.fan_level = auto_fan;
    }
    // The level that blows: the driver's, or auto's while preconditioning (the setting stays);
    // the defroster needs 4 at least.
    let defrost_fan = if s.front_defrost { DEFROST_FAN } else { 0 };
    s.fan_level = s.fan_level.max(defrost_fan);
    let fan_level = if preconditioning {
        auto_fan.max(defrost_fan)
    } else {
        s.fan_level
    };
    let cooling = s.air_conditioning || preconditioning;
    let flow = f64::from(fan_level) / 7.0;
    let mut supply = cabin;
    if flow > 0.0 {
        let holding =
            target + (target - s.outside_temperature_c) * HVAC_TAU_S / (ENVIRONMENT_TAU_S * flow);
        let wanted = holding + 4.0 * (target - cabin);
        let ventilated = if s.recirculation {
            cabin
        } else {
            s.outside_temperature_c
        };
        supply = if wanted >= cabin {
            wanted.min(cabin + MAX_HEATING_K)
        } else if cooling {
            wanted.max(cabin - MAX_COOLING_K)
        } else {
            wanted.max(ventilated.min(cabin))
        };
    }
    s.cabin_temperature_c += (drift + (supply - cabin) * flow / HVAC_TAU_S) * dt;

    let thermal_kw = (supply - cabin).abs() * flow * AIR_KW_PER_K;
    let seats_kw = 0.06 * f64::from(s.seat_heating[0] + s.seat_heating[1]);
    let defrost_kw = if s.rear_defrost { 0.8 } else { 0.0 };
    thermal_kw / COP + 0.03 * f64::from(fan_level) + seats_kw + defrost_kw
}

#[cfg(test)]
#[path = "climate_tests.rs"]
mod tests;
