//! Built-in scenarios: named situations the simulator can put the car into at once.

use super::physics::Simulation;
use crate::contract::vehicle::{Gear, Opening, Tire};

/// Names accepted by `RunScenario`, in the order the simulator panel lists them.
pub const NAMES: &[&str] = &[
    "cold-morning",
    "low-battery",
    "door-open",
    "puncture",
    "charging-stop",
];

/// The scenario called `name`.
pub fn find(name: &str) -> Option<fn(&mut Simulation)> {
    let scenario: fn(&mut Simulation) = match name {
        "cold-morning" => cold_morning,
        "low-battery" => low_battery,
        "door-open" => door_open,
        "puncture" => puncture,
        "charging-stop" => charging_stop,
        _ => return None,
    };
    Some(scenario)
}

/// -5 °C outside, a cold cabin, the climate asked for 22 °C, seat heating on.
fn cold_morning(sim: &mut Simulation) {
    let s = &mut sim.state;
    s.outside_temperature_c = -5.0;
    s.cabin_temperature_c = -5.0;
    s.battery_temperature_c = -5.0;
    s.tire_temperature_c = [-5.0; 4];
    s.driver_target_c = 22.0;
    s.passenger_target_c = 22.0;
    s.auto_mode = true;
    s.front_defrost = true;
    s.seat_heating = [3, 3];
}

/// 12 % left: the battery-low alert comes up.
fn low_battery(sim: &mut Simulation) {
    sim.state.battery_energy_kwh = 0.12 * sim.params.battery_capacity_kwh;
}

/// The rear left door is opened; while driving that raises door-open-while-moving.
fn door_open(sim: &mut Simulation) {
    sim.state.open[Opening::RearLeft.index()] = true;
}

/// The front left tire leaks down to 150 kPa.
fn puncture(sim: &mut Simulation) {
    sim.state.tire_leak_target_kpa[Tire::FrontLeft.index()] = Some(150.0);
}

/// Stopped at a 150 kW fast charger with 20 % left.
fn charging_stop(sim: &mut Simulation) {
    let s = &mut sim.state;
    s.manual_speed_kmh = Some(0.0);
    s.speed_kmh = 0.0;
    s.shift(Gear::Park);
    s.battery_energy_kwh = 0.2 * sim.params.battery_capacity_kwh;
    s.is_charging = true;
    s.charger_power_kw = 150.0;
}
