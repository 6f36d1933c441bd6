//! The simulator panel with the real vehicle service: its readout follows the service, its
//! controls reach the service through the Simulation interface (read back with busctl), a
//! refused call shows the service's own message, a scenario plays from the panel, and the IVI
//! window's size follows the size buttons, and the phone's other side calls and hangs up.

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementRoot};
use opencabin::ui::{PanelAdapter, SimulatorPanel};
use slint::ComponentHandle;

use super::harness::{Case, Ui, panel_case};
use crate::common::{on_ui, wait_for};

const SHELL_XML: &str = include_str!("../../assets/dbus/org.opencabin.Shell1.xml");

pub fn cases() -> Vec<Case> {
    vec![
        panel_case(
            "panel::the_size_presets_resize_the_ivi_window",
            the_size_presets,
        ),
        panel_case("panel::a_door_reaches_the_service_and_shows_open", a_door),
        panel_case(
            "panel::the_speed_factor_reaches_the_service",
            the_speed_factor,
        ),
        panel_case(
            "panel::a_refused_call_shows_the_services_message",
            a_refused_call,
        ),
        panel_case("panel::a_scenario_plays_from_the_panel", a_scenario),
        panel_case(
            "panel::a_call_from_the_panel_rings_on_the_phone_service",
            a_call_from_the_panel,
        ),
    ]
}

/// Runs `query` on the panel, on the UI thread.
fn with_panel<R: Send + 'static>(
    ui: &Ui,
    query: impl FnOnce(&SimulatorPanel) -> R + Send + 'static,
) -> R {
    let panel = ui.panel.clone().expect("the panel is open");
    on_ui(&ui.window, move |_| {
        query(&panel.upgrade().expect("panel alive"))
    })
}

fn press(ui: &Ui, label: &'static str) {
    with_panel(ui, move |p| {
        ElementHandle::find_by_accessible_label(p, label)
            .find(|e| e.accessible_role() == Some(AccessibleRole::Button))
            .unwrap_or_else(|| {
                let labels: Vec<_> = p
                    .root_element()
                    .query_descendants()
                    .match_accessible_role(AccessibleRole::Button)
                    .find_all()
                    .iter()
                    .filter_map(|e| e.accessible_label())
                    .collect();
                panic!("a panel button labelled {label:?} in {labels:?}")
            })
            .invoke_accessible_default_action();
    });
}

/// The vehicle service on the bus and live in the panel.
fn live(ui: &Ui) -> opencabin::process::ChildProcess {
    let vehicle = ui.bus.spawn(&["vehicle-service"]);
    wait_for(Duration::from_secs(10), "the panel live", || {
        with_panel(ui, |p| p.global::<PanelAdapter>().get_available()).then_some(())
    });
    vehicle
}

/// The size buttons reach the IVI window over `org.opencabin.Shell1.WindowSize`.
fn the_size_presets(ui: &Ui) {
    for (label, wanted) in [("800x480", (800, 480)), ("1920x720", (1920, 720))] {
        press(ui, label);
        wait_for(Duration::from_secs(5), label, || {
            let size = on_ui(&ui.window, |w| w.window().size());
            ((size.width, size.height) == wanted).then_some(())
        });
    }
    let read = ui.bus.busctl(&[
        "get-property",
        "org.opencabin.Shell1",
        "/org/opencabin/Shell1",
        "org.opencabin.Shell1",
        "WindowSize",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&read.stdout).trim(),
        r#"s "1920x720""#
    );
    // A window far larger than any display would hold the UI thread for seconds a frame.
    let refused = ui.bus.gdbus_call(
        "org.opencabin.Shell1",
        "/org/opencabin/Shell1",
        "org.freedesktop.DBus.Properties.Set",
        &["org.opencabin.Shell1", "WindowSize", "<'8192x8192'>"],
    );
    let message = refused.expect_err("an 8192x8192 window refused");
    assert!(
        message.contains("InvalidValue") && message.contains("allowed: up to 3840x2160"),
        "{message}"
    );
    let size = on_ui(&ui.window, |w| w.window().size());
    assert_eq!(
        (size.width, size.height),
        (1920, 720),
        "the window kept its size"
    );
    ui.bus
        .assert_serves("org.opencabin.Shell1", "/org/opencabin/Shell1", SHELL_XML);
}

