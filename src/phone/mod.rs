//! The mock hands-free phone: oFono's API under `org.ofono` (the contract is
//! `crate::contract::phone`), so the UI shows a real phone's calls when BlueZ and oFono replace
//! it. The other side of each call is simulated (`org.opencabin.PhoneSim1`).

mod books;
mod calls;
mod handle;
mod model;
mod service;

pub use crate::contract::phone::vcard::{Card, parse as parse_vcards};

use std::path::PathBuf;

use crate::bus::BusChoice;

/// How `opencabin phone-service` runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A vCard 3.0 phonebook instead of the demo's.
    pub contacts: Option<PathBuf>,
}

/// `opencabin phone-service`: serves the phone until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    crate::process::run_until_terminated(service::serve(bus, options))
}
