//! A playable item and its MPRIS metadata (`a{sv}` with `mpris:` and `xesam:` keys), written and
//! read in one place: the service writes it, the client reads it from any player.

use std::collections::HashMap;

use zbus::{ObjectPath, OwnedVariant, Variant};

/// The track id MPRIS reserves for "no track".
pub const NO_TRACK: &str = "/org/mpris/MediaPlayer2/TrackList/NoTrack";

/// Metadata as MPRIS carries it.
pub type Metadata = HashMap<String, OwnedVariant>;

/// One playable item: a library track or a radio station.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Track {
    /// MPRIS track id, an object path.
    pub id: String,
    pub title: String,
    pub artists: Vec<String>,
    pub album: String,
    /// None for live radio, which cannot seek and never ends.
    pub length_us: Option<i64>,
    /// `file://` URL of the cover art.
    pub art_url: Option<String>,
    /// `file://` URL of the audio.
    pub url: Option<String>,
    pub track_number: Option<u32>,
}

/// What a command did to the position, for the `Seeked` signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    /// The position moved within the track; `Seeked` carries the new position.
    Seeked(i64),
    /// Another track started (or none): clients learn it from `Metadata`.
    TrackChanged,
    Nothing,
}

impl Track {
    /// MPRIS metadata of `track`, or of no track.
    pub fn metadata(track: Option<&Track>) -> Metadata {
        let mut map = HashMap::new();
        let mut put = |key: &str, value: Variant<'_>| {
            if let Ok(value) = value.try_to_owned() {
                map.insert(key.to_string(), value);
            }
        };
        let Some(track) = track else {
            put(
                "mpris:trackid",
                Variant::from(ObjectPath::from_static_str_unchecked(NO_TRACK)),
            );
            return map;
        };
        if let Ok(id) = ObjectPath::try_from(track.id.as_str()) {
            put("mpris:trackid", Variant::from(id));
        }
        put("xesam:title", Variant::from(track.title.as_str()));
        put("xesam:artist", Variant::from(track.artists.clone()));
        if !track.album.is_empty() {
            put("xesam:album", Variant::from(track.album.as_str()));
        }
        if let Some(length) = track.length_us {
            put("mpris:length", Variant::from(length));
        }
        if let Some(art) = &track.art_url {
            put("mpris:artUrl", Variant::from(art.as_str()));
        }
        if let Some(url) = &track.url {
            put("xesam:url", Variant::from(url.as_str()));
        }
        if let Some(number) = track.track_number {
            put("xesam:trackNumber", Variant::from(number as i32));
        }
        map
    }

    /// The track any player's metadata describes; missing keys stay empty. Players disagree on
    /// some types (the track id as a string, the length as an unsigned number): both are read.
    pub fn from_metadata(metadata: &Metadata) -> Track {
        let text = |key: &str| {
            metadata
                .get(key)
                .and_then(|v| v.downcast_ref::<String>().ok())
        };
        Track {
            id: metadata
                .get("mpris:trackid")
                .and_then(|v| {
                    v.downcast_ref::<ObjectPath<'_>>()
                        .ok()
                        .map(|p| p.to_string())
                        .or_else(|| v.downcast_ref::<String>().ok())
                })
                .unwrap_or_default(),
            title: text("xesam:title").unwrap_or_default(),
            album: text("xesam:album").unwrap_or_default(),
            art_url: text("mpris:artUrl"),
            url: text("xesam:url"),
            artists: metadata
                .get("xesam:artist")
                .and_then(|v| v.try_clone().and_then(Vec::<String>::try_from).ok())
                .unwrap_or_default(),
            length_us: metadata.get("mpris:length").and_then(|v| {
                v.downcast_ref::<i64>()
                    .ok()
                    .or_else(|| v.downcast_ref::<u64>().ok().map(|n| n as i64))
            }),
            track_number: metadata
                .get("xesam:trackNumber")
                .and_then(|v| v.downcast_ref::<i32>().ok())
                .and_then(|n| u32::try_from(n).ok()),
        }
    }
}

/// A `file://` URL for an absolute path, percent-encoding what URLs do not allow.
pub fn file_url(path: &std::path::Path) -> String {
    let mut url = String::from("file://");
    // The name's own bytes, so that a name that is not UTF-8 is named exactly.
    for &byte in std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()) {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// The path a `file://` URL names, its `%XX` escapes decoded; None for another scheme.
pub fn file_path(url: &str) -> Option<String> {
    url.strip_prefix("file://").map(percent_decode)
}

/// Decodes `%XX` escapes of a `file://` URL's path.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded_and_decode_to_their_path() {
        let url = file_url(std::path::Path::new("/tmp/a b/城.png"));
        assert_eq!(url, "file:///tmp/a%20b/%E5%9F%8E.png");
        assert_eq!(file_path(&url).as_deref(), Some("/tmp/a b/城.png"));
        assert_eq!(file_path("http://example.org/a.png"), None);
        let not_utf8 = std::os::unix::ffi::OsStrExt::from_bytes(b"/tmp/caf\xe9.ogg");
        assert_eq!(
            file_url(std::path::Path::new::<std::ffi::OsStr>(not_utf8)),
            "file:///tmp/caf%E9.ogg"
        );
    }

    #[test]
    fn metadata_reads_back_as_the_track() {
        let track = Track {
            id: "/org/opencabin/Media1/track/0".into(),
            title: "霓虹雨".into(),
            artists: vec!["晨光乐队".into()],
            album: "城市夜行".into(),
            length_us: Some(112_000_000),
            art_url: Some("file:///tmp/a.png".into()),
            url: None,
            track_number: Some(1),
        };
        assert_eq!(Track::from_metadata(&Track::metadata(Some(&track))), track);
        assert_eq!(Track::from_metadata(&Track::metadata(None)).id, NO_TRACK);
    }
}
