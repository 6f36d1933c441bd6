//! User settings kept in a TOML file: `$XDG_CONFIG_HOME/opencabin/settings.toml` (or `--config`).
//! Writes are atomic (a temporary file in the same folder, synced, then renamed over), so a
//! setting survives the process being killed at any moment. A file that cannot be read or parsed
//! is reported, renamed aside untouched, and the defaults are used. Keys this version does not
//! know (from a newer one) are kept.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Settings with a fixed set of values; the first is the default.
pub const CHOICES: &[(&str, &[&str])] = &[
    ("theme", &["night", "day", "auto"]),
    ("language", &["en", "zh-CN"]),
    ("distance_unit", &["km", "mi"]),
    ("temperature_unit", &["C", "F"]),
    ("time_format", &["24h", "12h"]),
];

/// The allowed values of a setting from `CHOICES`.
pub fn allowed(key: &str) -> &'static [&'static str] {
    CHOICES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, values)| values)
}

/// Display brightness in percent: allowed range and default.
pub const BRIGHTNESS: (u8, u8, u8) = (10, 100, 100);

/// The cards the home page can show, in the order it shows them; all are shown by default.
pub const HOME_CARDS: &[&str] = &["media", "car", "climate", "trip"];

/// Every setting's name, as the file and `opencabin settings` spell it.
pub const KEYS: &[&str] = &[
    "theme",
    "language",
    "distance_unit",
    "temperature_unit",
    "time_format",
    "brightness",
    "home_cards",
];

/// The user's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct UserSettings {
    pub theme: String,
    pub language: String,
    pub distance_unit: String,
    pub temperature_unit: String,
    pub time_format: String,
    /// Percent, within `BRIGHTNESS`.
    pub brightness: u8,
    /// Names from `HOME_CARDS`, in that order.
    pub home_cards: Vec<String>,
}

impl Default for UserSettings {
    fn default() -> Self {
        let first = |key: &str| {
            allowed(key)
                .first()
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        UserSettings {
            theme: first("theme"),
            language: first("language"),
            distance_unit: first("distance_unit"),
            temperature_unit: first("temperature_unit"),
            time_format: first("time_format"),
            brightness: BRIGHTNESS.2,
            home_cards: HOME_CARDS.iter().map(|c| c.to_string()).collect(),
        }
    }
}

impl UserSettings {
    /// Every setting as it is written to the file.
    pub fn to_toml(&self) -> Vec<(&'static str, toml::Value)> {
        let text = |v: &String| toml::Value::String(v.clone());
        vec![
            ("theme", text(&self.theme)),
            ("language", text(&self.language)),
            ("distance_unit", text(&self.distance_unit)),
            ("temperature_unit", text(&self.temperature_unit)),
            ("time_format", text(&self.time_format)),
            ("brightness", toml::Value::Integer(self.brightness.into())),
            (
                "home_cards",
                toml::Value::Array(self.home_cards.iter().map(text).collect()),
            ),
        ]
    }

    fn choice_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "theme" => &mut self.theme,
            "language" => &mut self.language,
            "distance_unit" => &mut self.distance_unit,
            "temperature_unit" => &mut self.temperature_unit,
            "time_format" => &mut self.time_format,
            _ => return None,
        })
    }

    /// Sets `key` from its text form if both are known and allowed; else says what is allowed.
    /// `brightness` takes a whole percent, `home_cards` a comma-separated list (may be empty).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "brightness" => {
                let (min, max, _) = BRIGHTNESS;
                match value.trim().parse::<u8>() {
                    Ok(percent) if (min..=max).contains(&percent) => {
                        self.brightness = percent;
                        Ok(())
                    }
                    _ => Err(format!(
                        "brightness: '{value}' is not allowed; allowed: a whole percent from {min} to {max}"
                    )),
                }
            }
            "home_cards" => {
                let mut cards = Vec::new();
                for card in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    if !HOME_CARDS.contains(&card) {
                        return Err(format!(
                            "home_cards: '{card}' is not a card; allowed: any of {}, comma-separated",
                            HOME_CARDS.join(", ")
                        ));
                    }
                    cards.push(card);
                }
                self.home_cards = HOME_CARDS
                    .iter()
                    .filter(|c| cards.contains(c))
                    .map(|c| c.to_string())
                    .collect();
                Ok(())
            }
            _ => {
                let Some((_, allowed)) = CHOICES.iter().find(|(k, _)| *k == key) else {
                    return Err(format!(
                        "unknown setting '{key}'; settings: {}",
                        KEYS.join(", ")
                    ));
                };
                if !allowed.contains(&value) {
                    return Err(format!(
                        "{key}: '{value}' is not allowed; allowed: {}",
                        allowed.join(", ")
                    ));
                }
                if let Some(field) = self.choice_mut(key) {
                    *field = value.to_string();
                }
                Ok(())
            }
        }
    }

    /// Sets `key` from its value in the file: a string, an integer (brightness) or an array of
    /// strings (home cards).
    fn set_from_toml(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        let text = match value {
            toml::Value::String(text) => text.clone(),
            toml::Value::Integer(number) => number.to_string(),
            toml::Value::Array(items) => {
                let mut names = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(name) => names.push(name),
                        None => return Err(format!("{key}: {item} is not a string")),
                    }
                }
                names.join(",")
            }
            other => return Err(format!("{key}: {other} has the wrong type")),
        };
        self.set(key, &text)
    }
}

/// How the settings were found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// No file yet: defaults.
    Fresh,
    FromFile,
    /// The file could not be read or parsed; it was renamed to `kept_as` and defaults are used.
    Recovered {
        kept_as: PathBuf,
        reason: String,
    },
}

