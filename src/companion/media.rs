//! What is playing, as the phone sees it: the active MPRIS player (the car's own or any other on
//! the bus, chosen as the UI chooses it, by the same `client::mpris` client), its track and
//! where it is in it; and the hand-off that "continue on phone" gives.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::client::mpris::{Command, MprisState, PlayerSnapshot};

/// The page's media card, sent with the car's state.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NowPlaying {
    /// Whether a player is on the bus.
    pub available: bool,
    /// The player's name, e.g. "OpenCabin" or "mpv".
    pub player: String,
    pub title: String,
    /// The artists, joined with ", ".
    pub artist: String,
    pub album: String,
    pub playing: bool,
    /// Where the track is at the moment this was made, s.
    pub position_s: f64,
    /// The track's length, s; 0 for live radio or when the player does not say.
    pub length_s: f64,
    /// How fast the position moves while playing (1.0 normally), for the page's clock.
    pub rate: f64,
    pub can_play: bool,
    pub can_pause: bool,
    pub can_next: bool,
    pub can_previous: bool,
}

const MICROS: f64 = 1e6;

impl NowPlaying {
    /// The active player of `state` at `now`.
    pub fn of(state: &MprisState, now: Instant) -> NowPlaying {
        let Some(player) = state.active_player() else {
            return NowPlaying::default();
        };
        NowPlaying {
            available: true,
            player: player.identity.clone(),
            title: player.track.title.clone(),
            artist: player.track.artists.join(", "),
            album: player.track.album.clone(),
            playing: player.is_playing(),
            position_s: seconds(player.position_at(now)),
            length_s: player.track.length_us.map_or(0.0, seconds),
            rate: player.rate,
            can_play: player.can_play,
            can_pause: player.can_pause,
            can_next: player.can_go_next,
            can_previous: player.can_go_previous,
        }
    }
}

impl NowPlaying {
    /// Whether the phone would show nothing new if sent `self`, `elapsed_s` after it was sent
    /// `earlier`: the same but for the position having run on as it plays (within 0.25 s).
    pub fn shows_the_same(&self, earlier: &NowPlaying, elapsed_s: f64) -> bool {
        let expected = if earlier.playing {
            let run = earlier.position_s + elapsed_s * earlier.rate;
            if earlier.length_s > 0.0 {
                run.min(earlier.length_s)
            } else {
                run
            }
        } else {
            earlier.position_s
        };
        let moved_on = NowPlaying {
            position_s: self.position_s,
            ..earlier.clone()
        };
        *self == moved_on && (self.position_s - expected).abs() <= 0.25
    }
}

fn seconds(micros: i64) -> f64 {
    (micros as f64 / MICROS * 10.0).round() / 10.0
}

/// What the phone may ask of the player.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaAction {
    PlayPause,
    Play,
    Pause,
    Next,
    Previous,
}

impl MediaAction {
    pub fn command(self) -> Command {
        match self {
            MediaAction::PlayPause => Command::PlayPause,
            MediaAction::Play => Command::Play,
            MediaAction::Pause => Command::Pause,
            MediaAction::Next => Command::Next,
            MediaAction::Previous => Command::Previous,
        }
    }
}

/// "Continue on phone": the track and the position the car was at when the phone asked, for the
/// phone's own player to pick up; the car's player is paused there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handoff {
    pub player: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    /// The player's `xesam:url` for the track, when it gives one (a `file://` URL names a file
    /// on the car, which the phone cannot open; a stream's `http(s)://` URL it can).
    pub url: String,
    /// s.
    pub position_s: f64,
    pub length_s: f64,
    /// Whether the car was playing (and so was paused for the phone).
    pub was_playing: bool,
}

impl Handoff {
    /// `player`'s track at `position_us`; `was_playing` before the car paused for the phone.
    pub fn of(player: &PlayerSnapshot, position_us: i64, was_playing: bool) -> Handoff {
        Handoff {
            player: player.identity.clone(),
            title: player.track.title.clone(),
            artist: player.track.artists.join(", "),
            album: player.track.album.clone(),
            url: player.track.url.clone().unwrap_or_default(),
            position_s: seconds(position_us),
            length_s: player.track.length_us.map_or(0.0, seconds),
            was_playing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::media::{PlaybackStatus, Track};

    fn state(status: PlaybackStatus) -> MprisState {
        let player = PlayerSnapshot {
            bus_name: "org.mpris.MediaPlayer2.opencabin".into(),
            identity: "OpenCabin".into(),
            status,
            track: Track {
                title: "Aurora".into(),
                artists: vec!["A".into(), "B".into()],
                length_us: Some(200_000_000),
                ..Track::default()
            },
            position_us: 61_240_000,
            position_at: None,
            rate: 1.0,
            ..PlayerSnapshot::default()
        };
        MprisState {
            active: Some(player.bus_name.clone()),
            players: vec![player],
        }
    }

    #[test]
    fn shows_the_active_player_in_seconds() {
        let now = NowPlaying::of(&state(PlaybackStatus::Paused), Instant::now());
        assert!(now.available && !now.playing);
        assert_eq!(now.title, "Aurora");
        assert_eq!(now.artist, "A, B");
        assert_eq!(now.position_s, 61.2);
        assert_eq!(now.length_s, 200.0);
    }

    #[test]
    fn no_player_is_unavailable() {
        let now = NowPlaying::of(&MprisState::default(), Instant::now());
        assert!(!now.available);
        assert_eq!(now.title, "");
    }

    #[test]
    fn a_position_running_on_is_nothing_new_but_a_jump_or_a_pause_is() {
        let sent = NowPlaying::of(&state(PlaybackStatus::Playing), Instant::now());
        let later = |position_s| NowPlaying {
            position_s,
            ..sent.clone()
        };
        assert!(later(63.2).shows_the_same(&sent, 2.0));
        assert!(!later(90.0).shows_the_same(&sent, 2.0), "a seek");
        let paused = NowPlaying {
            playing: false,
            ..later(63.2)
        };
        assert!(!paused.shows_the_same(&sent, 2.0), "paused");
        assert!(
            paused.shows_the_same(&paused, 5.0),
            "a paused position stays"
        );
        let skipped = NowPlaying {
            title: "Next".into(),
            ..later(63.2)
        };
        assert!(!skipped.shows_the_same(&sent, 2.0), "another track");
    }

    #[test]
    fn actions_are_snake_case() {
        let action: MediaAction = serde_json::from_str("\"play_pause\"").unwrap();
        assert_eq!(action.command(), Command::PlayPause);
        assert!(serde_json::from_str::<MediaAction>("\"seek\"").is_err());
    }
}
