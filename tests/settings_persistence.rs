//! The settings file through the real binary: set and show, unknown keys kept, a corrupt file
//! kept aside with defaults used, and a writer killed at any moment never leaving a broken file.

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

#[test]
fn a_writer_killed_at_any_moment_leaves_a_valid_file() {
    let path = temp_dir("settings-kill").join("settings.toml");
    std::fs::write(&path, "theme = \"night\"\nkeep_me = true\n").unwrap();
    for round in 0..40u64 {
        let value = if round % 2 == 0 { "day" } else { "night" };
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
        // Kill it somewhere between start-up and the end of its write.
        std::thread::sleep(Duration::from_micros(round * 250));
        writer.kill().ok();
        writer.wait().unwrap();
        let text = std::fs::read_to_string(&path).expect("the settings file is always there");
        let parsed: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("round {round}: broken file: {e}\n{text}"));
        assert!(
            matches!(parsed["theme"].as_str(), Some("day" | "night")),
            "round {round}: {text}"
        );
        assert_eq!(
            parsed["keep_me"].as_bool(),
            Some(true),
            "round {round}: unknown key kept"
        );
    }
}
