//! MPRIS2 (freedesktop MPRIS D-Bus Interface Specification v2.2) and `org.opencabin.Media1`: the
//! media player's contract. The interface blocks only forward to a `MediaBackend`; where the
//! spec says what to clamp or ignore, the backend clamps or ignores. `Position` emits no change
//! signal (clients extrapolate; `Seeked` tells them of jumps). zbus generates the typed proxies
//! (`PlayerProxy`, ...) the UI uses to follow any player on the bus from the same blocks.

mod enums;
mod player;
mod root;
mod sources;
mod track;
mod track_list;

pub use enums::{LoopStatus, PlaybackStatus, Source};
pub use player::{Player, PlayerProxy};
pub use root::{MediaPlayer2, MediaPlayer2Proxy};
pub use sources::{MediaError, Sources, SourcesProxy};
pub use track::{Jump, Metadata, NO_TRACK, Track, file_path, file_url};
pub use track_list::{TrackList, TrackListProxy};

pub use crate::contract::Wire;

/// Every MPRIS player's bus name starts with this; ours is `org.mpris.MediaPlayer2.opencabin`.
pub const NAME_PREFIX: &str = "org.mpris.MediaPlayer2.";

/// Slowest and fastest playback rates.
pub const MINIMUM_RATE: f64 = 0.5;
pub const MAXIMUM_RATE: f64 = 2.0;

/// Declares an interface of the player: served at MPRIS's object path, with a typed proxy whose
/// default destination is our player (give another player's name to follow it). The one place
/// our bus name and the path are written.
macro_rules! mpris_interface {
    ($name:tt, $($item:tt)*) => {
        #[zbus::interface(
            name = $name,
            proxy(default_service = "org.mpris.MediaPlayer2.opencabin", default_path = "/org/mpris/MediaPlayer2")
        )]
        $($item)*
    };
}
use mpris_interface;

/// Our player's well-known bus name, `org.mpris.MediaPlayer2.opencabin`.
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<PlayerProxy<'_>>()
}

/// The object path every MPRIS player serves, `/org/mpris/MediaPlayer2`.
pub fn object_path() -> &'static str {
    crate::contract::path_of::<PlayerProxy<'_>>()
}

/// The playback state `org.mpris.MediaPlayer2.Player` shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlayerState {
    pub status: PlaybackStatus,
    pub loop_status: LoopStatus,
    pub rate: f64,
    pub shuffle: bool,
    pub volume: f64,
    pub current: Option<Track>,
    pub can_go_next: bool,
    pub can_go_previous: bool,
    pub can_play: bool,
    pub can_pause: bool,
    pub can_seek: bool,
}

/// What a client asks the player to do.
#[derive(Debug, Clone, PartialEq)]
pub enum MediaCommand {
    Next,
    Previous,
    Pause,
    PlayPause,
    Stop,
    Play,
    /// Relative, µs.
    Seek(i64),
    /// Track id and position, µs.
    SetPosition(String, i64),
    GoTo(String),
    SetLoopStatus(LoopStatus),
    SetRate(f64),
    SetShuffle(bool),
    SetVolume(f64),
}

/// A player behind the interfaces.
pub trait MediaBackend: Clone + Send + Sync + 'static {
    /// Human-readable name of the player.
    fn identity(&self) -> String;
    fn player(&self) -> PlayerState;
    /// Position in the current track now, µs.
    fn position_us(&self) -> i64;
    /// The track list: the items of the active source.
    fn tracks(&self) -> Vec<Track>;
    /// Carries out `command`; how the position moved.
    fn apply(&self, command: MediaCommand) -> Jump;
    fn active_source(&self) -> Source;
    /// The radio stations: id, station name as title, now-playing text as artist.
    fn radio_stations(&self) -> Vec<Track>;
    /// Makes `source` the track list, stopped on its first item; the new track ids and the
    /// current one.
    fn select_source(&self, source: Source) -> (Vec<String>, String);
}
