//! The simulation: advances `VehicleState` through time. Speed follows a drive cycle (or a manual
//! override); a road-load model turns speed into battery power; power drains the battery; the cabin,
//! battery and tires warm and cool with first-order models; charging tapers above 80 %.
//! Deterministic: the same seed and the same steps give the same states. See docs/vehicle-model.md.

use super::DriveCycle;
use super::climate;
use super::model::{Alert, VehicleParams, VehicleState};
use super::route::RouteFollower;
use crate::contract::vehicle::{Gear, Severity, Tire};

const GRAVITY: f64 = 9.81;
/// Longest integration step, s; longer advances are split.
const MAX_STEP_S: f64 = 0.5;
/// Acceleration limits when the speed jumps (manual speed, gear changes), m/s².
const MAX_ACCELERATION: f64 = 3.0;
const MAX_DECELERATION: f64 = 6.0;
/// Distance over which the recent consumption is averaged, km.
const RECENT_CONSUMPTION_KM: f64 = 5.0;
/// Fraction of charging power that reaches the battery.
const CHARGING_EFFICIENCY: f64 = 0.95;

/// The running simulation: parameters, state, the cycle being followed.
#[derive(Debug, Clone)]
pub struct Simulation {
    pub params: VehicleParams,
    pub state: VehicleState,
    /// Simulated seconds per real second.
    pub speed_factor: f64,
    cycle: DriveCycle,
    /// The line the car drives along, from navigation; None until one is handed over.
    pub route: Option<RouteFollower>,
    /// Exponentially weighted energy (kWh) and distance (km) behind the recent consumption.
    recent_energy_kwh: f64,
    recent_distance_km: f64,
}

/// SplitMix64: a tiny, well-distributed generator; enough for seeded start-up variation.
fn split_mix(seed: &mut u64) -> f64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

impl Simulation {
    /// A new car following `cycle`. The seed sets the small differences between the four tires.
    pub fn new(cycle: DriveCycle, seed: u64) -> Self {
        let params = VehicleParams::default();
        let mut rng = seed;
        let pressures =
            [0; 4].map(|_| params.nominal_tire_pressure_kpa + (split_mix(&mut rng) - 0.5) * 8.0);
        let state = VehicleState::new(&params, pressures);
        Simulation {
            recent_energy_kwh: state.recent_consumption / 100.0 * RECENT_CONSUMPTION_KM,
            recent_distance_km: RECENT_CONSUMPTION_KM,
            params,
            state,
            speed_factor: 1.0,
            cycle,
            route: None,
        }
    }

    pub fn cycle(&self) -> &DriveCycle {
        &self.cycle
    }

    /// Follows `cycle` from its start.
    pub fn load_cycle(&mut self, cycle: DriveCycle) {
        self.cycle = cycle;
        self.state.cycle_time_s = 0.0;
    }

    /// Advances the simulation by `dt_s` simulated seconds (nothing happens while paused).
    pub fn advance(&mut self, dt_s: f64) {
        if self.state.paused || dt_s <= 0.0 {
            return;
        }
        let steps = (dt_s / MAX_STEP_S).ceil().max(1.0);
        for _ in 0..steps as usize {
            self.step(dt_s / steps);
        }
    }

