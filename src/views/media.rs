//! The media view: every player on the bus and the active one, from the MPRIS client.

use std::time::Instant;

use crate::client::mpris::{MprisState, PlayerSnapshot};
use crate::contract::media::file_path;

/// One player in the switcher.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerEntry {
    pub bus_name: String,
    pub identity: String,
    pub playing: bool,
}

/// What the media page shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MediaView {
    pub players: Vec<PlayerEntry>,
    /// The active player; None when no player is on the bus.
    pub active: Option<PlayerSnapshot>,
}

impl MediaView {
    pub fn from_mpris(state: &MprisState) -> Self {
        MediaView {
            players: state
                .players
                .iter()
                .map(|p| PlayerEntry {
                    bus_name: p.bus_name.clone(),
                    identity: p.identity.clone(),
                    playing: p.is_playing(),
                })
                .collect(),
            active: state.active_player().cloned(),
        }
    }

    /// Whether a player is there to show.
    pub fn available(&self) -> bool {
        self.active.is_some()
    }

    /// The active player's position extrapolated to `now`, in seconds.
    pub fn position_s(&self, now: Instant) -> f64 {
        self.active
            .as_ref()
            .map_or(0.0, |p| p.position_at(now) as f64 / 1e6)
    }

    /// The file of the active track's cover, from its `file://` URL.
    pub fn cover_path(&self) -> Option<String> {
        file_path(self.active.as_ref()?.track.art_url.as_deref()?)
    }
}
