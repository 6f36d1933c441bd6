//! One MPRIS player as the client sees it: its playback state, current track, track list and
//! source, followed through the typed proxies of the MPRIS interfaces. Players do not signal
//! `Position`: it is read when the track, status or rate changes and on `Seeked`, and
//! extrapolated in between.

use std::time::Instant;

use futures_util::StreamExt;
use futures_util::stream::{BoxStream, SelectAll};
use zbus::Connection;
use zbus::proxy::CacheProperties;

use crate::client::{Followed, Update, Updates};
use crate::contract::media::{
    LoopStatus, MediaPlayer2Proxy, Metadata, NAME_PREFIX, PlaybackStatus, PlayerProxy, Source,
    SourcesProxy, Track, TrackListProxy,
};

/// What the client knows of one player.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlayerSnapshot {
    pub bus_name: String,
    pub identity: String,
    pub status: PlaybackStatus,
    pub track: Track,
    /// Position at `position_at`, µs.
    pub position_us: i64,
    pub position_at: Option<Instant>,
    pub rate: f64,
    pub volume: f64,
    pub shuffle: bool,
    pub loop_status: LoopStatus,
    pub can_go_next: bool,
    pub can_go_previous: bool,
    pub can_play: bool,
    pub can_pause: bool,
    pub can_seek: bool,
    /// When it appeared or last started playing: the most recent one wins when none plays.
    pub last_active: Option<Instant>,
    /// The track list, when the player has one.
    pub queue: Vec<Track>,
    /// Our player's source; None for other players.
    pub source: Option<Source>,
}

impl PlayerSnapshot {
    pub fn is_playing(&self) -> bool {
        self.status == PlaybackStatus::Playing
    }

    /// The position extrapolated to `now`, µs.
    pub fn position_at(&self, now: Instant) -> i64 {
        let Some(at) = self.position_at.filter(|_| self.is_playing()) else {
            return self.position_us;
        };
        let elapsed = now.saturating_duration_since(at).as_secs_f64() * 1e6 * self.rate;
        let position = self.position_us + elapsed as i64;
        self.track
            .length_us
            .filter(|&length| length > 0)
            .map_or(position, |length| position.min(length))
    }

    /// Notes the position the player reported just now.
    fn anchor(&mut self, position_us: i64) {
        self.position_us = position_us;
        self.position_at = Some(Instant::now());
    }

    fn set_status(&mut self, status: PlaybackStatus) {
        if status == PlaybackStatus::Playing && !self.is_playing() {
            self.last_active = Some(Instant::now());
        }
        // Freeze the extrapolated position at the change.
        self.position_us = self.position_at(Instant::now());
        self.position_at = Some(Instant::now());
        self.status = status;
    }
}

/// An update that also reads the position again, for changes that move it.
async fn with_position(
    player: PlayerProxy<'static>,
    change: impl FnOnce(&mut PlayerSnapshot) + Send + 'static,
) -> Option<Update<PlayerSnapshot>> {
    let position = player.position().await.ok();
    let update: Update<PlayerSnapshot> = Box::new(move |p: &mut PlayerSnapshot| {
        change(p);
        if let Some(position) = position {
            p.anchor(position);
        }
    });
    Some(update)
}

/// Follows one property of the Player interface into the snapshot.
macro_rules! follow_player_property {
    ($updates:ident, $player:ident, $stream:ident, |$p:ident, $value:ident| $set:expr) => {
        $updates.push(
            $player
                .$stream()
                .await
                .filter_map(|change| async move {
                    let $value = change.get().await.ok()?;
                    let update: Update<PlayerSnapshot> =
                        Box::new(move |$p: &mut PlayerSnapshot| $set);
                    Some(update)
                })
                .boxed(),
        );
    };
}

