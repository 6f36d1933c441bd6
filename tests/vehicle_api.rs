//! The whole `org.opencabin.Vehicle1` API through real clients (`busctl`, `gdbus`) on a private
//! bus: the committed introspection, VSS annotations, reads, writes, named errors, the driving
//! state, the energy model over a full cycle, and alerts.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{TestBus, wait_for};
use opencabin::process::ChildProcess;

const INTERFACES: &[&str] = &[
    "Drive",
    "Battery",
    "Climate",
    "Body",
    "Tires",
    "Alerts",
    "Location",
    "Simulation",
];
const COMMITTED_XML: &str = include_str!("../assets/dbus/org.opencabin.Vehicle1.xml");

fn vehicle(bus: &TestBus, args: &[&str]) -> ChildProcess {
    let mut all = vec!["vehicle-service"];
    all.extend_from_slice(args);
    let service = bus.spawn(&all);
    wait_for(Duration::from_secs(10), "the vehicle service", || {
        bus.vehicle_speed()
    });
    service
}

fn live_xml(bus: &TestBus) -> String {
    let output = bus.busctl(&[
        "introspect",
        "--xml-interface",
        "org.opencabin.Vehicle1",
        "/org/opencabin/Vehicle1",
    ]);
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_live_service_matches_the_committed_introspection() {
    let bus = TestBus::start();
    let _service = vehicle(&bus, &[]);
    let live = live_xml(&bus);
    if live != COMMITTED_XML {
        let path = std::env::temp_dir().join("org.opencabin.Vehicle1.xml");
        std::fs::write(&path, &live).unwrap();
        panic!(
            "the served API differs from assets/dbus/org.opencabin.Vehicle1.xml; if the change is \
             intended, copy {} over it",
            path.display()
        );
    }
    for interface in INTERFACES {
        assert!(
            live.contains(&format!(
                "<interface name=\"org.opencabin.Vehicle1.{interface}\">"
            )),
            "{interface}"
        );
    }
}

/// Every leaf path of the VSS catalogue.
fn vss_leaves() -> BTreeSet<String> {
    fn walk(
        node: &serde_json::Map<String, serde_json::Value>,
        prefix: &str,
        out: &mut BTreeSet<String>,
    ) {
        for (name, child) in node {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            match child.get("children").and_then(|c| c.as_object()) {
                Some(children) if child["type"] == "branch" => walk(children, &path, out),
                _ => {
                    out.insert(path);
                }
            }
        }
    }
    let catalogue: serde_json::Value =
        serde_json::from_str(include_str!("data/vss_release_6.0.json"))
            .expect("the VSS catalogue parses");
    let mut leaves = BTreeSet::new();
    walk(catalogue.as_object().unwrap(), "", &mut leaves);
    leaves
}

#[test]
fn every_vss_annotation_names_a_leaf_of_vss_6() {
    let leaves = vss_leaves();
    assert_eq!(leaves.len(), 1263, "the catalogue has 1263 leaves");
    let annotated: Vec<&str> = COMMITTED_XML
        .split("<annotation name=\"org.opencabin.Vss\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(
        annotated.len(),
        opencabin::contract::vehicle::vss::annotated_count(),
        "every mapped property is annotated"
    );
    for path in annotated {
        assert!(leaves.contains(path), "{path} is not a VSS 6.0 leaf");
    }
}

#[test]
fn every_interface_reads_and_a_target_temperature_reads_back() {
    let bus = TestBus::start();
    let _service = vehicle(&bus, &[]);
    for interface in INTERFACES {
        let output = bus.busctl(&[
            "call",
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            "org.freedesktop.DBus.Properties",
            "GetAll",
            "s",
            &format!("org.opencabin.Vehicle1.{interface}"),
        ]);
        assert!(output.status.success(), "GetAll {interface}");
        let text = String::from_utf8_lossy(&output.stdout);
        let count: usize = text.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(count >= 1, "{interface} has properties: {text}");
    }
    let set = bus.busctl(&[
        "set-property",
        "org.opencabin.Vehicle1",
        "/org/opencabin/Vehicle1",
        "org.opencabin.Vehicle1.Climate",
        "DriverTargetTemperature",
        "d",
        "23.5",
    ]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert_eq!(
        bus.vehicle_property("Climate", "DriverTargetTemperature"),
        "d 23.5"
    );
}

/// Sets a property with gdbus, expecting the named error; checks the value did not change.
fn refused_set(
    bus: &TestBus,
    interface: &str,
    property: &str,
    value: &str,
    error: &str,
    message: &str,
) {
    let before = bus.vehicle_property(interface, property);
    let answer = bus.gdbus_vehicle(
        "org.freedesktop.DBus.Properties.Set",
        &[
            &format!("org.opencabin.Vehicle1.{interface}"),
            property,
            &format!("<{value}>"),
        ],
    );
    let err = answer.expect_err(&format!("{property} = {value} must be refused"));
    assert!(
        err.contains(&format!("org.opencabin.Vehicle1.Error.{error}")),
        "{property}={value}: {err}"
    );
    assert!(
        err.contains(message),
        "{property}={value}: expected '{message}' in {err}"
    );
    assert_eq!(
        bus.vehicle_property(interface, property),
        before,
        "{property} unchanged"
    );
}

fn refused_call(bus: &TestBus, method: &str, args: &[&str], error: &str, message: &str) {
    let answer = bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.{method}"), args);
    let err = answer.expect_err(&format!("{method} {args:?} must be refused"));
    assert!(
        err.contains(&format!("org.opencabin.Vehicle1.Error.{error}")),
        "{method}: {err}"
    );
    assert!(
        err.contains(message),
        "{method}: expected '{message}' in {err}"
    );
}

#[test]
fn bad_input_gets_a_named_error_and_changes_nothing() {
    let bus = TestBus::start();
    let _service = vehicle(&bus, &[]);
    let temperature = "allowed: 16 to 28 °C in steps of 0.5";
    refused_set(
        &bus,
        "Climate",
        "DriverTargetTemperature",
        "30.0",
        "OutOfRange",
        temperature,
    );
    refused_set(
        &bus,
        "Climate",
        "DriverTargetTemperature",
        "21.3",
        "InvalidValue",
        temperature,
    );
    refused_set(
        &bus,
        "Climate",
        "PassengerTargetTemperature",
        "nan",
        "InvalidValue",
        "is not a finite number",
    );
    refused_set(
        &bus,
        "Climate",
        "DriverTargetTemperature",
        "inf",
        "InvalidValue",
        "is not a finite number",
    );
    refused_set(
        &bus,
        "Climate",
        "FanLevel",
        "byte 9",
        "OutOfRange",
        "FanLevel: 9 is out of range; allowed: 0 to 7",
    );
    refused_set(
        &bus,
        "Climate",
        "DriverSeatHeating",
        "byte 4",
        "OutOfRange",
        "allowed: 0 to 3",
    );
    refused_set(
        &bus,
        "Battery",
        "ChargeLimit",
        "byte 40",
        "OutOfRange",
        "ChargeLimit: 40 is out of range; allowed: 50 to 100 %",
    );
    refused_set(
        &bus,
        "Body",
        "Headlights",
        "'disco'",
        "UnknownName",
        r#"allowed: "off", "auto", "low", "high""#,
    );
    refused_call(
        &bus,
        "Simulation.SetGear",
        &["X"],
        "UnknownName",
        r#"gear: "X" is not known; allowed: "P", "R", "N", "D""#,
    );
    refused_call(
        &bus,
        "Simulation.SetDoor",
        &["sunroof", "true"],
        "UnknownName",
        "door: \"sunroof\" is not known",
    );
    refused_call(
        &bus,
        "Simulation.DeflateTire",
        &["spare", "100.0"],
        "UnknownName",
        "tire: \"spare\"",
    );
    refused_call(
        &bus,
        "Simulation.LoadCycle",
        &["nurburgring"],
        "UnknownName",
        r#"allowed: "udds", "hwfet""#,
    );
    refused_call(
        &bus,
        "Simulation.RunScenario",
        &["alien-invasion"],
        "UnknownName",
        "\"cold-morning\"",
    );
    refused_call(
        &bus,
        "Simulation.SetStateOfCharge",
        &["120.0"],
        "OutOfRange",
        "percent: 120 is out of range",
    );
    refused_call(
        &bus,
        "Simulation.StartCharging",
        &["50.0"],
        "NotAllowed",
        "shift to P first",
    );

    // While moving: unlocking, child lock off and P are refused.
    bus.gdbus_vehicle(
        "org.opencabin.Vehicle1.Simulation.SetManualSpeed",
        &["40.0"],
    )
    .unwrap();
    wait_for(Duration::from_secs(10), "the car to move", || {
        (bus.vehicle_number("Drive", "Speed") > 5.0).then_some(())
    });
    refused_set(
        &bus,
        "Body",
        "Locked",
        "false",
        "NotAllowedWhileMoving",
        "allowed when standing still",
    );
    refused_call(
        &bus,
        "Simulation.SetGear",
        &["P"],
        "NotAllowedWhileMoving",
        "gear P is not allowed while the car moves",
    );
}

#[test]
fn the_driving_state_follows_the_cycle_and_the_gear() {
    let bus = TestBus::start();
    // UDDS starts with 20 s standing; at 20x that is one second.
    let _service = vehicle(&bus, &["--speed-factor", "20"]);
    let mut states = Vec::new();
    wait_for(Duration::from_secs(10), "idling, then moving", || {
        let state = bus.vehicle_property("Drive", "DrivingState");
        if states.last() != Some(&state) {
            states.push(state);
        }
        states
            .ends_with(&[r#"s "moving""#.to_string()])
            .then_some(())
    });
    assert_eq!(
        states.first().map(String::as_str),
        Some(r#"s "idling""#),
        "{states:?}"
    );
    assert_eq!(bus.vehicle_property("Drive", "IsMoving"), "b true");

    bus.gdbus_vehicle("org.opencabin.Vehicle1.Simulation.SetManualSpeed", &["0.0"])
        .unwrap();
    wait_for(Duration::from_secs(10), "the car to stop", || {
        (bus.vehicle_property("Drive", "DrivingState") == r#"s "idling""#).then_some(())
    });
    bus.gdbus_vehicle("org.opencabin.Vehicle1.Simulation.SetGear", &["P"])
        .unwrap();
    wait_for(Duration::from_secs(5), "parked", || {
        (bus.vehicle_property("Drive", "DrivingState") == r#"s "parked""#).then_some(())
    });
    assert_eq!(bus.vehicle_property("Drive", "SelectedGear"), r#"s "P""#);
}

#[test]
fn a_full_udds_cycle_drains_the_battery_as_the_model_predicts() {
    let bus = TestBus::start();
    // 100x at 20 Hz: 5 simulated seconds a tick, the 1369 s cycle in under 14 s.
    let _service = vehicle(&bus, &["--speed-factor", "100", "--seed", "3"]);
    let call = |method: &str, args: &[&str]| {
        bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.{method}"), args)
            .unwrap();
    };
    call("Simulation.Pause", &[]);
    call("Simulation.SetStateOfCharge", &["80.0"]);
    call("Simulation.LoadCycle", &["udds"]);
    call("Drive.ResetTrip", &[]);
    call("Simulation.Resume", &[]);
    wait_for(Duration::from_secs(40), "one full UDDS cycle", || {
        (bus.vehicle_number("Drive", "TripDistance") >= 11_900.0).then_some(())
    });
    call("Simulation.Pause", &[]);
    let distance_km = bus.vehicle_number("Drive", "TripDistance") / 1000.0;
    let used_percent = 80.0 - bus.vehicle_number("Battery", "StateOfCharge");

    // The model, run offline over the same distance, predicts the drop.
    let mut model = opencabin::vehicle::physics::Simulation::new(
        opencabin::vehicle::DriveCycle::load("udds").unwrap(),
        3,
    );
    let capacity = model.params.battery_capacity_kwh;
    model.state.battery_energy_kwh = 0.8 * capacity;
    while model.state.trip_distance_km < distance_km {
        model.advance(5.0);
    }
    let predicted_percent = 80.0 - model.state.state_of_charge_percent(&model.params);
    eprintln!(
        "UDDS: {distance_km:.2} km used {used_percent:.2} % (model {predicted_percent:.2} %)"
    );
    // Tolerance: 3 % of the drop plus the 0.1 % display resolution.
    assert!(
        (used_percent - predicted_percent).abs() <= 0.03 * predicted_percent + 0.1,
        "service used {used_percent:.2} %, model predicts {predicted_percent:.2} %"
    );
    assert!(
        (1.5..2.5).contains(&used_percent),
        "about 1.3 kWh of 75 kWh: {used_percent:.2} %"
    );
}

#[test]
fn alerts_are_raised_and_cleared_as_signals() {
    let bus = TestBus::start();
    let _service = vehicle(&bus, &[]);
    let monitor = bus.monitor("org.opencabin.Vehicle1");
    let lines = &monitor.lines;

    bus.gdbus_vehicle(
        "org.opencabin.Vehicle1.Simulation.RunScenario",
        &["low-battery"],
    )
    .unwrap();
    wait_for(Duration::from_secs(5), "AlertRaised battery-low", || {
        lines.try_iter().find(|l| {
            l.contains("Alerts.AlertRaised")
                && l.contains("'battery-low', 'warning', 'alert.battery-low'")
        })
    });
    let active = bus.vehicle_property("Alerts", "ActiveAlerts");
    assert!(
        active.starts_with(r#"a(sssx) 1 "battery-low" "warning" "alert.battery-low" "#),
        "{active}"
    );

    bus.gdbus_vehicle(
        "org.opencabin.Vehicle1.Simulation.SetStateOfCharge",
        &["80.0"],
    )
    .unwrap();
    wait_for(Duration::from_secs(5), "AlertCleared battery-low", || {
        lines
            .try_iter()
            .find(|l| l.contains("Alerts.AlertCleared") && l.contains("'battery-low'"))
    });
    assert_eq!(bus.vehicle_property("Alerts", "ActiveAlerts"), "a(sssx) 0");
}

/// The first `count` speeds a `gdbus monitor` sees the service publish once the car moves.
fn published_speeds(seed: &str, count: usize) -> Vec<String> {
    let bus = TestBus::start();
    // Subscribed (`monitor` waits for it) before the service starts, so its first publication
    // is seen too.
    let monitor = bus.monitor("org.opencabin.Vehicle1");
    let _service = bus.spawn(&["vehicle-service", "--speed-factor", "50", "--seed", seed]);
    monitor
        .lines
        .iter()
        .filter(|line| {
            line.contains("'org.opencabin.Vehicle1.Drive'") && line.contains("'Speed': <")
        })
        .map(|line| {
            line.split("'Speed': <")
                .nth(1)
                .unwrap()
                .split('>')
                .next()
                .unwrap()
                .to_string()
        })
        // The monitor may miss the very first publication while it resolves the new owner.
        .skip_while(|speed| speed == "0.0")
        .take(count)
        .collect()
}

#[test]
fn the_same_seed_and_speed_factor_give_the_same_sequence() {
    let first = published_speeds("42", 40);
    let second = published_speeds("42", 40);
    assert_eq!(first.len(), 40);
    assert_eq!(first, second);
    assert!(
        first.iter().collect::<BTreeSet<_>>().len() > 20,
        "the speed changes: {first:?}"
    );
}

#[test]
fn the_lamps_brake_and_belt_follow_the_simulation_and_the_gear() {
    let bus = TestBus::start();
    let _service = vehicle(&bus, &["--speed-factor", "20"]);
    let call = |method: &str, args: &[&str]| {
        bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.Simulation.{method}"), args)
    };
    let reads = |property: &str, value: &str| {
        wait_for(
            Duration::from_secs(5),
            &format!("{property} = {value}"),
            || (bus.vehicle_property("Body", property) == value).then_some(()),
        );
    };
    // The car starts in D with the headlights on "auto": the low beam on, no brake.
    reads("LowBeamOn", "b true");
    reads("HighBeamOn", "b false");
    reads("ParkingBrakeEngaged", "b false");
    reads("DriverSeatBelted", "b true");

    call("SetIndicator", &["left"]).unwrap();
    reads("LeftIndicatorSignaling", "b true");
    reads("RightIndicatorSignaling", "b false");
    call("SetHazard", &["true"]).unwrap();
    reads("RightIndicatorSignaling", "b true");
    reads("HazardSignaling", "b true");
    call("SetHazard", &["false"]).unwrap();
    call("SetIndicator", &["off"]).unwrap();
    reads("LeftIndicatorSignaling", "b false");
    reads("RightIndicatorSignaling", "b false");
    let refused = call("SetIndicator", &["up"]).unwrap_err();
    assert!(
        refused.contains("org.opencabin.Vehicle1.Error.UnknownName") && refused.contains("left"),
        "{refused}"
    );

    bus.busctl(&[
        "set-property",
        "org.opencabin.Vehicle1",
        "/org/opencabin/Vehicle1",
        "org.opencabin.Vehicle1.Body",
        "Headlights",
        "s",
        "high",
    ]);
    reads("HighBeamOn", "b true");
    call("SetSeatBelt", &["false"]).unwrap();
    reads("DriverSeatBelted", "b false");

    // Parking applies the brake; it cannot be applied while moving.
    wait_for(Duration::from_secs(10), "moving", || {
        (bus.vehicle_property("Drive", "IsMoving") == "b true").then_some(())
    });
    let refused = call("SetParkingBrake", &["true"]).unwrap_err();
    assert!(refused.contains("NotAllowedWhileMoving"), "{refused}");
    assert_eq!(
        bus.vehicle_property("Body", "ParkingBrakeEngaged"),
        "b false"
    );
    call("SetManualSpeed", &["0.0"]).unwrap();
    wait_for(Duration::from_secs(10), "the car to stop", || {
        (bus.vehicle_property("Drive", "IsMoving") == "b false").then_some(())
    });
    call("SetGear", &["P"]).unwrap();
    reads("ParkingBrakeEngaged", "b true");
    call("SetParkingBrake", &["false"]).unwrap();
    reads("ParkingBrakeEngaged", "b false");
}
