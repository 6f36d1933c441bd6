//! Serves the vehicle on D-Bus: owns `org.opencabin.Vehicle1`, advances the simulation at the
//! publish rate, and signals what changed — continuous values at most once per tick and only when
//! their published (rounded) value changes, values changed by a call at once.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use tokio::time::MissedTickBehavior;
use zbus::Connection;

use super::backend::SimHandle;
use super::physics::Simulation;
use super::{DriveCycle, Options};
use crate::bus::BusChoice;
use crate::contract::vehicle::vss::WithVss;
use crate::contract::vehicle::{
    self, Alerts, Battery, Body, Climate, Drive, Location, Simulation as SimulationInterface,
    Tires, VehicleBackend, Wire,
};
use crate::publish::Published;

type Served<I> = WithVss<I>;

/// Owns the bus name with every interface served, then runs the simulation forever. Each tick
/// advances the simulated time by `speed_factor / rate_hz` seconds, so a run depends only on the
/// seed and the calls made, not on the machine's timing.
pub async fn serve(bus: BusChoice, cycle: DriveCycle, options: Options) -> anyhow::Result<()> {
    let mut simulation = Simulation::new(cycle, options.seed);
    simulation.speed_factor = options.speed_factor;
    let started_unix_s = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let published = Published::default();
    let sim = SimHandle::new(simulation, published.clone(), started_unix_s);
    let wire = Wire::new(sim.clone(), published.clone());
    let (name, path) = (vehicle::bus_name(), vehicle::object_path());
    let connection = bus
        .builder()
        .name(name)
        .serve_at(path, WithVss(Drive(wire.clone())))
        .serve_at(path, WithVss(Battery(wire.clone())))
        .serve_at(path, WithVss(Climate(wire.clone())))
        .serve_at(path, WithVss(Body(wire.clone())))
        .serve_at(path, WithVss(Tires(wire.clone())))
        .serve_at(path, WithVss(Alerts(wire.clone())))
        .serve_at(path, WithVss(Location(wire.clone())))
        .serve_at(path, WithVss(SimulationInterface(wire)))
        .build()
        .await
        .with_context(|| format!("cannot serve {name} on the {bus} bus"))?;
    tracing::info!(
        bus = %bus,
        cycle = sim.lock().cycle().name(),
        speed_factor = options.speed_factor,
        rate_hz = options.rate_hz,
        seed = options.seed,
        "vehicle service ready"
    );
    crate::systemd::ready(&connection, name);

    let mut alerts_shown = BTreeSet::new();
    publish_all(&connection, &sim, &published, &mut alerts_shown).await?;
    let rate = f64::from(options.rate_hz);
    let mut ticks = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {
                let mut simulation = sim.lock();
                let step = simulation.speed_factor / rate;
                simulation.advance(step);
            }
            _ = published.rung() => {}
        }
        publish_all(&connection, &sim, &published, &mut alerts_shown).await?;
    }
}

/// Signals every property whose published value changed, and each alert raised or cleared.
async fn publish_all(
    connection: &Connection,
    sim: &SimHandle,
    published: &Published,
    alerts_shown: &mut BTreeSet<String>,
) -> zbus::Result<()> {
    let path = vehicle::object_path();
    published
        .publish::<Served<Drive<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<Battery<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<Climate<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<Body<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<Tires<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<Alerts<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<Location<SimHandle>>>(connection, path, &[])
        .await?;
    published
        .publish::<Served<SimulationInterface<SimHandle>>>(connection, path, &[])
        .await?;
    publish_alert_signals(connection, sim, alerts_shown).await
}

/// Emits `AlertRaised` / `AlertCleared` for the difference between the active alerts and those
/// signalled before.
async fn publish_alert_signals(
    connection: &Connection,
    sim: &SimHandle,
    shown: &mut BTreeSet<String>,
) -> zbus::Result<()> {
    let iface = connection
        .object_server()
        .interface::<_, Served<Alerts<SimHandle>>>(vehicle::object_path())
        .await?;
    let emitter = iface.signal_emitter();
    let active = sim.alerts().active;
    for alert in &active {
        if shown.insert(alert.id.clone()) {
            tracing::info!(id = %alert.id, severity = %alert.severity, "alert raised");
            Alerts::<SimHandle>::alert_raised(
                emitter,
                &alert.id,
                alert.severity,
                &alert.text_key,
                alert.since,
            )
            .await?;
        }
    }
    let cleared: Vec<String> = shown
        .iter()
        .filter(|id| !active.iter().any(|a| &a.id == *id))
        .cloned()
        .collect();
    for id in cleared {
        tracing::info!(%id, "alert cleared");
        Alerts::<SimHandle>::alert_cleared(emitter, &id).await?;
        shown.remove(&id);
    }
    Ok(())
}
