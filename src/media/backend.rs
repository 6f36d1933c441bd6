//! Our player as a `MediaBackend`: the playback state machine, the active source and the
//! service's clock behind the contract's MPRIS interfaces.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::contract::media::{
    Jump, MediaBackend, MediaCommand, NO_TRACK, PlayerState, Source, Track,
};
use crate::publish::Published;

use super::player::Player;
use super::radio;

/// Everything the interfaces share.
pub struct MediaState {
    pub player: Player,
    pub source: Source,
    pub library: Vec<Track>,
    pub identity: String,
}

/// The shared state, the service's clock and the bell that asks for a publication.
#[derive(Clone)]
pub struct MediaHandle {
    state: Arc<Mutex<MediaState>>,
    started: Instant,
    pub published: Published,
}

impl MediaHandle {
    pub fn new(state: MediaState, published: Published) -> Self {
        MediaHandle {
            state: Arc::new(Mutex::new(state)),
            started: Instant::now(),
            published,
        }
    }

    /// Time since the service started: the player's clock.
    pub fn now(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn lock(&self) -> MutexGuard<'_, MediaState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl MediaBackend for MediaHandle {
    fn identity(&self) -> String {
        self.lock().identity.clone()
    }

    fn player(&self) -> PlayerState {
        let state = self.lock();
        let p = &state.player;
        PlayerState {
            status: p.status(),
            loop_status: p.loop_status(),
            rate: p.rate(),
            shuffle: p.shuffle(),
            volume: p.volume(),
            current: p.current().cloned(),
            can_go_next: p.can_go_next(),
            can_go_previous: p.can_go_previous(),
            can_play: p.can_play(),
            can_pause: p.can_pause(),
            can_seek: p.can_seek(),
        }
    }

    fn position_us(&self) -> i64 {
        let now = self.now();
        self.lock().player.position_us(now)
    }

    fn tracks(&self) -> Vec<Track> {
        self.lock().player.items().to_vec()
    }

    fn apply(&self, command: MediaCommand) -> Jump {
        let now = self.now();
        let player = &mut self.lock().player;
        match command {
            MediaCommand::Next => player.next(now),
            MediaCommand::Previous => player.previous(now),
            MediaCommand::Pause => {
                player.pause(now);
                Jump::Nothing
            }
            MediaCommand::PlayPause => {
                player.play_pause(now);
                Jump::Nothing
            }
            MediaCommand::Stop => {
                player.stop(now);
                Jump::Nothing
            }
            MediaCommand::Play => {
                player.play(now);
                Jump::Nothing
            }
            MediaCommand::Seek(offset) => player.seek(offset, now),
            MediaCommand::SetPosition(track, position) => {
                player.set_position(&track, position, now)
            }
            MediaCommand::GoTo(track) => player.go_to(&track, now),
            MediaCommand::SetLoopStatus(status) => {
                player.set_loop_status(status);
                Jump::Nothing
            }
            MediaCommand::SetRate(rate) => {
                player.set_rate(rate, now);
                Jump::Nothing
            }
            MediaCommand::SetShuffle(shuffle) => {
                player.set_shuffle(shuffle);
                Jump::Nothing
            }
            MediaCommand::SetVolume(volume) => {
                player.set_volume(volume);
                Jump::Nothing
            }
        }
    }

    fn active_source(&self) -> Source {
        self.lock().source
    }

    fn radio_stations(&self) -> Vec<Track> {
        radio::stations(self.now().as_secs())
    }

    fn select_source(&self, source: Source) -> (Vec<String>, String) {
        let now = self.now();
        let mut state = self.lock();
        let items = match source {
            Source::Library => state.library.clone(),
            Source::Radio => radio::stations(now.as_secs()),
        };
        state.source = source;
        state.player.replace_items(items, now);
        let current = state
            .player
            .current()
            .map_or(NO_TRACK.to_string(), |track| track.id.clone());
        let ids = state.player.items().iter().map(|t| t.id.clone()).collect();
        (ids, current)
    }
}
