//! The driver's places, kept across restarts: favourites and recent destinations, in a TOML
//! file written atomically. A file that cannot be read is reported and kept aside, never
//! overwritten.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::files;
use crate::contract::navigation::{Favourite, Place};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Places {
    #[serde(default)]
    pub favourites: Vec<Favourite>,
    #[serde(default)]
    pub recent: Vec<Place>,
}

/// The most a places file is read: a favourite or recent destination takes about 200 bytes.
const LIMIT: u64 = 4_000_000;

/// `$XDG_STATE_HOME/opencabin/places.toml`, else `~/.local/state/opencabin/places.toml`.
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/state")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("opencabin").join("places.toml")
}

/// Reads the places at `path`: none when there is no file; when it cannot be used, it is
/// renamed aside and the driver starts with none. The flag says whether `path` may be written
/// (not when an unusable file could not be moved out of the way).
pub fn load(path: &std::path::Path) -> (Places, bool) {
    let text = match files::read_text(path, LIMIT) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (Places::default(), true),
        Err(err) => return recover(path, &err.to_string()),
    };
    match toml::from_str(&text) {
        Ok(places) => (places, true),
        Err(err) => recover(path, err.message()),
    }
}

fn recover(path: &std::path::Path, reason: &str) -> (Places, bool) {
    let writable = match files::keep_aside(path) {
        Ok(kept_as) => {
            tracing::warn!(file = %path.display(), kept_as = %kept_as.display(), "places file unusable ({reason}); kept aside");
            true
        }
        Err((_, err)) => {
            tracing::warn!(file = %path.display(), "places file unusable ({reason}) and could not be renamed ({err}); it will not be written");
            false
        }
    };
    (Places::default(), writable)
}

/// Writes the places atomically.
pub fn save(path: &std::path::Path, places: &Places) -> anyhow::Result<()> {
    files::write_atomically(path, &toml::to_string(places)?)
}
