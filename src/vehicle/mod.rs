//! The mock vehicle service: a simulated electric car served on D-Bus as `org.opencabin.Vehicle1`
//! (the contract is `crate::contract::vehicle`). The simulation and its rules are plain Rust;
//! `backend` shows them through the contract's interfaces.

mod backend;
mod climate;
mod drive_cycle;
pub mod model;
pub mod physics;
mod route;
mod rules;
mod scenarios;
mod service;

pub use backend::SimHandle;
pub use drive_cycle::{CycleError, DriveCycle, builtin_names};

use crate::bus::BusChoice;

/// How `opencabin vehicle-service` runs the car.
#[derive(Debug, Clone)]
pub struct Options {
    /// A built-in drive cycle's name or a CSV file.
    pub cycle: String,
    /// Simulated seconds per real second (0.1 to 100).
    pub speed_factor: f64,
    /// Simulation steps and publications per real second.
    pub rate_hz: u32,
    /// Seed for the start-up variation (tire pressures).
    pub seed: u64,
}

/// `opencabin vehicle-service`: serves the car until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    let cycle = DriveCycle::load(&options.cycle)?;
    crate::process::run_until_terminated(service::serve(bus, cycle, options))
}
