//! Scenarios: every built-in one played by `opencabin scenario play` against a real vehicle,
//! navigation and phone service on its own private bus meets all its expectations; a broken file is refused with
//! its line, by `scenario check` and by `sim --scenario` before anything starts.

mod common;

use std::time::{Duration, Instant};

use common::{TestBus, run_opencabin, temp_dir};

#[test]
fn every_built_in_scenario_meets_its_expectations_against_the_real_service() {
    let list = run_opencabin(&["scenario", "list"]);
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let names: Vec<String> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    for wanted in [
        "cold-morning-commute",
        "highway-low-battery",
        "door-left-open",
        "puncture",
        "charging-stop",
        "drive-to-destination",
        "call-while-driving",
    ] {
        assert!(names.iter().any(|n| n == wanted), "{wanted} in {list}");
    }
    // Each on its own bus and service, all at once: the longest takes about 45 s.
    let started = Instant::now();
    let runs: Vec<_> = names
        .into_iter()
        .map(|name| {
            std::thread::spawn(move || {
                let bus = TestBus::start();
                let places = temp_dir(&format!("scenario-{name}")).join("places.toml");
                let _vehicle = bus.spawn(&["vehicle-service"]);
                let _navigation =
                    bus.spawn(&["navigation-service", "--places", places.to_str().unwrap()]);
                let _phone = bus.spawn(&["phone-service"]);
                let output = common::opencabin()
                    .args(["--bus", bus.address(), "scenario", "play", &name])
                    .output()
                    .unwrap();
                (name, output)
            })
        })
        .collect();
    for run in runs {
        let (name, output) = run.join().unwrap();
        let log = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{name}:\n{log}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let checks = log.lines().filter(|l| l.contains(" ok ")).count();
        assert!(checks >= 2, "{name}: its checks ran:\n{log}");
        assert!(
            !log.contains("FAIL") && !log.contains("refused"),
            "{name}:\n{log}"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn a_scenario_whose_alert_never_comes_fails() {
    let file = temp_dir("scenario-unmet").join("unmet.toml");
    std::fs::write(
        &file,
        "title = \"A door that never opens\"\n\
         [[step]]\nat = 0\ncall = \"SetManualSpeed\"\nargs = [0]\n\
         [[expect]]\nat = 0\nalert = \"door-open-while-moving\"\n",
    )
    .unwrap();
    let bus = TestBus::start();
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let output = common::opencabin()
        .args(["--bus", bus.address(), "scenario", "play"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("FAIL door-open-while-moving active"));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("1 of 1 expectations not met"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_broken_file_is_refused_with_its_line_before_anything_starts() {
    let file = temp_dir("scenario-broken").join("broken.toml");
    std::fs::write(
        &file,
        "title = \"Broken\"\n\n[[step]]\nat = 1\ncall = \"SetDoor\"\nargs = [\"sunroof\"]\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let check = run_opencabin(&["scenario", "check", path]);
    let message = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success());
    assert!(
        message.contains(&format!("{path}:6: SetDoor takes 2 argument(s)")),
        "{message}"
    );

    // `sim` refuses it at once: no bus, no services, no window (there is no display here).
    let started = Instant::now();
    let sim = common::opencabin()
        .args(["sim", "--scenario", path])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let message = String::from_utf8_lossy(&sim.stderr);
    assert_eq!(sim.status.code(), Some(2), "{message}");
    assert!(message.contains(&format!("{path}:6:")), "{message}");
    assert!(started.elapsed() < Duration::from_secs(5));

    let unknown = run_opencabin(&["scenario", "check", "monsoon"]);
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("built in: cold-morning-commute"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
}
