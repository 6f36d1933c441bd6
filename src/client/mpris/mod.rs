//! The MPRIS client the front ends use: every `org.mpris.MediaPlayer2.*` player on the bus, one
//! per connection (a player that owns several names, as mpv with mpv-mpris does, is one player),
//! which one is active (the one the user chose, else the one playing, else the most recent),
//! and commands to it. Plain Rust and zbus, no Slint.

mod player;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use futures_util::StreamExt;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use zbus::fdo::DBusProxy;
use zbus::names::BusName;
use zbus::{Connection, ObjectPath};

pub use player::PlayerSnapshot;

use crate::client::{CallError, follow};
use crate::contract::media::{
    LoopStatus, NAME_PREFIX, PlayerProxy, Source, SourcesProxy, TrackListProxy,
};

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
    SetLoopStatus(LoopStatus),
    /// TrackList.GoTo with a track id.
    GoTo(String),
    /// Our player's source.
    SelectSource(Source),
}

#[derive(Default)]
struct Inner {
    /// Each MPRIS name on the bus and its owner's unique name.
    owners: BTreeMap<String, String>,
    /// Per owner: the name followed and its follower.
    followers: BTreeMap<String, Follower>,
    /// Numbers the followers, so that one that was replaced cannot write any more.
    generation: u64,
    /// Per owner: the player as last seen.
    players: BTreeMap<String, PlayerSnapshot>,
    /// Bus name the user chose.
    selected: Option<String>,
}

struct Follower {
    name: String,
    generation: u64,
    task: JoinHandle<()>,
}

/// Follows the players on one connection; dropping it stops following.
pub struct MprisClient {
    connection: Connection,
    shared: Shared,
    discovery: JoinHandle<()>,
}

#[derive(Clone)]
struct Shared {
    connection: Connection,
    inner: Arc<Mutex<Inner>>,
    state: watch::Sender<MprisState>,
}

impl Drop for MprisClient {
    fn drop(&mut self) {
        self.discovery.abort();
        for follower in self.shared.lock().followers.values() {
            follower.task.abort();
        }
    }
}

impl MprisClient {
    /// Starts following every MPRIS player on `connection`. Must run inside the tokio runtime.
    pub async fn start(connection: Connection) -> zbus::Result<Self> {
        let (state, _) = watch::channel(MprisState::default());
        let shared = Shared {
            connection: connection.clone(),
            inner: Arc::default(),
            state,
        };
        let dbus = DBusProxy::new(&connection).await?;
        let mut changes = dbus.receive_name_owner_changed().await?;
        for name in dbus.list_names().await? {
            if name.starts_with(NAME_PREFIX)
                && let Ok(owner) = dbus.get_name_owner(BusName::from(name.clone())).await
            {
                shared
                    .lock()
                    .owners
                    .insert(name.to_string(), owner.to_string());
            }
        }
        shared.reconcile();
        let watcher = shared.clone();
        let discovery = tokio::spawn(async move {
            while let Some(signal) = changes.next().await {
                let Ok(args) = signal.args() else { continue };
                let name = args.name().to_string();
                if !name.starts_with(NAME_PREFIX) {
                    continue;
                }
                {
                    let mut inner = watcher.lock();
                    match args.new_owner().as_ref() {
                        Some(owner) => inner.owners.insert(name, owner.to_string()),
                        None => inner.owners.remove(&name),
                    };
                }
                watcher.reconcile();
            }
        });
        Ok(MprisClient {
            connection,
            shared,
            discovery,
        })
    }

    /// The players now.
    pub fn state(&self) -> MprisState {
        self.shared.state.borrow().clone()
    }

    /// A receiver that sees every change of the state.
    pub fn subscribe(&self) -> watch::Receiver<MprisState> {
        self.shared.state.subscribe()
    }

    /// Makes `bus_name` the active player while it is on the bus.
    pub fn select(&self, bus_name: &str) {
        self.shared.lock().selected = Some(bus_name.to_string());
        self.shared.publish();
    }

    /// Sends `command` to the active player.
    pub async fn send(&self, command: Command) -> Result<(), CallError> {
        let Some(active) = self.state().active else {
            return Err(zbus::Error::Failure("no media player on the bus".into()).into());
        };
        self.send_to(active, command).await
    }

