//! The companion's accept loop, for a page on the local network where anyone may connect:
//! each connection gets `HEAD_WAIT` to send a request's head (a client that sends a byte at a
//! time is cut off, as is a kept-alive one that sends nothing), at most `MAX_CONNECTIONS` are
//! served at once (one more is closed at once, a log line says so), and the process's limit of
//! open files is raised so that those fit. `axum::serve` sets neither deadline nor cap.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a connection may take to send a request's head (a new one's, or the next one's).
pub const HEAD_WAIT: Duration = Duration::from_secs(10);
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 4096;
/// The largest request head taken, in bytes (hyper answers 431 past it).
const HEAD_LIMIT: usize = 64 * 1024;

/// Serves `router` on `listener` until the listener fails for good.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    // Room for the connections beside the bus's and the process's own descriptors.
    crate::process::raise_open_files_limit(MAX_CONNECTIONS as u64 + 256);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(err) => {
                // Out of descriptors or memory: wait for connections to end, then go on.
                tracing::warn!("cannot accept a connection: {err}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "{MAX_CONNECTIONS} connections open: closing a new one");
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_WAIT)
                .max_buf_size(HEAD_LIMIT)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            if let Err(err) = connection.await {
                tracing::debug!(%peer, "connection ended: {err}");
            }
        });
    }
}
