//! The tokio side of the UI process: connects to the bus (again and again if it is unreachable
//! or lost), follows every service into the shared state, samples the energy history, and
//! hands the user's actions to `actions`.

use std::sync::Arc;
use std::time::Duration;

use slint::ComponentHandle;
use tokio::sync::mpsc;

use super::actions;
use super::crossing::Shared;
use crate::bus::BusChoice;
use crate::client::mpris::MprisClient;
use crate::client::{Followed, Live, follow};
use crate::contract::vehicle;
use crate::ivi::UiAction;
use crate::views::{MediaView, Parts, UiState};

/// How long to wait before connecting again when the bus is unreachable or was lost.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);

/// Follows the services on `bus` and carries out `actions`, until the runtime stops.
pub async fn run(
    bus: BusChoice,
    shared: Arc<Shared>,
    mut actions: mpsc::UnboundedReceiver<UiAction>,
) {
    let mut warned = false;
    loop {
        match bus.connect().await {
            Ok(connection) => {
                warned = false;
                tracing::info!(%bus, "connected to the bus");
                match MprisClient::start(connection.clone()).await {
                    Ok(client) => {
                        tokio::select! {
                            () = follow_all(&connection, &shared, &client) => {}
                            () = actions::carry_out(&connection, &client, &shared, &mut actions) => {}
                        }
                    }
                    Err(err) => tracing::warn!(%err, "cannot follow media players"),
                }
                tracing::warn!(%bus, "lost the bus; reconnecting");
            }
            Err(err) if !warned => {
                warned = true;
                tracing::warn!(%bus, %err, "cannot connect to the bus; retrying every second");
            }
            Err(_) => {}
        }
        shared.update(Parts::ALL, |state| *state = UiState::default());
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

async fn follow_all(connection: &zbus::Connection, shared: &Arc<Shared>, client: &MprisClient) {
    let mut players = client.subscribe();
    let media = async {
        loop {
            let view = MediaView::from_mpris(&players.borrow_and_update());
            shared.update(Parts::MEDIA | Parts::COVER, |state| state.media = view);
            if players.changed().await.is_err() {
                break;
            }
        }
    };
    // The vehicle's followers end when the connection does; the others never end by themselves.
    tokio::select! {
        () = follow_vehicle(connection, shared, false) => {}
        () = media => {}
        () = sample_energy(shared) => {}
    }
}

/// Follows every interface of the vehicle (with `simulation`, also how it is simulated) into
/// the shared state until the connection ends.
pub async fn follow_vehicle<W: ComponentHandle + 'static>(
    connection: &zbus::Connection,
    shared: &Arc<Shared<W>>,
    simulation: bool,
) {
    let simulation = async {
        if simulation {
            follow_into(connection, shared, Parts::SIMULATION, |s| &mut s.simulation).await;
        }
    };
    tokio::join!(
        follow_into(connection, shared, Parts::DRIVE, |s| &mut s.drive),
        follow_into(connection, shared, Parts::BATTERY, |s| &mut s.battery),
        follow_into(connection, shared, Parts::CLIMATE, |s| &mut s.climate),
        follow_into(connection, shared, Parts::ALERTS, |s| &mut s.alerts),
        follow_into(connection, shared, Parts::BODY, |s| &mut s.body),
        follow_into(connection, shared, Parts::TIRES, |s| &mut s.tires),
        simulation,
    );
}

/// Follows one vehicle interface into its part of the state until the connection ends.
async fn follow_into<W: ComponentHandle + 'static, V: Followed + PartialEq>(
    connection: &zbus::Connection,
    shared: &Arc<Shared<W>>,
    part: Parts,
    live: fn(&mut UiState) -> &mut Live<V>,
) {
    let outcome = follow::<V>(connection, vehicle::bus_name(), |view| {
        shared.update(part, |state| live(state).update(view));
    })
    .await;
    if let Err(err) = outcome {
        tracing::warn!(%err, "stopped following the vehicle");
    }
    shared.update(part, |state| live(state).available = false);
}

/// Records consumption and power once a second while the car is live (for the vehicle page).
async fn sample_energy(shared: &Arc<Shared>) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    loop {
        ticks.tick().await;
        shared.update(Parts::ENERGY, |state| {
            let drive = &state.drive;
            if drive.available {
                let odometer_km = f64::from(drive.odometer_m) / 1000.0;
                state
                    .energy
                    .sample(odometer_km, drive.recent_consumption, drive.power_kw);
            }
        });
    }
}
