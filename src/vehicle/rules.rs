//! The car's rules for what a caller may change, as plain Rust: each `Command` is checked
//! (ranges, steps, names, what the car's state allows) and carried out on the `Simulation`, or
//! refused with the reason. The zbus interfaces only forward here and map the refusal.

use crate::contract::vehicle::{Command, Gear, Refusal, check_level, check_number, limits};

use super::climate;
use super::physics::Simulation;
use super::route::RouteFollower;
use super::{DriveCycle, scenarios};
use crate::map::Point;

/// The points of a line to drive: at least two, each a real position.
fn route_points(points: &[(f64, f64)]) -> Result<Vec<Point>, Refusal> {
    const MOST: usize = 100_000;
    if points.len() > MOST {
        return Err(Refusal::InvalidValue(format!(
            "points: a route has at most {MOST} points, not {}",
            points.len()
        )));
    }
    if points.len() < 2 {
        return Err(Refusal::InvalidValue(format!(
            "points: a route needs at least 2 points, not {}",
            points.len()
        )));
    }
    points
        .iter()
        .map(|&(lat, lon)| {
            check_number("latitude", lat, -90.0..=90.0, None, "°")?;
            check_number("longitude", lon, -180.0..=180.0, None, "°")?;
            Ok(Point::from_degrees(lat, lon))
        })
        .collect()
}

/// Carries out `command` on `sim`, or says why not (and changes nothing).
pub fn apply(sim: &mut Simulation, command: Command) -> Result<(), Refusal> {
    let s = &mut sim.state;
    match command {
        Command::ResetTrip => {
            s.trip_distance_km = 0.0;
            s.trip_time_s = 0.0;
            s.trip_energy_kwh = 0.0;
        }
        Command::SetChargeLimit(value) => {
            check_number(
                "ChargeLimit",
                f64::from(value),
                limits::CHARGE_LIMIT_PERCENT,
                None,
                "%",
            )?;
            s.charge_limit_percent = f64::from(value);
        }
        Command::SetDriverTarget(value) => {
            s.driver_target_c = check_target("DriverTargetTemperature", value)?;
        }
        Command::SetPassengerTarget(value) => {
            s.passenger_target_c = check_target("PassengerTargetTemperature", value)?;
            // Setting the passenger's own target means two zones.
            s.sync = false;
        }
        Command::SetFanLevel(value) => {
            s.fan_level = check_level("FanLevel", value, limits::FAN_LEVEL)?;
            // A fan level chosen by hand ends automatic control.
            s.auto_mode = false;
        }
        Command::SetAutoMode(on) => s.auto_mode = on,
        Command::SetAirConditioning(on) => s.air_conditioning = on,
        Command::SetRecirculation(on) => s.recirculation = on,
        Command::SetFrontDefrost(on) => s.front_defrost = on,
        Command::SetRearDefrost(on) => s.rear_defrost = on,
        Command::SetDriverSeatHeating(level) => {
            s.seat_heating[0] = check_level("DriverSeatHeating", level, limits::SEAT_HEATING)?;
        }
        Command::SetPassengerSeatHeating(level) => {
            s.seat_heating[1] = check_level("PassengerSeatHeating", level, limits::SEAT_HEATING)?;
        }
        Command::SetSync(on) => {
            s.sync = on;
            s.apply_sync();
        }
        Command::SetPreconditioning(on) => {
            if on {
                climate::check_preconditioning(sim)?;
            }
            sim.state.preconditioning_left_s = if on { climate::PRECONDITIONING_S } else { 0.0 };
        }
        Command::SetLocked(locked) => {
            if !locked {
                refuse_while_moving(sim, "Locked = false (unlocking)")?;
            }
            sim.state.locked = locked;
        }
        Command::SetChildLock(on) => {
            if !on {
                refuse_while_moving(sim, "ChildLock = false")?;
            }
            sim.state.child_lock = on;
        }
        Command::SetHeadlights(mode) => s.headlights = mode,
        Command::SetInteriorLight(on) => s.interior_light = on,
        Command::SetIndicator(side) => s.indicator = side,
        Command::SetHazard(on) => s.hazard = on,
        Command::SetParkingBrake(engaged) => {
            if engaged {
                refuse_while_moving(sim, "SetParkingBrake(true)")?;
            }
            sim.state.parking_brake = engaged;
        }
        Command::SetSeatBelt(fastened) => s.driver_belted = fastened,
        Command::SetSpeedFactor(value) => {
            sim.speed_factor = check_number("SpeedFactor", value, limits::SPEED_FACTOR, None, "x")?;
        }
        Command::LoadCycle(name) => sim.load_cycle(load_cycle(&name)?),
        Command::Pause => s.paused = true,
        Command::Resume => s.paused = false,
        Command::SetManualSpeed(speed) => {
            check_number("speed", speed, limits::MANUAL_SPEED_KMH, None, "km/h")?;
            if speed > 0.0 && !matches!(s.gear, Gear::Drive | Gear::Reverse) {
                return Err(Refusal::NotAllowed(format!(
                    "speed {speed} km/h needs gear D or R; the gear is {}",
                    s.gear
                )));
            }
            s.manual_speed_kmh = Some(speed);
        }
        Command::ClearManualSpeed => s.manual_speed_kmh = None,
        Command::SetGear(gear) => select_gear(sim, gear)?,
        Command::SetStateOfCharge(percent) => {
            check_number(
                "percent",
                percent,
                limits::STATE_OF_CHARGE_PERCENT,
                None,
                "%",
            )?;
            s.battery_energy_kwh = percent / 100.0 * sim.params.battery_capacity_kwh;
        }
        Command::SetDoor(door, open) => s.open[door.index()] = open,
        Command::DeflateTire(tire, pressure) => {
            check_number("pressure", pressure, limits::TIRE_PRESSURE_KPA, None, "kPa")?;
            s.tire_leak_target_kpa[tire.index()] = Some(pressure);
        }
        Command::InflateTires => {
            s.tire_cold_pressure_kpa = [sim.params.nominal_tire_pressure_kpa; 4];
            s.tire_leak_target_kpa = [None; 4];
        }
        Command::StartCharging(power) => start_charging(sim, power)?,
        Command::StopCharging => s.is_charging = false,
        Command::SetOutsideTemperature(temperature) => {
            s.outside_temperature_c = check_number(
                "temperature",
                temperature,
                limits::OUTSIDE_TEMPERATURE_C,
                None,
                "°C",
            )?;
        }
        Command::RunScenario(name) => {
            let scenario = scenarios::find(&name).ok_or_else(|| {
                crate::contract::NotKnown::new("scenario", &name, scenarios::NAMES.iter())
            })?;
            scenario(sim);
        }
        Command::FollowRoute { points, looping } => {
            sim.route = Some(RouteFollower::new(route_points(&points)?, looping));
        }
    }
    Ok(())
}