fn a_door(ui: &Ui) {
    let _vehicle = live(ui);
    press(ui, "rear-left");
    wait_for(Duration::from_secs(5), "the door open on the bus", || {
        (ui.bus.vehicle_property("Body", "RearLeftDoorOpen") == "b true").then_some(())
    });
    wait_for(Duration::from_secs(5), "the door shown open", || {
        with_panel(ui, |p| {
            slint::Model::row_data(&p.global::<PanelAdapter>().get_open(), 2)
        })
        .filter(|open| *open)
    });
}

fn the_speed_factor(ui: &Ui) {
    let _vehicle = live(ui);
    press(ui, "50x");
    wait_for(Duration::from_secs(5), "speed factor 50", || {
        (ui.bus.vehicle_property("Simulation", "SpeedFactor") == "d 50").then_some(())
    });
    wait_for(Duration::from_secs(5), "the readout at 50x", || {
        (with_panel(ui, |p| p.global::<PanelAdapter>().get_speed_factor()) == 50.0).then_some(())
    });
}

fn a_refused_call(ui: &Ui) {
    let _vehicle = live(ui);
    // Charging in gear D is refused by the service, and the panel says why.
    press(ui, "Plug in 150 kW");
    let error = wait_for(Duration::from_secs(5), "the refusal shown", || {
        let error = with_panel(ui, |p| p.global::<PanelAdapter>().get_error());
        (!error.is_empty()).then_some(error.to_string())
    });
    assert!(error.contains("NotAllowed"), "{error}");
    assert_eq!(ui.bus.vehicle_property("Battery", "IsCharging"), "b false");
}

fn a_scenario(ui: &Ui) {
    let _vehicle = live(ui);
    press(ui, "Play Door left open");
    wait_for(
        Duration::from_secs(10),
        "the alert from the scenario",
        || {
            let alerts = with_panel(ui, |p| p.global::<PanelAdapter>().get_alerts());
            alerts.contains("door-open-while-moving").then_some(())
        },
    );
    let log = with_panel(ui, |p| p.global::<PanelAdapter>().get_log());
    assert!(log.contains("SetManualSpeed(30)"), "{log}");
}

/// The phone service's calls as `gdbus` prints `GetCalls`.
fn phone_calls(ui: &Ui) -> String {
    let modem = opencabin::contract::phone::MODEM_PATH;
    ui.bus
        .gdbus_call(
            "org.ofono",
            modem,
            "org.ofono.VoiceCallManager.GetCalls",
            &[],
        )
        .unwrap_or_default()
}

fn a_call_from_the_panel(ui: &Ui) {
    let _vehicle = live(ui);
    let _phone = ui.bus.spawn(&["phone-service"]);
    wait_for(Duration::from_secs(10), "the phone service", || {
        phone_calls(ui).starts_with('(').then_some(())
    });
    // Tall enough that the phone's section is in view (the panel scrolls below 1040 px).
    with_panel(ui, |p| {
        p.window().set_size(slint::LogicalSize::new(440.0, 1600.0))
    });
    press(ui, "Aino calls");
    wait_for(
        Duration::from_secs(5),
        "an incoming call on the bus",
        || {
            let calls = phone_calls(ui);
            (calls.contains("'incoming'") && calls.contains("+358401234567")).then_some(())
        },
    );
    press(ui, "Caller hangs up");
    wait_for(Duration::from_secs(5), "the call gone", || {
        (phone_calls(ui) == "(@a(oa{sv}) [],)").then_some(())
    });
}
