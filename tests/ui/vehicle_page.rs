//! The vehicle page with the real vehicle service: doors and lids as the service reports them,
//! a deflating tire marked, the charge limit set from the page, and a trip reset.

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use opencabin::ui::{AppWindow, Page, VehicleAdapter};
use slint::{ComponentHandle, Model};

use super::harness::{Case, Ui, case, show_page};
use crate::common::{on_ui, wait_for};

pub fn cases() -> Vec<Case> {
    vec![
        case("vehicle_page::lids_show_as_the_service_reports_them", lids),
        case(
            "vehicle_page::a_deflating_tire_is_marked_low_with_its_pressure",
            a_deflating_tire,
        ),
        case(
            "vehicle_page::the_charge_limit_is_set_from_the_page",
            the_charge_limit,
        ),
        case(
            "vehicle_page::the_trip_is_reset_from_the_page",
            the_trip_reset,
        ),
    ]
}

/// The accessible value of the first element labelled `label`.
fn value(window: &slint::Weak<AppWindow>, label: &'static str) -> String {
    on_ui(window, move |w| {
        ElementHandle::find_by_accessible_label(w, label)
            .find_map(|e| e.accessible_value().filter(|v| !v.is_empty()))
            .unwrap_or_default()
            .to_string()
    })
}

fn press(window: &slint::Weak<AppWindow>, label: &'static str) {
    on_ui(window, move |w| {
        ElementHandle::find_by_accessible_label(w, label)
            .find(|e| e.accessible_role() == Some(AccessibleRole::Button))
            .unwrap_or_else(|| panic!("a button labelled {label:?}"))
            .invoke_accessible_default_action();
    });
}

/// The vehicle page, live, with the service driving at 20x.
fn vehicle_page(ui: &Ui) -> opencabin::process::ChildProcess {
    let vehicle = ui.bus.spawn(&["vehicle-service", "--speed-factor", "20"]);
    show_page(ui, Page::Vehicle);
    wait_for(Duration::from_secs(10), "live data", || {
        on_ui(&ui.window, |w| w.global::<VehicleAdapter>().get_available()).then_some(())
    });
    vehicle
}

fn call(ui: &Ui, method: &str, args: &[&str]) {
    ui.bus
        .gdbus_vehicle(&format!("org.opencabin.Vehicle1.{method}"), args)
        .unwrap();
}

fn lids(ui: &Ui) {
    let _vehicle = vehicle_page(ui);
    assert_eq!(value(&ui.window, "Trunk"), "closed");
    call(ui, "Simulation.SetDoor", &["trunk", "true"]);
    wait_for(Duration::from_secs(5), "the trunk shown open", || {
        (value(&ui.window, "Trunk") == "open").then_some(())
    });
    assert_eq!(value(&ui.window, "Frunk"), "closed");
}

fn a_deflating_tire(ui: &Ui) {
    let _vehicle = vehicle_page(ui);
    call(ui, "Simulation.DeflateTire", &["rear-left", "150.0"]);
    wait_for(Duration::from_secs(20), "the rear left tire low", || {
        on_ui(&ui.window, |w| {
            w.global::<VehicleAdapter>().get_tire_low().iter().nth(2)
        })
        .filter(|low| *low)
    });
    let shown: i32 = value(&ui.window, "Rear left tire")
        .trim_end_matches(" kPa")
        .parse()
        .unwrap();
    assert!(
        shown <= 240,
        "a low pressure shown (threshold 240 kPa, rounded): {shown}"
    );
}

fn the_charge_limit(ui: &Ui) {
    let _vehicle = vehicle_page(ui);
    press(&ui.window, "Charge limit up");
    wait_for(Duration::from_secs(5), "the service at 95 %", || {
        (ui.bus.vehicle_property("Battery", "ChargeLimit") == "y 95").then_some(())
    });
    wait_for(Duration::from_secs(5), "the page at 95 %", || {
        (on_ui(&ui.window, |w| {
            w.global::<VehicleAdapter>().get_charge_limit()
        }) == 95)
            .then_some(())
    });
}

fn the_trip_reset(ui: &Ui) {
    let _vehicle = vehicle_page(ui);
    wait_for(Duration::from_secs(10), "some trip distance", || {
        (ui.bus.vehicle_number("Drive", "TripDistance") > 100.0).then_some(())
    });
    call(ui, "Simulation.Pause", &[]);
    press(&ui.window, "Reset trip");
    wait_for(Duration::from_secs(5), "the trip reset", || {
        (ui.bus.vehicle_number("Drive", "TripDistance") == 0.0).then_some(())
    });
    wait_for(Duration::from_secs(5), "the page showing 0.0 km", || {
        (value(&ui.window, "Distance") == "0.0 km").then_some(())
    });
}
