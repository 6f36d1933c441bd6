//! The MPRIS2 wire layer (freedesktop MPRIS D-Bus Interface Specification v2.2): thin zbus
//! interfaces forwarding to the `Player` state machine, plus `org.opencabin.Media1` for sources.
//! Where the spec says what to clamp or ignore, it is clamped or ignored; `Position` emits no
//! change signal (clients extrapolate; `Seeked` tells them of jumps).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use zbus::object_server::SignalEmitter;
use zbus::{ObjectPath, OwnedObjectPath, OwnedVariant, Variant, fdo, interface};

use super::player::{Item, Jump, LoopStatus, MAXIMUM_RATE, MINIMUM_RATE, Player};
use super::radio;
use crate::publish::Published;

/// The track id MPRIS reserves for "no track".
pub const NO_TRACK: &str = "/org/mpris/MediaPlayer2/TrackList/NoTrack";

/// Where the items come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Library,
    Radio,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Library, Source::Radio];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Library => "library",
            Source::Radio => "radio",
        }
    }
}

/// Everything the interfaces share.
pub struct MediaState {
    pub player: Player,
    pub source: Source,
    pub library: Vec<Item>,
    pub identity: String,
}

/// The shared state, the service's clock and the record of what was published.
#[derive(Clone)]
pub struct MediaHandle {
    state: Arc<Mutex<MediaState>>,
    started: Instant,
    pub published: Published,
}

impl MediaHandle {
    pub fn new(state: MediaState) -> Self {
        MediaHandle {
            state: Arc::new(Mutex::new(state)),
            started: Instant::now(),
            published: Published::default(),
        }
    }

    /// Time since the service started: the player's clock.
    pub fn now(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn lock(&self) -> MutexGuard<'_, MediaState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs a command on the player, asks for publication, and signals `Seeked` if the position
    /// jumped.
    async fn command(
        &self,
        emitter: &SignalEmitter<'_>,
        command: impl FnOnce(&mut Player, Duration) -> Jump,
    ) {
        let jump = {
            let now = self.now();
            command(&mut self.lock().player, now)
        };
        self.published.ring();
        if let Jump::Seeked(position) = jump
            && let Err(err) = PlayerInterface::seeked(emitter, position).await
        {
            tracing::warn!(%err, "cannot signal Seeked");
        }
    }
}

/// MPRIS metadata of an item (or of no track).
pub fn metadata(item: Option<&Item>) -> HashMap<String, OwnedVariant> {
    let mut map = HashMap::new();
    let mut put = |key: &str, value: Variant<'_>| {
        if let Ok(value) = value.try_to_owned() {
            map.insert(key.to_string(), value);
        }
    };
    let Some(item) = item else {
        put(
            "mpris:trackid",
            Variant::from(ObjectPath::from_static_str_unchecked(NO_TRACK)),
        );
        return map;
    };
    if let Ok(id) = ObjectPath::try_from(item.id.as_str()) {
        put("mpris:trackid", Variant::from(id));
    }
    put("xesam:title", Variant::from(item.title.as_str()));
    put("xesam:artist", Variant::from(item.artists.clone()));
    if !item.album.is_empty() {
        put("xesam:album", Variant::from(item.album.as_str()));
    }
    if let Some(length) = item.length_us {
        put("mpris:length", Variant::from(length));
    }
    if let Some(art) = &item.art_url {
        put("mpris:artUrl", Variant::from(art.as_str()));
    }
    if let Some(url) = &item.url {
        put("xesam:url", Variant::from(url.as_str()));
    }
    if let Some(number) = item.track_number {
        put("xesam:trackNumber", Variant::from(number as i32));
    }
    map
}

/// `org.mpris.MediaPlayer2`: who the player is.
pub struct Root(pub MediaHandle);

#[interface(name = "org.mpris.MediaPlayer2")]
impl Root {
    /// Brings the player's UI to the front; it has none (`CanRaise` is false), so nothing happens.
    fn raise(&self) {}

