//! What the front ends show, as plain data with no Slint and no bus: the followed state of every
//! service, the energy history, which parts changed, and the fixed sample state of the
//! reference images (the driving restrictions are `contract::restrictions`).

pub mod contacts;
mod energy;
pub mod map_view;
mod media;
mod parts;
pub mod sample;
mod sample_phone;
mod sample_route;
mod state;

pub use energy::EnergyHistory;
pub use media::{MediaView, PlayerEntry};
pub use parts::Parts;
pub use state::{ContactsView, Preview, SearchView, UiState};
