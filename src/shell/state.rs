//! What the UI shows, as plain data: views filled from D-Bus properties and from the MPRIS client.
//! No Slint and no zbus connection here, so the mapping is testable on its own.

use std::time::Instant;

use super::energy::EnergyHistory;
use crate::media::client::MprisState;
use crate::mirror::{Presence, Properties, RemoteInterface};
use crate::vehicle;

/// Everything the bridge hands to the UI in one update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UiState {
    pub drive: DriveView,
    pub battery: BatteryView,
    pub body: BodyView,
    pub tires: TiresView,
    /// Consumption and power history, sampled once a second while the car is live.
    pub energy: EnergyHistory,
    pub climate: ClimateView,
    pub alerts: AlertsView,
    pub media: MediaView,
}

impl UiState {
    /// Whether the vehicle service delivers live data.
    pub fn vehicle_available(&self) -> bool {
        self.drive.available
    }
}

/// A view filled from the properties of one remote interface.
pub trait ServiceView: Default {
    /// The interface the view mirrors.
    const REMOTE: RemoteInterface;
    /// Whether the values are live.
    fn available(&self) -> bool;
    fn set_available(&mut self, available: bool);
    /// Takes the properties it knows from `properties`.
    fn read(&mut self, properties: &Properties);

    /// Applies what happened to the service. A service that appears starts from defaults; one that
    /// vanishes keeps its last values but marks them not live.
    fn update(&mut self, presence: &Presence) {
        match presence {
            Presence::Appeared(all) => {
                *self = Self::default();
                self.set_available(true);
                self.read(all);
            }
            Presence::Changed(changed) if self.available() => self.read(changed),
            Presence::Changed(_) => {}
            Presence::Vanished => self.set_available(false),
        }
    }
}

/// Declares a view of one vehicle interface: its fields, and the property each comes from.
macro_rules! vehicle_view {
    ($(#[$meta:meta])* $name:ident, $interface:literal { $($field:ident: $ty:ty = $property:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            pub available: bool,
            $(pub $field: $ty),*
        }

        impl ServiceView for $name {
            const REMOTE: RemoteInterface = RemoteInterface::fixed(vehicle::BUS_NAME, vehicle::OBJECT_PATH, $interface);

            fn available(&self) -> bool {
                self.available
            }

            fn set_available(&mut self, available: bool) {
                self.available = available;
            }

            fn read(&mut self, properties: &Properties) {
                $(
                    if let Some(value) = properties.get($property).and_then(|v| <$ty>::try_from(v.try_clone().ok()?).ok()) {
                        self.$field = value;
                    }
                )*
            }
        }
    };
}

vehicle_view!(
    /// The car's motion, from `org.opencabin.Vehicle1.Drive`.
    DriveView, "org.opencabin.Vehicle1.Drive" {
        speed_kmh: f64 = "Speed",
        gear: String = "SelectedGear",
        driving_state: String = "DrivingState",
        trip_distance_m: u32 = "TripDistance",
        trip_time_s: f64 = "TripTime",
        trip_consumption: f64 = "TripConsumption",
        recent_consumption: f64 = "RecentConsumption",
        average_speed: f64 = "AverageSpeed",
        odometer_m: u32 = "Odometer",
        power_kw: f64 = "Power",
    }
);

vehicle_view!(
    /// The battery, from `org.opencabin.Vehicle1.Battery`.
    BatteryView, "org.opencabin.Vehicle1.Battery" {
        state_of_charge: f64 = "StateOfCharge",
        range_m: u32 = "Range",
        is_charging: bool = "IsCharging",
        charging_power_kw: f64 = "ChargingPower",
        time_to_full_s: u32 = "TimeToFull",
        charge_limit: u8 = "ChargeLimit",
    }
);

vehicle_view!(
    /// Doors, lids, locks, from `org.opencabin.Vehicle1.Body`.
    BodyView, "org.opencabin.Vehicle1.Body" {
        front_left_open: bool = "FrontLeftDoorOpen",
        front_right_open: bool = "FrontRightDoorOpen",
        rear_left_open: bool = "RearLeftDoorOpen",
        rear_right_open: bool = "RearRightDoorOpen",
        trunk_open: bool = "TrunkOpen",
        frunk_open: bool = "FrunkOpen",
        locked: bool = "Locked",
        child_lock: bool = "ChildLock",
    }
);

vehicle_view!(
    /// Tires, from `org.opencabin.Vehicle1.Tires`: front left, front right, rear left, rear right.
    TiresView, "org.opencabin.Vehicle1.Tires" {
        front_left_kpa: u16 = "FrontLeftPressure",
        front_right_kpa: u16 = "FrontRightPressure",
        rear_left_kpa: u16 = "RearLeftPressure",
        rear_right_kpa: u16 = "RearRightPressure",
        front_left_low: bool = "FrontLeftPressureLow",
        front_right_low: bool = "FrontRightPressureLow",
        rear_left_low: bool = "RearLeftPressureLow",
        rear_right_low: bool = "RearRightPressureLow",
    }
);

impl TiresView {
    /// Pressures in kPa: front left, front right, rear left, rear right.
    pub fn pressures_kpa(&self) -> [u16; 4] {
        [
            self.front_left_kpa,
            self.front_right_kpa,
            self.rear_left_kpa,
            self.rear_right_kpa,
        ]
    }

