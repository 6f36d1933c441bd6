//! The files in packaging/, checked with the real tools by the scripts in packaging/tests/:
//! every systemd unit passes `systemd-analyze verify` and the service units score an
//! exposure of 3.0 or less offline; the D-Bus system policies, loaded by a real dbus-daemon with
//! the real services running as their own users, let only each service's user own its name and
//! deny setters and methods to a caller outside the `opencabin` group. Needs root (it makes the
//! users), as in CI.

use std::path::Path;
use std::process::Command;

fn run_check(script: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("packaging/tests")
        .join(script);
    let output = Command::new("bash")
        .arg(&path)
        .arg(env!("CARGO_BIN_EXE_opencabin"))
        .output()
        .unwrap_or_else(|e| panic!("{script}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{stderr}"
    );
    assert!(
        !stdout.contains("SKIP"),
        "{script} skipped checks:\n{stdout}"
    );
    assert!(!stdout.contains("FAIL"), "{script}:\n{stdout}");
    stdout
}

#[test]
fn systemd_units_verify_and_the_services_are_hardened() {
    let report = run_check("check-systemd-units.sh");
    for unit in [
        "opencabin-vehicle.service",
        "opencabin-media.service",
        "opencabin-navigation.service",
        "opencabin-phone.service",
    ] {
        let line = report
            .lines()
            .find(|l| l.contains(unit) && l.contains("exposure"))
            .unwrap_or_else(|| panic!("an exposure line for {unit}:\n{report}"));
        let score: f64 = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .next()
            .unwrap_or_else(|| panic!("a score in {line:?}"));
        assert!(score <= 3.0, "{unit}: exposure {score}");
    }
}

#[test]
fn dbus_policies_keep_names_and_setters_to_their_users() {
    let report = run_check("check-dbus-policy.sh");
    // "is refused" lines are calls that got org.freedesktop.DBus.Error.AccessDenied.
    let refused = report
        .lines()
        .filter(|l| l.contains(" is refused "))
        .count();
    assert!(refused >= 8, "{refused} refusals checked:\n{report}");
    for name in ["org.opencabin.Vehicle1", "org.ofono"] {
        assert!(report.contains(&format!("cannot own {name}")), "{report}");
    }
    assert!(
        report.contains("is refused VoiceCallManager.Dial"),
        "an outsider cannot dial:\n{report}"
    );
    let passed = report.lines().filter(|l| l.starts_with("PASS")).count();
    assert!(passed >= 40, "{passed} checks passed:\n{report}");
}
