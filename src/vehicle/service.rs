//! The D-Bus face of the vehicle: zbus interfaces over the simulated state, and the loop that
//! advances the simulation and publishes what changed.

use std::time::Duration;

use anyhow::Context;
use tokio::time::{Instant, MissedTickBehavior};
use zbus::interface;

use super::{BUS_NAME, DriveCycle, OBJECT_PATH};
use crate::bus::BusChoice;

/// How the simulation runs.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Simulated seconds per real second.
    pub speed_factor: f64,
    /// Publications of continuous values per second.
    pub rate_hz: u32,
}

/// The published speed is rounded to tenths of a km/h; a smaller change is not signalled.
fn round_to_tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// `org.opencabin.Vehicle1.Drive`: the car's motion.
struct Drive {
    speed_kmh: f64,
}

#[interface(name = "org.opencabin.Vehicle1.Drive")]
impl Drive {
    /// Vehicle speed in km/h (VSS `Vehicle.Speed`), rounded to 0.1 km/h; signalled on change.
    #[zbus(property)]
    fn speed(&self) -> f64 {
        self.speed_kmh
    }
}

/// Owns the bus name, then follows the drive cycle forever, publishing the speed at `rate_hz`
/// whenever it changes by at least its resolution.
pub async fn serve(bus: BusChoice, cycle: DriveCycle, settings: Settings) -> anyhow::Result<()> {
    let connection = bus
        .builder()
        .name(BUS_NAME)
        .serve_at(OBJECT_PATH, Drive { speed_kmh: 0.0 })
        .build()
        .await
        .with_context(|| format!("cannot serve {BUS_NAME} on the {bus} bus"))?;
    tracing::info!(
        bus = %bus,
        cycle = cycle.name(),
        speed_factor = settings.speed_factor,
        rate_hz = settings.rate_hz,
        "vehicle service ready"
    );
    let drive = connection
        .object_server()
        .interface::<_, Drive>(OBJECT_PATH)
        .await?;

    let start = Instant::now();
    let mut ticks =
        tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(settings.rate_hz)));
    ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        ticks.tick().await;
        let simulated_s = start.elapsed().as_secs_f64() * settings.speed_factor;
        let speed_kmh = round_to_tenths(cycle.speed_mps_at(simulated_s) * 3.6);
        let changed = {
            let mut state = drive.get_mut().await;
            let changed = state.speed_kmh != speed_kmh;
            state.speed_kmh = speed_kmh;
            changed
        };
        if changed {
            drive
                .get()
                .await
                .speed_changed(drive.signal_emitter())
                .await?;
        }
    }
}
