//! The car as the phone sees it: charge, range, charging, locks and cabin temperatures, followed
//! from the vehicle service's signals through the client layer into a `watch` channel that each
//! live page waits on (no polling). Changes to other properties of the same interfaces (the
//! battery's temperature, say) do not wake the pages. The driving state, for the driving
//! restrictions, goes to a channel of its own.

use serde::Serialize;
use tokio::sync::watch;
use zbus::Connection;

use crate::client::follow;
use crate::contract::vehicle::{
    self, BatteryState, BodyState, ClimateState, DriveState, DrivingState,
};

/// What the page shows, as `GET /api/state` and the WebSocket send it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CarState {
    /// Whether the vehicle service is on the bus (and every part below is live).
    pub available: bool,
    /// State of charge, %.
    pub charge: f64,
    /// Estimated range, km.
    pub range_km: f64,
    pub charging: bool,
    pub locked: bool,
    /// °C.
    pub cabin_temperature: f64,
    /// The driver's target temperature, °C.
    pub driver_target: f64,
    pub preconditioning: bool,
    /// Seconds until preconditioning ends by itself.
    pub preconditioning_time_left_s: u32,
}

/// The three interfaces' parts, each None while it is not followed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CarParts {
    battery: Option<(f64, u32, bool)>,
    locked: Option<bool>,
    climate: Option<ClimatePart>,
}

/// What the page shows of the climate: cabin and target °C, preconditioning and its time left.
type ClimatePart = (f64, f64, bool, u32);

impl CarParts {
    pub fn state(&self) -> CarState {
        let (charge, range_m, charging) = self.battery.unwrap_or_default();
        let (cabin_temperature, driver_target, preconditioning, preconditioning_time_left_s) =
            self.climate.unwrap_or_default();
        CarState {
            available: self.battery.is_some() && self.locked.is_some() && self.climate.is_some(),
            charge,
            range_km: f64::from(range_m) / 1000.0,
            charging,
            locked: self.locked.unwrap_or_default(),
            cabin_temperature,
            driver_target,
            preconditioning,
            preconditioning_time_left_s,
        }
    }
}

/// Sets one part, waking the pages only when it changed.
fn update<T: PartialEq>(
    parts: &watch::Sender<CarParts>,
    field: fn(&mut CarParts) -> &mut Option<T>,
    value: Option<T>,
) {
    parts.send_if_modified(|parts| {
        let slot = field(parts);
        let changed = *slot != value;
        *slot = value;
        changed
    });
}

/// Follows the car into `parts` and its driving state into `driving` until the connection
/// closes.
pub async fn follow_car(
    connection: Connection,
    parts: watch::Sender<CarParts>,
    driving: watch::Sender<Option<DrivingState>>,
) {
    let service = vehicle::bus_name();
    let battery = follow::<BatteryState>(&connection, service, |view| {
        let part = view.map(|b| (b.state_of_charge, b.range_m, b.is_charging));
        update(&parts, |p| &mut p.battery, part);
    });
    let body = follow::<BodyState>(&connection, service, |view| {
        update(&parts, |p| &mut p.locked, view.map(|b| b.locked));
    });
    let climate = follow::<ClimateState>(&connection, service, |view| {
        let part = view.map(|c| {
            let left = c.preconditioning_time_left_s;
            (
                c.cabin_temperature,
                c.driver_target,
                c.preconditioning,
                left,
            )
        });
        update(&parts, |p| &mut p.climate, part);
    });
    let drive = follow::<DriveState>(&connection, service, |view| {
        driving.send_if_modified(|state| {
            let now = view.map(|d| d.driving_state);
            let changed = *state != now;
            *state = now;
            changed
        });
    });
    let (battery, body, climate, drive) = tokio::join!(battery, body, climate, drive);
    for outcome in [battery, body, climate, drive] {
        if let Err(err) = outcome {
            tracing::warn!("stopped following the car: {err}");
        }
    }
}
