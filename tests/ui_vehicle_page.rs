//! The vehicle page on Slint's testing backend with the real vehicle service: doors and lids as
//! the service reports them, a deflating tire marked, the charge limit set from the page, and a
//! trip reset. (One test: the testing backend starts once per process.)

mod common;

use std::time::Duration;

use common::{TestBus, on_ui, wait_for};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use opencabin::ui::{AppWindow, ShellAdapter, VehicleAdapter};
use slint::{ComponentHandle, Model};

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

fn scenario(window: slint::Weak<AppWindow>, bus: &TestBus) {
    let _vehicle = bus.spawn(&["vehicle-service", "--speed-factor", "20"]);
    let call = |method: &str, args: &[&str]| {
        bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.{method}"), args)
            .unwrap()
    };
    on_ui(&window, |w| {
        w.global::<ShellAdapter>()
            .invoke_show_page("vehicle".into())
    });
    wait_for(Duration::from_secs(10), "live data", || {
        on_ui(&window, |w| w.global::<VehicleAdapter>().get_available()).then_some(())
    });

    // Lids as the service reports them.
    assert_eq!(value(&window, "Trunk"), "closed");
    call("Simulation.SetDoor", &["trunk", "true"]);
    wait_for(Duration::from_secs(5), "the trunk shown open", || {
        (value(&window, "Trunk") == "open").then_some(())
    });
    assert_eq!(value(&window, "Frunk"), "closed");

    // A leaking tire is marked with its pressure.
    call("Simulation.DeflateTire", &["rear-left", "150.0"]);
    wait_for(Duration::from_secs(20), "the rear left tire low", || {
        on_ui(&window, |w| {
            w.global::<VehicleAdapter>().get_tire_low().iter().nth(2)
        })
        .filter(|low| *low)
    });
    let shown: i32 = value(&window, "Rear left tire")
        .trim_end_matches(" kPa")
        .parse()
        .unwrap();
    assert!(
        shown <= 240,
        "a low pressure shown (threshold 240 kPa, rounded): {shown}"
    );

    // The charge limit is set from the page, through the service.
    press(&window, "Charge limit up");
    wait_for(Duration::from_secs(5), "the service at 95 %", || {
        (bus.vehicle_property("Battery", "ChargeLimit") == "y 95").then_some(())
    });
    wait_for(Duration::from_secs(5), "the page at 95 %", || {
        (on_ui(&window, |w| w.global::<VehicleAdapter>().get_charge_limit()) == 95).then_some(())
    });

    // Reset trip.
    wait_for(Duration::from_secs(10), "some trip distance", || {
        (bus.vehicle_number("Drive", "TripDistance") > 100.0).then_some(())
    });
    call("Simulation.Pause", &[]);
    press(&window, "Reset trip");
    wait_for(Duration::from_secs(5), "the trip reset", || {
        (bus.vehicle_number("Drive", "TripDistance") == 0.0).then_some(())
    });
    wait_for(Duration::from_secs(5), "the page showing 0.0 km", || {
        (value(&window, "Distance") == "0.0 km").then_some(())
    });
}

#[test]
fn the_vehicle_page_shows_the_car_and_drives_its_settings() {
    common::ui_test("vehicle-page", scenario);
}
