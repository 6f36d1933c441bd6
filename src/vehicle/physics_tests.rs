//! The physics against what the model predicts: energy on the standard cycles, the cycle followed,
//! the cabin warming, charging tapering, alerts with hysteresis.

use super::*;

fn car(cycle: &str) -> Simulation {
    Simulation::new(DriveCycle::load(cycle).unwrap(), 1)
}

/// kWh/100 km over one whole cycle, starting at rest.
fn consumption_over(cycle: &str) -> f64 {
    let mut sim = car(cycle);
    let duration = sim.cycle().duration_s();
    sim.advance(duration);
    sim.state.trip_consumption()
}

#[test]
fn the_same_seed_gives_the_same_run() {
    let run = |seed| {
        let mut sim = Simulation::new(DriveCycle::load("udds").unwrap(), seed);
        (0..200)
            .map(|_| {
                sim.advance(0.05 * 20.0);
                sim.state.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(
        run(7)[0].tire_cold_pressure_kpa,
        run(8)[0].tire_cold_pressure_kpa
    );
}

#[test]
fn udds_and_hwfet_use_plausible_energy() {
    // Unadjusted (dynamometer) figures of mid-size EVs are about 10-13 kWh/100 km in the city
    // and 12-15 on the highway test; see docs/vehicle-model.md.
    let city = consumption_over("udds");
    let highway = consumption_over("hwfet");
    eprintln!("UDDS {city:.2} kWh/100 km, HWFET {highway:.2} kWh/100 km");
    assert!((9.0..14.0).contains(&city), "UDDS {city:.2} kWh/100 km");
    assert!(
        (11.0..16.0).contains(&highway),
        "HWFET {highway:.2} kWh/100 km"
    );
}

#[test]
fn speed_follows_the_cycle_and_distance_adds_up() {
    let mut sim = car("udds");
    sim.advance(1369.0);
    // EPA gives the UDDS as 7.45 miles (11.99 km).
    assert!(
        (sim.state.trip_distance_km - 11.99).abs() < 0.05,
        "{}",
        sim.state.trip_distance_km
    );
}

#[test]
fn cabin_converges_to_the_target_on_a_cold_morning() {
    let mut sim = car("udds");
    sim.state.outside_temperature_c = -5.0;
    sim.state.cabin_temperature_c = -5.0;
    sim.state.driver_target_c = 22.0;
    sim.state.passenger_target_c = 22.0;
    sim.state.gear = Gear::Park;
    sim.advance(20.0 * 60.0);
    assert!(
        (sim.state.cabin_temperature_c - 22.0).abs() < 0.5,
        "{}",
        sim.state.cabin_temperature_c
    );
}

#[test]
fn charging_tapers_above_80_percent_and_stops_at_the_limit() {
    let params = VehicleParams::default();
    assert_eq!(charging_power_kw(&params, 250.0, 50.0), 170.0);
    assert!((charging_power_kw(&params, 250.0, 90.0) - 93.5).abs() < 1e-9);
    let mut sim = car("udds");
    sim.state.gear = Gear::Park;
    sim.state.battery_energy_kwh = 0.5 * params.battery_capacity_kwh;
    sim.state.is_charging = true;
    sim.state.charger_power_kw = 150.0;
    let predicted_s = sim.time_to_charge_limit_min() * 60.0;
    sim.advance(predicted_s * 0.99);
    assert!(
        sim.state.is_charging,
        "still charging just before the predicted time"
    );
    sim.advance(predicted_s * 0.02);
    assert!(
        !sim.state.is_charging,
        "done within 1 % of the predicted {predicted_s:.0} s"
    );
    assert!((sim.state.state_of_charge_percent(&params) - 90.0).abs() < 0.1);
}

#[test]
fn alerts_are_raised_and_cleared_with_hysteresis() {
    let mut sim = car("udds");
    let capacity = sim.params.battery_capacity_kwh;
    sim.state.battery_energy_kwh = 0.14 * capacity;
    evaluate_alerts(&mut sim.state, &sim.params);
    assert_eq!(
        sim.state
            .alerts
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        ["battery-low"]
    );
    assert_eq!(sim.state.alerts[0].text_key, "alert.battery-low");
    sim.state.battery_energy_kwh = 0.16 * capacity;
    evaluate_alerts(&mut sim.state, &sim.params);
    assert_eq!(
        sim.state.alerts.len(),
        1,
        "still low inside the hysteresis band"
    );
    sim.state.battery_energy_kwh = 0.18 * capacity;
    evaluate_alerts(&mut sim.state, &sim.params);
    assert!(sim.state.alerts.is_empty());
}

#[test]
fn the_car_drives_a_route_stops_at_its_end_parks_once_and_loops_a_loop() {
    use crate::map::Point;
    // About 550 m due north.
    let line = vec![
        Point::from_degrees(60.160, 24.940),
        Point::from_degrees(60.165, 24.940),
    ];
    let mut sim = car("hwfet");
    sim.route = Some(super::RouteFollower::new(line.clone(), false));
    let mut top_speed: f64 = 0.0;
    for _ in 0..1200 {
        sim.advance(0.5);
        top_speed = top_speed.max(sim.state.speed_kmh);
    }
    let route = sim.route.as_ref().unwrap();
    let (at, heading) = route.position();
    assert!(
        at.distance_m(line[1]) < 0.5,
        "stopped {} m from the end",
        at.distance_m(line[1])
    );
    assert!(!(1.0..=359.0).contains(&heading), "heading {heading}");
    assert!(top_speed > 30.0, "it drove ({top_speed} km/h)");
    assert_eq!((sim.state.gear, sim.state.speed_kmh), (Gear::Park, 0.0));
    // Shifted to D at the end, it stays in D (and stands).
    sim.state.gear = Gear::Drive;
    sim.advance(10.0);
    assert_eq!((sim.state.gear, sim.state.speed_kmh), (Gear::Drive, 0.0));

    let mut sim = car("hwfet");
    sim.route = Some(super::RouteFollower::new(line.clone(), true));
    sim.advance(600.0);
    assert_eq!(sim.state.gear, Gear::Drive, "a loop never parks");
    assert!(
        sim.state.trip_distance_km > 1.5,
        "it went round: {} km",
        sim.state.trip_distance_km
    );
}
