//! The media service as MPRIS2 clients see it: driven by the real `playerctl` on a private bus,
//! with `busctl` and `gdbus` for the spec's corners.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{TestBus, wait_for};
use opencabin::process::ChildProcess;

const PLAYER: &str = "opencabin";

fn mpris_call(bus: &TestBus, method: &str, signature: &str, args: &[&str]) {
    let mut all = vec![
        "call",
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
    ];
    let (interface, member) = method.rsplit_once('.').unwrap();
    all.extend([interface, member]);
    if !signature.is_empty() {
        all.push(signature);
    }
    all.extend_from_slice(args);
    let output = bus.busctl(&all);
    assert!(
        output.status.success(),
        "{method}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn player_property(bus: &TestBus, property: &str) -> String {
    bus.get_property(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2.Player",
        property,
    )
    .unwrap_or_else(|| panic!("{property} readable"))
}

#[test]
fn playerctl_lists_reads_and_drives_the_player() {
    let bus = TestBus::start();
    let _service = bus.media_service(&[]);
    assert_eq!(
        bus.playerctl(PLAYER, &["--list-all"]).as_deref(),
        Some("opencabin")
    );
    assert_eq!(
        bus.playerctl(PLAYER, &["status"]).as_deref(),
        Some("Paused")
    );

    // Metadata from the demo library's tags, in the spec's types and units.
    let field = |key: &str| bus.playerctl(PLAYER, &["metadata", key]).unwrap();
    assert_eq!(field("xesam:title"), "Morning Drive");
    assert_eq!(field("xesam:artist"), "Juniper Coast");
    assert_eq!(field("xesam:album"), "Open Road Sketches");
    assert_eq!(field("mpris:length"), "96000000", "96 s in microseconds");
    assert_eq!(
        field("mpris:trackid"),
        "'/org/opencabin/Media1/track/0'",
        "an object path"
    );
    let art = field("mpris:artUrl");
    let art_path = art.strip_prefix("file://").expect("a file:// URL");
    let png = std::fs::read(art_path).expect("the cover file exists");
    assert_eq!(&png[1..4], b"PNG", "the cover is the PNG from the tags");

    // Play, pause, next, previous.
    bus.playerctl(PLAYER, &["play-pause"]).unwrap();
    assert_eq!(
        bus.playerctl(PLAYER, &["status"]).as_deref(),
        Some("Playing")
    );
    // Let 0.6 s of playing pass: the position must have moved by about that much.
    std::thread::sleep(Duration::from_millis(600));
    let position: f64 = bus
        .playerctl(PLAYER, &["position"])
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (0.5..3.0).contains(&position),
        "the position runs while playing: {position}"
    );
    bus.playerctl(PLAYER, &["play-pause"]).unwrap();
    assert_eq!(
        bus.playerctl(PLAYER, &["status"]).as_deref(),
        Some("Paused")
    );
    bus.playerctl(PLAYER, &["next"]).unwrap();
    assert_eq!(field("xesam:title"), "Coastal Highway");
    bus.playerctl(PLAYER, &["previous"]).unwrap();
    assert_eq!(field("xesam:title"), "Morning Drive");

    // Position, volume, loop, shuffle.
    bus.playerctl(PLAYER, &["position", "42"]).unwrap();
    let position: f64 = bus
        .playerctl(PLAYER, &["position"])
        .unwrap()
        .parse()
        .unwrap();
    assert!((position - 42.0).abs() < 0.01, "paused at 42 s: {position}");
    bus.playerctl(PLAYER, &["volume", "0.25"]).unwrap();
    assert_eq!(
        bus.playerctl(PLAYER, &["volume"]).as_deref(),
        Some("0.250000")
    );
    bus.playerctl(PLAYER, &["loop", "Playlist"]).unwrap();
    assert_eq!(
        bus.playerctl(PLAYER, &["loop"]).as_deref(),
        Some("Playlist")
    );
    bus.playerctl(PLAYER, &["shuffle", "On"]).unwrap();
    assert_eq!(bus.playerctl(PLAYER, &["shuffle"]).as_deref(), Some("On"));
}

