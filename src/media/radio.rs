//! The radio source: a few preset stations, each with a rotating now-playing text.

use crate::contract::media::Track;

/// (station name, now-playing texts it rotates through).
const STATIONS: &[(&str, &[&str])] = &[
    (
        "OpenCabin FM 97.4",
        &[
            "Morning Drive with Ada",
            "Traffic and weather on the nines",
            "City Lights – The Night Owls",
        ],
    ),
    (
        "Coastal Jazz 101.2",
        &[
            "Blue Harbour – Lena Quartet",
            "Slow Tide – Marco Reyes Trio",
            "Jazz news at the hour",
        ],
    ),
    (
        "新闻广播 88.7",
        &["整点新闻", "城市路况播报", "天气预报：晴，最高气温 24 °C"],
    ),
    (
        "Classic Hits 104.5",
        &[
            "Summer Road – The Wanderers",
            "Neon Rain – Velvet Echo",
            "Request hour",
        ],
    ),
];

/// How long each now-playing text lasts, in seconds of the service's clock.
pub const NOW_PLAYING_PERIOD_S: u64 = 30;

/// The stations as playable (live, unseekable) items.
pub fn stations(now_s: u64) -> Vec<Track> {
    STATIONS
        .iter()
        .enumerate()
        .map(|(n, (name, _))| Track {
            id: format!("/org/opencabin/Media1/radio/{n}"),
            title: name.to_string(),
            artists: vec![now_playing(n, now_s).to_string()],
            album: String::new(),
            length_us: None,
            art_url: None,
            url: None,
            track_number: None,
        })
        .collect()
}

/// What station `n` plays at `now_s`.
pub fn now_playing(n: usize, now_s: u64) -> &'static str {
    let texts = STATIONS[n].1;
    texts[(now_s / NOW_PLAYING_PERIOD_S) as usize % texts.len()]
}
