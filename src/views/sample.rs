//! A fixed, plausible state for reference screenshots and the design preview: a car at 57 km/h
//! on a mild morning, the demo library's first track playing. Nothing here comes from a bus, so
//! the same command renders the same pixels on every machine.

use std::time::Instant;

use crate::client::Live;
use crate::client::mpris::PlayerSnapshot;
use crate::contract::media::{LoopStatus, PlaybackStatus, Source, Track, file_url};
use crate::contract::vehicle::{
    AlertsState, BatteryState, BodyState, ClimateState, DriveState, DrivingState, Gear, Headlights,
    TiresState,
};

pub use super::sample_phone::SampleCall;
use super::{EnergyHistory, MediaView, PlayerEntry, UiState};

fn live<V>(view: V) -> Live<V> {
    Live {
        available: true,
        view,
    }
}

/// The sample state; `cover` is the path of a cover image, if one is at hand; the phone has
/// `call` if given.
pub fn state(cover: Option<String>, parked: bool, call: Option<SampleCall>) -> UiState {
    let queue: Vec<Track> = [
        ("Morning Drive", "Juniper Coast", 96),
        ("Coastal Highway", "Juniper Coast", 131),
        ("Rest Stop Sunset", "Juniper Coast", 178),
        ("霓虹雨", "晨光乐队", 112),
        ("高架桥上", "晨光乐队", 154),
        ("回家的路", "晨光乐队", 203),
    ]
    .iter()
    .enumerate()
    .map(|(n, (title, artist, s))| Track {
        id: format!("/org/opencabin/Media1/track/{n}"),
        title: title.to_string(),
        artists: vec![artist.to_string()],
        length_us: Some(s * 1_000_000),
        ..Track::default()
    })
    .collect();
    let current = Track {
        album: "Open Road Sketches".into(),
        art_url: cover.map(|path| file_url(std::path::Path::new(&path))),
        ..queue[0].clone()
    };
    let (navigation, location, map) = super::sample_route::navigation(parked);
    let (phone, contacts) = super::sample_phone::phone(call);
    UiState {
        navigation,
        location,
        map,
        search: Default::default(),
        phone,
        contacts,
        fixed_clock: Some(super::sample_phone::clock()),
        companion: live(super::sample_phone::companion()),
        drive: live(DriveState {
            speed_kmh: if parked { 0.0 } else { 57.3 },
            gear: if parked { Gear::Park } else { Gear::Drive },
            driving_state: if parked {
                DrivingState::Parked
            } else {
                DrivingState::Moving
            },
            is_moving: !parked,
            trip_distance_m: 23_400,
            trip_time_s: 1_860.0,
            trip_consumption: 14.2,
            recent_consumption: 15.1,
            average_speed_kmh: 45.3,
            odometer_m: 12_503_400,
            power_kw: if parked { 0.0 } else { 12.5 },
        }),
        battery: live(BatteryState {
            state_of_charge: 72.4,
            range_m: 391_000,
            is_charging: false,
            charging_power_kw: 0.0,
            time_to_full_s: 0,
            temperature_c: 24.0,
            charge_limit: 90,
        }),
        body: live(BodyState {
            open: [false; 6],
            locked: true,
            child_lock: true,
            headlights: Headlights::Auto,
            interior_light: false,
            // Turning left at the route's next junction, the low beam on (auto, out of P).
            left_indicator: !parked,
            right_indicator: false,
            hazard: false,
            low_beam: !parked,
            high_beam: false,
            parking_brake: parked,
            driver_belted: true,
        }),
        tires: live(TiresState {
            pressure_kpa: [292, 289, 231, 294],
            temperature_c: [21.0; 4],
            low: [false, false, true, false],
            low_pressure_threshold_kpa: 240,
        }),
        energy: sample_energy(),
        climate: live(ClimateState {
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
            preconditioning: false,
            preconditioning_time_left_s: 0,
        }),
        alerts: live(AlertsState::default()),
        simulation: Live::default(),
        media: MediaView {
            players: vec![PlayerEntry {
                bus_name: crate::contract::media::bus_name().into(),
                identity: "OpenCabin Player".into(),
                playing: true,
            }],
            active: Some(PlayerSnapshot {
                bus_name: crate::contract::media::bus_name().into(),
                identity: "OpenCabin Player".into(),
                status: PlaybackStatus::Paused,
                track: current,
                position_us: 38_000_000,
                position_at: Some(Instant::now()),
                rate: 1.0,
                volume: 0.6,
                shuffle: false,
                loop_status: LoopStatus::None,
                can_go_next: true,
                can_go_previous: false,
                can_play: true,
                can_pause: true,
                can_seek: true,
                last_active: Some(Instant::now()),
                queue,
                source: Some(Source::Library),
            }),
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
