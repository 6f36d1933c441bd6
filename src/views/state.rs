//! Everything a front end shows of the services in one value: each vehicle interface as the
//! client follows it, the energy history, and the media view.

use crate::client::Live;
use crate::contract::vehicle::{
    AlertsState, BatteryState, BodyState, ClimateState, DriveState, SimulationState, TiresState,
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
}

impl UiState {
    /// Whether the vehicle service delivers live data.
    pub fn vehicle_available(&self) -> bool {
        self.drive.available
    }
}
