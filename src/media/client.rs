//! The MPRIS client the UI uses: finds every `org.mpris.MediaPlayer2.*` player on the bus,
//! follows players appearing and disappearing, picks the active one (the one the user chose,
//! else the one playing, else the most recent), extrapolates positions between updates, and
//! sends commands. Plain Rust and zbus, no Slint, so it is tested on its own.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use futures_util::StreamExt;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use zbus::fdo::DBusProxy;
use zbus::{Connection, ObjectPath, Proxy};

use super::{MPRIS_NAME_PREFIX, OBJECT_PATH, PLAYER_INTERFACE, ROOT_INTERFACE};

const TRACK_LIST_INTERFACE: &str = "org.mpris.MediaPlayer2.TrackList";
const SOURCES_INTERFACE: &str = "org.opencabin.Media1";
use crate::mirror::{self, Presence, Properties, RemoteInterface};

/// What the client knows of one player.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerSnapshot {
    pub bus_name: String,
    pub identity: String,
    /// "Playing", "Paused" or "Stopped".
    pub status: String,
    pub track_id: Option<String>,
    pub title: String,
    pub artists: Vec<String>,
    pub album: String,
    pub length_us: Option<i64>,
    pub art_url: Option<String>,
    /// Position at `position_at`, µs.
    pub position_us: i64,
    pub position_at: Instant,
    pub rate: f64,
    pub volume: f64,
    pub shuffle: bool,
    pub loop_status: String,
    pub can_go_next: bool,
    pub can_go_previous: bool,
    pub can_play: bool,
    pub can_pause: bool,
    pub can_seek: bool,
    /// When it appeared or last started playing: the most recent one wins when none plays.
    pub last_active: Instant,
    /// The track list, when the player has one: (track id, title, artist, length µs).
    pub queue: Vec<(String, String, String, i64)>,
    /// Our player's source ("library" or "radio"); empty for other players.
    pub source: String,
}

impl PlayerSnapshot {
    fn new(bus_name: &str) -> Self {
        let now = Instant::now();
        PlayerSnapshot {
            bus_name: bus_name.to_string(),
            identity: bus_name.trim_start_matches(MPRIS_NAME_PREFIX).to_string(),
            status: "Stopped".into(),
            track_id: None,
            title: String::new(),
            artists: Vec::new(),
            album: String::new(),
            length_us: None,
            art_url: None,
            position_us: 0,
            position_at: now,
            rate: 1.0,
            volume: 1.0,
            shuffle: false,
            loop_status: "None".into(),
            can_go_next: false,
            can_go_previous: false,
            can_play: false,
            can_pause: false,
            can_seek: false,
            last_active: now,
            queue: Vec::new(),
            source: String::new(),
        }
    }

    pub fn is_playing(&self) -> bool {
        self.status == "Playing"
    }

    /// The position extrapolated to `now`, µs: players do not signal `Position`.
    pub fn position_at(&self, now: Instant) -> i64 {
        if !self.is_playing() {
            return self.position_us;
        }
        let elapsed = now
            .saturating_duration_since(self.position_at)
            .as_secs_f64()
            * 1e6
            * self.rate;
        let position = self.position_us + elapsed as i64;
        self.length_us
            .map_or(position, |length| position.min(length))
    }

    /// Notes the position the player reported just now; returns false (nothing to read again).
    fn anchor(&mut self, position_us: i64) -> bool {
        self.position_us = position_us;
        self.position_at = Instant::now();
        false
    }

    /// Takes a track list and source read from the player; returns false.
    fn set_tracks(
        &mut self,
        (queue, source): &(Vec<(String, String, String, i64)>, String),
    ) -> bool {
        self.queue = queue.clone();
        self.source = source.clone();
        false
    }

