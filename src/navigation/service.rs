//! Serves navigation on D-Bus: owns `org.opencabin.Navigation1`, follows the car's position
//! (`org.opencabin.Vehicle1.Location`) into the guide, hands the car the line to drive through
//! `Simulation.FollowRoute` (again whenever the vehicle service comes back), and signals what
//! changed.

use anyhow::Context;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use zbus::Connection;

use super::Options;
use super::backend::GuideHandle;
use super::guide::{Guide, Handover};
use super::places;
use crate::bus::BusChoice;
use crate::client::follow;
use crate::contract::Wire;
use crate::contract::navigation::{self, Navigation, Place};
use crate::contract::vehicle::{self, DriveState, Gear, LocationState, SimulationProxy};
use crate::map::Point;
use crate::publish::Published;

pub async fn serve(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    let map = crate::map::load(&options.map)?;
    let places_path = options.places.unwrap_or_else(places::default_path);
    let (places, writable) = places::load(&places_path);
    let published = Published::default();
    let (handover, mut handovers) = unbounded_channel();
    let map_name = map.name.clone();
    let handle = GuideHandle::new(
        Guide::new(map, places),
        published.clone(),
        handover,
        writable.then_some(places_path),
    );
    let name = navigation::bus_name();
    let connection = bus
        .builder()
        .name(name)
        .serve_at(
            navigation::object_path(),
            Navigation(Wire::new(handle.clone(), published.clone())),
        )
        .build()
        .await
        .with_context(|| format!("cannot serve {name} on the {bus} bus"))?;
    tracing::info!(bus = %bus, map = %map_name, "navigation service ready");
    crate::systemd::ready(&connection, name);

    let (arrival, mut arrivals) = unbounded_channel();
    tokio::spawn(follow_car(connection.clone(), handle.clone(), arrival));
    loop {
        published
            .publish::<Navigation<GuideHandle>>(&connection, navigation::object_path(), &[])
            .await?;
        tokio::select! {
            Some(line) = handovers.recv() => hand_over(&connection, line).await,
            Some(place) = arrivals.recv() => {
                tracing::info!(destination = %place.name, "arrived");
                let iface = connection
                    .object_server()
                    .interface::<_, Navigation<GuideHandle>>(navigation::object_path())
                    .await?;
                Navigation::<GuideHandle>::arrived(iface.signal_emitter(), place).await?;
            }
            _ = published.rung() => {}
        }
    }
}

/// Asks the vehicle service to drive `line`; a car that is not on the bus gets it when it comes.
async fn hand_over(connection: &Connection, line: Handover) {
    let points: Vec<(f64, f64)> = line.points.iter().map(|p| (p.lat(), p.lon())).collect();
    let sent = async {
        SimulationProxy::new(connection)
            .await?
            .follow_route(points, line.looping)
            .await
    };
    if let Err(err) = sent.await {
        tracing::debug!("the car did not take the route: {err}");
    }
}

/// Follows the car's position and gear until the connection closes.
async fn follow_car(connection: Connection, handle: GuideHandle, arrival: UnboundedSender<Place>) {
    let service = vehicle::bus_name();
    let mut present = false;
    let position = follow::<LocationState>(&connection, service, |view| match view {
        None => present = false,
        Some(location) => {
            if !present || !location.known {
                // The car appeared (or came back without a position): give it its line.
                present = true;
                handle.hand_over(handle.lock().current_line());
            }
            if location.known {
                let at = Point::from_degrees(location.latitude, location.longitude);
                if let Some(place) = handle.lock().moved(at) {
                    let _ = arrival.send(place);
                }
                handle.ring();
            }
        }
    });
    let mut last_gear = None;
    let gear = follow::<DriveState>(&connection, service, |view| {
        let gear = view.map(|drive| drive.gear);
        // Shifted from P to D: a car parked at its destination roams again.
        let driven_off = last_gear == Some(Gear::Park) && gear == Some(Gear::Drive);
        last_gear = gear;
        let mut guide = handle.lock();
        if driven_off && guide.parked_at_destination {
            guide.parked_at_destination = false;
            let line = guide.roaming_loop();
            drop(guide);
            handle.hand_over(line);
        }
    });
    let _ = tokio::join!(position, gear);
}
