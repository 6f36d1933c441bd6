//! The one crossing between tokio (all D-Bus I/O) and Slint (the main thread). Service events
//! update a shared `UiState`; at most one update is queued to the event loop at a time, so a
//! 100 Hz signal costs at most one UI update per frame. The UI thread never waits on D-Bus.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use slint::ComponentHandle;

use super::state::{ServiceView, UiState};
use crate::bus::BusChoice;
use crate::mirror;
use crate::ui::{AppWindow, MediaAdapter, VehicleAdapter};

/// How long to wait before connecting again when the bus is unreachable or was lost.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);

/// Writes `state` into the window's adapter globals. Runs on the UI thread.
pub fn apply(window: &AppWindow, state: &UiState) {
    let vehicle = window.global::<VehicleAdapter>();
    vehicle.set_available(state.vehicle.available);
    vehicle.set_speed_kmh(state.vehicle.speed_kmh as f32);

    let media = window.global::<MediaAdapter>();
    media.set_available(state.media.available);
    media.set_player_identity(state.media.identity.as_str().into());
}

/// Hands state updates from any thread to the UI thread, coalescing bursts.
#[derive(Clone)]
struct UiSink {
    shared: Arc<Shared>,
    window: slint::Weak<AppWindow>,
}

struct Shared {
    state: Mutex<UiState>,
    /// True while an update is queued to the event loop and not yet applied.
    queued: AtomicBool,
}

impl UiSink {
    fn update(&self, change: impl FnOnce(&mut UiState)) {
        change(
            &mut self
                .shared
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        if self.shared.queued.swap(true, Ordering::AcqRel) {
            return; // the queued update will read this change too
        }
        let shared = self.shared.clone();
        let queued = self.window.upgrade_in_event_loop(move |window| {
            // Clear first: a change that lands while we read queues a fresh update.
            shared.queued.store(false, Ordering::Release);
            let state = shared
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            apply(&window, &state);
        });
        if let Err(err) = queued {
            tracing::debug!(%err, "UI event loop gone; update dropped");
        }
    }
}

/// Starts following every service on `bus` for `window`, on `runtime`. The tasks end with the
/// runtime.
pub fn start(runtime: &tokio::runtime::Handle, bus: BusChoice, window: &AppWindow) {
    let sink = UiSink {
        shared: Arc::new(Shared {
            state: Mutex::default(),
            queued: AtomicBool::new(false),
        }),
        window: window.as_weak(),
    };
    apply(window, &UiState::default());
    runtime.spawn(follow_services(bus, sink));
}

/// Connects to the bus (again and again if it is unreachable or lost) and follows each service.
async fn follow_services(bus: BusChoice, sink: UiSink) {
    let mut warned = false;
    loop {
        match bus.connect().await {
            Ok(connection) => {
                warned = false;
                tracing::info!(%bus, "connected to the bus");
                tokio::join!(
                    follow::<crate::shell::state::VehicleView>(&connection, &sink, |s| &mut s
                        .vehicle),
                    follow::<crate::shell::state::MediaView>(&connection, &sink, |s| &mut s.media),
                );
                tracing::warn!(%bus, "lost the bus; reconnecting");
            }
            Err(err) if !warned => {
                warned = true;
                tracing::warn!(%bus, %err, "cannot connect to the bus; retrying every second");
            }
            Err(_) => {}
        }
        sink.update(|state| *state = UiState::default());
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

/// Mirrors one service into its view until the connection ends.
async fn follow<V: ServiceView>(
    connection: &zbus::Connection,
    sink: &UiSink,
    view: fn(&mut UiState) -> &mut V,
) {
    let outcome = mirror::follow(connection, &V::REMOTE, |presence| {
        sink.update(|state| view(state).update(&presence));
    })
    .await;
    if let Err(err) = outcome {
        tracing::warn!(service = %V::REMOTE.service, %err, "stopped following service");
    }
    sink.update(|state| view(state).set_available(false));
}
