//! The vehicle service as a D-Bus client sees it, through the real `busctl` on a private bus.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::{TestBus, run_opencabin, temp_dir, wait_for};

#[test]
fn speed_is_readable_and_follows_the_drive_cycle() {
    let bus = TestBus::start();
    let _service = bus.spawn(&["vehicle-service", "--speed-factor", "20"]);
    let first = wait_for(Duration::from_secs(10), "Speed on the bus", || {
        bus.vehicle_speed()
    });
    assert!(
        (0.0..=91.3).contains(&first),
        "UDDS speeds are 0 to 91.2 km/h, got {first}"
    );

    // 3 s at 20x is a minute of the city cycle: the car pulls away and changes speed many times.
    let mut seen = BTreeSet::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        let speed = bus.vehicle_speed().expect("Speed stays readable");
        assert!(
            (0.0..=91.3).contains(&speed),
            "speed {speed} outside the UDDS range"
        );
        assert_eq!(
            speed,
            (speed * 10.0).round() / 10.0,
            "speed is published in tenths of km/h"
        );
        seen.insert((speed * 10.0) as i64);
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        seen.len() >= 5,
        "speed should change over time, saw {seen:?}"
    );
    assert!(
        seen.iter().any(|&tenths| tenths > 200),
        "the car should exceed 20 km/h, saw {seen:?}"
    );
}

#[test]
fn a_bad_cycle_file_is_refused_naming_file_and_line() {
    let dir = temp_dir("bad-cycle");
    let file = dir.join("cycle.csv");
    std::fs::write(&file, "cycSecs,cycMps\n0,0\n1,fast\n").unwrap();
    let output = run_opencabin(&["vehicle-service", "--cycle", file.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "opencabin: drive cycle {}, line 3: expected two numbers, found '1,fast'",
            file.display()
        )
    );
}

#[test]
fn an_out_of_range_speed_factor_is_refused() {
    let output = run_opencabin(&["vehicle-service", "--speed-factor", "1000"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("from 0.1 to 100"), "{stderr}");
}