#[test]
fn playerctl_follow_sees_track_changes() {
    let bus = TestBus::start();
    let _service = bus.media_service(&[]);
    let mut command = Command::new("playerctl");
    command
        .args([
            "--player=opencabin",
            "--follow",
            "metadata",
            "--format",
            "{{title}}",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .stdout(Stdio::piped());
    let mut follow =
        ChildProcess::spawn("playerctl --follow", &mut command).expect("playerctl runs");
    let (tx, lines) = mpsc::channel();
    let stdout = follow.take_stdout().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = lines
        .recv_timeout(Duration::from_secs(10))
        .expect("playerctl prints the current title");
    assert_eq!(first, "Morning Drive");
    bus.playerctl(PLAYER, &["next"]).unwrap();
    let next = wait_for(Duration::from_secs(5), "the next title", || {
        lines.try_iter().find(|l| l != "Morning Drive")
    });
    assert_eq!(next, "Coastal Highway");
}

#[test]
fn the_spec_edges_where_clients_trip() {
    let bus = TestBus::start();
    let _service = bus.media_service(&[]);
    let introspection = bus.busctl(&[
        "introspect",
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2.Player",
    ]);
    let text = String::from_utf8_lossy(&introspection.stdout);
    let position_line = text
        .lines()
        .find(|l| l.starts_with(".Position "))
        .expect("Position listed");
    assert!(
        !position_line.contains("emits-change"),
        "Position emits no change signal: {position_line}"
    );

    // Can* reflect what works: no previous at the first track, no next at the last (no loop).
    assert_eq!(player_property(&bus, "CanGoPrevious"), "b false");
    assert_eq!(player_property(&bus, "CanGoNext"), "b true");
    assert_eq!(player_property(&bus, "CanSeek"), "b true");
    for _ in 0..5 {
        bus.playerctl(PLAYER, &["next"]).unwrap();
    }
    assert_eq!(
        player_property(&bus, "CanGoNext"),
        "b false",
        "last track, loop None"
    );
    assert_eq!(player_property(&bus, "CanGoPrevious"), "b true");
    assert_eq!(
        bus.playerctl(PLAYER, &["next"]),
        None,
        "playerctl honours CanGoNext"
    );
    mpris_call(&bus, "org.mpris.MediaPlayer2.Player.Next", "", &[]);
    assert_eq!(
        bus.playerctl(PLAYER, &["metadata", "xesam:title"])
            .as_deref(),
        Some("回家的路"),
        "Next at the end does nothing"
    );

    // Volume below 0 is taken as 0.
    bus.playerctl(PLAYER, &["volume", "0.5"]).unwrap();
    let set = bus.gdbus_call(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.freedesktop.DBus.Properties.Set",
        &["org.mpris.MediaPlayer2.Player", "Volume", "<-0.4>"],
    );
    assert!(set.is_ok(), "{set:?}");
    assert_eq!(player_property(&bus, "Volume"), "d 0");

    // SetPosition with a stale track id is ignored; with the current one it moves and Seeked says so.
    let monitor = bus.monitor("org.mpris.MediaPlayer2.opencabin");
    let signals = &monitor.lines;
    bus.playerctl(PLAYER, &["previous"]).unwrap(); // "高架桥上", 154 s
    mpris_call(
        &bus,
        "org.mpris.MediaPlayer2.Player.SetPosition",
        "ox",
        &["/org/opencabin/Media1/track/0", "10000000"],
    );
    assert_eq!(
        player_property(&bus, "Position"),
        "x 0",
        "a stale track id changes nothing"
    );
    mpris_call(
        &bus,
        "org.mpris.MediaPlayer2.Player.SetPosition",
        "ox",
        &["/org/opencabin/Media1/track/4", "--", "-5"],
    );
    assert_eq!(
        player_property(&bus, "Position"),
        "x 0",
        "a negative position changes nothing"
    );
    mpris_call(
        &bus,
        "org.mpris.MediaPlayer2.Player.SetPosition",
        "ox",
        &["/org/opencabin/Media1/track/4", "20000000"],
    );
    assert_eq!(player_property(&bus, "Position"), "x 20000000");
    wait_for(Duration::from_secs(5), "Seeked(20000000)", || {
        signals
            .try_iter()
            .find(|l| l.contains(".Seeked (int64 20000000,)"))
    });

    // Seeking past the end goes to the next track; before the start goes to the start.
    mpris_call(
        &bus,
        "org.mpris.MediaPlayer2.Player.Seek",
        "x",
        &["--", "-60000000"],
    );
    assert_eq!(player_property(&bus, "Position"), "x 0");
    mpris_call(
        &bus,
        "org.mpris.MediaPlayer2.Player.Seek",
        "x",
        &["999000000"],
    );
    assert_eq!(
        bus.playerctl(PLAYER, &["metadata", "xesam:title"])
            .as_deref(),
        Some("回家的路")
    );

    // While playing, no PropertiesChanged ever carries Position.
    bus.playerctl(PLAYER, &["play"]).unwrap();
    // Watch 1.5 s of playing (30 publications at 20 Hz would carry it if anything did).
    std::thread::sleep(Duration::from_millis(1500));
    let seen: Vec<String> = signals.try_iter().collect();
    assert!(
        seen.iter().any(|l| l.contains("PropertiesChanged")),
        "changes were signalled: {seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains("'Position'")),
        "Position must not be signalled: {seen:?}"
    );

    // OpenUri: no scheme is supported, and the error says so.
    let open = bus.busctl(&[
        "call",
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2.Player",
        "OpenUri",
        "s",
        "http://example.invalid/a.mp3",
    ]);
    assert!(!open.status.success());
}

#[test]
fn the_radio_source_has_stations_with_now_playing_text() {
    let bus = TestBus::start();
    let _service = bus.media_service(&[]);
    let output = bus.busctl(&[
        "call",
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.opencabin.Media1",
        "SelectSource",
        "s",
        "radio",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        bus.get_property(
            "org.mpris.MediaPlayer2.opencabin",
            "/org/mpris/MediaPlayer2",
            "org.opencabin.Media1",
            "ActiveSource"
        )
        .as_deref(),
        Some(r#"s "radio""#)
    );
    assert_eq!(
        bus.playerctl(PLAYER, &["metadata", "xesam:title"])
            .as_deref(),
        Some("OpenCabin FM 97.4")
    );
    assert_eq!(
        bus.playerctl(PLAYER, &["metadata", "xesam:artist"])
            .as_deref(),
        Some("Morning Drive with Ada")
    );
    assert_eq!(
        player_property(&bus, "CanSeek"),
        "b false",
        "live radio cannot seek"
    );
    mpris_call(
        &bus,
        "org.mpris.MediaPlayer2.TrackList.GoTo",
        "o",
        &["/org/opencabin/Media1/radio/2"],
    );
    assert_eq!(
        bus.playerctl(PLAYER, &["metadata", "xesam:title"])
            .as_deref(),
        Some("新闻广播 88.7")
    );
    assert_eq!(
        bus.playerctl(PLAYER, &["status"]).as_deref(),
        Some("Playing")
    );

    let unknown = bus.gdbus_call(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.opencabin.Media1.SelectSource",
        &["tv"],
    );
    let err = unknown.expect_err("an unknown source is refused");
    assert!(
        err.contains("org.opencabin.Media1.Error.UnknownSource"),
        "{err}"
    );
    assert!(err.contains(r#"allowed: "library", "radio""#), "{err}");
}

#[test]
fn the_live_player_matches_the_committed_introspection() {
    let bus = TestBus::start();
    let _service = bus.media_service(&[]);
    let output = bus.busctl(&[
        "introspect",
        "--xml-interface",
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
    ]);
    assert!(output.status.success());
    let live = String::from_utf8(output.stdout).unwrap();
    if live != include_str!("../assets/dbus/org.mpris.MediaPlayer2.opencabin.xml") {
        let path = std::env::temp_dir().join("org.mpris.MediaPlayer2.opencabin.xml");
        std::fs::write(&path, &live).unwrap();
        panic!(
            "the served API differs from assets/dbus/org.mpris.MediaPlayer2.opencabin.xml; if intended, copy {} over it",
            path.display()
        );
    }
    for interface in [
        "org.mpris.MediaPlayer2",
        "org.mpris.MediaPlayer2.Player",
        "org.mpris.MediaPlayer2.TrackList",
        "org.opencabin.Media1",
    ] {
        assert!(
            live.contains(&format!("<interface name=\"{interface}\">")),
            "{interface}"
        );
    }
}

#[test]
fn a_copied_binary_plays_the_demo_library_built_into_it() {
    // As `cargo install` or a copy to another machine leaves it: alone in a folder, no source
    // tree above it, no data directories.
    let dir = common::temp_dir("copied-binary");
    let binary = dir.join("bin/opencabin");
    std::fs::create_dir_all(binary.parent().unwrap()).unwrap();
    std::fs::copy(common::BIN, &binary).unwrap();
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let bus = TestBus::start();
    let mut command = Command::new(&binary);
    command
        .args(["--bus", bus.address(), "media-service"])
        .current_dir(&empty)
        .env("XDG_DATA_DIRS", &empty)
        .env("XDG_DATA_HOME", &empty)
        .env("XDG_RUNTIME_DIR", &dir)
        .stdin(Stdio::null());
    let _service = ChildProcess::spawn("media-service", &mut command).unwrap();
    let title = wait_for(Duration::from_secs(10), "the copied player", || {
        bus.playerctl(PLAYER, &["metadata", "title"])
    });
    assert_eq!(title, "Morning Drive");
    let tracks = bus.playerctl(PLAYER, &["metadata", "--format", "{{xesam:url}}"]);
    assert_eq!(
        tracks.as_deref(),
        Some(""),
        "a built-in track has no file to point at"
    );
    bus.playerctl(PLAYER, &["play"]).unwrap();
    wait_for(Duration::from_secs(5), "playing", || {
        (bus.playerctl(PLAYER, &["status"])? == "Playing").then_some(())
    });
}
