//! The music library: audio files in a folder, with title, artist, album, duration and cover art
//! read from their tags by `lofty`. Covers are written once to a cache folder so that MPRIS
//! clients get a `file://` URL.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::Context;
use lofty::prelude::*;

use crate::contract::media::{Track, file_url};

/// File endings read as audio.
const AUDIO_EXTENSIONS: &[&str] = &["ogg", "oga", "opus", "flac", "mp3", "m4a", "wav"];

/// `(file name, contents)` of one file of assets/media/demo-library.
macro_rules! demo_track {
    ($file:literal) => {
        (
            $file,
            include_bytes!(concat!("../../assets/media/demo-library/", $file)),
        )
    };
}

/// The demo library (assets/media/demo-library, 1.5 MB), built into the binary so that any
/// copy of it, installed anywhere, has music: file name and contents.
const DEMO_LIBRARY: [(&str, &[u8]); 6] = [
    demo_track!("juniper-coast-01-morning-drive.ogg"),
    demo_track!("juniper-coast-02-coastal-highway.ogg"),
    demo_track!("juniper-coast-03-rest-stop-sunset.ogg"),
    demo_track!("chenguang-01-neon-rain.ogg"),
    demo_track!("chenguang-02-on-the-overpass.ogg"),
    demo_track!("chenguang-03-the-way-home.ogg"),
];

/// The built-in demo library, read like a folder. Its tracks have no file, so no `url`.
pub fn load_demo(cover_cache: &Path) -> anyhow::Result<Vec<Track>> {
    let mut items = Vec::new();
    for (name, bytes) in DEMO_LIBRARY {
        let file = lofty::probe::Probe::new(std::io::Cursor::new(bytes))
            .guess_file_type()?
            .read()
            .with_context(|| format!("the built-in {name} has unreadable tags"))?;
        let stem = name.trim_end_matches(".ogg");
        items.push(track_from_tags(&file, stem, None, cover_cache)?);
    }
    Ok(numbered(items))
}

/// Reads every audio file in `dir` (not recursive), ordered by album, track number and file
/// name. A file whose tags cannot be read is skipped with a warning.
pub fn load(dir: &Path, cover_cache: &Path) -> anyhow::Result<Vec<Track>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the library folder {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| AUDIO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    paths.sort();
    let mut items = Vec::new();
    for path in paths {
        match read_track(&path, cover_cache) {
            Ok(item) => items.push(item),
            Err(err) => tracing::warn!(file = %path.display(), "skipped: {err:#}"),
        }
    }
    Ok(numbered(items))
}

/// Orders tracks by album, track number and source order, and gives each its MPRIS id.
fn numbered(mut items: Vec<Track>) -> Vec<Track> {
    items.sort_by(|a, b| (&a.album, a.track_number).cmp(&(&b.album, b.track_number)));
    for (n, item) in items.iter_mut().enumerate() {
        item.id = format!("/org/opencabin/Media1/track/{n}");
    }
    items
}

fn read_track(path: &Path, cover_cache: &Path) -> anyhow::Result<Track> {
    let file = lofty::read_from_path(path).context("unreadable tags")?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let url = file_url(&std::fs::canonicalize(path)?);
    track_from_tags(&file, &stem, Some(url), cover_cache)
}

/// A track from its tags; `stem` is the title when the tags have none.
fn track_from_tags(
    file: &lofty::file::TaggedFile,
    stem: &str,
    url: Option<String>,
    cover_cache: &Path,
) -> anyhow::Result<Track> {
    let length_us = file.properties().duration().as_micros() as i64;
    let tag = file.primary_tag().or_else(|| file.first_tag());
    let text = |read: fn(&lofty::tag::Tag) -> Option<std::borrow::Cow<'_, str>>| {
        tag.and_then(read)
            .map(|s| s.into_owned())
            .filter(|s| !s.trim().is_empty())
    };
    let art_url = match tag.and_then(|t| t.pictures().first()) {
        Some(picture) => Some(write_cover(picture, cover_cache)?),
        None => None,
    };
    Ok(Track {
        id: String::new(),
        title: text(|t| t.title()).unwrap_or_else(|| stem.to_string()),
        artists: text(|t| t.artist()).into_iter().collect(),
        album: text(|t| t.album()).unwrap_or_default(),
        length_us: Some(length_us),
        art_url,
        url,
        track_number: tag.and_then(|t| t.track()),
    })
}

/// Writes a cover to the cache (named by a hash of its bytes, so each is written once) and
/// returns its `file://` URL.
fn write_cover(picture: &lofty::picture::Picture, cache: &Path) -> anyhow::Result<String> {
    let extension = match picture.mime_type() {
        Some(lofty::picture::MimeType::Jpeg) => "jpg",
        _ => "png",
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    picture.data().hash(&mut hasher);
    let path = cache.join(format!("{:016x}.{extension}", hasher.finish()));
    if !path.exists() {
        std::fs::create_dir_all(cache)
            .with_context(|| format!("cannot create {}", cache.display()))?;
        let temporary = path.with_extension("tmp");
        std::fs::write(&temporary, picture.data())?;
        std::fs::rename(&temporary, &path)?;
    }
    Ok(file_url(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_library_is_the_demo_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/media/demo-library");
        let cache = std::env::temp_dir().join(format!("opencabin-covers-{}", std::process::id()));
        let from_folder = load(&dir, &cache).unwrap();
        let built_in = load_demo(&cache).unwrap();
        assert_eq!(
            built_in.len(),
            from_folder.len(),
            "every demo file is built in"
        );
        for (a, b) in built_in.iter().zip(&from_folder) {
            assert_eq!(
                (&a.title, &a.album, &a.art_url),
                (&b.title, &b.album, &b.art_url)
            );
            assert_eq!(a.url, None);
        }
    }
}
