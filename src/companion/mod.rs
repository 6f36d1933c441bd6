//! The companion page: `opencabin companion` serves a small web page on the local network that a
//! paired phone opens to see the car (charge, range, charging, locks, cabin temperature, live)
//! and what is playing, to lock it or set the cabin's temperature, send a destination and
//! pause, skip or continue the music on the phone, and serves `org.opencabin.Companion1` on the
//! bus for the car's pairing screen. A D-Bus client of the vehicle service like any front end.
//! What it protects and what it does not: docs/companion.md.

mod car;
mod handle;
mod http;
mod media;
mod page;
mod pairing;
mod service;
mod store;

pub use store::default_path as default_state_path;

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::bus::BusChoice;

/// Where the page is served by default: loopback only; a LAN address must be asked for.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8480";

/// How `opencabin companion` runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    /// The paired phones; default `$XDG_STATE_HOME/opencabin/companion.toml`.
    pub state: Option<PathBuf>,
    /// Host names the page may be reached by, besides IP addresses (and `localhost` on
    /// loopback), e.g. `car.local`.
    pub allowed_hosts: Vec<String>,
}

/// `opencabin companion`: serves the page and `Companion1` until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    crate::process::run_until_terminated(service::serve(bus, options))
}
