//! The tokio side of the UI process: connects to the bus (again and again if it is unreachable
//! or lost), follows every service (and navigation's map) into the shared state, samples the
//! energy history, and hands the user's actions to `actions`.

use std::sync::Arc;
use std::time::Duration;

use slint::ComponentHandle;
use tokio::sync::mpsc;

use super::actions;
use super::crossing::Shared;
use super::phone_link::PhoneLink;
use crate::bus::BusChoice;
use crate::client::mpris::MprisClient;
use crate::client::navigation::fetch_map;
use crate::client::{Followed, Live, follow};
use crate::contract::companion;
use crate::contract::navigation::{self, NavigationState};
use crate::contract::vehicle;
use crate::ivi::UiAction;
use crate::views::{MediaView, Parts, UiState};

/// How long to wait before connecting again when the bus is unreachable or was lost.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);

/// Follows the services on `bus` and carries out `actions`, until the runtime stops.
pub async fn run(
    bus: BusChoice,
    phone: Arc<PhoneLink>,
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
                            () = follow_all(&connection, &phone, &shared, &client) => {}
                            () = actions::carry_out(&connection, &client, &phone, &shared, &mut actions) => {}
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

async fn follow_all(
    connection: &zbus::Connection,
    phone: &PhoneLink,
    shared: &Arc<Shared>,
    client: &MprisClient,
) {
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
        () = follow_navigation(connection, shared) => {}
        () = phone.follow(connection, shared, Some(client)) => {}
        () = media => {}
        () = sample_energy(shared) => {}
        () = follow_into(connection, shared, companion::bus_name(), Parts::COMPANION, |s| &mut s.companion) => {}
    }
}

/// Follows navigation and where the car is; reads the map each time the navigation service
/// (re)appears, since a new one may serve another map.
async fn follow_navigation(connection: &zbus::Connection, shared: &Arc<Shared>) {
    let mut read_map = true;
    let outcome = follow::<NavigationState>(connection, navigation::bus_name(), |view| {
        if view.is_none() {
            read_map = true;
        } else if std::mem::take(&mut read_map) {
            let (connection, shared) = (connection.clone(), shared.clone());
            tokio::spawn(async move {
                match fetch_map(&connection).await {
                    Ok(map) => shared.update(Parts::MAP, |state| state.map = Some(map)),
                    Err(err) => tracing::warn!(%err, "cannot read the navigation map"),
                }
            });
        }
        shared.update(Parts::NAVIGATION, |state| state.navigation.update(view));
    });
    let location = follow_into(
        connection,
        shared,
        vehicle::bus_name(),
        Parts::LOCATION,
        |s| &mut s.location,
    );
    let (outcome, ()) = tokio::join!(outcome, location);
    if let Err(err) = outcome {
        tracing::warn!(%err, "stopped following navigation");
    }
    shared.update(Parts::NAVIGATION, |state| {
        state.navigation.available = false
    });
}

/// Follows every interface of the vehicle (with `simulation`, also how it is simulated) into
/// the shared state until the connection ends.
pub async fn follow_vehicle<W: ComponentHandle + 'static>(
    connection: &zbus::Connection,
    shared: &Arc<Shared<W>>,
    simulation: bool,
) {
    let car = vehicle::bus_name();
    let simulation = async {
        if simulation {
            follow_into(connection, shared, car, Parts::SIMULATION, |s| {
                &mut s.simulation
            })
            .await;
        }
    };
    tokio::join!(
        follow_into(connection, shared, car, Parts::DRIVE, |s| &mut s.drive),
        follow_into(connection, shared, car, Parts::BATTERY, |s| &mut s.battery),
        follow_into(connection, shared, car, Parts::CLIMATE, |s| &mut s.climate),
        follow_into(connection, shared, car, Parts::ALERTS, |s| &mut s.alerts),
        follow_into(connection, shared, car, Parts::BODY, |s| &mut s.body),
        follow_into(connection, shared, car, Parts::TIRES, |s| &mut s.tires),
        simulation,
    );
}

/// Follows one interface of `service` into its part of the state until the connection ends.
pub async fn follow_into<W: ComponentHandle + 'static, V: Followed + PartialEq>(
    connection: &zbus::Connection,
    shared: &Arc<Shared<W>>,
    service: &str,
    part: Parts,
    live: fn(&mut UiState) -> &mut Live<V>,
) {
    let outcome = follow::<V>(connection, service, |view| {
        shared.update(part, |state| live(state).update(view));
    })
    .await;
    if let Err(err) = outcome {
        tracing::warn!(service, %err, "stopped following");
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
