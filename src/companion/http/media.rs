//! The phone's media controls: `POST /api/media` `{"action": "play_pause" | "play" | "pause" |
//! "next" | "previous"}` sends the command to the active player, as the car's own buttons do
//! (so a player's refusal comes back by name); `POST /api/media/continue` ("continue on
//! phone") pauses the car and answers the track and the position it paused at. `/api/media`
//! answers the state as the companion last saw it: the change itself follows on `/api/live`.

use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use serde::Deserialize;

use super::api::ApiError;
use super::guard::Phone;
use super::{App, Snapshot};
use crate::client::mpris::Command;
use crate::companion::media::{Handoff, MediaAction};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaRequest {
    action: MediaAction,
}

/// 503 with `NoPlayer` when no media player is on the bus.
fn no_player() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "NoPlayer",
        "no media player is on the bus",
    )
}

/// `POST /api/media`: one command for the active player.
pub async fn control(
    State(app): State<App>,
    Phone(phone): Phone,
    body: Result<Json<MediaRequest>, JsonRejection>,
) -> Result<Json<Snapshot>, ApiError> {
    let Json(request) = body.map_err(|rejection| {
        let allowed = "give {\"action\": ...} with one of play_pause, play, pause, next, previous";
        let status = rejection.status();
        ApiError::new(
            status,
            "BadRequest",
            &format!("{}; {allowed}", rejection.body_text()),
        )
    })?;
    let Some(player) = app.media.state().active else {
        return Err(no_player());
    };
    tracing::info!(%phone, action = ?request.action, %player, "media from the phone");
    app.media.send_to(player, request.action.command()).await?;
    Ok(Json(app.snapshot()))
}

/// `POST /api/media/continue`: the car's player pauses, and the phone gets the track and the
/// position it paused at, read from the player itself.
pub async fn continue_on_phone(
    State(app): State<App>,
    Phone(phone): Phone,
) -> Result<Json<Handoff>, ApiError> {
    let state = app.media.state();
    let Some(player) = state.active_player() else {
        return Err(no_player());
    };
    let was_playing = player.is_playing();
    if was_playing {
        app.media
            .send_to(player.bus_name.clone(), Command::Pause)
            .await?;
    }
    let position_us = match app.media.read_position(&player.bus_name).await {
        Ok(position) => position,
        Err(err) => {
            tracing::debug!(
                "{} gives no position ({err}); extrapolating",
                player.bus_name
            );
            player.position_at(Instant::now())
        }
    };
    let handoff = Handoff::of(player, position_us, was_playing);
    let (title, position_s) = (&handoff.title, handoff.position_s);
    tracing::info!(%phone, %title, position_s, "continue on phone");
    Ok(Json(handoff))
}
