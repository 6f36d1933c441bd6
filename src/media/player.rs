//! The player's state machine: what plays, where in it, and how commands change that. Plain Rust
//! with no zbus and no clock of its own: every call gets `now`, the time since the service
//! started, so the rules are tested without waiting. Positions are in microseconds, as in MPRIS.

use std::time::Duration;

use crate::contract::media::{Jump, LoopStatus, MAXIMUM_RATE, MINIMUM_RATE, PlaybackStatus, Track};

/// The player.
#[derive(Debug, Clone)]
pub struct Player {
    items: Vec<Track>,
    /// Play order: indices into `items`, shuffled or not.
    order: Vec<usize>,
    /// Position in `order` of the current item.
    cursor: usize,
    status: PlaybackStatus,
    loop_status: LoopStatus,
    shuffle: bool,
    volume: f64,
    rate: f64,
    /// Position at `anchor`, µs; while playing it advances at `rate` from there.
    anchor_position_us: i64,
    anchor: Duration,
    shuffle_seed: u64,
}

impl Player {
    pub fn new(items: Vec<Track>) -> Self {
        let order = (0..items.len()).collect();
        Player {
            items,
            order,
            cursor: 0,
            status: PlaybackStatus::Stopped,
            loop_status: LoopStatus::None,
            shuffle: false,
            volume: 1.0,
            rate: 1.0,
            anchor_position_us: 0,
            anchor: Duration::ZERO,
            shuffle_seed: 0x5EED,
        }
    }

    /// Replaces the items (another source) and stops on the first.
    pub fn replace_items(&mut self, items: Vec<Track>, now: Duration) {
        self.items = items;
        self.order = (0..self.items.len()).collect();
        self.cursor = 0;
        if self.shuffle {
            self.shuffle_order();
        }
        self.status = PlaybackStatus::Stopped;
        self.anchor_at(0, now);
    }

    pub fn items(&self) -> &[Track] {
        &self.items
    }

    /// Updates an item in place (a radio station's now-playing text).
    pub fn item_mut(&mut self, index: usize) -> Option<&mut Track> {
        self.items.get_mut(index)
    }

    pub fn current(&self) -> Option<&Track> {
        self.order.get(self.cursor).map(|&i| &self.items[i])
    }

    pub fn status(&self) -> PlaybackStatus {
        self.status
    }

    pub fn loop_status(&self) -> LoopStatus {
        self.loop_status
    }

    pub fn shuffle(&self) -> bool {
        self.shuffle
    }

    pub fn volume(&self) -> f64 {
        self.volume
    }

    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Position in the current item, µs.
    pub fn position_us(&self, now: Duration) -> i64 {
        if self.status != PlaybackStatus::Playing {
            return self.anchor_position_us;
        }
        let elapsed = (now.saturating_sub(self.anchor).as_secs_f64() * 1e6 * self.rate) as i64;
        let position = self.anchor_position_us + elapsed;
        match self.current().and_then(|item| item.length_us) {
            Some(length) => position.min(length),
            None => position,
        }
    }

    /// When the current item ends if nothing else happens, as time since start; None when not
    /// playing or live.
    pub fn ends_at(&self, now: Duration) -> Option<Duration> {
        if self.status != PlaybackStatus::Playing {
            return None;
        }
        let length = self.current()?.length_us?;
        let remaining_us = (length - self.position_us(now)).max(0) as f64 / self.rate;
        Some(now + Duration::from_micros(remaining_us as u64))
    }

    fn anchor_at(&mut self, position_us: i64, now: Duration) {
        self.anchor_position_us = position_us;
        self.anchor = now;
    }

    // --- What works now (the MPRIS Can* properties) ---

    pub fn can_play(&self) -> bool {
        self.current().is_some()
    }

    pub fn can_pause(&self) -> bool {
        self.current().is_some()
    }

    pub fn can_seek(&self) -> bool {
        self.current().is_some_and(|item| item.length_us.is_some())
    }

    pub fn can_go_next(&self) -> bool {
        self.next_cursor().is_some()
    }

    pub fn can_go_previous(&self) -> bool {
        self.previous_cursor().is_some()
    }

    fn next_cursor(&self) -> Option<usize> {
        match self.cursor + 1 {
            next if next < self.order.len() => Some(next),
            _ if self.loop_status == LoopStatus::Playlist && !self.order.is_empty() => Some(0),
            _ => None,
        }
    }

    fn previous_cursor(&self) -> Option<usize> {
        match self.cursor {
            0 if self.loop_status == LoopStatus::Playlist && !self.order.is_empty() => {
                Some(self.order.len() - 1)
            }
            0 => None,
            cursor => Some(cursor - 1),
        }
    }

    // --- Commands ---

    /// Shows the current item, paused at its start (how the player comes up).
    pub fn cue(&mut self) {
        if self.can_play() {
            self.status = PlaybackStatus::Paused;
        }
    }

    pub fn play(&mut self, now: Duration) {
        if !self.can_play() || self.status == PlaybackStatus::Playing {
            return;
        }
        let position = if self.status == PlaybackStatus::Stopped {
            0
        } else {
            self.anchor_position_us
        };
        self.anchor_at(position, now);
        self.status = PlaybackStatus::Playing;
    }