fn check_target(what: &str, value: f64) -> Result<f64, Refusal> {
    check_number(
        what,
        value,
        limits::TARGET_TEMPERATURE_C,
        Some(limits::TARGET_TEMPERATURE_STEP_C),
        "°C",
    )
}

fn refuse_while_moving(sim: &Simulation, what: &str) -> Result<(), Refusal> {
    if sim.state.is_moving() {
        return Err(Refusal::NotAllowedWhileMoving(format!(
            "{what} is not allowed while the car moves ({:.1} km/h); allowed when standing still",
            sim.state.speed_kmh
        )));
    }
    Ok(())
}

/// P and R only when standing (unless already selected); nothing but P while charging.
fn select_gear(sim: &mut Simulation, gear: Gear) -> Result<(), Refusal> {
    if matches!(gear, Gear::Park | Gear::Reverse) && gear != sim.state.gear {
        refuse_while_moving(sim, &format!("gear {gear}"))?;
    }
    if gear != Gear::Park && sim.state.is_charging {
        return Err(Refusal::NotAllowed(format!(
            "gear {gear} while charging; stop charging first"
        )));
    }
    sim.state.shift(gear);
    Ok(())
}

/// A charger only in gear P with the car standing.
fn start_charging(sim: &mut Simulation, charger_power: f64) -> Result<(), Refusal> {
    check_number(
        "charger_power",
        charger_power,
        limits::CHARGER_POWER_KW,
        None,
        "kW",
    )?;
    refuse_while_moving(sim, "StartCharging")?;
    if sim.state.gear != Gear::Park {
        return Err(Refusal::NotAllowed(format!(
            "charging in gear {}; shift to P first",
            sim.state.gear
        )));
    }
    sim.state.is_charging = true;
    sim.state.charger_power_kw = charger_power;
    Ok(())
}

