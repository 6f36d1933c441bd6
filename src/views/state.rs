//! Everything a front end shows of the services in one value: each vehicle interface as the
//! client follows it, the energy history, the media view, and navigation with its map.

use crate::client::Live;
use crate::client::navigation::ServedMap;
use crate::contract::navigation::{NavigationState, Place};
use crate::contract::vehicle::{
    AlertsState, BatteryState, BodyState, ClimateState, DriveState, LocationState, SimulationState,
    TiresState,
};

use super::energy::EnergyHistory;
use super::media::MediaView;

/// What the bridge hands to the UI in one update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UiState {
    pub drive: Live<DriveState>,
    pub battery: Live<BatteryState>,
    pub body: Live<BodyState>,
    pub tires: Live<TiresState>,
    pub climate: Live<ClimateState>,
    pub alerts: Live<AlertsState>,
    /// How the car is simulated; followed by the simulator panel only.
    pub simulation: Live<SimulationState>,
    /// Consumption and power history, sampled once a second while the car is live.
    pub energy: EnergyHistory,
    pub media: MediaView,
    /// Where the car is (the vehicle's Location interface).
    pub location: Live<LocationState>,
    pub navigation: Live<NavigationState>,
    /// The map navigation serves, once read.
    pub map: Option<ServedMap>,
    /// The driver's last search and the route previewed from it.
    pub search: SearchView,
    /// The paired phone (any oFono) and its calls.
    pub phone: Live<crate::client::phone::PhoneState>,
    /// The phone's contacts and recent calls, and what the driver searches among them.
    pub contacts: ContactsView,
    /// The companion's pairing offer and paired phones, for the car's pairing screen.
    pub companion: Live<crate::client::companion::CompanionState>,
    /// The sample state's clock, which recent calls and call times are counted from, for
    /// reproducible images; None: the system clock.
    pub fixed_clock: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// The phonebook as last read from the phone, and the driver's search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactsView {
    pub book: super::contacts::Phonebook,
    pub query: String,
}

/// A search's results, and the length and duration of the route to the place chosen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchView {
    pub query: String,
    pub results: Vec<Place>,
    pub preview: Option<Preview>,
}

/// The route to a place, shown before guidance starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    pub id: String,
    pub name: String,
    pub metres: f64,
    pub seconds: f64,
}

impl UiState {
    /// Whether a phone is reachable and paired (a modem is there).
    pub fn phone_available(&self) -> bool {
        self.phone.available && !self.phone.modem.is_empty()
    }

    /// Whether the vehicle service delivers live data.
    pub fn vehicle_available(&self) -> bool {
        self.drive.available
    }
}