    pub fn pause(&mut self, now: Duration) {
        if self.status == PlaybackStatus::Playing {
            self.anchor_at(self.position_us(now), now);
            self.status = PlaybackStatus::Paused;
        }
    }

    pub fn play_pause(&mut self, now: Duration) {
        match self.status {
            PlaybackStatus::Playing => self.pause(now),
            _ => self.play(now),
        }
    }

    pub fn stop(&mut self, now: Duration) {
        self.status = PlaybackStatus::Stopped;
        self.anchor_at(0, now);
    }

    /// Goes to the next item, keeping the playback status; nothing happens at the end of a
    /// non-looping list.
    pub fn next(&mut self, now: Duration) -> Jump {
        match self.next_cursor() {
            Some(cursor) => self.go_to_cursor(cursor, now),
            None => Jump::Nothing,
        }
    }

    pub fn previous(&mut self, now: Duration) -> Jump {
        match self.previous_cursor() {
            Some(cursor) => self.go_to_cursor(cursor, now),
            None => Jump::Nothing,
        }
    }

    fn go_to_cursor(&mut self, cursor: usize, now: Duration) -> Jump {
        self.cursor = cursor;
        self.anchor_at(0, now);
        Jump::TrackChanged
    }

    /// Starts the item with this track id (TrackList.GoTo); an unknown id does nothing.
    pub fn go_to(&mut self, id: &str, now: Duration) -> Jump {
        let Some(index) = self.items.iter().position(|item| item.id == id) else {
            return Jump::Nothing;
        };
        let cursor = self.order.iter().position(|&i| i == index).unwrap_or(0);
        let jump = self.go_to_cursor(cursor, now);
        self.play(now);
        jump
    }

    /// Moves by `offset_us`; before the start means the start, past the end means the next item
    /// (as the MPRIS spec says).
    pub fn seek(&mut self, offset_us: i64, now: Duration) -> Jump {
        if !self.can_seek() {
            return Jump::Nothing;
        }
        let length = self.current().and_then(|item| item.length_us).unwrap_or(0);
        let target = self.position_us(now).saturating_add(offset_us).max(0);
        if target > length {
            return self.end_of_item(now, true);
        }
        self.anchor_at(target, now);
        Jump::Seeked(target)
    }

    /// Moves to `position_us` in the item `id`; a stale id or a position outside the item does
    /// nothing (as the MPRIS spec says).
    pub fn set_position(&mut self, id: &str, position_us: i64, now: Duration) -> Jump {
        let Some(item) = self.current() else {
            return Jump::Nothing;
        };
        let fits = item
            .length_us
            .is_some_and(|length| (0..=length).contains(&position_us));
        if item.id != id || !fits {
            return Jump::Nothing;
        }
        self.anchor_at(position_us, now);
        Jump::Seeked(position_us)
    }

    /// The current item played to its end (or was skipped past it): loop it, go on, or stop.
    pub fn end_of_item(&mut self, now: Duration, skipped: bool) -> Jump {
        if self.loop_status == LoopStatus::Track && !skipped {
            self.anchor_at(0, now);
            return Jump::Seeked(0);
        }
        match self.next_cursor() {
            Some(cursor) => self.go_to_cursor(cursor, now),
            None => {
                self.stop(now);
                Jump::TrackChanged
            }
        }
    }

    pub fn set_loop_status(&mut self, loop_status: LoopStatus) {
        self.loop_status = loop_status;
    }

    /// Shuffles the order after the current item (which stays current), or restores the order.
    pub fn set_shuffle(&mut self, shuffle: bool) {
        if shuffle == self.shuffle {
            return;
        }
        self.shuffle = shuffle;
        let current = self.order.get(self.cursor).copied();
        if shuffle {
            self.shuffle_order();
        } else {
            self.order = (0..self.items.len()).collect();
        }
        if let Some(current) = current {
            self.cursor = self.order.iter().position(|&i| i == current).unwrap_or(0);
        }
    }

    fn shuffle_order(&mut self) {
        // Fisher-Yates with a small LCG: varied, and reproducible for tests.
        for i in (1..self.order.len()).rev() {
            self.shuffle_seed = self
                .shuffle_seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = (self.shuffle_seed >> 33) as usize % (i + 1);
            self.order.swap(i, j);
        }
    }

    /// Sets the volume; below 0 is taken as 0 and above 1 as 1 (the spec lets players clamp).
    pub fn set_volume(&mut self, volume: f64) {
        self.volume = if volume.is_nan() {
            self.volume
        } else {
            volume.clamp(0.0, 1.0)
        };
    }

    /// Sets the rate within the minimum and maximum; 0 pauses, as the spec asks.
    pub fn set_rate(&mut self, rate: f64, now: Duration) {
        if rate == 0.0 {
            self.pause(now);
            return;
        }
        if rate.is_nan() {
            return;
        }
        self.anchor_at(self.position_us(now), now);
        self.rate = rate.clamp(MINIMUM_RATE, MAXIMUM_RATE);
    }
}

#[cfg(test)]
#[path = "player_tests.rs"]
mod tests;
