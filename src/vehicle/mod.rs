//! The mock vehicle service: a simulated electric car served on D-Bus as `org.opencabin.Vehicle1`.
//! Names and paths here are the stable contract that the UI and any real back end share.

mod drive_cycle;
mod error;
mod interfaces;
pub mod model;
pub mod physics;
mod scenarios;
mod service;
pub mod vss;

pub use drive_cycle::{CycleError, DriveCycle, builtin_names};
pub use error::VehicleError;

use crate::bus::BusChoice;
use crate::cli::VehicleServiceArgs;

/// Well-known bus name of the vehicle service.
pub const BUS_NAME: &str = "org.opencabin.Vehicle1";
/// Object path of the vehicle.
pub const OBJECT_PATH: &str = "/org/opencabin/Vehicle1";
/// Interface with driving state: speed, gear, distances.
pub const DRIVE_INTERFACE: &str = "org.opencabin.Vehicle1.Drive";

/// `opencabin vehicle-service`: serves the car until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, args: VehicleServiceArgs) -> anyhow::Result<()> {
    let cycle = DriveCycle::load(&args.cycle)?;
    let settings = service::Settings {
        speed_factor: args.speed_factor.0,
        rate_hz: args.rate,
        seed: args.seed,
    };
    crate::process::run_until_terminated(service::serve(bus, cycle, settings))
}
