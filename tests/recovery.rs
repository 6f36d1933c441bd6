//! The UI keeps working while services die and come back: a real `opencabin ui` window in Xvfb,
//! the vehicle and media services killed and restarted 20 times each; `ServiceAvailability` on
//! `org.opencabin.Shell1` must say so within 1 s each way, and the UI process never exits. And
//! when the bus itself restarts, the UI connects again and follows the services on the new one.

mod common;

use std::time::{Duration, Instant};

use common::{TestBus, Xvfb, wait_for};

const RESTARTS: usize = 20;
const LIMIT: Duration = Duration::from_secs(1);

/// Whether Shell1 reports `service` as live.
fn available(bus: &TestBus, service: &str) -> Option<bool> {
    let value = bus.get_property(
        "org.opencabin.Shell1",
        "/org/opencabin/Shell1",
        "org.opencabin.Shell1",
        "ServiceAvailability",
    )?;
    if value.contains(&format!(r#""{service}" true"#)) {
        Some(true)
    } else if value.contains(&format!(r#""{service}" false"#)) {
        Some(false)
    } else {
        None
    }
}

/// How long until Shell1 reports `service` as `live`.
fn time_until(bus: &TestBus, service: &str, live: bool) -> Duration {
    let start = Instant::now();
    wait_for(
        Duration::from_secs(10),
        &format!("{service} live={live}"),
        || (available(bus, service) == Some(live)).then_some(()),
    );
    start.elapsed()
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
    wait_for(Duration::from_secs(30), "Shell1", || {
        available(&bus, "vehicle")
    });

    let services: [(&str, &[&str]); 2] = [
        ("vehicle", &["vehicle-service"]),
        ("media", &["media-service", "--play"]),
    ];
    for (service, args) in services {
        let (mut gone, mut back) = (Vec::new(), Vec::new());
        let mut running = Some(bus.spawn(args));
        time_until(&bus, service, true);
        for _ in 0..RESTARTS {
            drop(running.take()); // SIGTERM, then wait for the exit
            gone.push(time_until(&bus, service, false));
            running = Some(bus.spawn(args));
            back.push(time_until(&bus, service, true));
            assert!(!ui.has_exited(), "the UI must never exit");
        }
        eprintln!(
            "{service}: unavailable after {}; live again after {}",
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