    /// Takes the Player interface properties it knows; returns whether the position must be
    /// read again (track, status or rate changed).
    fn read(&mut self, properties: &Properties) -> bool {
        let mut reanchor = false;
        for (name, value) in properties {
            match name.as_str() {
                "PlaybackStatus" => {
                    if let Ok(status) = value.downcast_ref::<String>() {
                        if status == "Playing" && self.status != "Playing" {
                            self.last_active = Instant::now();
                        }
                        // Freeze the extrapolated position at the change.
                        self.position_us = self.position_at(Instant::now());
                        self.position_at = Instant::now();
                        self.status = status;
                        reanchor = true;
                    }
                }
                "Metadata" => {
                    if let Ok(metadata) = value.try_clone().and_then(Properties::try_from) {
                        self.read_metadata(&metadata);
                        reanchor = true;
                    }
                }
                "Rate" => {
                    if let Ok(rate) = value.downcast_ref::<f64>() {
                        self.rate = rate;
                        reanchor = true;
                    }
                }
                "Position" => {
                    if let Ok(position) = value.downcast_ref::<i64>() {
                        self.position_us = position;
                        self.position_at = Instant::now();
                    }
                }
                "Volume" => self.volume = value.downcast_ref::<f64>().unwrap_or(self.volume),
                "Shuffle" => self.shuffle = value.downcast_ref::<bool>().unwrap_or(self.shuffle),
                "LoopStatus" => {
                    self.loop_status = value.downcast_ref::<String>().unwrap_or_default()
                }
                "CanGoNext" => self.can_go_next = value.downcast_ref::<bool>().unwrap_or(false),
                "CanGoPrevious" => {
                    self.can_go_previous = value.downcast_ref::<bool>().unwrap_or(false)
                }
                "CanPlay" => self.can_play = value.downcast_ref::<bool>().unwrap_or(false),
                "CanPause" => self.can_pause = value.downcast_ref::<bool>().unwrap_or(false),
                "CanSeek" => self.can_seek = value.downcast_ref::<bool>().unwrap_or(false),
                _ => {}
            }
        }
        reanchor
    }

    fn read_metadata(&mut self, metadata: &Properties) {
        let text = |key: &str| {
            metadata
                .get(key)
                .and_then(|v| v.downcast_ref::<String>().ok())
        };
        self.track_id = metadata.get("mpris:trackid").and_then(|v| {
            v.downcast_ref::<ObjectPath<'_>>()
                .ok()
                .map(|p| p.to_string())
                .or_else(|| v.downcast_ref::<String>().ok())
        });
        self.title = text("xesam:title").unwrap_or_default();
        self.album = text("xesam:album").unwrap_or_default();
        self.art_url = text("mpris:artUrl");
        self.artists = metadata
            .get("xesam:artist")
            .and_then(|v| v.try_clone().and_then(Vec::<String>::try_from).ok())
            .unwrap_or_default();
        // Players disagree on the integer type of the length.
        self.length_us = metadata.get("mpris:length").and_then(|v| {
            v.downcast_ref::<i64>()
                .ok()
                .or_else(|| v.downcast_ref::<u64>().ok().map(|n| n as i64))
        });
    }
}

/// Every player and which one is active.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MprisState {
    /// Ordered by bus name.
    pub players: Vec<PlayerSnapshot>,
    /// Bus name of the active player.
    pub active: Option<String>,
}

impl MprisState {
    pub fn active_player(&self) -> Option<&PlayerSnapshot> {
        let active = self.active.as_deref()?;
        self.players.iter().find(|p| p.bus_name == active)
    }
}

/// A command for the active player.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    PlayPause,
    Play,
    Pause,
    Stop,
    Next,
    Previous,
    /// Relative, µs.
    Seek(i64),
    /// Track id and position, µs.
    SetPosition(String, i64),
    SetVolume(f64),
    SetShuffle(bool),
    /// "None", "Track" or "Playlist".
    SetLoopStatus(String),
    /// TrackList.GoTo with a track id.
    GoTo(String),
    /// Our player's source: "library" or "radio".
    SelectSource(String),
}

struct Inner {
    players: BTreeMap<String, PlayerSnapshot>,
    followers: BTreeMap<String, JoinHandle<()>>,
    selected: Option<String>,
}

/// Follows the players on one connection; dropping it stops following.
pub struct MprisClient {
    connection: Connection,
    inner: Arc<Mutex<Inner>>,
    state: watch::Sender<MprisState>,
    discovery: JoinHandle<()>,
}

impl Drop for MprisClient {
    fn drop(&mut self) {
        self.discovery.abort();
        for follower in self.lock().followers.values() {
            follower.abort();
        }
    }
}

