//! The settings file: read once (a file that cannot be used is kept aside and the defaults stand
//! in), written atomically with every key it holds kept, known or not.

use std::path::{Path, PathBuf};

use super::{KEYS, UserSettings, files};

/// The most a settings file is read: a few hundred bytes are written.
pub(super) const LIMIT: u64 = 1_000_000;

/// The key of a profile's file that names its driver (not a setting: `opencabin settings`
/// neither shows nor sets it).
pub(super) const PROFILE_NAME: &str = "profile_name";

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
        let text = match files::read_text(&path, LIMIT) {
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

    /// Reads the settings at `path` without ever changing the file, for a process that only
    /// follows them (the driver's display): no file means the defaults; a file that cannot be
    /// used is an error, left where it is for its owner (the UI) to deal with.
    pub fn peek(path: &Path) -> Result<UserSettings, String> {
        let text = match files::read_text(path, LIMIT) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(UserSettings::default());
            }
            Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
        };
        let document = text
            .parse::<toml::Table>()
            .map_err(|err| format!("{} is not valid TOML: {}", path.display(), err.message()))?;
        let mut settings = UserSettings::default();
        for key in KEYS {
            if let Some(value) = document.get(*key)
                && let Err(err) = settings.set_from_toml(key, value)
            {
                tracing::warn!(file = %path.display(), "{err}; using the default");
            }
        }
        Ok(settings)
    }

    /// Renames the unusable file aside (never deletes or rewrites it) and starts from defaults.
    fn recover(path: PathBuf, reason: String) -> (Self, UserSettings, Loaded) {
        tracing::warn!(file = %path.display(), "settings file unusable ({reason}); kept aside, using defaults");
        let loaded = match files::keep_aside(&path) {
            Ok(kept_as) => Loaded::Recovered { kept_as, reason },
            Err((kept_as, err)) => Loaded::Recovered {
                kept_as,
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

    /// The driver's name a profile's file keeps beside its settings (`profile_name`), if any.
    pub fn profile_name(&self) -> Option<&str> {
        self.document
            .get(PROFILE_NAME)
            .and_then(toml::Value::as_str)
    }

    /// Names the driver whose settings these are; written with the next save.
    pub fn set_profile_name(&mut self, name: &str) {
        self.document
            .insert(PROFILE_NAME.to_string(), toml::Value::String(name.into()));
    }

    /// Writes `settings`, keeping every other key the file holds, atomically.
    pub fn save(&mut self, settings: &UserSettings) -> anyhow::Result<()> {
        for (key, value) in settings.to_toml() {
            self.document.insert(key.to_string(), value);
        }
        let text = toml::to_string(&self.document)?;
        files::write_atomically(&self.path, &text)
    }
}
