//! `org.opencabin.Vehicle1`: the car's contract. One object, `/org/opencabin/Vehicle1`, with an
//! interface per domain. Each interface block here only forwards to a `VehicleBackend` and maps
//! its refusals to named errors; zbus generates a typed client proxy (`DriveProxy`, ...) from
//! the same block, so a name or a signature is never written twice.

mod alerts;
mod battery;
mod body;
mod climate;
mod drive;
mod enums;
mod error;
pub mod limits;
mod location;
mod simulation;
mod state;
mod tires;
pub mod vss;

use zbus::object_server::Interface;

pub use alerts::{Alerts, AlertsProxy};
pub use battery::{Battery, BatteryProxy};
pub use body::{Body, BodyProxy};
pub use climate::{Climate, ClimateProxy};
pub use drive::{Drive, DriveProxy};
pub use enums::{DrivingState, Gear, Headlights, Indicator, Opening, Severity, Tire};
pub use error::{Refusal, VehicleError, check_level, check_number};
pub use location::{Location, LocationProxy};
pub use simulation::{Simulation, SimulationProxy};
pub use state::{
    Alert, AlertsState, BatteryState, BodyState, ClimateState, DriveState, LocationState,
    SimulationState, TiresState,
};
pub use tires::{Tires, TiresProxy};

pub use crate::contract::Wire;

/// Declares an interface of the vehicle: served at its object path, with a typed proxy whose
/// default destination and path are the vehicle's. The one place the bus name and path are
/// written; `bus_name()` and `object_path()` read them back from a proxy.
macro_rules! vehicle_interface {
    ($name:tt, $($item:tt)*) => {
        #[zbus::interface(
            name = $name,
            proxy(default_service = "org.opencabin.Vehicle1", default_path = "/org/opencabin/Vehicle1")
        )]
        $($item)*
    };
}
use vehicle_interface;

/// The vehicle service's well-known bus name, `org.opencabin.Vehicle1`.
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<DriveProxy<'_>>()
}

/// The vehicle's object path, `/org/opencabin/Vehicle1`.
pub fn object_path() -> &'static str {
    crate::contract::path_of::<DriveProxy<'_>>()
}

/// What the car does on a command or a property write. Plain data, so the rules that carry it
/// out are tested without a bus.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    ResetTrip,
    SetChargeLimit(u8),
    SetDriverTarget(f64),
    SetPassengerTarget(f64),
    SetFanLevel(u8),
    SetAutoMode(bool),
    SetAirConditioning(bool),
    SetRecirculation(bool),
    SetFrontDefrost(bool),
    SetRearDefrost(bool),
    SetDriverSeatHeating(u8),
    SetPassengerSeatHeating(u8),
    SetSync(bool),
    SetPreconditioning(bool),
    SetLocked(bool),
    SetChildLock(bool),
    SetHeadlights(Headlights),
    SetInteriorLight(bool),
    SetIndicator(Indicator),
    SetHazard(bool),
    SetParkingBrake(bool),
    SetSeatBelt(bool),
    SetSpeedFactor(f64),
    LoadCycle(String),
    Pause,
    Resume,
    SetManualSpeed(f64),
    ClearManualSpeed,
    SetGear(Gear),
    SetStateOfCharge(f64),
    SetDoor(Opening, bool),
    DeflateTire(Tire, f64),
    InflateTires,
    StartCharging(f64),
    StopCharging,
    SetOutsideTemperature(f64),
    RunScenario(String),
    /// Drives along these (latitude, longitude) points; `looping` starts again at the end.
    FollowRoute {
        points: Vec<(f64, f64)>,
        looping: bool,
    },
}

/// A car behind the interfaces: the mock simulation, or a real vehicle data broker.
pub trait VehicleBackend: Clone + Send + Sync + 'static {
    fn drive(&self) -> DriveState;
    fn battery(&self) -> BatteryState;
    fn climate(&self) -> ClimateState;
    fn body(&self) -> BodyState;
    fn tires(&self) -> TiresState;
    fn alerts(&self) -> AlertsState;
    fn simulation(&self) -> SimulationState;
    fn location(&self) -> LocationState;
    /// Names `RunScenario` accepts.
    fn scenarios(&self) -> Vec<String>;
    /// Carries out `command`; the backend's service loop publishes what changed.
    fn apply(&self, command: Command) -> Result<(), Refusal>;
}

impl<B: VehicleBackend> Wire<B> {
    /// Carries out a command.
    fn apply(&self, command: Command) -> Result<(), VehicleError> {
        Ok(self.backend.apply(command)?)
    }

    /// Carries out a property write of interface `I`; zbus signals the new value itself, so it
    /// is recorded as published.
    fn set<I: Interface>(
        &self,
        property: &str,
        value: impl Into<zbus::Variant<'static>>,
        command: Command,
    ) -> Result<(), VehicleError> {
        self.backend.apply(command)?;
        self.record::<I>(property, value);
        Ok(())
    }
}
