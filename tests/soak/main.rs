//! A soak (#18): every process on one private bus — the vehicle at 100 Hz driving UDDS along a
//! route, the media player playing, calls coming and going, the IVI window and the cluster in
//! Xvfb drawing what changes — for `OPENCABIN_SOAK_SECS` (60 by default; an hour in the full
//! run). It reports each process's memory after the warm-up and at the end, and its CPU; the
//! scenario's expectations must all be met (calls ring and end, the route is guided); no process
//! may die; and after the car is paused the IVI window shows the speed the service last sent.
//! A paired phone's companion page holds its live socket open throughout and must end on the
//! service's last charge and cabin temperature.

#[path = "../common/mod.rs"]
mod common;
#[path = "../companion/fixture.rs"]
mod fixture;
mod phone_page;
#[path = "../companion/socket.rs"]
mod socket;
#[path = "../bus_load/usage.rs"]
mod usage;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::{TestBus, Xvfb, temp_dir, wait_for};
use fixture::Car;
use opencabin::process::ChildProcess;
use phone_page::PhonePage;

/// Most a process's resident memory may grow between the warm-up and the end.
const GROWTH_LIMIT_MIB: f64 = 8.0;

fn soak_seconds() -> u64 {
    std::env::var("OPENCABIN_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

/// Where the soak drives, one after the other: a new destination every 90 s, so that the car
/// is on a route for the whole run instead of standing at the first one.
const DESTINATIONS: [&str; 3] = ["Eteläranta", "Lönnrotinkatu", "Mannerheimintie"];

/// The scenario the soak plays: drive UDDS along a route to each destination in turn, and a
/// call every 12 s that rings and is hung up by the caller, each checked.
fn scenario(seconds: u64) -> String {
    let mut toml = String::from(
        "title = \"Soak\"\ndescription = \"Everything at once, for a while.\"\n\n\
         [[step]]\nat = 0\ncall = \"LoadCycle\"\nargs = [\"udds\"]\n\n",
    );
    for (n, at) in (1..seconds.saturating_sub(5)).step_by(90).enumerate() {
        let _ = write!(
            toml,
            "[[step]]\nat = {at}\ncall = \"SetGear\"\nargs = [\"D\"]\n\n\
             [[step]]\nat = {at}\ncall = \"Navigate\"\nargs = [\"{}\"]\n\n\
             [[expect]]\nat = {}\nnavigation = \"guiding\"\n\n",
            DESTINATIONS[n % DESTINATIONS.len()],
            at + 2
        );
    }
    for at in (5..seconds.saturating_sub(10)).step_by(12) {
        let _ = write!(
            toml,
            "[[step]]\nat = {at}\ncall = \"IncomingCall\"\nargs = [\"+358 40 123 4567\"]\n\n\
             [[step]]\nat = {}\ncall = \"CallerHangsUp\"\nargs = [4]\n\n\
             [[expect]]\nat = {}\nphone = \"ringing\"\n\n\
             [[expect]]\nat = {}\nphone = \"idle\"\n\n",
            at + 1,
            at + 2,
            at + 8
        );
    }
    let _ = write!(toml, "[[step]]\nat = {seconds}\ncall = \"Pause\"\n");
    toml
}

/// The pixels of the home page's speed figure in a 1280x720 PNG of the IVI window.
fn speed_figure(file: &std::path::Path) -> Vec<[u8; 3]> {
    common::crop(file, 880..1000, 125..205)
}

/// The dbus-daemon's pid, as the bus itself says.
fn daemon_pid(bus: &TestBus) -> u32 {
    let out = bus.busctl(&[
        "call",
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "GetConnectionUnixProcessID",
        "s",
        "org.freedesktop.DBus",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .strip_prefix("u ")
        .and_then(|n| n.parse().ok())
        .expect("the daemon's pid")
}

/// A double property of the vehicle, to the last bit (gdbus prints it whole).
fn vehicle_double(bus: &TestBus, interface: &str, property: &str) -> f64 {
    let interface = format!("org.opencabin.Vehicle1.{interface}");
    let reply = bus
        .gdbus_vehicle(
            "org.freedesktop.DBus.Properties.Get",
            &[&interface, property],
        )
        .expect("the property reads");
    let number = reply
        .trim()
        .trim_start_matches("(<")
        .trim_end_matches(">,)");
    number
        .parse()
        .unwrap_or_else(|_| panic!("a number: {reply}"))
}

/// The car stands paused: the phone page's last state must be the service's present one.
fn phone_page_ends_on_the_last_state(bus: &TestBus, page: &PhonePage) {
    wait_for(
        Duration::from_secs(5),
        "the phone page's last state",
        || {
            let state = page.latest()?;
            let charge = vehicle_double(bus, "Battery", "StateOfCharge");
            let cabin = vehicle_double(bus, "Climate", "CabinTemperature");
            (state["charge"].as_f64() == Some(charge)
                && state["cabin_temperature"].as_f64() == Some(cabin))
            .then_some(())
        },
    );
}

#[test]
fn every_process_runs_on_without_growing_or_losing_the_last_update() {
    let seconds = soak_seconds();
    let mut car = Car::start_at_rate(&temp_dir("soak-companion").join("companion.toml"), 100);
    let (token, _) = car.pair("Soak phone");
    let page = PhonePage::open(car.port, car.origin(), token);
    let bus = &car.bus;
    let xvfb = Xvfb::start();
    let config = temp_dir("soak-settings").join("settings.toml");
    let places = temp_dir("soak-places").join("places.toml");
    let mut processes: Vec<(&str, ChildProcess)> = vec![
        ("media", bus.media_service(&["--play"])),
        (
            "navigation",
            bus.spawn(&["navigation-service", "--places", places.to_str().unwrap()]),
        ),
        ("phone", bus.spawn(&["phone-service"])),
        ("ui", xvfb.spawn_ui(bus, &config, &["--size", "1280x720"])),
        ("cluster", xvfb.spawn_cluster(bus, &config)),
    ];
    let shell = (
        "org.opencabin.Shell1",
        "/org/opencabin/Shell1",
        "org.opencabin.Shell1",
    );
    wait_for(
        Duration::from_secs(30),
        "the IVI window with every service",
        || {
            let live = bus.get_property(shell.0, shell.1, shell.2, "ServiceAvailability")?;
            (live.starts_with("a{sb} 4 ") && !live.contains("false")).then_some(())
        },
    );
    let themed = bus.busctl(&[
        "set-property",
        shell.0,
        shell.1,
        shell.2,
        "Theme",
        "s",
        "night",
    ]);
    assert!(themed.status.success(), "the theme is set");
    let daemon = daemon_pid(bus);

    let file = temp_dir("soak-scenario").join("soak.toml");
    std::fs::write(&file, scenario(seconds)).unwrap();
    let started = Instant::now();
    let mut player = bus.spawn(&["scenario", "play", file.to_str().unwrap()]);
    let warm_up = Duration::from_secs((seconds / 6).clamp(10, 300));
    wait_for(warm_up * 2, "the warm-up", || {
        (started.elapsed() >= warm_up).then_some(())
    });
    let mut pids: Vec<(&str, u32)> = processes.iter().map(|(name, p)| (*name, p.pid())).collect();
    pids.push(("vehicle", car.vehicle.pid()));
    let companion = car.companion.as_ref().expect("the companion runs");
    pids.push(("companion", companion.pid()));
    pids.push(("dbus-daemon", daemon));
    let early: Vec<f64> = pids
        .iter()
        .map(|(_, pid)| usage::memory_mib(*pid, "VmRSS"))
        .collect();
    let cpu: Vec<usage::Usage> = pids
        .iter()
        .map(|(_, pid)| usage::Usage::now(*pid))
        .collect();

    // Each process's RSS twelve times over the run, to tell a leak from a plateau.
    let every = Duration::from_secs((seconds / 12).max(5));
    let mut samples: Vec<Vec<f64>> = vec![early.clone()];
    let mut next_sample = Instant::now() + every;
    let played = wait_for(
        Duration::from_secs(seconds + 60),
        "the scenario to end",
        || {
            if Instant::now() >= next_sample {
                let rss = pids.iter().map(|(_, pid)| usage::memory_mib(*pid, "VmRSS"));
                samples.push(rss.collect());
                next_sample += every;
            }
            player.exit_status()
        },
    );
    assert!(
        played.success(),
        "every expectation of the soak's scenario was met: {played}"
    );
    let mut report = format!("soak of {seconds} s (warm-up {} s):\n", warm_up.as_secs());
    for (((name, pid), before), cpu) in pids.iter().zip(&early).zip(&cpu) {
        let now = usage::memory_mib(*pid, "VmRSS");
        let peak = usage::memory_mib(*pid, "VmHWM");
        let _ = writeln!(
            report,
            "  {name:<12} RSS {before:6.1} -> {now:6.1} MiB ({:+.1}), peak {peak:.1} MiB, CPU {:.1} %",
            now - before,
            cpu.percent_since()
        );
        assert!(
            now - before <= GROWTH_LIMIT_MIB,
            "{name} grew {:.1} MiB\n{report}",
            now - before
        );
    }
    for (n, (name, _)) in pids.iter().enumerate() {
        let series: Vec<String> = samples.iter().map(|row| format!("{:.1}", row[n])).collect();
        let _ = writeln!(
            report,
            "  {name:<12} RSS every {every:?}: {}",
            series.join(" ")
        );
    }
    println!("{report}");
    for (name, process) in &mut processes {
        assert!(!process.has_exited(), "{name} is still running");
    }
    assert!(
        !car.vehicle.has_exited(),
        "the vehicle service is still running"
    );
    let companion = car.companion.as_mut().expect("the companion runs");
    assert!(!companion.has_exited(), "the companion is still running");
    phone_page_ends_on_the_last_state(bus, &page);
    println!("the phone page was pushed {} states", page.pushed());
    page.close();

    // The car stands paused; the IVI window must show the speed the service sent last, as a
    // screenshot drawn from the service's present state shows it.
    let dir = temp_dir("soak-shots");
    let expected = dir.join("expected.png");
    let rendered = common::run_opencabin(&[
        "--bus",
        bus.address(),
        "--config",
        config.to_str().unwrap(),
        "screenshot",
        "--page",
        "home",
        "--size",
        "1280x720",
        "--out",
        expected.to_str().unwrap(),
    ]);
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let shown = dir.join("shown.png");
    wait_for(
        Duration::from_secs(5),
        "the IVI window to show the last speed",
        || {
            let saved = bus.busctl(&[
                "call",
                shell.0,
                shell.1,
                shell.2,
                "SaveScreenshot",
                "s",
                shown.to_str().unwrap(),
            ]);
            (saved.status.success() && speed_figure(&shown) == speed_figure(&expected))
                .then_some(())
        },
    );
}
