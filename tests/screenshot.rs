//! `opencabin screenshot`: the PNG has the asked size and shows the live or unavailable state;
//! bad arguments give one line and a non-zero exit.

mod common;

use std::time::Duration;

use common::{TestBus, count_colour, read_png, run_opencabin, temp_dir, wait_for};

/// The night palette's colours of the status dots (ui/theme.slint).
const LIVE_GREEN: [u8; 3] = [0x35, 0xc4, 0x6a];
const UNAVAILABLE_AMBER: [u8; 3] = [0xe0, 0xa0, 0x30];

#[test]
fn without_services_the_page_shows_them_unavailable() {
    let bus = TestBus::start();
    let out = temp_dir("shot-empty").join("home.png");
    let output = run_opencabin(&[
        "--bus",
        bus.address(),
        "screenshot",
        "--size",
        "800x480",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (width, height, pixels) = read_png(&out);
    assert_eq!((width, height), (800, 480));
    let colours: std::collections::HashSet<_> = pixels.iter().collect();
    assert!(
        colours.len() > 20,
        "the image should not be blank: {} colours",
        colours.len()
    );
    assert!(
        count_colour(&pixels, UNAVAILABLE_AMBER, 8) > 40,
        "amber dots and notice expected"
    );
    assert_eq!(
        count_colour(&pixels, LIVE_GREEN, 8),
        0,
        "nothing may look live"
    );
}

#[test]
fn with_services_on_the_bus_the_page_shows_live_data() {
    let bus = TestBus::start();
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let _media = bus.spawn(&["media-service"]);
    let places = temp_dir("shot-live-places").join("places.toml");
    let _navigation = bus.spawn(&["navigation-service", "--places", places.to_str().unwrap()]);
    wait_for(Duration::from_secs(10), "the navigation service", || {
        bus.get_property(
            "org.opencabin.Navigation1",
            "/org/opencabin/Navigation1",
            "org.opencabin.Navigation1",
            "MapName",
        )
    });
    wait_for(Duration::from_secs(10), "the vehicle service", || {
        bus.vehicle_speed()
    });
    wait_for(Duration::from_secs(10), "the media service", || {
        bus.get_property(
            "org.mpris.MediaPlayer2.opencabin",
            "/org/mpris/MediaPlayer2",
            "org.mpris.MediaPlayer2",
            "Identity",
        )
    });
    let out = temp_dir("shot-live").join("home.png");
    let output = run_opencabin(&[
        "--bus",
        bus.address(),
        "screenshot",
        "--size",
        "1920x720",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (width, height, pixels) = read_png(&out);
    assert_eq!((width, height), (1920, 720));
    assert!(
        count_colour(&pixels, LIVE_GREEN, 8) > 50,
        "both status dots should be green"
    );
    assert_eq!(
        count_colour(&pixels, UNAVAILABLE_AMBER, 8),
        0,
        "nothing may look unavailable"
    );
}

/// Runs a screenshot that must fail; returns its single stderr line.
fn refused(args: &[&str]) -> String {
    let output = run_opencabin(args);
    assert!(!output.status.success(), "{args:?} should fail");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line expected, got: {stderr}"
    );
    stderr
}

#[test]
fn bad_arguments_get_one_line_and_a_non_zero_exit() {
    let dir = temp_dir("shot-bad");
    let out = dir.join("x.png");
    let out = out.to_str().unwrap();
    assert!(
        refused(&["screenshot", "--size", "0x0", "--out", out]).contains("'0x0' is not a size")
    );
    assert!(
        refused(&["screenshot", "--size", "huge", "--out", out]).contains(
            "'huge' is not a size: write WIDTHxHEIGHT, e.g. 1280x720, or a preset: 7inch, hd, wide"
        )
    );
    // A preset names a car display's size.
    let preset_out = dir.join("preset.png");
    let preset_out = preset_out.to_str().unwrap();
    let preset = run_opencabin(&[
        "screenshot",
        "--size",
        "7inch",
        "--sample",
        "--out",
        preset_out,
    ]);
    assert!(preset.status.success());
    assert_eq!(read_png(std::path::Path::new(preset_out)).0, 800);
    let page = refused(&["screenshot", "--page", "garage", "--out", out]);
    assert!(page.contains("'garage'") && page.contains("home"), "{page}");
    let path = refused(&["screenshot", "--out", "/nonexistent-dir/x.png"]);
    assert!(
        path.contains("cannot write /nonexistent-dir/x.png"),
        "{path}"
    );
    assert!(
        !std::path::Path::new(out).exists(),
        "no file is written on a refused size or page"
    );
}
