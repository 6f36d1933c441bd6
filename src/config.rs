//! User settings kept in a TOML file: `$XDG_CONFIG_HOME/opencabin/settings.toml` (or `--config`).
//! Writes are atomic (a temporary file in the same folder, synced, then renamed over), so a
//! setting survives the process being killed at any moment. A file that cannot be read or parsed
//! is reported, renamed aside untouched, and the defaults are used. Keys this version does not
//! know (from a newer one) are kept.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Every setting with its allowed values; the first is the default.
pub const CHOICES: &[(&str, &[&str])] = &[
    ("theme", &["night", "day", "auto"]),
    ("language", &["en", "zh-CN"]),
    ("distance_unit", &["km", "mi"]),
    ("temperature_unit", &["C", "F"]),
    ("time_format", &["24h", "12h"]),
];

/// The user's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct UserSettings {
    pub theme: String,
    pub language: String,
    pub distance_unit: String,
    pub temperature_unit: String,
    pub time_format: String,
}

impl Default for UserSettings {
    fn default() -> Self {
        let first = |key: &str| {
            CHOICES
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v[0].to_string())
                .unwrap_or_default()
        };
        UserSettings {
            theme: first("theme"),
            language: first("language"),
            distance_unit: first("distance_unit"),
            temperature_unit: first("temperature_unit"),
            time_format: first("time_format"),
        }
    }
}

impl UserSettings {
    fn fields(&self) -> [(&'static str, &String); 5] {
        [
            ("theme", &self.theme),
            ("language", &self.language),
            ("distance_unit", &self.distance_unit),
            ("temperature_unit", &self.temperature_unit),
            ("time_format", &self.time_format),
        ]
    }

    fn field_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "theme" => &mut self.theme,
            "language" => &mut self.language,
            "distance_unit" => &mut self.distance_unit,
            "temperature_unit" => &mut self.temperature_unit,
            "time_format" => &mut self.time_format,
            _ => return None,
        })
    }

    /// Sets `key` to `value` if both are known and allowed; else says what is allowed.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let Some((_, allowed)) = CHOICES.iter().find(|(k, _)| *k == key) else {
            let keys: Vec<&str> = CHOICES.iter().map(|(k, _)| *k).collect();
            return Err(format!(
                "unknown setting '{key}'; settings: {}",
                keys.join(", ")
            ));
        };
        if !allowed.contains(&value) {
            return Err(format!(
                "{key}: '{value}' is not allowed; allowed: {}",
                allowed.join(", ")
            ));
        }
        if let Some(field) = self.field_mut(key) {
            *field = value.to_string();
        }
        Ok(())
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
        for (key, _) in CHOICES {
            match document.get(*key) {
                None => {}
                Some(toml::Value::String(value)) => {
                    if let Err(err) = settings.set(key, value) {
                        tracing::warn!(file = %path.display(), "{err}; using the default");
                    }
                }
                Some(other) => {
                    tracing::warn!(file = %path.display(), key, value = %other, "not a string; using the default")
                }
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
        for (key, value) in settings.fields() {
            self.document
                .insert(key.to_string(), toml::Value::String(value.clone()));
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
            for (key, value) in settings.fields() {
                println!("{key} = \"{value}\"");
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
        assert!(
            settings
                .set("volume", "11")
                .unwrap_err()
                .starts_with("unknown setting 'volume'")
        );
    }
}
