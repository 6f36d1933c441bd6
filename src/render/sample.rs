//! A fixed, plausible state for reference screenshots and the design preview: a car at 57 km/h
//! on a mild morning, the demo library's first track playing. Nothing here comes from a bus, so
//! the same command renders the same pixels on every machine.

use std::time::Instant;

use crate::shell::state::{AlertsView, BatteryView, ClimateView, DriveView, MediaView, UiState};

/// The sample state; `cover` is the path of a cover image, if one is at hand.
pub fn state(cover: Option<String>) -> UiState {
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
            speed_kmh: 57.3,
            gear: "D".into(),
            driving_state: "moving".into(),
            trip_distance_m: 23_400,
            trip_time_s: 1_860.0,
            trip_consumption: 14.2,
            power_kw: 12.5,
        },
        battery: BatteryView {
            available: true,
            state_of_charge: 72.4,
            range_m: 391_000,
            is_charging: false,
        },
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