    /// The position of the player with bus name `player`, read from it now, µs.
    pub async fn read_position(&self, player: &str) -> Result<i64, CallError> {
        let proxy = PlayerProxy::builder(&self.connection)
            .destination(player.to_string())
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .await?;
        Ok(proxy.position().await?)
    }

    /// Sends `command` to the player with bus name `active`.
    pub async fn send_to(&self, active: String, command: Command) -> Result<(), CallError> {
        tracing::debug!(player = %active, ?command, "sending");
        let player = PlayerProxy::builder(&self.connection)
            .destination(active.clone())
            .build()
            .await?;
        match command {
            Command::PlayPause => player.play_pause().await?,
            Command::Play => player.play().await?,
            Command::Pause => player.pause().await?,
            Command::Stop => player.stop().await?,
            Command::Next => player.next().await?,
            Command::Previous => player.previous().await?,
            Command::Seek(offset) => player.seek(offset).await?,
            Command::SetPosition(track, position) => {
                player
                    .set_position(ObjectPath::try_from(track.as_str())?, position)
                    .await?
            }
            Command::SetVolume(volume) => player.set_volume(volume).await?,
            Command::SetShuffle(shuffle) => player.set_shuffle(shuffle).await?,
            Command::SetLoopStatus(status) => {
                player.set_loop_status(status.as_str().to_string()).await?
            }
            Command::GoTo(track) => {
                let list = TrackListProxy::builder(&self.connection)
                    .destination(active)
                    .build()
                    .await?;
                list.go_to(ObjectPath::try_from(track.as_str())?).await?
            }
            Command::SelectSource(source) => {
                let sources = SourcesProxy::builder(&self.connection)
                    .destination(active)
                    .build()
                    .await?;
                sources.select_source(source.as_str()).await?
            }
        }
        Ok(())
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Follows one name per owner (the shortest: `...mpv` rather than `...mpv.instance42`) and
    /// forgets owners that left.
    fn reconcile(&self) {
        let mut inner = self.lock();
        let mut wanted: BTreeMap<String, String> = BTreeMap::new();
        for (name, owner) in &inner.owners {
            let best = wanted.entry(owner.clone()).or_insert_with(|| name.clone());
            if (name.len(), name) < (best.len(), &*best) {
                *best = name.clone();
            }
        }
        let gone: Vec<String> = inner
            .followers
            .iter()
            .filter(|(owner, follower)| wanted.get(*owner) != Some(&follower.name))
            .map(|(owner, _)| owner.clone())
            .collect();
        for owner in gone {
            if let Some(follower) = inner.followers.remove(&owner) {
                tracing::info!(player = %follower.name, "media player vanished");
                follower.task.abort();
            }
            inner.players.remove(&owner);
        }
        for (owner, name) in wanted {
            if inner.followers.contains_key(&owner) {
                continue;
            }
            tracing::info!(player = %name, %owner, "media player appeared");
            inner.generation += 1;
            let generation = inner.generation;
            let shared = self.clone();
            let (followed, key) = (name.clone(), owner.clone());
            let task = tokio::spawn(async move {
                let outcome = follow::<PlayerSnapshot>(&shared.connection, &followed, |view| {
                    {
                        let mut inner = shared.lock();
                        // An aborted follower may still be inside this call.
                        let current = inner.followers.get(&key).map(|f| f.generation);
                        if current != Some(generation) {
                            return;
                        }
                        match view {
                            Some(view) => inner.players.insert(key.clone(), view.clone()),
                            None => inner.players.remove(&key),
                        };
                    }
                    shared.publish();
                })
                .await;
                if let Err(err) = outcome {
                    tracing::debug!(player = %followed, %err, "stopped following");
                }
            });
            inner.followers.insert(
                owner,
                Follower {
                    name,
                    generation,
                    task,
                },
            );
        }
        drop(inner);
        self.publish();
    }

    /// Recomputes the active player and hands the state to subscribers.
    fn publish(&self) {
        let inner = self.lock();
        let mut players: Vec<PlayerSnapshot> = inner.players.values().cloned().collect();
        players.sort_by(|a, b| a.bus_name.cmp(&b.bus_name));
        let selected = inner
            .selected
            .as_ref()
            .filter(|s| players.iter().any(|p| &p.bus_name == *s))
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
        self.state.send_replace(MprisState { players, active });
    }
}
