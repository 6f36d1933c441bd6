//! `VehicleAdapter` and `RestrictionsAdapter`: the car's motion, battery, body, tires, energy
//! plots and alerts, and what the driving state allows.

use slint::{ComponentHandle, ModelRc, VecModel};

use crate::contract::restrictions;
use crate::contract::vehicle::{DrivingState, Gear, Severity};
use crate::ui::{self, AlertEntry, AppWindow, RestrictionsAdapter, VehicleAdapter};
use crate::views::{EnergyHistory, Parts, UiState};

pub fn show(window: &AppWindow, state: &UiState, parts: Parts) {
    let vehicle = window.global::<VehicleAdapter>();
    let (drive, battery) = (&state.drive, &state.battery);
    vehicle.set_available(drive.available);
    vehicle.set_speed_kmh(drive.speed_kmh as f32);
    vehicle.set_gear(gear(drive.gear));
    vehicle.set_driving_state(driving_state(drive.driving_state));
    vehicle.set_trip_distance_km(drive.trip_distance_m as f32 / 1000.0);
    vehicle.set_trip_time_s(drive.trip_time_s as i32);
    vehicle.set_trip_consumption(drive.trip_consumption as f32);
    vehicle.set_power_kw(drive.power_kw as f32);
    vehicle.set_state_of_charge(battery.state_of_charge as f32);
    vehicle.set_range_km(battery.range_m as f32 / 1000.0);
    vehicle.set_charging(battery.is_charging);
    vehicle.set_charging_power_kw(battery.charging_power_kw as f32);
    vehicle.set_time_to_full_min((battery.time_to_full_s / 60) as i32);
    vehicle.set_charge_limit(i32::from(battery.charge_limit));
    vehicle.set_average_speed(drive.average_speed_kmh as f32);
    vehicle.set_recent_consumption(drive.recent_consumption as f32);
    vehicle.set_average_y(EnergyHistory::consumption_y(drive.trip_consumption) as f32);
    vehicle.set_power_zero_y(EnergyHistory::power_y(0.0) as f32);
    if parts.contains(Parts::ALERTS) {
        vehicle.set_alerts(ModelRc::new(VecModel::from(alert_entries(state))));
    }
    let body = &state.body;
    vehicle.set_front_left_open(body.open[0]);
    vehicle.set_front_right_open(body.open[1]);
    vehicle.set_rear_left_open(body.open[2]);
    vehicle.set_rear_right_open(body.open[3]);
    vehicle.set_trunk_open(body.open[4]);
    vehicle.set_frunk_open(body.open[5]);
    vehicle.set_locked(body.locked);
    vehicle.set_child_lock(body.child_lock);
    if parts.contains(Parts::TIRES) {
        let tires = &state.tires;
        vehicle.set_tire_pressure(ModelRc::new(VecModel::from(
            tires.pressure_kpa.map(i32::from).to_vec(),
        )));
        vehicle.set_tire_low(ModelRc::new(VecModel::from(tires.low.to_vec())));
    }
    if parts.contains(Parts::ENERGY) {
        vehicle.set_consumption_path(state.energy.consumption_path().into());
        vehicle.set_power_path(state.energy.power_path().into());
    }

    // Without the vehicle service the car's motion is unknown: restrict, as when moving.
    let rules = restrictions::for_state(drive.available.then_some(drive.driving_state));
    let limits = window.global::<RestrictionsAdapter>();
    limits.set_active(rules.active);
    limits.set_max_list_items(rules.max_list_items as i32);
    limits.set_browse_sources(rules.browse_sources);
    limits.set_deep_settings(rules.deep_settings);
}

/// The active alerts, most severe first (then oldest first); none while the service is away.
fn alert_entries(state: &UiState) -> Vec<AlertEntry> {
    if !state.alerts.available {
        return Vec::new();
    }
    let mut alerts = state.alerts.active.clone();
    alerts.sort_by_key(|a| (a.severity.rank(), a.since));
    alerts
        .into_iter()
        .map(|a| AlertEntry {
            id: a.id.into(),
            severity: severity(a.severity),
            text_key: a.text_key.into(),
        })
        .collect()
}

fn gear(gear: Gear) -> ui::Gear {
    match gear {
        Gear::Park => ui::Gear::Park,
        Gear::Reverse => ui::Gear::Reverse,
        Gear::Neutral => ui::Gear::Neutral,
        Gear::Drive => ui::Gear::Drive,
    }
}

fn driving_state(state: DrivingState) -> ui::DrivingState {
    match state {
        DrivingState::Parked => ui::DrivingState::Parked,
        DrivingState::Idling => ui::DrivingState::Idling,
        DrivingState::Moving => ui::DrivingState::Moving,
    }
}

fn severity(severity: Severity) -> ui::Severity {
    match severity {
        Severity::Info => ui::Severity::Info,
        Severity::Warning => ui::Severity::Warning,
        Severity::Critical => ui::Severity::Critical,
    }
}