impl MprisClient {
    /// Starts following every MPRIS player on `connection`. Must run inside the tokio runtime.
    pub async fn start(connection: Connection) -> zbus::Result<Self> {
        let inner = Arc::new(Mutex::new(Inner {
            players: BTreeMap::new(),
            followers: BTreeMap::new(),
            selected: None,
        }));
        let (state, _) = watch::channel(MprisState::default());
        let dbus = DBusProxy::new(&connection).await?;
        let mut owners = dbus.receive_name_owner_changed().await?;
        let existing = dbus.list_names().await?;
        let client_parts = (connection.clone(), inner.clone(), state.clone());
        for name in existing
            .iter()
            .map(|n| n.to_string())
            .filter(|n| n.starts_with(MPRIS_NAME_PREFIX))
        {
            appeared(&client_parts, &name);
        }
        let discovery = tokio::spawn(async move {
            while let Some(signal) = owners.next().await {
                let Ok(args) = signal.args() else { continue };
                let name = args.name().to_string();
                if !name.starts_with(MPRIS_NAME_PREFIX) {
                    continue;
                }
                match args.new_owner().as_ref() {
                    Some(_) => appeared(&client_parts, &name),
                    None => vanished(&client_parts, &name),
                }
            }
        });
        Ok(MprisClient {
            connection,
            inner,
            state,
            discovery,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The players now.
    pub fn state(&self) -> MprisState {
        self.state.borrow().clone()
    }

    /// A receiver that sees every change of the state.
    pub fn subscribe(&self) -> watch::Receiver<MprisState> {
        self.state.subscribe()
    }

    /// Makes `bus_name` the active player while it is on the bus.
    pub fn select(&self, bus_name: &str) {
        self.lock().selected = Some(bus_name.to_string());
        publish(&self.inner, &self.state);
    }

    /// Sends `command` to the active player.
    pub async fn send(&self, command: Command) -> zbus::Result<()> {
        let Some(active) = self.state().active else {
            return Err(zbus::Error::Failure("no media player on the bus".into()));
        };
        let player = Proxy::new(
            &self.connection,
            active.clone(),
            OBJECT_PATH,
            PLAYER_INTERFACE,
        )
        .await?;
        tracing::debug!(player = %active, ?command, "sending");
        match command {
            Command::PlayPause => player.call_method("PlayPause", &()).await.map(drop),
            Command::Play => player.call_method("Play", &()).await.map(drop),
            Command::Pause => player.call_method("Pause", &()).await.map(drop),
            Command::Stop => player.call_method("Stop", &()).await.map(drop),
            Command::Next => player.call_method("Next", &()).await.map(drop),
            Command::Previous => player.call_method("Previous", &()).await.map(drop),
            Command::Seek(offset) => player.call_method("Seek", &(offset,)).await.map(drop),
            Command::SetPosition(track, position) => player
                .call_method(
                    "SetPosition",
                    &(ObjectPath::try_from(track.as_str())?, position),
                )
                .await
                .map(drop),
            Command::SetVolume(volume) => player
                .set_property("Volume", volume)
                .await
                .map_err(Into::into),
            Command::SetShuffle(shuffle) => player
                .set_property("Shuffle", shuffle)
                .await
                .map_err(Into::into),
            Command::SetLoopStatus(status) => player
                .set_property("LoopStatus", status)
                .await
                .map_err(Into::into),
            Command::GoTo(track) => {
                let list =
                    Proxy::new(&self.connection, active, OBJECT_PATH, TRACK_LIST_INTERFACE).await?;
                list.call_method("GoTo", &(ObjectPath::try_from(track.as_str())?,))
                    .await
                    .map(drop)
            }
            Command::SelectSource(source) => {
                let sources =
                    Proxy::new(&self.connection, active, OBJECT_PATH, SOURCES_INTERFACE).await?;
                sources
                    .call_method("SelectSource", &(source,))
                    .await
                    .map(drop)
            }
        }
    }
}

type Parts = (Connection, Arc<Mutex<Inner>>, watch::Sender<MprisState>);

fn lock(inner: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    inner.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Recomputes the active player and hands the state to subscribers.
fn publish(inner: &Mutex<Inner>, state: &watch::Sender<MprisState>) {
    let inner = lock(inner);
    let players: Vec<PlayerSnapshot> = inner.players.values().cloned().collect();
    let selected = inner
        .selected
        .as_ref()
        .filter(|s| inner.players.contains_key(*s))
        .cloned();
    let active = selected.or_else(|| {
        let latest = |candidates: Vec<&PlayerSnapshot>| {
            candidates
                .into_iter()
                .max_by_key(|p| p.last_active)
                .map(|p| p.bus_name.clone())
        };
        latest(players.iter().filter(|p| p.is_playing()).collect())
            .or_else(|| latest(players.iter().collect()))
    });
    state.send_replace(MprisState { players, active });
}

fn appeared(parts: &Parts, name: &str) {
    let (connection, inner, state) = parts.clone();
    let mut guard = lock(&inner);
    if guard.followers.contains_key(name) {
        return;
    }
    tracing::info!(player = name, "media player appeared");
    guard
        .players
        .insert(name.to_string(), PlayerSnapshot::new(name));
    let follower = tokio::spawn(follow_player(
        connection,
        inner.clone(),
        state.clone(),
        name.to_string(),
    ));
    guard.followers.insert(name.to_string(), follower);
    drop(guard);
    publish(&inner, &state);
}

fn vanished(parts: &Parts, name: &str) {
    let (_, inner, state) = parts;
    let mut guard = lock(inner);
    if let Some(follower) = guard.followers.remove(name) {
        tracing::info!(player = name, "media player vanished");
        follower.abort();
    }
    guard.players.remove(name);
    drop(guard);
    publish(inner, state);
}

/// Mirrors one player's properties and `Seeked` signals into its snapshot.
async fn follow_player(
    connection: Connection,
    inner: Arc<Mutex<Inner>>,
    state: watch::Sender<MprisState>,
    name: String,
) {
    let update = |change: &dyn Fn(&mut PlayerSnapshot) -> bool| -> bool {
        let reanchor = lock(&inner).players.get_mut(&name).is_some_and(change);
        publish(&inner, &state);
        reanchor
    };
    let root = RemoteInterface {
        service: name.clone().into(),
        path: OBJECT_PATH.into(),
        interface: ROOT_INTERFACE.into(),
    };
    if let Ok(properties) = mirror::fetch(&connection, &root).await
        && let Some(identity) = properties
            .get("Identity")
            .and_then(|v| v.downcast_ref::<String>().ok())
    {
        update(&|p| {
            p.identity = identity.clone();
            false
        });
    }
    let Ok(player) = Proxy::new(&connection, name.clone(), OBJECT_PATH, PLAYER_INTERFACE).await
    else {
        return;
    };
    let Ok(mut seeks) = player.receive_signal("Seeked").await else {
        return;
    };
    let Ok(track_list) =
        Proxy::new(&connection, name.clone(), OBJECT_PATH, TRACK_LIST_INTERFACE).await
    else {
        return;
    };
    let Ok(mut list_changes) = track_list.receive_all_signals().await else {
        return;
    };
    let tracks = read_queue(&connection, &track_list, &name).await;
    update(&|p| p.set_tracks(&tracks));
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let remote = RemoteInterface {
        service: name.clone().into(),
        path: OBJECT_PATH.into(),
        interface: PLAYER_INTERFACE.into(),
    };
    let mirror_connection = connection.clone();
    let mirror_task = tokio::spawn(async move {
        let outcome = mirror::follow(&mirror_connection, &remote, |presence| {
            if events_tx.send(presence).is_err() {
                tracing::debug!("player follower gone");
            }
        })
        .await;
        if let Err(err) = outcome {
            tracing::debug!(%err, "stopped following a player");
        }
    });
    loop {
        tokio::select! {
            event = events.recv() => {
                let properties = match event {
                    Some(Presence::Appeared(all)) => all,
                    Some(Presence::Changed(changed)) => changed,
                    Some(Presence::Vanished) => continue,
                    None => break,
                };
                if update(&|p| p.read(&properties)) {
                    // Position is not signalled: read it when the track, status or rate changed.
                    if let Ok(position) = player.get_property::<i64>("Position").await {
                        update(&|p| p.anchor(position));
                    }
                }
            }
            change = list_changes.next() => {
                if change.is_none() {
                    break;
                }
                let tracks = read_queue(&connection, &track_list, &name).await;
                update(&|p| p.set_tracks(&tracks));
            }
            seek = seeks.next() => {
                let Some(message) = seek else { break };
                if let Ok(position) = message.body().deserialize::<i64>() {
                    update(&|p| p.anchor(position));
                }
            }
        }
    }
    mirror_task.abort();
}

/// A player's track list with each track's title, artist and length, and (for ours) its source.
/// Players without a track list give an empty one.
async fn read_queue(
    connection: &Connection,
    track_list: &Proxy<'_>,
    name: &str,
) -> (Vec<(String, String, String, i64)>, String) {
    let source =
        match Proxy::new(connection, name.to_string(), OBJECT_PATH, SOURCES_INTERFACE).await {
            Ok(sources) => sources
                .get_property::<String>("ActiveSource")
                .await
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
    let Ok(ids) = track_list
        .get_property::<Vec<zbus::OwnedObjectPath>>("Tracks")
        .await
    else {
        return (Vec::new(), source);
    };
    let Ok(reply) = track_list.call_method("GetTracksMetadata", &(ids,)).await else {
        return (Vec::new(), source);
    };
    let Ok(all) = reply.body().deserialize::<Vec<Properties>>() else {
        return (Vec::new(), source);
    };
    let queue = all
        .iter()
        .map(|metadata| {
            let mut track = PlayerSnapshot::new(name);
            track.read_metadata(metadata);
            (
                track.track_id.unwrap_or_default(),
                track.title,
                track.artists.join(", "),
                track.length_us.unwrap_or(0),
            )
        })
        .collect();
    (queue, source)
}
