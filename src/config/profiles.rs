//! Driver profiles: each driver's settings in a file of their own, and which one is active.
//! The guest profile is the settings file itself (`settings.toml`, or `--config`), so a car
//! without profiles behaves as before; each other driver (a paired phone: its id and name) has
//! `profiles/<id>.toml` beside it, with the same settings plus `profile_name`; the active one is
//! named in `active-profile.toml` beside it. All are written atomically and an unusable file is
//! kept aside, as the settings file always was (`store.rs`, `files.rs`). A driver's file is
//! first written when the profile is first activated, starting from the guest's settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::store::LIMIT;
use super::{Loaded, SettingsStore, UserSettings, files};
use crate::contract::NotKnown;

/// The id of the profile that always exists: the settings file itself.
pub const GUEST: &str = "guest";

/// The key of the active-profile file.
const ACTIVE_KEY: &str = "profile";

/// A driver profile as Shell1 lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub id: String,
    /// The driver's name (the paired phone's); "Guest" for the guest.
    pub name: String,
}

/// Whether `id` can name a profile's file: 1 to 64 ASCII letters, digits, `-` or `_` (a phone
/// id is 16 hex digits), so it never leaves the profiles folder.
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Where the profiles are kept: beside the settings file (the guest's).
#[derive(Debug, Clone, PartialEq)]
pub struct ProfilePaths {
    guest: PathBuf,
}

impl ProfilePaths {
    /// The profiles beside `settings_file`, which is the guest's.
    pub fn beside(settings_file: PathBuf) -> Self {
        ProfilePaths {
            guest: settings_file,
        }
    }

    fn dir(&self) -> &Path {
        self.guest
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    /// The folder of the drivers' files.
    pub fn folder(&self) -> PathBuf {
        self.dir().join("profiles")
    }

    /// The small file naming the active profile.
    pub fn active_file(&self) -> PathBuf {
        self.dir().join("active-profile.toml")
    }

    /// The settings file of profile `id` (a valid id, or the guest).
    pub fn settings_of(&self, id: &str) -> PathBuf {
        if id == GUEST {
            self.guest.clone()
        } else {
            self.folder().join(format!("{id}.toml"))
        }
    }

    /// The active profile's id, reading without ever changing a file (for the driver's
    /// display): the guest when none is named; an unusable file is an error, left for the UI.
    pub fn peek_active(&self) -> Result<String, String> {
        let path = self.active_file();
        match files::read_text(&path, LIMIT) {
            Ok(text) => active_in(&text).map_err(|why| format!("{}: {why}", path.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(GUEST.to_string()),
            Err(err) => Err(format!("cannot read {}: {err}", path.display())),
        }
    }

    /// The active profile's id for the UI: an unusable active-profile file is kept aside and
    /// the guest is active; a driver whose file is gone is no longer active either.
    fn read_active(&self) -> String {
        let path = self.active_file();
        let id = match files::read_text(&path, LIMIT) {
            Ok(text) => active_in(&text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return GUEST.to_string(),
            Err(err) => Err(format!("cannot read it: {err}")),
        };
        match id {
            Ok(id) if id == GUEST || self.settings_of(&id).exists() => id,
            Ok(id) => {
                tracing::warn!(profile = %id, "the active profile's file is gone; the guest is active");
                GUEST.to_string()
            }
            Err(why) => {
                let kept = files::keep_aside(&path).unwrap_or_else(|(path, _)| path);
                tracing::warn!(file = %path.display(), kept = %kept.display(), "the active-profile file is unusable ({why}); kept aside, the guest is active");
                GUEST.to_string()
            }
        }
    }

    fn write_active(&self, id: &str) -> anyhow::Result<()> {
        let mut document = toml::Table::new();
        document.insert(ACTIVE_KEY.into(), toml::Value::String(id.into()));
        files::write_atomically(&self.active_file(), &toml::to_string(&document)?)
    }

    /// The drivers whose files are in the folder, with the names the files keep (the id when a
    /// file keeps none or cannot be read).
    fn on_disk(&self) -> BTreeMap<String, String> {
        let Ok(entries) = std::fs::read_dir(self.folder()) else {
            return BTreeMap::new();
        };
        entries
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                let id = path.file_name()?.to_str()?.strip_suffix(".toml")?;
                (is_valid_id(id) && id != GUEST && path.is_file()).then(|| {
                    let name = files::read_text(&path, LIMIT)
                        .ok()
                        .and_then(|text| text.parse::<toml::Table>().ok())
                        .and_then(|doc| {
                            doc.get(super::store::PROFILE_NAME)?
                                .as_str()
                                .map(Into::into)
                        })
                        .unwrap_or_else(|| id.to_string());
                    (id.to_string(), name)
                })
            })
            .collect()
    }
}

/// The id an active-profile file's text names.
fn active_in(text: &str) -> Result<String, String> {
    let document = text
        .parse::<toml::Table>()
        .map_err(|err| format!("it is not valid TOML: {}", err.message()))?;
    match document.get(ACTIVE_KEY).and_then(toml::Value::as_str) {
        Some(id) if id == GUEST || is_valid_id(id) => Ok(id.to_string()),
        Some(id) => Err(format!("'{id}' cannot name a profile")),
        None => Err(format!("it names no {ACTIVE_KEY}")),
    }
}

/// The profiles, the active one and its settings file.
#[derive(Debug)]
pub struct Profiles {
    paths: ProfilePaths,
    /// Every driver besides the guest, id to name: from their files and the paired phones.
    drivers: BTreeMap<String, String>,
    active: String,
    store: SettingsStore,
}

impl Profiles {
    /// The profiles beside `settings_file` and the active one's settings. Never fails: what
    /// cannot be used is kept aside and logged, and the returned `Loaded` says how the active
    /// profile's settings were found.
    pub fn open(settings_file: PathBuf) -> (Self, UserSettings, Loaded) {
        let paths = ProfilePaths::beside(settings_file);
        let active = paths.read_active();
        let (store, settings, loaded) = SettingsStore::open(paths.settings_of(&active));
        let profiles = Profiles {
            drivers: paths.on_disk(),
            paths,
            active,
            store,
        };
        (profiles, settings, loaded)
    }

    /// The guest first (named "Guest"), then the drivers by name.
    pub fn list(&self) -> Vec<Profile> {
        let mut drivers: Vec<Profile> = self
            .drivers
            .iter()
            .map(|(id, name)| Profile {
                id: id.clone(),
                name: name.clone(),
            })
            .collect();
        drivers.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let guest = Profile {
            id: GUEST.into(),
            name: "Guest".into(),
        };
        std::iter::once(guest).chain(drivers).collect()
    }

    /// The active profile's id.
    pub fn active(&self) -> &str {
        &self.active
    }

    /// Whether `id` names a profile this car knows.
    pub fn knows(&self, id: &str) -> bool {
        id == GUEST || self.drivers.contains_key(id)
    }

    /// The settings file being written: the active profile's.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Writes `settings` to the active profile's file, atomically.
    pub fn save(&mut self, settings: &UserSettings) -> anyhow::Result<()> {
        self.store.save(settings)
    }

    /// Takes the paired phones (id, name): each is a driver, named as the phone is. A profile
    /// whose phone is no longer paired stays (its file is the driver's settings). Returns
    /// whether the list changed.
    pub fn follow_phones<'a>(
        &mut self,
        phones: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> bool {
        let mut changed = false;
        for (id, name) in phones {
            if !is_valid_id(id) || id == GUEST {
                continue;
            }
            if self.drivers.get(id).map(String::as_str) != Some(name) {
                self.drivers.insert(id.to_string(), name.to_string());
                changed = true;
            }
        }
        changed
    }

    /// Makes `id` the active profile and returns its settings and how they were found, or
    /// `None` when it is active already. A driver's file is written at once (from the guest's
    /// settings the first time, with the driver's name), then the active-profile file; an id
    /// that names no profile (the folder is looked at again first) changes nothing.
    pub fn activate(&mut self, id: &str) -> Result<Option<(UserSettings, Loaded)>, NotKnown> {
        if !self.knows(id) && is_valid_id(id) {
            for (found, name) in self.paths.on_disk() {
                self.drivers.entry(found).or_insert(name);
            }
        }
        if !self.knows(id) {
            let ids = self.list().into_iter().map(|p| p.id);
            return Err(NotKnown::new("profile", id, ids));
        }
        if id == self.active {
            return Ok(None);
        }
        let (mut store, mut settings, loaded) = SettingsStore::open(self.paths.settings_of(id));
        if id != GUEST {
            if loaded == Loaded::Fresh {
                settings = SettingsStore::peek(&self.paths.guest).unwrap_or_default();
            }
            store.set_profile_name(&self.drivers[id]);
            if let Err(err) = store.save(&settings) {
                tracing::warn!(file = %store.path().display(), "cannot save the profile: {err:#}");
            }
        }
        if let Err(err) = self.paths.write_active(id) {
            tracing::warn!("cannot save the active profile: {err:#}");
        }
        self.active = id.to_string();
        self.store = store;
        Ok(Some((settings, loaded)))
    }
}

#[cfg(test)]
#[path = "profiles_tests.rs"]
mod tests;
