//! The profiles store on real files in a scratch folder.

use std::path::PathBuf;

use super::*;
use crate::contract::shell::{Language, Theme};

/// A fresh folder's settings file (the guest's); nothing is written yet.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("opencabin-profiles-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("settings.toml")
}

const AINO: &str = "0123456789abcdef";

#[test]
fn the_settings_file_is_the_guest_and_a_new_driver_starts_from_it() {
    let guest_file = scratch("new-driver");
    std::fs::write(&guest_file, "theme = \"day\"\n").unwrap();
    let (mut profiles, settings, _) = Profiles::open(guest_file.clone());
    assert_eq!(profiles.active(), GUEST);
    assert_eq!(settings.theme, Theme::Day, "today's file is the guest's");
    assert!(profiles.follow_phones([(AINO, "Aino's phone")]));
    assert!(
        !profiles.follow_phones([(AINO, "Aino's phone")]),
        "no change"
    );
    let listed: Vec<_> = profiles.list().into_iter().map(|p| p.name).collect();
    assert_eq!(listed, ["Guest", "Aino's phone"]);

    let (mut aino, _) = profiles.activate(AINO).unwrap().expect("a change");
    assert_eq!(aino.theme, Theme::Day, "started from the guest's settings");
    let paths = ProfilePaths::beside(guest_file.clone());
    let file = std::fs::read_to_string(paths.settings_of(AINO)).unwrap();
    assert!(file.contains("profile_name = \"Aino's phone\""), "{file}");
    assert_eq!(paths.peek_active().unwrap(), AINO);

    aino.set("language", "zh-CN").unwrap();
    profiles.save(&aino).unwrap();
    let guest = SettingsStore::peek(&guest_file).unwrap();
    assert_eq!(
        guest.language,
        Language::En,
        "the guest's file is untouched"
    );

    // Opened again (a restart): Aino is active, with her settings, known from her file alone.
    let (again, settings, _) = Profiles::open(guest_file.clone());
    assert_eq!(again.active(), AINO);
    assert_eq!(settings.language, Language::ZhCn);
    assert_eq!(again.list()[1].name, "Aino's phone");
    assert!(profiles.activate(AINO).unwrap().is_none(), "active already");
    let (guest, _) = profiles.activate(GUEST).unwrap().unwrap();
    assert_eq!(guest.language, Language::En);
    assert_eq!(paths.peek_active().unwrap(), GUEST);
}

#[test]
fn an_unknown_or_unsafe_id_changes_nothing() {
    let guest_file = scratch("unknown");
    let (mut profiles, _, _) = Profiles::open(guest_file.clone());
    for id in ["nobody", "../settings", "", "a b"] {
        let err = profiles.activate(id).unwrap_err().to_string();
        assert!(err.contains("is not known; allowed: \"guest\""), "{err}");
    }
    assert!(!profiles.follow_phones([("../../etc/passwd", "x")]));
    assert_eq!(profiles.active(), GUEST);
    let dir = guest_file.parent().unwrap();
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        0,
        "no file written"
    );
}

#[test]
fn a_driver_file_copied_in_is_found_when_asked_for() {
    let guest_file = scratch("copied");
    let (mut profiles, _, _) = Profiles::open(guest_file.clone());
    let paths = ProfilePaths::beside(guest_file);
    std::fs::create_dir_all(paths.folder()).unwrap();
    std::fs::write(
        paths.settings_of("bo"),
        "profile_name = \"Bo\"\ntheme = \"day\"\n",
    )
    .unwrap();
    let (settings, loaded) = profiles.activate("bo").unwrap().unwrap();
    assert_eq!((settings.theme, loaded), (Theme::Day, Loaded::FromFile));
    assert_eq!(profiles.list()[1].name, "Bo");
}

#[test]
fn a_corrupt_profile_or_active_file_is_kept_aside() {
    let guest_file = scratch("corrupt");
    let paths = ProfilePaths::beside(guest_file.clone());
    std::fs::create_dir_all(paths.folder()).unwrap();
    std::fs::write(paths.settings_of("bo"), "theme = \"day\nnot toml").unwrap();
    let (mut profiles, _, _) = Profiles::open(guest_file.clone());
    let (settings, loaded) = profiles.activate("bo").unwrap().unwrap();
    assert_eq!(settings, UserSettings::default());
    let Loaded::Recovered { kept_as, .. } = loaded else {
        panic!("recovered expected, got {loaded:?}")
    };
    assert_eq!(
        std::fs::read_to_string(kept_as).unwrap(),
        "theme = \"day\nnot toml"
    );
    let rewritten = std::fs::read_to_string(paths.settings_of("bo")).unwrap();
    assert!(rewritten.contains("profile_name = \"bo\""), "{rewritten}");

    std::fs::write(paths.active_file(), "profile = [").unwrap();
    assert!(paths.peek_active().is_err(), "peek reports and leaves it");
    assert!(paths.active_file().exists());
    let (again, _, _) = Profiles::open(guest_file);
    assert_eq!(again.active(), GUEST);
    assert!(!paths.active_file().exists(), "kept aside");
    let kept = std::fs::read_dir(paths.folder().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("active-profile.toml.broken-")
        })
        .count();
    assert_eq!(kept, 1);
}