impl Followed for PlayerSnapshot {
    async fn open(connection: &Connection, service: &str) -> zbus::Result<(Self, Updates<Self>)> {
        let player = PlayerProxy::builder(connection)
            .destination(service.to_string())
            .cache_properties(CacheProperties::Yes)
            .build()
            .await?;
        let mut updates: SelectAll<BoxStream<'static, Update<Self>>> = SelectAll::new();
        let seeks = player.receive_seeked().await?;
        updates.push(
            seeks
                .filter_map(|signal| async move {
                    let position = signal.args().ok()?.position;
                    let update: Update<Self> = Box::new(move |p: &mut Self| p.anchor(position));
                    Some(update)
                })
                .boxed(),
        );
        let status_player = player.clone();
        updates.push(
            player
                .receive_playback_status_changed()
                .await
                .filter_map(move |change| {
                    let player = status_player.clone();
                    async move {
                        let status = change.get().await.ok()?;
                        with_position(player, move |p| p.set_status(status)).await
                    }
                })
                .boxed(),
        );
        let metadata_player = player.clone();
        updates.push(
            player
                .receive_metadata_changed()
                .await
                .filter_map(move |change| {
                    let player = metadata_player.clone();
                    async move {
                        let metadata: Metadata = change.get().await.ok()?;
                        let track = Track::from_metadata(&metadata);
                        with_position(player, move |p| p.track = track).await
                    }
                })
                .boxed(),
        );
        let rate_player = player.clone();
        updates.push(
            player
                .receive_rate_changed()
                .await
                .filter_map(move |change| {
                    let player = rate_player.clone();
                    async move {
                        let rate = change.get().await.ok()?;
                        with_position(player, move |p| p.rate = rate).await
                    }
                })
                .boxed(),
        );
        follow_player_property!(updates, player, receive_volume_changed, |p, v| p.volume = v);
        follow_player_property!(updates, player, receive_shuffle_changed, |p, v| p.shuffle =
            v);
        follow_player_property!(updates, player, receive_loop_status_changed, |p, v| {
            p.loop_status = v
        });
        follow_player_property!(updates, player, receive_can_go_next_changed, |p, v| {
            p.can_go_next = v
        });
        follow_player_property!(updates, player, receive_can_go_previous_changed, |p, v| {
            p.can_go_previous = v
        });
        follow_player_property!(updates, player, receive_can_play_changed, |p, v| p
            .can_play =
            v);
        follow_player_property!(updates, player, receive_can_pause_changed, |p, v| {
            p.can_pause = v
        });
        follow_player_property!(updates, player, receive_can_seek_changed, |p, v| p
            .can_seek =
            v);
        updates.push(queue_updates(connection, service).await?);

        let mut snapshot = read(connection, service, &player).await?;
        snapshot.last_active = Some(Instant::now());
        Ok((snapshot, updates.boxed()))
    }
}

/// The player as it is now: identity, every Player property, position, queue and source.
async fn read(
    connection: &Connection,
    service: &str,
    player: &PlayerProxy<'static>,
) -> zbus::Result<PlayerSnapshot> {
    let root = MediaPlayer2Proxy::builder(connection)
        .destination(service.to_string())
        .build()
        .await?;
    let identity = match root.identity().await {
        Ok(identity) => identity,
        Err(_) => service.trim_start_matches(NAME_PREFIX).to_string(),
    };
    let (queue, source) = read_queue(connection, service).await;
    let mut snapshot = PlayerSnapshot {
        bus_name: service.to_string(),
        identity,
        status: player.playback_status().await.unwrap_or_default(),
        track: Track::from_metadata(&player.metadata().await.unwrap_or_default()),
        rate: player.rate().await.unwrap_or(1.0),
        volume: player.volume().await.unwrap_or(1.0),
        shuffle: player.shuffle().await.unwrap_or(false),
        loop_status: player.loop_status().await.unwrap_or_default(),
        can_go_next: player.can_go_next().await.unwrap_or(false),
        can_go_previous: player.can_go_previous().await.unwrap_or(false),
        can_play: player.can_play().await.unwrap_or(false),
        can_pause: player.can_pause().await.unwrap_or(false),
        can_seek: player.can_seek().await.unwrap_or(false),
        queue,
        source,
        ..PlayerSnapshot::default()
    };
    // A player that cannot tell its position is taken to be at the start.
    snapshot.anchor(player.position().await.unwrap_or(0));
    Ok(snapshot)
}

/// Updates of the track list: read again on any TrackList signal and on a change of source.
async fn queue_updates(
    connection: &Connection,
    service: &str,
) -> zbus::Result<BoxStream<'static, Update<PlayerSnapshot>>> {
    let track_list = TrackListProxy::builder(connection)
        .destination(service.to_string())
        .build()
        .await?;
    let changes = track_list.inner().receive_all_signals().await?;
    let (connection, service) = (connection.clone(), service.to_string());
    Ok(changes
        .filter_map(move |_| {
            let (connection, service) = (connection.clone(), service.clone());
            async move {
                let (queue, source) = read_queue(&connection, &service).await;
                let update: Update<PlayerSnapshot> = Box::new(move |p: &mut PlayerSnapshot| {
                    p.queue = queue;
                    p.source = source;
                });
                Some(update)
            }
        })
        .boxed())
}

/// A player's track list with each track's metadata, and (for ours) its source. Players without
/// a track list give an empty one.
async fn read_queue(connection: &Connection, service: &str) -> (Vec<Track>, Option<Source>) {
    let source = match SourcesProxy::builder(connection)
        .destination(service.to_string())
        .build()
        .await
    {
        Ok(sources) => sources.active_source().await.ok(),
        Err(_) => None,
    };
    let queue = async {
        let track_list = TrackListProxy::builder(connection)
            .destination(service.to_string())
            .cache_properties(CacheProperties::No)
            .build()
            .await?;
        let ids = track_list.tracks().await?;
        let all = track_list.get_tracks_metadata(ids).await?;
        zbus::Result::Ok(all.iter().map(Track::from_metadata).collect())
    };
    (queue.await.unwrap_or_default(), source)
}
