//! OpenCabin: an open in-vehicle infotainment front end (Slint) and the mock D-Bus services it
//! shows: a simulated electric car, an MPRIS2 media player and offline navigation. The
//! `opencabin` binary is a thin command-line layer over these modules; no module here knows the
//! command line.
//!
//! Layers, each using only those above it: `contract` (names, enums, interface blocks, typed
//! proxies); `map` (offline maps, routing, drawing); `vehicle` and `media` (the services);
//! `client` (following remote interfaces); `navigation` (a service that is also the vehicle's
//! client); `views` (what a front end shows, as plain data); `ivi`, `shell`, `panel`, `render`
//! (the front ends, `cluster` the driver's display); `sim` (the simulator, which starts them all).

pub mod bus;
pub mod client;
pub mod cluster;
pub mod companion;
pub mod config;
pub mod contract;
pub mod fonts;
pub mod ivi;
pub mod logging;
pub mod map;
pub mod media;
pub mod navigation;
pub mod panel;
pub mod phone;
pub mod png;
pub mod process;
pub mod publish;
pub mod render;
pub mod scenario;
pub mod shell;
pub mod sim;
pub mod size;
pub mod systemd;
pub mod vehicle;
pub mod views;
pub mod window_loop;

/// The Rust side of the Slint UI compiled from `ui/app.slint` by `build.rs`.
pub mod ui {
    slint::include_modules!();
}
