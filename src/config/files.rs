//! The two file operations every user file needs: writing it atomically (a temporary file in the
//! same folder, synced, renamed over, the folder synced), and keeping an unusable file aside
//! under a new name instead of overwriting it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Replaces `path` with `text` so that a crash at any moment leaves the old or the new file.
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.unwrap_or_default(),
        std::process::id()
    ));
    let mut file = std::fs::File::create(&temporary)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    // Make the rename itself durable.
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

/// Renames an unusable file to `NAME.broken-<UNIX time>` beside it, untouched, and returns the
/// new path (or the old one, with why, when it cannot be renamed).
pub fn keep_aside(path: &Path) -> Result<PathBuf, (PathBuf, String)> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let kept_as = path.with_file_name(format!(
        "{}.broken-{stamp}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    match std::fs::rename(path, &kept_as) {
        Ok(()) => Ok(kept_as),
        Err(err) => Err((path.to_path_buf(), err.to_string())),
    }
}