    /// Asks the player to quit; `CanQuit` is false, so nothing happens.
    fn quit(&self) {}

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_quit(&self) -> bool {
        false
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_raise(&self) -> bool {
        false
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn has_track_list(&self) -> bool {
        true
    }

    /// Human-readable name of the player.
    #[zbus(property(emits_changed_signal = "const"))]
    fn identity(&self) -> String {
        self.0.lock().identity.clone()
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn supported_uri_schemes(&self) -> Vec<String> {
        Vec::new()
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn supported_mime_types(&self) -> Vec<String> {
        Vec::new()
    }
}

/// `org.mpris.MediaPlayer2.Player`: playback.
pub struct PlayerInterface(pub MediaHandle);

const PLAYER: &str = "org.mpris.MediaPlayer2.Player";

#[interface(name = "org.mpris.MediaPlayer2.Player")]
impl PlayerInterface {
    async fn next(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0.command(&emitter, |p, now| p.next(now)).await
    }

    async fn previous(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0.command(&emitter, |p, now| p.previous(now)).await
    }

    async fn pause(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0
            .command(&emitter, |p, now| {
                p.pause(now);
                Jump::Nothing
            })
            .await
    }

    async fn play_pause(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0
            .command(&emitter, |p, now| {
                p.play_pause(now);
                Jump::Nothing
            })
            .await
    }

    async fn stop(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0
            .command(&emitter, |p, now| {
                p.stop(now);
                Jump::Nothing
            })
            .await
    }

    async fn play(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0
            .command(&emitter, |p, now| {
                p.play(now);
                Jump::Nothing
            })
            .await
    }

    /// Moves by `offset` µs; before the start goes to the start, past the end to the next track.
    async fn seek(&self, offset: i64, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        self.0.command(&emitter, |p, now| p.seek(offset, now)).await
    }

    /// Moves to `position` µs in track `track_id`; a stale id or a position outside the track is
    /// ignored.
    async fn set_position(
        &self,
        track_id: ObjectPath<'_>,
        position: i64,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        self.0
            .command(&emitter, |p, now| {
                p.set_position(track_id.as_str(), position, now)
            })
            .await
    }

    /// No URI scheme is supported (`SupportedUriSchemes` is empty).
    fn open_uri(&self, uri: &str) -> fdo::Result<()> {
        Err(fdo::Error::NotSupported(format!(
            "cannot open {uri}: this player opens no URIs"
        )))
    }

    /// The position jumped (a seek, a set position, a looped track), in µs.
    #[zbus(signal)]
    pub async fn seeked(emitter: &SignalEmitter<'_>, position: i64) -> zbus::Result<()>;

    #[zbus(property)]
    fn playback_status(&self) -> String {
        self.0.lock().player.status().as_str().to_string()
    }

    /// "None", "Track" or "Playlist".
    #[zbus(property)]
    fn loop_status(&self) -> String {
        self.0.lock().player.loop_status().as_str().to_string()
    }

    #[zbus(property)]
    fn set_loop_status(&self, value: String) -> fdo::Result<()> {
        let status = LoopStatus::parse(&value).ok_or_else(|| {
            fdo::Error::InvalidArgs(format!(
                "LoopStatus: \"{value}\" is not known; allowed: \"None\", \"Track\", \"Playlist\""
            ))
        })?;
        self.0.lock().player.set_loop_status(status);
        self.0
            .published
            .record(PLAYER, "LoopStatus", Variant::from(value));
        self.0.published.ring();
        Ok(())
    }

    /// Playback rate, 0.5 to 2.0; a value outside is clamped, 0 pauses.
    #[zbus(property)]
    fn rate(&self) -> f64 {
        self.0.lock().player.rate()
    }

    #[zbus(property)]
    fn set_rate(&self, value: f64) {
        let now = self.0.now();
        self.0.lock().player.set_rate(value, now);
        self.0.published.ring();
    }

    #[zbus(property)]
    fn shuffle(&self) -> bool {
        self.0.lock().player.shuffle()
    }

    #[zbus(property)]
    fn set_shuffle(&self, value: bool) {
        self.0.lock().player.set_shuffle(value);
        self.0
            .published
            .record(PLAYER, "Shuffle", Variant::from(value));
        self.0.published.ring();
    }

    #[zbus(property)]
    fn metadata(&self) -> HashMap<String, OwnedVariant> {
        metadata(self.0.lock().player.current())
    }

    /// Volume, 0.0 to 1.0; below 0 is taken as 0, above 1 as 1.
    #[zbus(property)]
    fn volume(&self) -> f64 {
        self.0.lock().player.volume()
    }

    #[zbus(property)]
    fn set_volume(&self, value: f64) {
        self.0.lock().player.set_volume(value);
        self.0.published.ring();
    }

    /// Position in the track, µs. Not signalled: clients extrapolate with `Rate`.
    #[zbus(property(emits_changed_signal = "false"))]
    fn position(&self) -> i64 {
        let now = self.0.now();
        self.0.lock().player.position_us(now)
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn minimum_rate(&self) -> f64 {
        MINIMUM_RATE
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn maximum_rate(&self) -> f64 {
        MAXIMUM_RATE
    }

    #[zbus(property)]
    fn can_go_next(&self) -> bool {
        self.0.lock().player.can_go_next()
    }

    #[zbus(property)]
    fn can_go_previous(&self) -> bool {
        self.0.lock().player.can_go_previous()
    }

    #[zbus(property)]
    fn can_play(&self) -> bool {
        self.0.lock().player.can_play()
    }

    #[zbus(property)]
    fn can_pause(&self) -> bool {
        self.0.lock().player.can_pause()
    }

    #[zbus(property)]
    fn can_seek(&self) -> bool {
        self.0.lock().player.can_seek()
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_control(&self) -> bool {
        true
    }
}

/// `org.mpris.MediaPlayer2.TrackList`: the items of the current source.
pub struct TrackList(pub MediaHandle);

fn track_ids(items: &[Item]) -> Vec<OwnedObjectPath> {
    items
        .iter()
        .filter_map(|item| OwnedObjectPath::try_from(item.id.as_str()).ok())
        .collect()
}

#[interface(name = "org.mpris.MediaPlayer2.TrackList")]
impl TrackList {
    /// Metadata of each known track id, in the order asked; unknown ids are left out.
    fn get_tracks_metadata(
        &self,
        track_ids: Vec<OwnedObjectPath>,
    ) -> Vec<HashMap<String, OwnedVariant>> {
        let state = self.0.lock();
        track_ids
            .iter()
            .filter_map(|id| {
                state
                    .player
                    .items()
                    .iter()
                    .find(|item| item.id == id.as_str())
            })
            .map(|item| metadata(Some(item)))
            .collect()
    }

    /// `CanEditTracks` is false, so this has no effect.
    fn add_track(&self, _uri: &str, _after_track: ObjectPath<'_>, _set_as_current: bool) {}

    /// `CanEditTracks` is false, so this has no effect.
    fn remove_track(&self, _track_id: ObjectPath<'_>) {}

    /// Plays the track `track_id`; an unknown id is ignored.
    async fn go_to(
        &self,
        track_id: ObjectPath<'_>,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        self.0
            .command(&emitter, |p, now| p.go_to(track_id.as_str(), now))
            .await
    }

    /// The track list was replaced (another source): its ids and the current track.
    #[zbus(signal)]
    pub async fn track_list_replaced(
        emitter: &SignalEmitter<'_>,
        tracks: Vec<OwnedObjectPath>,
        current_track: ObjectPath<'_>,
    ) -> zbus::Result<()>;

    /// A track's metadata changed (a station's now-playing text).
    #[zbus(signal)]
    pub async fn track_metadata_changed(
        emitter: &SignalEmitter<'_>,
        track_id: ObjectPath<'_>,
        metadata: HashMap<String, OwnedVariant>,
    ) -> zbus::Result<()>;

    /// Ids of the current source's tracks. Signalled by `TrackListReplaced`.
    #[zbus(property(emits_changed_signal = "invalidates"))]
    fn tracks(&self) -> Vec<OwnedObjectPath> {
        track_ids(self.0.lock().player.items())
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_edit_tracks(&self) -> bool {
        false
    }
}

/// Errors of `org.opencabin.Media1`.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Media1.Error")]
pub enum MediaError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// A source name that does not exist.
    UnknownSource(String),
}

/// `org.opencabin.Media1`: sources (library, radio) beyond what MPRIS covers.
pub struct Sources(pub MediaHandle);

#[interface(name = "org.opencabin.Media1")]
impl Sources {
    /// Names of the sources: "library" (the music files) and "radio" (preset stations).
    #[zbus(property(emits_changed_signal = "const"))]
    fn sources(&self) -> Vec<String> {
        Source::ALL.iter().map(|s| s.as_str().to_string()).collect()
    }

    /// The source the track list shows.
    #[zbus(property)]
    fn active_source(&self) -> String {
        self.0.lock().source.as_str().to_string()
    }

    /// The radio stations: (track id, station name, now-playing text).
    #[zbus(property)]
    fn radio_stations(&self) -> Vec<(OwnedObjectPath, String, String)> {
        let now_s = self.0.now().as_secs();
        radio::stations(now_s)
            .into_iter()
            .filter_map(|s| {
                Some((
                    OwnedObjectPath::try_from(s.id).ok()?,
                    s.title,
                    s.artists.join(", "),
                ))
            })
            .collect()
    }

    /// Makes `source` the track list (stopped on its first item); the track list is replaced.
    async fn select_source(
        &self,
        source: &str,
        #[zbus(object_server)] server: &zbus::ObjectServer,
    ) -> Result<(), MediaError> {
        let source = Source::ALL
            .into_iter()
            .find(|s| s.as_str() == source)
            .ok_or_else(|| {
                MediaError::UnknownSource(format!(
                    "source: \"{source}\" is not known; allowed: \"library\", \"radio\""
                ))
            })?;
        let (tracks, current) = {
            let now = self.0.now();
            let mut state = self.0.lock();
            let items = match source {
                Source::Library => state.library.clone(),
                Source::Radio => radio::stations(now.as_secs()),
            };
            state.source = source;
            state.player.replace_items(items, now);
            let current = state
                .player
                .current()
                .map_or(NO_TRACK.to_string(), |i| i.id.clone());
            (track_ids(state.player.items()), current)
        };
        let list = server.interface::<_, TrackList>(super::OBJECT_PATH).await?;
        TrackList::track_list_replaced(
            list.signal_emitter(),
            tracks,
            ObjectPath::try_from(current.as_str())?,
        )
        .await?;
        list.get()
            .await
            .tracks_invalidate(list.signal_emitter())
            .await?;
        self.0.published.ring();
        Ok(())
    }
}