/// The settings file, with every key it holds (known or not).
#[derive(Debug)]
pub struct SettingsStore {
    path: PathBuf,
    document: toml::Table,
}

/// `$XDG_CONFIG_HOME/opencabin/settings.toml`, else `~/.config/opencabin/settings.toml`.
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("opencabin").join("settings.toml")
}

impl SettingsStore {
    /// Reads the settings at `path`. Never fails: what cannot be used is reported in the log and
    /// in the returned `Loaded`, and the defaults stand in.
    pub fn open(path: PathBuf) -> (Self, UserSettings, Loaded) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return (
                    SettingsStore {
                        path,
                        document: toml::Table::new(),
                    },
                    UserSettings::default(),
                    Loaded::Fresh,
                );
            }
            Err(err) => return Self::recover(path, format!("cannot read it: {err}")),
        };
        let document = match text.parse::<toml::Table>() {
            Ok(document) => document,
            Err(err) => {
                return Self::recover(path, format!("it is not valid TOML: {}", err.message()));
            }
        };
        let mut settings = UserSettings::default();
        for key in KEYS {
            if let Some(value) = document.get(*key)
                && let Err(err) = settings.set_from_toml(key, value)
            {
                tracing::warn!(file = %path.display(), "{err}; using the default");
            }
        }
        (SettingsStore { path, document }, settings, Loaded::FromFile)
    }

    /// Renames the unusable file aside (never deletes or rewrites it) and starts from defaults.
    fn recover(path: PathBuf, reason: String) -> (Self, UserSettings, Loaded) {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let kept_as = path.with_file_name(format!(
            "{}.broken-{stamp}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        tracing::warn!(file = %path.display(), kept_as = %kept_as.display(), "settings file unusable ({reason}); kept aside, using defaults");
        let loaded = match std::fs::rename(&path, &kept_as) {
            Ok(()) => Loaded::Recovered { kept_as, reason },
            Err(err) => Loaded::Recovered {
                kept_as: path.clone(),
                reason: format!("{reason}; could not rename it: {err}"),
            },
        };
        (
            SettingsStore {
                path,
                document: toml::Table::new(),
            },
            UserSettings::default(),
            loaded,
        )
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `settings`, keeping every other key the file holds, atomically.
    pub fn save(&mut self, settings: &UserSettings) -> anyhow::Result<()> {
        for (key, value) in settings.to_toml() {
            self.document.insert(key.to_string(), value);
        }
        let text = toml::to_string(&self.document)?;
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let temporary = dir.join(format!(".settings.toml.{}.tmp", std::process::id()));
        let mut file = std::fs::File::create(&temporary)
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, &self.path)
            .with_context(|| format!("cannot replace {}", self.path.display()))?;
        // Make the rename itself durable.
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    }
}

/// `opencabin settings show|set`.
pub fn run(path: Option<PathBuf>, args: crate::cli::SettingsArgs) -> anyhow::Result<()> {
    let (mut store, mut settings, loaded) = SettingsStore::open(path.unwrap_or_else(default_path));
    if let Loaded::Recovered { kept_as, reason } = &loaded {
        eprintln!(
            "opencabin: the settings file was unusable ({reason}); kept as {}",
            kept_as.display()
        );
    }
    match args.action {
        crate::cli::SettingsAction::Show => {
            println!("# {}", store.path().display());
            for (key, value) in settings.to_toml() {
                println!("{key} = {value}");
            }
        }
        crate::cli::SettingsAction::Set { key, value } => {
            settings.set(&key, &value).map_err(anyhow::Error::msg)?;
            store.save(&settings)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("opencabin-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("settings.toml")
    }

    #[test]
    fn settings_round_trip_and_unknown_keys_are_kept() {
        let path = scratch("round-trip");
        std::fs::write(&path, "theme = \"day\"\nfuture_feature = { level = 3 }\n").unwrap();
        let (mut store, mut settings, loaded) = SettingsStore::open(path.clone());
        assert_eq!(loaded, Loaded::FromFile);
        assert_eq!(settings.theme, "day");
        settings.set("language", "zh-CN").unwrap();
        settings.set("brightness", "40").unwrap();
        settings.set("home_cards", "trip, media").unwrap();
        assert_eq!(settings.home_cards, ["media", "trip"], "kept in page order");
        store.save(&settings).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("future_feature"),
            "unknown keys kept:\n{text}"
        );
        let (_, reread, _) = SettingsStore::open(path);
        assert_eq!(reread, settings);
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_defaults_are_used() {
        let path = scratch("corrupt");
        std::fs::write(&path, "theme = \"day\nthis is not toml").unwrap();
        let (_, settings, loaded) = SettingsStore::open(path.clone());
        assert_eq!(settings, UserSettings::default());
        let Loaded::Recovered { kept_as, .. } = loaded else {
            panic!("recovered expected")
        };
        assert_eq!(
            std::fs::read_to_string(kept_as).unwrap(),
            "theme = \"day\nthis is not toml"
        );
        assert!(!path.exists());
    }

    #[test]
    fn bad_values_name_what_is_allowed() {
        let mut settings = UserSettings::default();
        assert_eq!(
            settings.set("theme", "purple").unwrap_err(),
            "theme: 'purple' is not allowed; allowed: night, day, auto"
        );
        assert_eq!(
            settings.set("brightness", "5").unwrap_err(),
            "brightness: '5' is not allowed; allowed: a whole percent from 10 to 100"
        );
        assert!(
            settings
                .set("home_cards", "media,weather")
                .unwrap_err()
                .starts_with("home_cards: 'weather' is not a card")
        );
        assert!(
            settings
                .set("volume", "11")
                .unwrap_err()
                .starts_with("unknown setting 'volume'")
        );
    }
}
