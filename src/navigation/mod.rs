//! The mock navigation service: `org.opencabin.Navigation1` over a shipped OpenStreetMap map
//! (the contract is `crate::contract::navigation`, the map and routing `crate::map`). A client
//! of the vehicle service too: it follows the car's position and hands the car its route.

mod backend;
pub(crate) mod guide;
pub(crate) mod places;
mod point;
mod service;

pub use guide::{Guide, Handover};
pub use places::Places;

use std::path::PathBuf;

use crate::bus::BusChoice;
use crate::map::MapChoice;

/// How `opencabin navigation-service` runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub map: MapChoice,
    /// Favourites and recent destinations; default `$XDG_STATE_HOME/opencabin/places.toml`.
    pub places: Option<PathBuf>,
}

/// `opencabin navigation-service`: serves navigation until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    crate::process::run_until_terminated(service::serve(bus, options))
}
