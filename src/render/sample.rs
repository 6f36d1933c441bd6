//! A fixed, plausible state for reference screenshots and the design preview: a car at 57 km/h
//! on a mild morning, the demo library's first track playing. Nothing here comes from a bus, so
//! the same command renders the same pixels on every machine.

use std::time::Instant;

use crate::shell::energy::EnergyHistory;
use crate::shell::state::{
    AlertsView, BatteryView, BodyView, ClimateView, DriveView, MediaView, TiresView, UiState,
};

/// The sample state; `cover` is the path of a cover image, if one is at hand.
pub fn state(cover: Option<String>, parked: bool) -> UiState {
    let queue = [
        ("Morning Drive", "Juniper Coast", 96),
        ("Coastal Highway", "Juniper Coast", 131),
        ("Rest Stop Sunset", "Juniper Coast", 178),
        ("霓虹雨", "晨光乐队", 112),
        ("高架桥上", "晨光乐队", 154),
        ("回家的路", "晨光乐队", 203),
    ]
    .iter()
    .enumerate()
    .map(|(n, (title, artist, s))| {
        (
            format!("/org/opencabin/Media1/track/{n}"),
            title.to_string(),
            artist.to_string(),
            s * 1_000_000,
        )
    })
    .collect();
    UiState {
        drive: DriveView {
            available: true,
            speed_kmh: if parked { 0.0 } else { 57.3 },
            gear: if parked { "P" } else { "D" }.into(),
            driving_state: if parked { "parked" } else { "moving" }.into(),
            trip_distance_m: 23_400,
            trip_time_s: 1_860.0,
            trip_consumption: 14.2,
            recent_consumption: 15.1,
            average_speed: 45.3,
            odometer_m: 12_503_400,
            power_kw: 12.5,
        },
        battery: BatteryView {
            available: true,
            state_of_charge: 72.4,
            range_m: 391_000,
            is_charging: false,
            charging_power_kw: 0.0,
            time_to_full_s: 0,
            charge_limit: 90,
        },
        body: BodyView {
            available: true,
            front_left_open: false,
            front_right_open: false,
            rear_left_open: false,
            rear_right_open: false,
            trunk_open: false,
            frunk_open: false,
            locked: true,
            child_lock: true,
        },
        tires: TiresView {
            available: true,
            front_left_kpa: 292,
            front_right_kpa: 289,
            rear_left_kpa: 231,
            rear_right_kpa: 294,
            front_left_low: false,
            front_right_low: false,
            rear_left_low: true,
            rear_right_low: false,
        },
        energy: sample_energy(),
        climate: ClimateView {
            available: true,
            driver_target: 21.5,
            passenger_target: 22.0,
            cabin_temperature: 21.2,
            outside_temperature: 14.0,
            fan_level: 3,
            auto_mode: true,
            air_conditioning: true,
            recirculation: false,
            front_defrost: false,
            rear_defrost: false,
            driver_seat_heating: 1,
            passenger_seat_heating: 0,
            sync: false,
        },
        alerts: AlertsView {
            available: true,
            active: Vec::new(),
        },
        media: MediaView {
            available: true,
            players: vec![(
                "org.mpris.MediaPlayer2.opencabin".into(),
                "OpenCabin Player".into(),
                true,
            )],
            active: "org.mpris.MediaPlayer2.opencabin".into(),
            identity: "OpenCabin Player".into(),
            title: "Morning Drive".into(),
            artist: "Juniper Coast".into(),
            album: "Open Road Sketches".into(),
            art_path: cover,
            playing: false,
            position_us: 38_000_000,
            position_at: Some(Instant::now()),
            rate: 1.0,
            length_us: 96_000_000,
            can_seek: true,
            can_go_next: true,
            can_go_previous: false,
            shuffle: false,
            loop_status: "None".into(),
            volume: 0.6,
            track_id: "/org/opencabin/Media1/track/0".into(),
            queue,
            source: "library".into(),
        },
    }
}

/// A made-up but plausible history: 40 km of mixed driving and five minutes of power.
fn sample_energy() -> EnergyHistory {
    let mut history = EnergyHistory::default();
    for step in 0..400 {
        let km = 12_463.4 + f64::from(step) * 0.1;
        let consumption =
            14.0 + 4.0 * (f64::from(step) / 23.0).sin() + 2.0 * (f64::from(step) / 7.0).cos();
        let power =
            18.0 + 25.0 * (f64::from(step) / 9.0).sin() - 10.0 * (f64::from(step) / 4.0).cos();
        history.sample(km, consumption, power);
    }
    history
}
