//! The companion's HTTP side (axum on tokio): the embedded page, the JSON API and the live
//! WebSocket, behind the host, origin, body-size and token checks. The one place where the
//! phone's requests meet the bus: handlers call the vehicle through `client` and navigation
//! through its typed proxy, and read the car from the followers' channels.

mod api;
mod destination;
mod guard;
mod live;
mod server;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tokio::sync::watch;
use zbus::Connection;

pub use guard::AllowedHosts;
pub use server::serve;

use super::car::CarParts;
use super::handle::CompanionHandle;
use super::page;
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
    pub hosts: Arc<AllowedHosts>,
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
        .route("/api/live", get(live::upgrade))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::check_host_and_origin,
        ))
        .with_state(app)
}
