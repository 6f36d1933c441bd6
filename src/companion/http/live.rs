//! `GET /api/live`: a WebSocket that pushes the car's state and what is playing (JSON, as
//! `GET /api/state` gives it) whenever the vehicle's signals change the one or a player's
//! signals change what the phone shows of the other (not a volume change, say). Browsers cannot
//! set headers on a WebSocket, and a token in the URL ends up in histories and logs, so the
//! token comes as the first message, `{"token": "..."}`, within 10 s; nothing is sent before
//! it. A wrong one, or the phone's revocation, closes the socket with code 4401.

use std::time::{Duration, Instant};

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde::Deserialize;
use tokio::sync::watch;

use super::App;
use crate::client::mpris::MprisState;
use crate::companion::media::NowPlaying;

/// How long a new socket may take to send its token.
const TOKEN_WAIT: Duration = Duration::from_secs(10);
/// The close code of a socket without a valid token (4000-4999 are the application's).
const UNAUTHORIZED: u16 = 4401;
/// The largest message (and frame) a page may send.
const MESSAGE_LIMIT: usize = 4096;
/// The read buffer of a socket: small, since a page only sends its token (tungstenite's
/// default of 128 KiB a socket let 200 sockets cost the companion 27 MiB).
const READ_BUFFER: usize = 4096;
/// A bound on a socket's write buffer (it grows only while writes to the stream fail; a page
/// that stops reading holds its own send, not the others').
const WRITE_LIMIT: usize = 64 * 1024;

#[derive(Deserialize)]
struct Hello {
    token: String,
}

pub async fn upgrade(State(app): State<App>, ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(MESSAGE_LIMIT)
        .max_frame_size(MESSAGE_LIMIT)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(WRITE_LIMIT)
        .on_upgrade(move |socket| live(socket, app))
}

async fn close(mut socket: WebSocket, reason: &'static str) {
    let frame = CloseFrame {
        code: UNAUTHORIZED,
        reason: reason.into(),
    };
    if let Err(err) = socket.send(Message::Close(Some(frame))).await {
        tracing::debug!("cannot close a live page: {err}");
    }
}

/// The phone's id from the first message, if it carries a paired phone's token in time.
async fn authorize(socket: &mut WebSocket, app: &App) -> Option<String> {
    let first = tokio::time::timeout(TOKEN_WAIT, socket.recv())
        .await
        .ok()??
        .ok()?;
    let Message::Text(text) = first else {
        return None;
    };
    let hello: Hello = serde_json::from_str(text.as_str()).ok()?;
    app.handle.authorize(&hello.token)
}

/// What a socket sent last of the media, and when.
struct SentMedia {
    media: NowPlaying,
    at: Instant,
}

/// Sends the car with what is playing now.
async fn send_state(
    socket: &mut WebSocket,
    app: &mut App,
    media: &mut watch::Receiver<MprisState>,
) -> Result<SentMedia, axum::Error> {
    app.car.mark_unchanged();
    let at = Instant::now();
    let playing = NowPlaying::of(&media.borrow_and_update(), at);
    let snapshot = app.snapshot_with(playing.clone());
    let text = serde_json::to_string(&snapshot).expect("the state serializes");
    socket.send(Message::Text(text.into())).await?;
    Ok(SentMedia { media: playing, at })
}

/// Whether the players' change is one the phone would see: not a volume change, say, nor the
/// position running on as it plays.
fn media_shows_new(media: &mut watch::Receiver<MprisState>, sent: &SentMedia) -> bool {
    let now = Instant::now();
    let playing = NowPlaying::of(&media.borrow_and_update(), now);
    !playing.shows_the_same(&sent.media, now.duration_since(sent.at).as_secs_f64())
}

async fn live(mut socket: WebSocket, mut app: App) {
    let Some(phone) = authorize(&mut socket, &app).await else {
        return close(socket, "unauthorized").await;
    };
    app.handle.set_connected(&phone, true);
    let mut revocations = app.handle.revocations();
    let mut media = app.media.subscribe();
    let mut sent = send_state(&mut socket, &mut app, &mut media).await;
    while let Ok(last) = &sent {
        tokio::select! {
            changed = app.car.changed() => {
                if changed.is_err() {
                    break;
                }
                sent = send_state(&mut socket, &mut app, &mut media).await;
            }
            changed = media.changed() => {
                if changed.is_err() {
                    break;
                }
                if media_shows_new(&mut media, last) {
                    sent = send_state(&mut socket, &mut app, &mut media).await;
                }
            }
            changed = revocations.changed() => {
                if changed.is_err() || !app.handle.is_paired(&phone) {
                    app.handle.set_connected(&phone, false);
                    return close(socket, "revoked").await;
                }
            }
            message = socket.recv() => match message {
                // Pings are answered by the socket itself; anything else is ignored.
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
    app.handle.set_connected(&phone, false);
}
