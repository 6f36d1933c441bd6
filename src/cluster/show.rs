//! What the driver's display shows, from the shared `UiState` into `ClusterAdapter`; runs on
//! the UI thread.

use slint::ComponentHandle;

use crate::contract::phone::CallState;
use crate::contract::vehicle::Severity;
use crate::ui::{self, ClusterAdapter, ClusterWindow};
use crate::views::{Parts, UiState};

pub fn show(window: &ClusterWindow, state: &UiState, _parts: Parts) {
    let adapter = window.global::<ClusterAdapter>();
    let (drive, battery, body) = (&state.drive, &state.battery, &state.body);
    adapter.set_vehicle_available(drive.available);
    adapter.set_speed_kmh(drive.speed_kmh as f32);
    adapter.set_gear(drive.gear.as_str().into());
    adapter.set_power_kw(drive.power_kw as f32);
    adapter.set_state_of_charge(battery.state_of_charge as f32);
    adapter.set_range_km(battery.range_m as f32 / 1000.0);
    adapter.set_charging(battery.available && battery.is_charging);
    adapter.set_outside_temperature(state.climate.outside_temperature as f32);

    let lit = |on: bool| body.available && on;
    adapter.set_left_indicator(lit(body.left_indicator));
    adapter.set_right_indicator(lit(body.right_indicator));
    adapter.set_low_beam(lit(body.low_beam));
    adapter.set_high_beam(lit(body.high_beam));
    adapter.set_parking_brake(lit(body.parking_brake));
    adapter.set_unbelted(lit(!body.driver_belted));
    adapter.set_door_open(lit(body.open.iter().any(|&open| open)));
    adapter.set_tire_low(state.tires.available && state.tires.low.iter().any(|&low| low));

    let alerts = &state.alerts;
    let active = |id: &str| alerts.available && alerts.active.iter().any(|a| a.id == id);
    adapter.set_battery_low(active("battery-low"));
    adapter.set_battery_critical(active("battery-critical"));
    // The most severe alert, the newest among equals.
    let top = alerts
        .active
        .iter()
        .filter(|_| alerts.available)
        .min_by_key(|a| (a.severity.rank(), -a.since));
    adapter.set_alert_key(top.map(|a| a.text_key.as_str()).unwrap_or_default().into());
    adapter.set_alert_severity(match top.map(|a| a.severity) {
        Some(Severity::Critical) => ui::Severity::Critical,
        Some(Severity::Warning) => ui::Severity::Warning,
        _ => ui::Severity::Info,
    });

    show_call(&adapter, state);

    let navigation = &state.navigation;
    let guided = navigation.available && navigation.active;
    adapter.set_guiding(guided);
    if guided {
        let next = &navigation.next;
        adapter.set_next_kind(next.kind.as_str().into());
        adapter.set_next_road(next.road.as_str().into());
        adapter.set_next_distance_m(next.distance as f32);
        adapter.set_next_exit(i32::from(next.exit));
    }
}

/// The call the driver should know of: one ringing first, else the one in progress.
fn show_call(adapter: &ClusterAdapter, state: &UiState) {
    let phone = &state.phone;
    let live = state.phone_available();
    let (call, kind) = match (phone.ringing(), phone.current()) {
        (Some(call), _) if live => (Some(call), "ringing"),
        (None, Some(call)) if live => (
            Some(call),
            match call.state {
                CallState::Dialing | CallState::Alerting => "calling",
                CallState::Held => "held",
                _ => "active",
            },
        ),
        _ => (None, ""),
    };
    adapter.set_call_state(kind.into());
    if let Some(call) = call {
        let caller = state.contacts.book.caller(&call.number, &call.name);
        adapter.set_caller(caller.into());
    }
}
