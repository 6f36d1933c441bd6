//! The companion's HTTP side (axum on tokio): the embedded page, the JSON API and the live
//! WebSocket, behind the host, origin, body-size and token checks. The one place where the
//! phone's requests meet the bus: handlers call the vehicle through `client`, navigation
//! through its typed proxy and the media players through the MPRIS client, and read the car
//! and what is playing from the followers' channels.

mod api;
mod destination;
mod guard;
mod live;
mod media;
mod server;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde::Serialize;
use tokio::sync::watch;
use zbus::Connection;

pub use guard::AllowedHosts;
pub use server::serve;

use super::car::{CarParts, CarState};
use super::handle::CompanionHandle;
use super::media::NowPlaying;
use super::page;
use crate::client::mpris::MprisClient;
use crate::contract::vehicle::DrivingState;

/// The largest request body taken, in bytes; a larger one gets 413.
const BODY_LIMIT: usize = 16 * 1024;

/// What every handler reaches.
#[derive(Clone)]
pub struct App {
    pub handle: CompanionHandle,
    pub connection: Connection,
    pub car: watch::Receiver<CarParts>,
    /// The car's driving state, for the driving restrictions; None while it is not known.
    pub driving: watch::Receiver<Option<DrivingState>>,
    /// Every media player on the bus and which one is active, as the UI sees them.
    pub media: Arc<MprisClient>,
    pub hosts: Arc<AllowedHosts>,
}

/// What `GET /api/state`, every live message and every write's answer hold: the car's state
/// (at the top level) and what is playing (`media`).
#[derive(Debug, Serialize)]
pub struct Snapshot {
    #[serde(flatten)]
    car: CarState,
    media: NowPlaying,
}

impl App {
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot_with(NowPlaying::of(&self.media.state(), Instant::now()))
    }

    /// The car now, with `media`.
    pub fn snapshot_with(&self, media: NowPlaying) -> Snapshot {
        Snapshot {
            car: self.car.borrow().state(),
            media,
        }
    }
}

/// A page file with its type; never cached, never framed, scripts and connections only from
/// its own origin.
fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "no-referrer"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; connect-src 'self'; frame-ancestors 'none'",
            ),
        ],
        body,
    )
}

/// The companion's routes.
pub fn router(app: App) -> Router {
    let html = || async { asset("text/html; charset=utf-8", page::HTML) };
    Router::new()
        .route("/", get(html))
        .route("/pair", get(html))
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", page::SCRIPT) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", page::STYLE) }),
        )
        .route("/api/pair", post(api::pair))
        .route("/api/state", get(api::state))
        .route("/api/lock", post(api::lock))
        .route("/api/climate", post(api::climate))
        .route("/api/places", get(destination::places))
        .route("/api/destination", post(destination::destination))
        .route("/api/media", post(media::control))
        .route("/api/media/continue", post(media::continue_on_phone))
        .route("/api/live", get(live::upgrade))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::check_host_and_origin,
        ))
        .with_state(app)
}
