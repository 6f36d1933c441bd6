//! The command line explains itself and refuses what it cannot use.

mod common;

use common::run_opencabin;

#[test]
fn every_command_explains_itself() {
    let top = run_opencabin(&["--help"]);
    assert!(top.status.success());
    let text = String::from_utf8_lossy(&top.stdout);
    for command in [
        "sim",
        "ui",
        "vehicle-service",
        "media-service",
        "screenshot",
        "--bus",
    ] {
        assert!(
            text.contains(command),
            "--help should mention {command}:\n{text}"
        );
    }
    for (command, mentions) in [
        ("sim", "--speed-factor"),
        ("ui", "--size"),
        ("vehicle-service", "--cycle"),
        ("media-service", "MPRIS2"),
        ("screenshot", "--out"),
    ] {
        let help = run_opencabin(&[command, "--help"]);
        assert!(help.status.success(), "{command} --help");
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(
            text.contains(mentions),
            "{command} --help should mention {mentions}:\n{text}"
        );
    }
}

#[test]
fn a_bad_bus_is_refused_in_one_line() {
    let output = run_opencabin(&["--bus", "nowhere", "ui"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("'nowhere' is not a bus"), "{stderr}");
}
