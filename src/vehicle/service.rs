//! Serves the vehicle on D-Bus: owns `org.opencabin.Vehicle1`, advances the simulation at the
//! publish rate, and signals what changed — continuous values at most once per tick and only when
//! their published (rounded) value changes, values changed by a call at once.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use tokio::time::MissedTickBehavior;
use zbus::Connection;
use zbus::object_server::SignalEmitter;

use super::interfaces::{
    Alerts, Battery, Body, Climate, Drive, SimHandle, SimulationControl, Tires,
};
use super::physics::Simulation;
use super::vss::WithVss;
use super::{BUS_NAME, DriveCycle, OBJECT_PATH};
use crate::bus::BusChoice;

/// How the simulation runs.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Simulated seconds per real second.
    pub speed_factor: f64,
    /// Simulation steps and publications per real second.
    pub rate_hz: u32,
    /// Seed for the start-up variation (tire pressures).
    pub seed: u64,
}

/// Owns the bus name with every interface served, then runs the simulation forever. Each tick
/// advances the simulated time by `speed_factor / rate_hz` seconds, so a run depends only on the
/// seed and the calls made, not on the machine's timing.
pub async fn serve(bus: BusChoice, cycle: DriveCycle, settings: Settings) -> anyhow::Result<()> {
    let mut simulation = Simulation::new(cycle, settings.seed);
    simulation.speed_factor = settings.speed_factor;
    let sim = SimHandle::new(simulation);
    let started_unix_s = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);

    let connection = bus
        .builder()
        .name(BUS_NAME)
        .serve_at(OBJECT_PATH, WithVss(Drive(sim.clone())))
        .serve_at(OBJECT_PATH, WithVss(Battery(sim.clone())))
        .serve_at(OBJECT_PATH, WithVss(Climate(sim.clone())))
        .serve_at(OBJECT_PATH, WithVss(Body(sim.clone())))
        .serve_at(OBJECT_PATH, WithVss(Tires(sim.clone())))
        .serve_at(
            OBJECT_PATH,
            WithVss(Alerts {
                sim: sim.clone(),
                started_unix_s,
            }),
        )
        .serve_at(OBJECT_PATH, WithVss(SimulationControl(sim.clone())))
        .build()
        .await
        .with_context(|| format!("cannot serve {BUS_NAME} on the {bus} bus"))?;
    tracing::info!(
        bus = %bus,
        cycle = sim.lock().cycle().name(),
        speed_factor = settings.speed_factor,
        rate_hz = settings.rate_hz,
        seed = settings.seed,
        "vehicle service ready"
    );
    crate::systemd::ready(&connection, BUS_NAME);

    let mut alerts_shown = BTreeSet::new();
    publish_all(&connection, &sim, &mut alerts_shown).await?;
    let rate = f64::from(settings.rate_hz);
    let mut ticks = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {
                let mut simulation = sim.lock();
                let step = simulation.speed_factor / rate;
                simulation.advance(step);
            }
            _ = sim.published().rung() => {}
        }
        publish_all(&connection, &sim, &mut alerts_shown).await?;
    }
}

/// Signals every property whose published value changed, and each alert raised or cleared.
async fn publish_all(
    connection: &Connection,
    sim: &SimHandle,
    alerts_shown: &mut BTreeSet<String>,
) -> zbus::Result<()> {
    let published = sim.published();
    published
        .publish::<WithVss<Drive>>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<WithVss<Battery>>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<WithVss<Climate>>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<WithVss<Body>>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<WithVss<Tires>>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<WithVss<Alerts>>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<WithVss<SimulationControl>>(connection, OBJECT_PATH, &[])
        .await?;
    publish_alert_signals(connection, alerts_shown).await
}

/// Emits `AlertRaised` / `AlertCleared` for the difference between the active alerts and those
/// signalled before.
async fn publish_alert_signals(
    connection: &Connection,
    shown: &mut BTreeSet<String>,
) -> zbus::Result<()> {
    let iface = connection
        .object_server()
        .interface::<_, WithVss<Alerts>>(OBJECT_PATH)
        .await?;
    let active = iface.get().await.0.tuples();
    let emitter: &SignalEmitter<'_> = iface.signal_emitter();
    for (id, severity, text_key, since) in &active {
        if shown.insert(id.clone()) {
            tracing::info!(%id, %severity, "alert raised");
            Alerts::alert_raised(emitter, id, severity, text_key, *since).await?;
        }
    }
    let cleared: Vec<String> = shown
        .iter()
        .filter(|id| !active.iter().any(|a| &a.0 == *id))
        .cloned()
        .collect();
    for id in cleared {
        tracing::info!(%id, "alert cleared");
        Alerts::alert_cleared(emitter, &id).await?;
        shown.remove(&id);
    }
    Ok(())
}
