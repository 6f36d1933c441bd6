//! The file operations every user file needs: reading it within a size limit (a huge, endless
//! or special file is refused before it is read), writing it atomically (a temporary file in the
//! same folder, synced, renamed over, the folder synced), and keeping an unusable file aside
//! under a new name instead of overwriting it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Reads `path`, a regular file of at most `limit` bytes. Anything else is refused before any of
/// it is read, with an error that says what is wrong: a folder, a device or pipe (which could
/// block or never end), or a file too big.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let invalid = |why: String| std::io::Error::new(std::io::ErrorKind::InvalidData, why);
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(invalid("it is a folder, not a file".into()));
    }
    if !metadata.is_file() {
        return Err(invalid("it is not a regular file".into()));
    }
    let too_big = |size: u64| {
        invalid(format!(
            "it is {}, more than the {} allowed",
            megabytes(size),
            megabytes(limit)
        ))
    };
    if metadata.len() > limit {
        return Err(too_big(metadata.len()));
    }
    let mut bytes = Vec::new();
    // The file may grow after the check: never read more than one byte past the limit.
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads `path` as [`read_limited`] does and as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_limited(path, limit)?).map_err(|err| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (byte {} is not)",
                err.utf8_error().valid_up_to()
            ),
        )
    })
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

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

/// Renames an unusable file to `NAME.broken-<UNIX time>` beside it (`-2`, `-3`, ... after it
/// when one was kept aside in the same second), untouched, and returns the new path (or the old
/// one, with why, when it cannot be renamed).
pub fn keep_aside(path: &Path) -> Result<PathBuf, (PathBuf, String)> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".broken-{stamp}"));
    // A rename replaces what has the new name: never one kept aside before.
    let kept_as = (1..)
        .map(|n| {
            let mut numbered = name.clone();
            if n > 1 {
                numbered.push(format!("-{n}"));
            }
            path.with_file_name(numbered)
        })
        .find(|candidate| candidate.symlink_metadata().is_err())
        .expect("a free name");
    match std::fs::rename(path, &kept_as) {
        Ok(()) => Ok(kept_as),
        Err(err) => Err((path.to_path_buf(), err.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_or_not_a_file_is_refused_unread() {
        let dir = std::env::temp_dir().join(format!("opencabin-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.toml");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_text(&file, 5).unwrap(), "12345");
        std::fs::write(&file, vec![b' '; 1_500_000]).unwrap();
        let err = read_text(&file, 1_000_000).unwrap_err().to_string();
        assert_eq!(err, "it is 1.5 MB, more than the 1.0 MB allowed");
        assert_eq!(
            read_text(&dir, 5).unwrap_err().to_string(),
            "it is a folder, not a file"
        );
        std::fs::write(&file, b"ok\xff").unwrap();
        assert_eq!(
            read_text(&file, 5).unwrap_err().to_string(),
            "it is not UTF-8 text (byte 2 is not)"
        );
        let kept = [keep_aside(&file).unwrap(), {
            std::fs::write(&file, "again").unwrap();
            keep_aside(&file).unwrap()
        }];
        assert_ne!(kept[0], kept[1], "the first one kept is not replaced");
        assert_eq!(std::fs::read(&kept[0]).unwrap(), b"ok\xff");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