    fn step(&mut self, dt: f64) {
        let p = self.params;
        let s = &mut self.state;
        s.clock_s += dt;

        // Speed: the cycle in D, a manual override in D or R, otherwise standing.
        let v0 = s.speed_kmh / 3.6;
        let out_of_energy = s.battery_energy_kwh <= 0.0;
        let target = if s.is_charging || out_of_energy {
            0.0
        } else {
            match (s.gear, s.manual_speed_kmh) {
                (Gear::Drive | Gear::Reverse, Some(manual)) => manual / 3.6,
                (Gear::Drive, None) => {
                    s.cycle_time_s = (s.cycle_time_s + dt) % self.cycle.duration_s();
                    self.cycle.speed_mps_at(s.cycle_time_s)
                }
                _ => 0.0,
            }
        };
        let target = self
            .route
            .as_ref()
            .map_or(target, |route| target.min(route.speed_limit_mps()));
        let v1 = (v0 + (target - v0).clamp(-MAX_DECELERATION * dt, MAX_ACCELERATION * dt)).max(0.0);
        let acceleration = (v1 - v0) / dt;
        let v = (v0 + v1) / 2.0;

        // Road load at the wheels, then the battery's side of the drivetrain.
        let mut force = p.mass_kg * (1.0 + p.rotating_mass_factor) * acceleration
            + 0.5 * p.air_density * p.drag_coefficient * p.frontal_area_m2 * v * v;
        if v > 0.0 {
            force += p.mass_kg * GRAVITY * p.rolling_resistance;
        }
        let wheel_kw = force * v / 1000.0;
        let traction_kw = if wheel_kw >= 0.0 {
            wheel_kw / p.drive_efficiency
        } else {
            (wheel_kw * p.regen_efficiency).max(-p.max_regen_kw)
        };
        let battery_kw = traction_kw + p.auxiliary_kw + climate::step(s, &p, dt);
        let energy_kwh = battery_kw * dt / 3600.0;
        let distance_km = v * dt / 1000.0;

        s.speed_kmh = v1 * 3.6;
        if let Some(route) = &mut self.route {
            route.advance(if s.gear == Gear::Reverse {
                -v * dt
            } else {
                v * dt
            });
            // At the end of a route the car stops and parks.
            if s.gear == Gear::Drive && route.parks_now(v1 == 0.0) {
                s.shift(Gear::Park);
            }
        }
        s.power_kw = battery_kw;
        s.battery_energy_kwh =
            (s.battery_energy_kwh - energy_kwh).clamp(0.0, p.battery_capacity_kwh);
        s.odometer_km += distance_km;
        s.trip_distance_km += distance_km;
        if s.gear != Gear::Park {
            s.trip_time_s += dt;
            s.trip_energy_kwh += energy_kwh;
        }

        // Recent consumption: energy and distance, both fading out over RECENT_CONSUMPTION_KM.
        let fade = (-distance_km / RECENT_CONSUMPTION_KM).exp();
        if s.gear != Gear::Park {
            self.recent_energy_kwh = self.recent_energy_kwh * fade + energy_kwh;
            self.recent_distance_km = self.recent_distance_km * fade + distance_km;
            s.recent_consumption =
                100.0 * self.recent_energy_kwh / self.recent_distance_km.max(0.1);
        }

        charging_step(s, &p, dt);
        battery_temperature_step(s, battery_kw, dt);
        tires_step(s, dt);
        evaluate_alerts(s, &p);
    }

    /// Minutes until the battery reaches the charge limit at the current charger's power; 0 when
    /// not charging or already there.
    pub fn time_to_charge_limit_min(&self) -> f64 {
        let s = &self.state;
        if !s.is_charging {
            return 0.0;
        }
        let capacity = self.params.battery_capacity_kwh;
        let mut soc = s.state_of_charge_percent(&self.params);
        let mut hours = 0.0;
        while soc < s.charge_limit_percent {
            let step = (s.charge_limit_percent - soc).min(0.5);
            let power =
                charging_power_kw(&self.params, s.charger_power_kw, soc) * CHARGING_EFFICIENCY;
            hours += step / 100.0 * capacity / power;
            soc += step;
        }
        hours * 60.0
    }
}

/// Charging power the battery accepts at `soc` percent: full power to 80 %, then tapering
/// linearly to a tenth at 100 %.
pub fn charging_power_kw(params: &VehicleParams, charger_kw: f64, soc: f64) -> f64 {
    let taper = if soc < 80.0 {
        1.0
    } else {
        1.0 - 0.9 * (soc - 80.0) / 20.0
    };
    charger_kw.min(params.max_charge_kw * taper)
}

fn charging_step(s: &mut VehicleState, p: &VehicleParams, dt: f64) {
    if !s.is_charging {
        s.charging_power_kw = 0.0;
        return;
    }
    let soc = s.state_of_charge_percent(p);
    if soc >= s.charge_limit_percent {
        s.is_charging = false;
        s.charging_power_kw = 0.0;
        return;
    }
    s.charging_power_kw = charging_power_kw(p, s.charger_power_kw, soc);
    s.battery_energy_kwh = (s.battery_energy_kwh
        + s.charging_power_kw * CHARGING_EFFICIENCY * dt / 3600.0)
        .min(p.battery_capacity_kwh);
}

