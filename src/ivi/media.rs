//! `MediaAdapter`: the active player, its track and queue, and the switcher's players.

use std::time::Instant;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use crate::contract::media::{LoopStatus, Source};
use crate::ui::{self, AppWindow, MediaAdapter, PlayerEntry, QueueEntry};
use crate::views::MediaView;

/// Shows `view`; the cover is decoded again only when `cover_changed`.
pub fn show(window: &AppWindow, view: &MediaView, cover_changed: bool, now: Instant) {
    let media = window.global::<MediaAdapter>();
    let players: Vec<PlayerEntry> = view
        .players
        .iter()
        .map(|p| PlayerEntry {
            bus_name: p.bus_name.as_str().into(),
            identity: p.identity.as_str().into(),
            playing: p.playing,
        })
        .collect();
    media.set_players(ModelRc::new(VecModel::from(players)));
    if cover_changed {
        let cover = view.cover_path().and_then(|path| {
            slint::Image::load_from_path(std::path::Path::new(&path))
                .inspect_err(|err| tracing::warn!(path, ?err, "cannot load cover art"))
                .ok()
        });
        media.set_has_cover(cover.is_some());
        media.set_cover(cover.unwrap_or_default());
    }
    let Some(player) = &view.active else {
        media.set_available(false);
        media.set_player_identity(SharedString::default());
        media.set_active_player(SharedString::default());
        media.set_title(SharedString::default());
        media.set_artist(SharedString::default());
        media.set_album(SharedString::default());
        media.set_playing(false);
        media.set_position(0.0);
        media.set_length(0.0);
        media.set_can_seek(false);
        media.set_can_go_next(false);
        media.set_can_go_previous(false);
        media.set_shuffle(false);
        media.set_loop_status(ui::LoopStatus::None);
        media.set_volume(0.0);
        media.set_queue(ModelRc::default());
        media.set_current_id(SharedString::default());
        media.set_source(ui::MediaSource::Other);
        return;
    };
    let track = &player.track;
    media.set_available(true);
    media.set_player_identity(player.identity.as_str().into());
    media.set_active_player(player.bus_name.as_str().into());
    media.set_title(track.title.as_str().into());
    media.set_artist(track.artists.join(", ").into());
    media.set_album(track.album.as_str().into());
    media.set_playing(player.is_playing());
    media.set_position(view.position_s(now) as f32);
    media.set_length((track.length_us.unwrap_or(0) as f64 / 1e6) as f32);
    media.set_can_seek(player.can_seek);
    media.set_can_go_next(player.can_go_next);
    media.set_can_go_previous(player.can_go_previous);
    media.set_shuffle(player.shuffle);
    media.set_loop_status(loop_status(player.loop_status));
    media.set_volume(player.volume as f32);
    let queue: Vec<QueueEntry> = player
        .queue
        .iter()
        .map(|t| QueueEntry {
            id: t.id.as_str().into(),
            title: t.title.as_str().into(),
            artist: t.artists.join(", ").into(),
            length: match t.length_us {
                Some(us) if us > 0 => {
                    format!("{}:{:02}", us / 60_000_000, us / 1_000_000 % 60).into()
                }
                _ => SharedString::default(),
            },
        })
        .collect();
    media.set_queue(ModelRc::new(VecModel::from(queue)));
    media.set_current_id(track.id.as_str().into());
    media.set_source(match player.source {
        Some(Source::Library) => ui::MediaSource::Library,
        Some(Source::Radio) => ui::MediaSource::Radio,
        None => ui::MediaSource::Other,
    });
}

/// Moves the shown position on to `now` (players do not signal it).
pub fn show_position(window: &AppWindow, view: &MediaView, now: Instant) {
    window
        .global::<MediaAdapter>()
        .set_position(view.position_s(now) as f32);
}

fn loop_status(status: LoopStatus) -> ui::LoopStatus {
    match status {
        LoopStatus::None => ui::LoopStatus::None,
        LoopStatus::Track => ui::LoopStatus::Track,
        LoopStatus::Playlist => ui::LoopStatus::Playlist,
    }
}

/// What the window's loop control asks for, in MPRIS terms.
pub(super) fn loop_status_of(status: ui::LoopStatus) -> LoopStatus {
    match status {
        ui::LoopStatus::None => LoopStatus::None,
        ui::LoopStatus::Track => LoopStatus::Track,
        ui::LoopStatus::Playlist => LoopStatus::Playlist,
    }
}
