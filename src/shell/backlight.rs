//! The display's backlight in kiosk mode: the brightness setting written to
//! `/sys/class/backlight/<device>/brightness` (e.g. the Raspberry Pi 7" display's
//! `10-0045`). `OPENCABIN_BACKLIGHT` names another device folder. Without a writable device the
//! UI dims its picture instead.

use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Backlight {
    dir: PathBuf,
    max: u32,
}

impl Backlight {
    /// The first backlight device that can be written, if any.
    pub fn find() -> Option<Backlight> {
        let candidates: Vec<PathBuf> = match std::env::var_os("OPENCABIN_BACKLIGHT") {
            Some(dir) => vec![PathBuf::from(dir)],
            None => std::fs::read_dir("/sys/class/backlight")
                .map(|entries| entries.flatten().map(|e| e.path()).collect())
                .unwrap_or_default(),
        };
        let found = candidates.into_iter().find_map(|dir| Self::open(&dir));
        match &found {
            Some(backlight) => {
                tracing::info!(device = %backlight.dir.display(), max = backlight.max, "driving the backlight")
            }
            None => {
                tracing::info!("no writable backlight; the brightness setting dims the picture")
            }
        }
        found
    }

    fn open(dir: &Path) -> Option<Backlight> {
        let max = std::fs::read_to_string(dir.join("max_brightness"))
            .ok()?
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| *m > 0)?;
        let writable = std::fs::OpenOptions::new()
            .write(true)
            .open(dir.join("brightness"))
            .is_ok();
        writable.then(|| Backlight {
            dir: dir.to_path_buf(),
            max,
        })
    }

    /// Sets the brightness to `percent` of the maximum (at least 1, so the screen never goes
    /// black).
    pub fn set(&self, percent: u8) {
        let level = ((u64::from(self.max) * u64::from(percent)).div_ceil(100)).max(1);
        if let Err(err) = std::fs::write(self.dir.join("brightness"), level.to_string()) {
            tracing::warn!(device = %self.dir.display(), %err, "cannot set the backlight");
        }
    }
}
