//! Follows remote D-Bus interfaces into typed view data: a view appears with the service, changes
//! with its signals, is marked gone when the service leaves, and comes back with it. One way for
//! every front end (the IVI window, the simulator panel, the headless renderer). The views are
//! the contract's own state structs, filled through the typed proxies, so no property name is
//! written here.

mod error;
mod follow;
#[macro_use]
mod properties;
pub mod companion;
pub mod mpris;
pub mod navigation;
pub mod phone;
pub mod phonebook;
pub mod vehicle;
mod vehicle_commands;

pub use error::CallError;
pub use follow::{Followed, Live, Update, Updates, fetch, follow};
pub use vehicle_commands::send as send_vehicle;
