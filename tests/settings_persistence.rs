//! The settings file through the real binary: set and show, unknown keys kept, a corrupt file
//! kept aside with defaults used, and writers killed at 500 moments never leaving a broken file.

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
/// theme: after each the file parses, holds the value from before or the one being written, and
/// keeps an unknown key.
#[test]
fn a_writer_killed_at_any_moment_leaves_a_valid_file() {
    const ROUNDS: u64 = 500;
    let path = temp_dir("settings-kill").join("settings.toml");
    std::fs::write(&path, "theme = \"night\"\nkeep_me = true\n").unwrap();
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
                path.to_str().unwrap(),
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
        let text = std::fs::read_to_string(&path).expect("the settings file is always there");
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
}
