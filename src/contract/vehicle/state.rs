//! What each vehicle interface publishes, as plain data: the backend fills these, the wire layer
//! serves them field by field, and clients follow them into the same structs. Units are those
//! of the properties (documented in the interface blocks).

use serde::{Deserialize, Serialize};
use zbus::zvariant::Type;

use super::{DrivingState, Gear, Headlights, Severity};

/// `org.opencabin.Vehicle1.Drive`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DriveState {
    pub speed_kmh: f64,
    pub gear: Gear,
    pub odometer_m: u32,
    pub trip_distance_m: u32,
    pub trip_time_s: f64,
    pub average_speed_kmh: f64,
    pub power_kw: f64,
    pub recent_consumption: f64,
    pub trip_consumption: f64,
    pub is_moving: bool,
    pub driving_state: DrivingState,
}

/// `org.opencabin.Vehicle1.Battery`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatteryState {
    pub state_of_charge: f64,
    pub range_m: u32,
    pub is_charging: bool,
    pub charging_power_kw: f64,
    pub time_to_full_s: u32,
    pub temperature_c: f64,
    pub charge_limit: u8,
}

/// `org.opencabin.Vehicle1.Climate`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClimateState {
    pub driver_target: f64,
    pub passenger_target: f64,
    pub cabin_temperature: f64,
    pub outside_temperature: f64,
    pub fan_level: u8,
    pub auto_mode: bool,
    pub air_conditioning: bool,
    pub recirculation: bool,
    pub front_defrost: bool,
    pub rear_defrost: bool,
    pub driver_seat_heating: u8,
    pub passenger_seat_heating: u8,
    pub sync: bool,
    pub preconditioning: bool,
    /// Seconds until preconditioning ends by itself; 0 when it is off.
    pub preconditioning_time_left_s: u32,
}

/// `org.opencabin.Vehicle1.Body`. `open` is indexed by `Opening::index`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyState {
    pub open: [bool; 6],
    pub locked: bool,
    pub child_lock: bool,
    pub headlights: Headlights,
    pub interior_light: bool,
    /// What the lamps do (the direction indicators count the hazard lights too).
    pub left_indicator: bool,
    pub right_indicator: bool,
    pub hazard: bool,
    pub low_beam: bool,
    pub high_beam: bool,
    pub parking_brake: bool,
    pub driver_belted: bool,
}

/// `org.opencabin.Vehicle1.Tires`, each array indexed by `Tire::index`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TiresState {
    pub pressure_kpa: [u16; 4],
    pub temperature_c: [f64; 4],
    pub low: [bool; 4],
    pub low_pressure_threshold_kpa: u16,
}

/// `org.opencabin.Vehicle1.Simulation`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimulationState {
    pub cycle: String,
    pub cycle_time_s: f64,
    pub speed_factor: f64,
    pub paused: bool,
    /// Negative when the cycle is followed.
    pub manual_speed_kmh: f64,
}

/// An active alert as `org.opencabin.Vehicle1.Alerts` carries it: `(sssx)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Alert {
    /// Stable identifier, e.g. `battery-low`, `tire-pressure-low-front-left`.
    pub id: String,
    pub severity: Severity,
    /// Translation key of the text the UI shows, e.g. `alert.battery-low`.
    pub text_key: String,
    /// When it was raised, UNIX time in s.
    pub since: i64,
}

/// `org.opencabin.Vehicle1.Alerts`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlertsState {
    pub active: Vec<Alert>,
}

/// `org.opencabin.Vehicle1.Location`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocationState {
    pub latitude: f64,
    pub longitude: f64,
    pub heading: f64,
    pub known: bool,
}
