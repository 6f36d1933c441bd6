//! The UI keeps working while services die and come back: a real `opencabin ui` window in Xvfb,
//! the vehicle, media, navigation and phone services killed and restarted 20 times each; `ServiceAvailability` on
//! `org.opencabin.Shell1` must say so within 1 s each way, and the UI process never exits. And
//! when the bus itself restarts, the UI connects again and follows the services on the new one.

mod common;

use std::time::{Duration, Instant};

use common::{TestBus, Xvfb, wait_for};

const RESTARTS: usize = 20;
const LIMIT: Duration = Duration::from_secs(1);

/// Who reports availability: the IVI window (Shell1) or the driver's display (Cluster1).
#[derive(Clone, Copy, Debug)]
enum Display {
    Ivi,
    Cluster,
}

/// Whether `display` reports `service` as live.
fn available_on(bus: &TestBus, display: Display, service: &str) -> Option<bool> {
    let (name, path) = match display {
        Display::Ivi => ("org.opencabin.Shell1", "/org/opencabin/Shell1"),
        Display::Cluster => ("org.opencabin.Cluster1", "/org/opencabin/Cluster1"),
    };
    let value = bus.get_property(name, path, name, "ServiceAvailability")?;
    if value.contains(&format!(r#""{service}" true"#)) {
        Some(true)
    } else if value.contains(&format!(r#""{service}" false"#)) {
        Some(false)
    } else {
        None
    }
}

fn available(bus: &TestBus, service: &str) -> Option<bool> {
    available_on(bus, Display::Ivi, service)
}

/// How long until each of `displays` reports `service` as `live` (from one start).
fn times_until(bus: &TestBus, displays: &[Display], service: &str, live: bool) -> Vec<Duration> {
    let start = Instant::now();
    let mut times = vec![None; displays.len()];
    wait_for(
        Duration::from_secs(10),
        &format!("{service} live={live} on {displays:?}"),
        || {
            for (at, display) in displays.iter().enumerate() {
                if times[at].is_none() && available_on(bus, *display, service) == Some(live) {
                    times[at] = Some(start.elapsed());
                }
            }
            times.iter().all(Option::is_some).then_some(())
        },
    );
    times.into_iter().flatten().collect()
}

fn time_until(bus: &TestBus, service: &str, live: bool) -> Duration {
    times_until(bus, &[Display::Ivi], service, live)[0]
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "median {:?}, max {:?}",
        times[times.len() / 2],
        times[times.len() - 1]
    )
}

#[test]
fn the_ui_follows_services_dying_and_returning_twenty_times() {
    let bus = TestBus::start();
    let xvfb = Xvfb::start();
    let config = common::temp_dir("recovery-settings").join("settings.toml");
    let mut ui = xvfb.spawn_ui(&bus, &config, &[]);
    let mut cluster = xvfb.spawn_cluster(&bus, &config);
    wait_for(Duration::from_secs(30), "Shell1", || {
        available(&bus, "vehicle")
    });
    wait_for(Duration::from_secs(30), "Cluster1", || {
        available_on(&bus, Display::Cluster, "vehicle")
    });

    let places = common::temp_dir("recovery-places").join("places.toml");
    let places = places.to_str().unwrap();
    let services: [(&str, &[&str]); 4] = [
        ("vehicle", &["vehicle-service"]),
        ("media", &["media-service", "--play"]),
        ("navigation", &["navigation-service", "--places", places]),
        ("phone", &["phone-service"]),
    ];
    for (service, args) in services {
        // The cluster follows the vehicle and navigation (its ServiceAvailability's keys).
        let displays: &[Display] = if matches!(service, "vehicle" | "navigation") {
            &[Display::Ivi, Display::Cluster]
        } else {
            &[Display::Ivi]
        };
        let (mut gone, mut back) = (Vec::new(), Vec::new());
        let mut running = Some(bus.spawn(args));
        times_until(&bus, displays, service, true);
        for _ in 0..RESTARTS {
            drop(running.take()); // SIGTERM, then wait for the exit
            gone.extend(times_until(&bus, displays, service, false));
            running = Some(bus.spawn(args));
            back.extend(times_until(&bus, displays, service, true));
            assert!(!ui.has_exited(), "the UI must never exit");
            assert!(!cluster.has_exited(), "the cluster must never exit");
        }
        eprintln!(
            "{service} ({displays:?}): unavailable after {}; live again after {}",
            summary(&mut gone),
            summary(&mut back)
        );
        assert!(
            gone.iter().all(|t| *t <= LIMIT),
            "{service}: unavailable within 1 s each time: {gone:?}"
        );
        assert!(
            back.iter().all(|t| *t <= LIMIT),
            "{service}: live again within 1 s each time: {back:?}"
        );
    }
}

#[test]
fn the_ui_connects_again_when_the_bus_itself_restarts() {
    let socket = common::temp_dir("recovery-bus").join("bus");
    let xvfb = Xvfb::start();
    let config = common::temp_dir("recovery-bus-settings").join("settings.toml");
    let bus = TestBus::start_at(&socket);
    let mut ui = xvfb.spawn_ui(&bus, &config, &[]);
    let vehicle = bus.spawn(&["vehicle-service"]);
    time_until(&bus, "vehicle", true);

    drop(bus); // the daemon stops; every connection to it ends
    drop(vehicle);
    let bus = TestBus::start_at(&socket);
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let back = time_until(&bus, "vehicle", true);
    eprintln!("vehicle live again on the new bus after {back:?}");
    assert!(!ui.has_exited(), "the UI must never exit");
}