    /// Which are low, in the same order.
    pub fn low(&self) -> [bool; 4] {
        [
            self.front_left_low,
            self.front_right_low,
            self.rear_left_low,
            self.rear_right_low,
        ]
    }
}

vehicle_view!(
    /// Climate, from `org.opencabin.Vehicle1.Climate`.
    ClimateView, "org.opencabin.Vehicle1.Climate" {
        driver_target: f64 = "DriverTargetTemperature",
        passenger_target: f64 = "PassengerTargetTemperature",
        cabin_temperature: f64 = "CabinTemperature",
        outside_temperature: f64 = "OutsideTemperature",
        fan_level: u8 = "FanLevel",
        auto_mode: bool = "AutoMode",
        air_conditioning: bool = "AirConditioning",
        recirculation: bool = "Recirculation",
        front_defrost: bool = "FrontDefrost",
        rear_defrost: bool = "RearDefrost",
        driver_seat_heating: u8 = "DriverSeatHeating",
        passenger_seat_heating: u8 = "PassengerSeatHeating",
        sync: bool = "Sync",
    }
);

vehicle_view!(
    /// How the simulation runs, from `org.opencabin.Vehicle1.Simulation` (simulator panel).
    SimulationView, "org.opencabin.Vehicle1.Simulation" {
        cycle: String = "Cycle",
        speed_factor: f64 = "SpeedFactor",
        paused: bool = "Paused",
        manual_speed: f64 = "ManualSpeed",
    }
);

vehicle_view!(
    /// Active alerts, from `org.opencabin.Vehicle1.Alerts`: (id, severity, text key, since).
    AlertsView, "org.opencabin.Vehicle1.Alerts" {
        active: Vec<(String, String, String, i64)> = "ActiveAlerts",
    }
);

/// The active media player, from the MPRIS client.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MediaView {
    pub available: bool,
    pub players: Vec<(String, String, bool)>,
    pub active: String,
    pub identity: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    pub art_path: Option<String>,
    pub playing: bool,
    pub position_us: i64,
    pub position_at: Option<Instant>,
    pub rate: f64,
    pub length_us: i64,
    pub can_seek: bool,
    pub can_go_next: bool,
    pub can_go_previous: bool,
    pub shuffle: bool,
    pub loop_status: String,
    pub volume: f64,
    pub track_id: String,
    /// (track id, title, artist, length µs).
    pub queue: Vec<(String, String, String, i64)>,
    pub source: String,
}

impl MediaView {
    pub fn from_mpris(state: &MprisState) -> Self {
        let players = state
            .players
            .iter()
            .map(|p| (p.bus_name.clone(), p.identity.clone(), p.is_playing()))
            .collect();
        let Some(active) = state.active_player() else {
            return MediaView {
                players,
                ..MediaView::default()
            };
        };
        MediaView {
            available: true,
            players,
            active: active.bus_name.clone(),
            identity: active.identity.clone(),
            title: active.title.clone(),
            artist: active.artists.join(", "),
            album: active.album.clone(),
            art_path: active
                .art_url
                .as_deref()
                .and_then(|url| url.strip_prefix("file://"))
                .map(percent_decode),
            playing: active.is_playing(),
            position_us: active.position_us,
            position_at: Some(active.position_at),
            rate: active.rate,
            length_us: active.length_us.unwrap_or(0),
            can_seek: active.can_seek,
            can_go_next: active.can_go_next,
            can_go_previous: active.can_go_previous,
            shuffle: active.shuffle,
            loop_status: active.loop_status.clone(),
            volume: active.volume,
            track_id: active.track_id.clone().unwrap_or_default(),
            queue: active.queue.clone(),
            source: active.source.clone(),
        }
    }

    /// The position extrapolated to `now`, in seconds.
    pub fn position_s(&self, now: Instant) -> f64 {
        let mut position = self.position_us as f64;
        if self.playing
            && let Some(at) = self.position_at
        {
            position += now.saturating_duration_since(at).as_secs_f64() * 1e6 * self.rate;
        }
        if self.length_us > 0 {
            position = position.min(self.length_us as f64);
        }
        position / 1e6
    }
}

/// Decodes `%XX` escapes of a `file://` URL's path.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use zbus::{OwnedVariant, Variant};

    fn speed(kmh: f64) -> Properties {
        Properties::from([(
            "Speed".to_string(),
            OwnedVariant::try_from(Variant::from(kmh)).unwrap(),
        )])
    }

    #[test]
    fn a_vanished_service_keeps_no_value_marked_live() {
        let mut view = DriveView::default();
        view.update(&Presence::Appeared(speed(42.0)));
        assert!(view.available);
        assert_eq!(view.speed_kmh, 42.0);
        view.update(&Presence::Vanished);
        assert!(!view.available);
        // A late change from the old owner does not make the view live again.
        view.update(&Presence::Changed(speed(50.0)));
        assert_eq!((view.available, view.speed_kmh), (false, 42.0));
        view.update(&Presence::Appeared(speed(7.5)));
        assert_eq!((view.available, view.speed_kmh), (true, 7.5));
    }

    #[test]
    fn file_urls_decode_to_paths() {
        assert_eq!(
            percent_decode("/tmp/a%20b/%E5%9F%8E.png"),
            "/tmp/a b/城.png"
        );
    }
}