/// A built-in cycle by name or a CSV file; a bare name that is not built in is unknown.
/// A built-in cycle by name; never a file (a caller on the bus must not choose what the service
/// reads).
fn load_cycle(name: &str) -> Result<DriveCycle, Refusal> {
    if !super::builtin_names().any(|builtin| builtin == name) {
        return Err(crate::contract::NotKnown::new("cycle", name, super::builtin_names()).into());
    }
    DriveCycle::load(name).map_err(|err| Refusal::InvalidCycle(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::vehicle::{Opening, Tire};

    fn car() -> Simulation {
        Simulation::new(DriveCycle::load("udds").unwrap(), 1)
    }

    fn moving() -> Simulation {
        let mut sim = car();
        apply(&mut sim, Command::SetManualSpeed(50.0)).unwrap();
        sim.advance(10.0);
        assert!(sim.state.is_moving());
        sim
    }

    #[test]
    fn a_fan_level_by_hand_ends_auto_mode() {
        let mut sim = car();
        assert!(sim.state.auto_mode);
        apply(&mut sim, Command::SetFanLevel(5)).unwrap();
        assert_eq!((sim.state.fan_level, sim.state.auto_mode), (5, false));
        assert!(matches!(
            apply(&mut sim, Command::SetFanLevel(8)),
            Err(Refusal::OutOfRange(_))
        ));
        assert_eq!(sim.state.fan_level, 5, "a refused value changes nothing");
    }

    #[test]
    fn sync_copies_the_drivers_target_and_a_passenger_target_ends_it() {
        let mut sim = car();
        apply(&mut sim, Command::SetDriverTarget(23.5)).unwrap();
        apply(&mut sim, Command::SetSync(true)).unwrap();
        assert_eq!(sim.state.passenger_target_c, 23.5);
        apply(&mut sim, Command::SetPassengerTarget(19.0)).unwrap();
        assert!(!sim.state.sync);
        assert!(matches!(
            apply(&mut sim, Command::SetDriverTarget(21.3)),
            Err(Refusal::InvalidValue(_))
        ));
    }

    #[test]
    fn park_reverse_and_unlocking_wait_until_the_car_stands() {
        let mut sim = moving();
        for command in [
            Command::SetGear(Gear::Park),
            Command::SetGear(Gear::Reverse),
            Command::SetLocked(false),
            Command::SetChildLock(false),
            Command::StartCharging(50.0),
        ] {
            assert!(
                matches!(
                    apply(&mut sim, command.clone()),
                    Err(Refusal::NotAllowedWhileMoving(_))
                ),
                "{command:?}"
            );
        }
        apply(&mut sim, Command::SetGear(Gear::Neutral)).unwrap();
    }

    #[test]
    fn charging_needs_park_and_holds_the_gear_there() {
        let mut sim = car();
        assert!(matches!(
            apply(&mut sim, Command::StartCharging(50.0)),
            Err(Refusal::NotAllowed(_))
        ));
        apply(&mut sim, Command::SetGear(Gear::Park)).unwrap();
        apply(&mut sim, Command::StartCharging(50.0)).unwrap();
        assert!(matches!(
            apply(&mut sim, Command::SetGear(Gear::Drive)),
            Err(Refusal::NotAllowed(_))
        ));
        apply(&mut sim, Command::StopCharging).unwrap();
        apply(&mut sim, Command::SetGear(Gear::Drive)).unwrap();
    }

    #[test]
    fn a_manual_speed_needs_d_or_r() {
        let mut sim = car();
        apply(&mut sim, Command::SetGear(Gear::Neutral)).unwrap();
        assert!(matches!(
            apply(&mut sim, Command::SetManualSpeed(30.0)),
            Err(Refusal::NotAllowed(_))
        ));
        apply(&mut sim, Command::SetManualSpeed(0.0)).unwrap();
    }

    #[test]
    fn unknown_cycles_and_scenarios_say_what_is_allowed() {
        let mut sim = car();
        let Err(Refusal::UnknownName(message)) = apply(&mut sim, Command::LoadCycle("nedc".into()))
        else {
            panic!("an unknown cycle is an unknown name");
        };
        assert!(message.ends_with(r#""wltc_3b""#), "{message}");
        for file in ["/etc/passwd", "assets/drive-cycles/udds.csv", "../udds"] {
            let refused = apply(&mut sim, Command::LoadCycle(file.into()));
            assert!(matches!(refused, Err(Refusal::UnknownName(_))), "{file}");
        }
        assert!(matches!(
            apply(&mut sim, Command::RunScenario("flood".into())),
            Err(Refusal::UnknownName(_))
        ));
    }

    #[test]
    fn doors_tires_and_charge_are_set_within_their_limits() {
        let mut sim = car();
        apply(&mut sim, Command::SetDoor(Opening::Trunk, true)).unwrap();
        assert!(sim.state.open[Opening::Trunk.index()]);
        apply(&mut sim, Command::DeflateTire(Tire::RearLeft, 150.0)).unwrap();
        assert_eq!(sim.state.tire_leak_target_kpa[2], Some(150.0));
        assert!(apply(&mut sim, Command::DeflateTire(Tire::RearLeft, 500.0)).is_err());
        apply(&mut sim, Command::InflateTires).unwrap();
        assert_eq!(sim.state.tire_leak_target_kpa, [None; 4]);
        assert!(apply(&mut sim, Command::SetStateOfCharge(f64::NAN)).is_err());
        assert!(apply(&mut sim, Command::SetChargeLimit(40)).is_err());
    }
}
