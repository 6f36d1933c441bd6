//! The settings file through the real binary: set and show, unknown keys kept, a corrupt file
//! kept aside with defaults used, and writers killed at 500 moments never leaving a broken file,
//! the guest's settings file or a driver's profile.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::{run_opencabin, temp_dir};

fn settings(path: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--config", path.to_str().unwrap(), "settings"];
    all.extend_from_slice(args);
    run_opencabin(&all)
}

fn shown(path: &std::path::Path) -> String {
    let output = settings(path, &["show"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_setting_is_written_read_back_and_unknown_keys_survive() {
    let path = temp_dir("settings-set").join("settings.toml");
    std::fs::write(&path, "from_a_newer_version = [1, 2, 3]\n").unwrap();
    assert!(settings(&path, &["set", "theme", "day"]).status.success());
    assert!(
        settings(&path, &["set", "language", "zh-CN"])
            .status
            .success()
    );
    let text = shown(&path);
    assert!(
        text.contains("theme = \"day\"") && text.contains("language = \"zh-CN\""),
        "{text}"
    );
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(
        file.contains("from_a_newer_version = [1, 2, 3]"),
        "unknown key kept:\n{file}"
    );

    let refused = settings(&path, &["set", "theme", "purple"]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(
        stderr.trim(),
        "opencabin: theme: 'purple' is not allowed; allowed: night, day, auto"
    );
    assert!(
        shown(&path).contains("theme = \"day\""),
        "a refused value changes nothing"
    );
}

#[test]
fn a_corrupt_file_is_reported_kept_aside_and_defaults_are_used() {
    let dir = temp_dir("settings-corrupt");
    let path = dir.join("settings.toml");
    let garbage = "theme = \"day\n[[[ not toml";
    std::fs::write(&path, garbage).unwrap();
    let output = settings(&path, &["show"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the settings file was unusable"),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("theme = \"night\""),
        "defaults used"
    );
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("settings.toml.broken-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the broken file is kept beside");
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).unwrap(),
        garbage,
        "and left untouched"
    );
}

/// Writers killed (SIGKILL) at 500 moments spread over start-up and the write, each changing the
/// theme in the active profile's file `target` (the settings file given, or a driver's):
/// after each the file parses, holds the value from before or the one being written, and
/// keeps an unknown key. Returns how many rounds left the old value and the new one.
fn kill_writers(config: &std::path::Path, target: &std::path::Path) -> (u32, u32) {
    const ROUNDS: u64 = 500;
    let mut before = "night".to_string();
    // A fixed xorshift sequence of kill moments, 0 to 50 ms after the spawn (a whole run of
    // `settings set` takes about 10 ms here).
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut old_kept, mut new_written) = (0, 0);
    for round in 0..ROUNDS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Always a change: the other theme than the file holds.
        let value = if before == "day" { "night" } else { "day" };
        let mut writer = common::opencabin()
            .args([
                "--config",
                config.to_str().unwrap(),
                "settings",
                "set",
                "theme",
                value,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The kill moment itself, not a wait for a condition.
        std::thread::sleep(Duration::from_micros(seed % 50_000));
        writer.kill().ok();
        writer.wait().unwrap();
        let text = std::fs::read_to_string(target).expect("the profile's file is always there");
        let parsed: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("round {round}: broken file: {e}\n{text}"));
        let theme = parsed["theme"].as_str().unwrap_or_default().to_string();
        assert!(
            theme == before || theme == value,
            "round {round}: {theme:?} is neither the old {before:?} nor the new {value:?}"
        );
        if theme == value {
            new_written += 1;
        } else {
            old_kept += 1;
        }
        assert_eq!(
            parsed["keep_me"].as_bool(),
            Some(true),
            "round {round}: unknown key kept"
        );
        before = theme;
    }
    eprintln!("{ROUNDS} writers killed: {old_kept} left the old value, {new_written} the new one");
    assert!(
        old_kept > 0 && new_written > 0,
        "the kill moments span the write: {old_kept} old, {new_written} new"
    );
    (old_kept, new_written)
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_valid_file() {
    let path = temp_dir("settings-kill").join("settings.toml");
    std::fs::write(&path, "theme = \"night\"\nkeep_me = true\n").unwrap();
    kill_writers(&path, &path);
}

/// The same with a driver's profile active: the driver's file takes every change and stays
/// whole; the guest's settings and the active-profile file are never touched.
#[test]
fn a_writer_killed_at_any_moment_leaves_the_drivers_profile_valid() {
    let dir = temp_dir("settings-kill-profile");
    let guest = dir.join("settings.toml");
    let active = dir.join("active-profile.toml");
    let driver = dir.join("profiles").join("a1b2c3d4e5f60718.toml");
    std::fs::create_dir_all(driver.parent().unwrap()).unwrap();
    let guest_text = "theme = \"day\"\nlanguage = \"zh-CN\"\n";
    let active_text = "profile = \"a1b2c3d4e5f60718\"\n";
    std::fs::write(&guest, guest_text).unwrap();
    std::fs::write(&active, active_text).unwrap();
    let driver_text = "profile_name = \"Aino's phone\"\ntheme = \"night\"\nkeep_me = true\n";
    std::fs::write(&driver, driver_text).unwrap();
    kill_writers(&guest, &driver);
    assert_eq!(std::fs::read_to_string(&guest).unwrap(), guest_text);
    assert_eq!(std::fs::read_to_string(&active).unwrap(), active_text);
    let parsed: toml::Table = std::fs::read_to_string(&driver).unwrap().parse().unwrap();
    assert_eq!(parsed["profile_name"].as_str(), Some("Aino's phone"));
}
