//! OpenCabin: an open in-vehicle infotainment front end (Slint) and the mock D-Bus services it
//! shows: a simulated electric car and an MPRIS2 media player. The `opencabin` binary is a thin
//! command-line layer over these modules.

pub mod bus;
pub mod cli;
pub mod config;
pub mod fonts;
pub mod logging;
pub mod media;
pub mod mirror;
pub mod panel;
pub mod process;
pub mod publish;
pub mod render;
pub mod scenario;
pub mod shell;
pub mod sim;
pub mod systemd;
pub mod vehicle;

/// The Rust side of the Slint UI compiled from `ui/app.slint` by `build.rs`.
pub mod ui {
    slint::include_modules!();
}
