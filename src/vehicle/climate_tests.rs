//! The climate system with the driver away and while preconditioning: the cabin drifts and the
//! system draws nothing; preconditioning reaches the target, costs charge, and ends by itself.

use super::super::DriveCycle;
use super::super::rules::apply;
use super::*;
use crate::contract::vehicle::Command;

/// A car parked at -5 °C, cabin as cold, the driver gone (locked, belt open), target 22 °C.
fn left_in_the_cold() -> Simulation {
    let mut sim = Simulation::new(DriveCycle::load("udds").unwrap(), 1);
    let s = &mut sim.state;
    s.gear = Gear::Park;
    s.outside_temperature_c = -5.0;
    s.cabin_temperature_c = -5.0;
    s.driver_target_c = 22.0;
    s.passenger_target_c = 22.0;
    s.driver_belted = false;
    s.locked = true;
    sim
}

fn charge(sim: &Simulation) -> f64 {
    sim.state.state_of_charge_percent(&sim.params)
}

#[test]
fn with_the_driver_away_the_climate_sleeps() {
    let mut sim = left_in_the_cold();
    sim.state.cabin_temperature_c = 15.0;
    let before = charge(&sim);
    sim.advance(20.0 * 60.0);
    let cabin = sim.state.cabin_temperature_c;
    assert!(
        cabin < 15.0 && cabin > -5.0,
        "drifts toward the outside: {cabin}"
    );
    // Only the car's own auxiliary load: nothing for heating.
    let auxiliary = sim.params.auxiliary_kw * 20.0 / 60.0 / sim.params.battery_capacity_kwh;
    assert!(
        before - charge(&sim) <= auxiliary * 100.0 + 1e-9,
        "no HVAC power"
    );
}

#[test]
fn preconditioning_warms_the_cabin_for_its_half_hour_then_stops() {
    let mut sim = left_in_the_cold();
    let before = charge(&sim);
    apply(&mut sim, Command::SetPreconditioning(true)).unwrap();
    sim.advance(20.0 * 60.0);
    let cabin = sim.state.cabin_temperature_c;
    assert!((cabin - 22.0).abs() < 0.5, "warm after 20 min: {cabin}");
    // About 0.3 kWh of a 20-minute warm-up from -5 °C with the heat pump, beyond the car's own
    // auxiliary load.
    let spent = before - charge(&sim);
    let auxiliary = 100.0 * sim.params.auxiliary_kw * 20.0 / 60.0 / sim.params.battery_capacity_kwh;
    assert!(spent - auxiliary > 0.2, "heating costs charge: {spent} %");
    assert!((sim.state.preconditioning_left_s - 600.0).abs() < 1.0);
    sim.advance(11.0 * 60.0);
    assert_eq!(sim.state.preconditioning_left_s, 0.0, "over after 30 min");
    sim.advance(10.0 * 60.0);
    assert!(sim.state.cabin_temperature_c < 20.0, "then it cools again");
}

#[test]
fn preconditioning_ends_when_the_car_leaves_park() {
    let mut sim = left_in_the_cold();
    apply(&mut sim, Command::SetPreconditioning(true)).unwrap();
    sim.advance(60.0);
    apply(&mut sim, Command::SetLocked(false)).unwrap();
    apply(&mut sim, Command::SetGear(Gear::Drive)).unwrap();
    sim.advance(1.0);
    assert_eq!(sim.state.preconditioning_left_s, 0.0);
}

#[test]
fn preconditioning_needs_park_and_a_fifth_of_the_charge() {
    let mut sim = left_in_the_cold();
    sim.state.gear = Gear::Drive;
    let refused = apply(&mut sim, Command::SetPreconditioning(true)).unwrap_err();
    assert!(
        matches!(&refused, Refusal::NotAllowed(m) if m.contains("allowed: P")),
        "{refused}"
    );
    sim.state.gear = Gear::Park;
    sim.state.battery_energy_kwh = sim.params.battery_capacity_kwh * 0.15;
    let refused = apply(&mut sim, Command::SetPreconditioning(true)).unwrap_err();
    assert!(
        matches!(&refused, Refusal::NotAllowed(m) if m.contains("15.0 %")),
        "{refused}"
    );
    assert_eq!(sim.state.preconditioning_left_s, 0.0, "nothing changed");
}