/// The battery warms with losses (3 % of its power, 5 % of charging power) and cools toward the
/// outside temperature.
fn battery_temperature_step(s: &mut VehicleState, battery_kw: f64, dt: f64) {
    const HEAT_CAPACITY_KJ_PER_K: f64 = 400.0;
    const COOLING_KW_PER_K: f64 = 0.08;
    let heat_kw = 0.03 * battery_kw.abs() + 0.05 * s.charging_power_kw;
    let cooling_kw = COOLING_KW_PER_K * (s.battery_temperature_c - s.outside_temperature_c);
    s.battery_temperature_c += (heat_kw - cooling_kw) / HEAT_CAPACITY_KJ_PER_K * dt;
}

/// Tires warm with speed (about 20 K above the air at 100 km/h, time constant 10 min); a leaking
/// tire loses 20 kPa a minute until it reaches its leak's target.
fn tires_step(s: &mut VehicleState, dt: f64) {
    const TAU_S: f64 = 600.0;
    const LEAK_KPA_PER_S: f64 = 20.0 / 60.0;
    let warm = s.outside_temperature_c + 0.2 * s.speed_kmh;
    for i in 0..4 {
        s.tire_temperature_c[i] += (warm - s.tire_temperature_c[i]) * dt / TAU_S;
        if let Some(target) = s.tire_leak_target_kpa[i] {
            let pressure = &mut s.tire_cold_pressure_kpa[i];
            *pressure = (*pressure - LEAK_KPA_PER_S * dt).max(target);
            if *pressure <= target {
                s.tire_leak_target_kpa[i] = None;
            }
        }
    }
}

/// The id of the alert for a tire losing pressure, e.g. `tire-pressure-low-front-left`.
pub fn tire_alert_id(tire: Tire) -> String {
    format!("tire-pressure-low-{tire}")
}

/// Every alert id `evaluate_alerts` can raise.
pub fn alert_ids() -> Vec<String> {
    let mut ids: Vec<String> = ["battery-low", "battery-critical"]
        .into_iter()
        .map(String::from)
        .collect();
    ids.extend(Tire::ALL.iter().map(|t| tire_alert_id(*t)));
    ids.push("door-open-while-moving".into());
    ids
}

/// Raises and clears the alerts the state calls for. Thresholds have a little hysteresis so an
/// alert does not flicker.
pub fn evaluate_alerts(s: &mut VehicleState, p: &VehicleParams) {
    let soc = s.state_of_charge_percent(p);
    let active = |s: &VehicleState, id: &str| s.alerts.iter().any(|a| a.id == id);
    // (id, translation key of its text, severity, whether the state calls for it)
    let mut wanted: Vec<(String, &str, Severity, bool)> = Vec::new();

    let low = if active(s, "battery-low") {
        soc < 17.0
    } else {
        soc < 15.0
    };
    wanted.push((
        "battery-low".into(),
        "alert.battery-low",
        Severity::Warning,
        low,
    ));
    let critical = if active(s, "battery-critical") {
        soc < 6.0
    } else {
        soc < 5.0
    };
    wanted.push((
        "battery-critical".into(),
        "alert.battery-critical",
        Severity::Critical,
        critical,
    ));
    for tire in Tire::ALL.iter().copied() {
        let i = tire.index();
        let threshold = p.low_tire_pressure_kpa + if s.tire_low[i] { 5.0 } else { 0.0 };
        s.tire_low[i] = s.tire_pressure_kpa(tire) < threshold;
        wanted.push((
            tire_alert_id(tire),
            "alert.tire-pressure-low",
            Severity::Warning,
            s.tire_low[i],
        ));
    }
    wanted.push((
        "door-open-while-moving".into(),
        "alert.door-open-while-moving",
        Severity::Critical,
        s.any_open() && s.is_moving(),
    ));

    for (id, text_key, severity, on) in wanted {
        match (on, active(s, &id)) {
            (true, false) => s.alerts.push(Alert {
                id,
                severity,
                text_key: text_key.into(),
                since_s: s.clock_s,
            }),
            (false, true) => s.alerts.retain(|a| a.id != id),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "physics_tests.rs"]
mod tests;
