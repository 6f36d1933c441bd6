//! The paired phones on disk: a TOML file of ids, names, dates and token hashes (never a token),
//! read within a size limit, replaced atomically on every change, and kept aside under a new
//! name, reported, when it cannot be read, never overwritten silently.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::files;
use crate::contract::companion::PairedPhone;

/// The largest paired-phones file read.
const LIMIT: u64 = 256 * 1024;

/// `$XDG_STATE_HOME/opencabin/companion.toml`, else `~/.local/state/opencabin/companion.toml`.
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/state")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("opencabin").join("companion.toml")
}

/// One paired phone as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPhone {
    pub id: String,
    pub name: String,
    /// ISO 8601 in UTC.
    pub added_at: String,
    /// UNIX time in s.
    pub last_use: i64,
    /// SHA-256 of its token, 64 hex digits.
    pub token_sha256: String,
}

impl StoredPhone {
    pub fn paired(&self) -> PairedPhone {
        PairedPhone {
            id: self.id.clone(),
            name: self.name.clone(),
            added_at: self.added_at.clone(),
            last_use: self.last_use,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default, rename = "phone")]
    phones: Vec<StoredPhone>,
}

/// The paired phones and where they are kept.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    pub phones: Vec<StoredPhone>,
    /// False when an unusable file could not be moved out of the way: it is then never written.
    writable: bool,
}

impl Store {
    /// Reads the phones at `path`: none when there is no file; when it cannot be used, it is
    /// renamed aside (and said so) and no phone is paired.
    pub fn load(path: &Path) -> Store {
        let store = |phones, writable| Store {
            path: path.to_path_buf(),
            phones,
            writable,
        };
        let text = match files::read_text(path, LIMIT) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return store(vec![], true),
            Err(err) => return store(vec![], recover(path, &err.to_string())),
        };
        match toml::from_str::<File>(&text) {
            Ok(file) => store(file.phones, true),
            Err(err) => store(vec![], recover(path, err.message())),
        }
    }

    /// Replaces the file with the phones now paired.
    pub fn save(&self) -> anyhow::Result<()> {
        if !self.writable {
            anyhow::bail!(
                "{} is unusable and could not be kept aside; not overwriting it",
                self.path.display()
            );
        }
        let file = File {
            phones: self.phones.clone(),
        };
        files::write_atomically(&self.path, &toml::to_string(&file)?)
    }
}

/// Keeps an unusable file aside; whether the path may now be written.
fn recover(path: &Path, reason: &str) -> bool {
    match files::keep_aside(path) {
        Ok(kept_as) => {
            tracing::warn!(file = %path.display(), kept_as = %kept_as.display(), "paired phones file unusable ({reason}); kept aside, no phone is paired");
            true
        }
        Err((_, err)) => {
            tracing::warn!(file = %path.display(), "paired phones file unusable ({reason}) and could not be renamed ({err}); it will not be written");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(id: &str) -> StoredPhone {
        StoredPhone {
            id: id.into(),
            name: "Aino's phone 手机".into(),
            added_at: "2026-12-04T19:01:42Z".into(),
            last_use: 1_800_000_000,
            token_sha256: "ab".repeat(32),
        }
    }

    #[test]
    fn phones_are_saved_and_read_back_and_a_corrupt_file_is_kept_aside() {
        let dir = std::env::temp_dir().join(format!("opencabin-companion-{}", std::process::id()));
        let path = dir.join("companion.toml");
        let mut store = Store::load(&path);
        assert!(store.phones.is_empty());
        store.phones = vec![phone("0123456789abcdef")];
        store.save().unwrap();
        assert_eq!(Store::load(&path).phones, vec![phone("0123456789abcdef")]);

        std::fs::write(&path, "[[phone]]\nid = 3\n").unwrap();
        let store = Store::load(&path);
        assert!(store.phones.is_empty());
        let kept: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("companion.toml.broken-"))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(
            std::fs::read_to_string(dir.join(&kept[0])).unwrap(),
            "[[phone]]\nid = 3\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
