//! Every service's D-Bus surface fuzzed on a private bus (#18): proptest draws sequences of raw
//! calls to every member the live introspection lists (methods with hostile arguments and wrong
//! signatures, property reads and writes, unknown members, paths and interfaces); every refusal
//! must carry a named error, and after every sequence the service answers and its invariants hold.
//! `OPENCABIN_FUZZ_CALLS` sets the calls per service (10,000 by default, the full run 100,000);
//! `OPENCABIN_FUZZ_SEED` replays a run.

#[path = "../common/mod.rs"]
mod common;
#[path = "../companion/fixture.rs"]
mod fixture;

mod call;
mod invariants;
mod run;
mod surface;
mod values;

use opencabin::contract::vehicle::limits;

use common::{TestBus, Xvfb, temp_dir, wait_for};
use invariants::Snapshot;
use run::{Target, fuzz};

fn calls_per_service() -> usize {
    std::env::var("OPENCABIN_FUZZ_CALLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Fuzzes `target`, prints the figures, and checks that every listed member was reached.
fn fuzz_and_report(bus: &TestBus, target: Target) {
    let report = fuzz(bus.address(), &target, calls_per_service());
    println!("{}\n{}", report.summary(target.service), report.examples());
    let missed: Vec<_> = report.listed.difference(&report.reached).collect();
    assert!(
        missed.is_empty(),
        "{}: members never reached: {missed:?}",
        target.service
    );
}

fn vehicle(s: &Snapshot) -> Vec<String> {
    let mut bad = s.non_finite();
    let climate = "org.opencabin.Vehicle1.Climate";
    let (lo, hi) = (
        *limits::TARGET_TEMPERATURE_C.start(),
        *limits::TARGET_TEMPERATURE_C.end(),
    );
    bad.extend(s.within(&format!("{climate}.DriverTargetTemperature"), lo, hi));
    bad.extend(s.within(&format!("{climate}.PassengerTargetTemperature"), lo, hi));
    bad.extend(s.within(
        &format!("{climate}.FanLevel"),
        0.0,
        *limits::FAN_LEVEL.end() as f64,
    ));
    bad.extend(s.within(
        &format!("{climate}.DriverSeatHeating"),
        0.0,
        *limits::SEAT_HEATING.end() as f64,
    ));
    bad.extend(s.within("org.opencabin.Vehicle1.Battery.StateOfCharge", 0.0, 100.0));
    let (lo, hi) = (
        *limits::CHARGE_LIMIT_PERCENT.start(),
        *limits::CHARGE_LIMIT_PERCENT.end(),
    );
    bad.extend(s.within("org.opencabin.Vehicle1.Battery.ChargeLimit", lo, hi));
    bad.extend(s.within("org.opencabin.Vehicle1.Drive.Speed", 0.0, 300.0));
    let (lo, hi) = (*limits::SPEED_FACTOR.start(), *limits::SPEED_FACTOR.end());
    bad.extend(s.within("org.opencabin.Vehicle1.Simulation.SpeedFactor", lo, hi));
    bad.extend(s.one_of(
        "org.opencabin.Vehicle1.Drive.SelectedGear",
        &["P", "R", "N", "D"],
    ));
    bad
}

fn media(s: &Snapshot) -> Vec<String> {
    let player = "org.mpris.MediaPlayer2.Player";
    let mut bad = s.non_finite();
    bad.extend(s.within(&format!("{player}.Volume"), 0.0, 1.0));
    bad.extend(s.within(&format!("{player}.Position"), 0.0, f64::MAX));
    bad.extend(s.within(&format!("{player}.Rate"), 0.0, 100.0));
    bad.extend(s.one_of(
        &format!("{player}.PlaybackStatus"),
        &["Playing", "Paused", "Stopped"],
    ));
    bad.extend(s.one_of(
        &format!("{player}.LoopStatus"),
        &["None", "Track", "Playlist"],
    ));
    bad
}

fn navigation(s: &Snapshot) -> Vec<String> {
    let mut bad = s.non_finite();
    bad.extend(s.within("org.opencabin.Navigation1.DistanceRemaining", 0.0, 1e7));
    bad.extend(s.within("org.opencabin.Navigation1.TimeRemaining", 0.0, 1e7));
    bad
}

/// At most one call is active (oFono's `GetCalls`: `a(oa{sv})`, each with its `State`).
fn phone(s: &Snapshot) -> Vec<String> {
    let mut bad = s.non_finite();
    let mut active = 0;
    for calls in s
        .values
        .get("org.ofono.VoiceCallManager.GetCalls()")
        .into_iter()
        .flatten()
    {
        invariants::visit(calls, &mut |v| {
            if let zbus::Variant::Str(state) = v {
                active += usize::from(state.as_str() == "active");
            }
        });
    }
    if active > 1 {
        bad.push(format!("{active} calls are active at once"));
    }
    bad
}

fn shell(s: &Snapshot) -> Vec<String> {
    let mut bad = s.non_finite();
    let pages = [
        "home",
        "navigation",
        "media",
        "phone",
        "vehicle",
        "climate",
        "settings",
    ];
    bad.extend(s.one_of("org.opencabin.Shell1.CurrentPage", &pages));
    bad.extend(s.one_of("org.opencabin.Shell1.Theme", &["day", "night", "auto"]));
    bad.extend(s.one_of("org.opencabin.Shell1.Language", &["en", "zh-CN"]));
    // No phone is paired and no driver's file exists: no hostile id activates anything.
    bad.extend(s.one_of("org.opencabin.Shell1.ActiveProfile", &["guest"]));
    bad
}

fn cluster(s: &Snapshot) -> Vec<String> {
    let mut bad = s.non_finite();
    bad.extend(s.one_of("org.opencabin.Cluster1.Theme", &["day", "night"]));
    bad
}

/// The pairing on offer is none or a 6-digit code with its URL; one phone was paired (by HTTP,
/// which the fuzzer does not speak), so at most that one remains, and no page is open.
fn companion(s: &Snapshot) -> Vec<String> {
    let mut bad = s.non_finite();
    let key = |name: &str| format!("org.opencabin.Companion1.{name}");
    let code = s.strings(&key("PairingCode"));
    let url = s.strings(&key("PairingUrl"));
    match (code.first(), url.first()) {
        (Some(code), Some(url)) => {
            let digits = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
            if !code.is_empty() && !digits {
                bad.push(format!("PairingCode {code:?} is not 6 digits"));
            }
            if code.is_empty() != url.is_empty() {
                bad.push(format!(
                    "PairingCode {code:?} and PairingUrl {url:?} disagree"
                ));
            }
        }
        _ => bad.push("PairingCode or PairingUrl is not readable".into()),
    }
    let phones = s.values.get(&key("PairedPhones")).and_then(|v| v.first());
    match phones.map(|v| &**v) {
        Some(zbus::Variant::Array(phones)) if phones.len() <= 1 => {}
        other => bad.push(format!(
            "PairedPhones should hold the one phone at most: {other:?}"
        )),
    }
    bad.extend(s.one_of(&key("ConnectedPhone"), &[""]));
    bad
}

#[test]
fn the_vehicle_service_survives_hostile_calls() {
    let bus = TestBus::start();
    let _vehicle = bus.spawn(&["vehicle-service"]);
    wait_for(std::time::Duration::from_secs(10), "the vehicle", || {
        bus.vehicle_speed()
    });
    let errors = &["org.opencabin.Vehicle1.Error."];
    fuzz_and_report(
        &bus,
        Target {
            service: "org.opencabin.Vehicle1",
            errors,
            invariants: vehicle,
        },
    );
}

#[test]
fn the_media_service_survives_hostile_calls() {
    let bus = TestBus::start();
    let _media = bus.media_service(&[]);
    let errors = &["org.opencabin.Media1.Error."];
    let service = "org.mpris.MediaPlayer2.opencabin";
    fuzz_and_report(
        &bus,
        Target {
            service,
            errors,
            invariants: media,
        },
    );
}

#[test]
fn the_navigation_service_survives_hostile_calls() {
    let bus = TestBus::start();
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let places = temp_dir("fuzz-places").join("places.toml");
    let _nav = bus.spawn(&["navigation-service", "--places", places.to_str().unwrap()]);
    let service = "org.opencabin.Navigation1";
    wait_for(std::time::Duration::from_secs(30), "navigation", || {
        bus.get_property(service, "/org/opencabin/Navigation1", service, "MapName")
    });
    let errors = &["org.opencabin.Navigation1.Error."];
    fuzz_and_report(
        &bus,
        Target {
            service,
            errors,
            invariants: navigation,
        },
    );
}

#[test]
fn the_phone_service_survives_hostile_calls() {
    let bus = TestBus::start();
    let _phone = bus.spawn(&["phone-service"]);
    wait_for(std::time::Duration::from_secs(10), "the phone", || {
        bus.gdbus_call("org.ofono", "/", "org.ofono.Manager.GetModems", &[])
            .ok()
    });
    fuzz_and_report(
        &bus,
        Target {
            service: "org.ofono",
            errors: &["org.ofono.Error."],
            invariants: phone,
        },
    );
}

#[test]
fn the_ivi_window_and_the_cluster_survive_hostile_calls() {
    let bus = TestBus::start();
    let xvfb = Xvfb::start();
    let config = temp_dir("fuzz-settings").join("settings.toml");
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let _ui = xvfb.spawn_ui(&bus, &config, &[]);
    let _cluster = xvfb.spawn_cluster(&bus, &config);
    for (name, path) in [
        ("org.opencabin.Shell1", "/org/opencabin/Shell1"),
        ("org.opencabin.Cluster1", "/org/opencabin/Cluster1"),
    ] {
        wait_for(std::time::Duration::from_secs(30), name, || {
            bus.get_property(name, path, name, "Theme")
        });
    }
    let errors = &["org.opencabin.Shell1.Error."];
    fuzz_and_report(
        &bus,
        Target {
            service: "org.opencabin.Shell1",
            errors,
            invariants: shell,
        },
    );
    fuzz_and_report(
        &bus,
        Target {
            service: "org.opencabin.Cluster1",
            errors,
            invariants: cluster,
        },
    );
}

#[test]
fn the_companion_survives_hostile_calls() {
    let car = fixture::Car::start(&temp_dir("fuzz-companion").join("companion.toml"));
    car.pair("Fuzzed phone");
    fuzz_and_report(
        &car.bus,
        Target {
            service: "org.opencabin.Companion1",
            errors: &["org.opencabin.Companion1.Error."],
            invariants: companion,
        },
    );
}
