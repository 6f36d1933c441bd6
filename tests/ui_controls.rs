//! The front end on Slint's testing backend with the real services on a private bus: the dock
//! navigates (and Shell1 says so), a climate button changes the service's value and the UI shows
//! the answer, a refused value snaps back with a message, media controls reach the player, and a
//! second player brings the switcher. (The testing backend starts once per process: one test.)

mod common;

use std::time::Duration;

use common::{TestBus, on_ui, wait_for};
use i_slint_backend_testing::ElementHandle;
use opencabin::ui::{AppWindow, ClimateAdapter, MediaAdapter, ShellAdapter};
use slint::ComponentHandle;

/// Touches the first enabled button, tab or switch labelled `label` (as a screen reader or a
/// finger would).
fn press(window: &slint::Weak<AppWindow>, label: &'static str) {
    use i_slint_backend_testing::AccessibleRole;
    on_ui(window, move |w| {
        let element = ElementHandle::find_by_accessible_label(w, label)
            .filter(|e| {
                matches!(
                    e.accessible_role(),
                    Some(AccessibleRole::Button | AccessibleRole::Tab | AccessibleRole::Switch)
                )
            })
            .find(|e| e.accessible_enabled() != Some(false))
            .unwrap_or_else(|| panic!("an enabled element labelled {label:?}"));
        element.invoke_accessible_default_action();
    });
}

/// The alert banner's text while it is shown (it has no height when hidden).
fn banner(window: &slint::Weak<AppWindow>) -> Option<String> {
    on_ui(window, |w| {
        let banner = ElementHandle::find_by_accessible_label(w, "Alert").next()?;
        (banner.size().height > 0.0)
            .then(|| banner.accessible_value().unwrap_or_default().to_string())
    })
}

fn scenario(window: slint::Weak<AppWindow>, bus: &TestBus) {
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let _media = bus.media_service(&[]);
    wait_for(Duration::from_secs(10), "live data in the UI", || {
        on_ui(&window, |w| {
            w.global::<ClimateAdapter>().get_driver_target() > 0.0
                && w.global::<MediaAdapter>().get_available()
        })
        .then_some(())
    });

    // The dock navigates, and Shell1 reports the page.
    press(&window, "Climate");
    assert_eq!(
        on_ui(&window, |w| w
            .global::<ShellAdapter>()
            .get_page()
            .to_string()),
        "climate"
    );
    wait_for(Duration::from_secs(5), "Shell1 CurrentPage", || {
        let page = bus.get_property(
            "org.opencabin.Shell1",
            "/org/opencabin/Shell1",
            "org.opencabin.Shell1",
            "CurrentPage",
        )?;
        (page == r#"s "climate""#).then_some(())
    });

    // A climate button asks the service; the UI shows the service's answer.
    press(&window, "Driver temperature up");
    wait_for(Duration::from_secs(5), "the service at 21.5", || {
        (bus.vehicle_property("Climate", "DriverTargetTemperature") == "d 21.5").then_some(())
    });
    wait_for(Duration::from_secs(5), "the UI at 21.5", || {
        (on_ui(&window, |w| {
            w.global::<ClimateAdapter>().get_driver_target()
        }) == 21.5)
            .then_some(())
    });

    // A value the service refuses: the control keeps the service's value and a message says why.
    on_ui(&window, |w| {
        w.global::<ClimateAdapter>().invoke_set_driver_target(30.5)
    });
    let toast = wait_for(Duration::from_secs(5), "a message", || {
        Some(on_ui(&window, |w| {
            w.global::<ShellAdapter>().get_toast().to_string()
        }))
        .filter(|t| !t.is_empty())
    });
    assert!(
        toast.contains("out of range") && toast.contains("16 to 28"),
        "{toast}"
    );
    assert_eq!(
        on_ui(&window, |w| w
            .global::<ClimateAdapter>()
            .get_driver_target()),
        21.5
    );
    assert_eq!(
        bus.vehicle_property("Climate", "DriverTargetTemperature"),
        "d 21.5"
    );

    // Media controls reach the player.
    press(&window, "Media");
    assert_eq!(
        on_ui(&window, |w| w
            .global::<ShellAdapter>()
            .get_page()
            .to_string()),
        "media"
    );
    press(&window, "Play");
    wait_for(Duration::from_secs(5), "playing", || {
        (bus.playerctl("opencabin", &["status"])? == "Playing").then_some(())
    });
    press(&window, "Next");
    wait_for(Duration::from_secs(5), "the next track", || {
        (bus.playerctl("opencabin", &["metadata", "xesam:title"])? == "Coastal Highway")
            .then_some(())
    });
    wait_for(Duration::from_secs(5), "the UI showing it", || {
        (on_ui(&window, |w| {
            w.global::<MediaAdapter>().get_title().to_string()
        }) == "Coastal Highway")
            .then_some(())
    });

    // A second player brings the switcher.
    let no_switcher = on_ui(&window, |w| {
        ElementHandle::find_by_accessible_label(w, "OpenCabin Player (second)").count()
    });
    assert_eq!(no_switcher, 0);
    let _second = bus.spawn(&["media-service", "--instance", "second"]);
    wait_for(Duration::from_secs(10), "the player switcher", || {
        (on_ui(&window, |w| {
            ElementHandle::find_by_accessible_label(w, "OpenCabin Player (second)").count()
        }) > 0)
            .then_some(())
    });
    press(&window, "OpenCabin Player (second)");
    wait_for(Duration::from_secs(5), "the second player active", || {
        let active = on_ui(&window, |w| {
            w.global::<MediaAdapter>().get_active_player().to_string()
        });
        (active == "org.mpris.MediaPlayer2.opencabin.second").then_some(())
    });

    // An alert raised by the simulation appears as a banner and in the status bar's count; a
    // warning can be dismissed; it goes when the service clears it.
    assert_eq!(banner(&window), None);
    bus.gdbus_vehicle(
        "org.opencabin.Vehicle1.Simulation.RunScenario",
        &["low-battery"],
    )
    .unwrap();
    let text = wait_for(Duration::from_secs(5), "the alert banner", || {
        banner(&window)
    });
    assert_eq!(text, "Battery low — plan a charging stop");
    let count = on_ui(&window, |w| {
        ElementHandle::find_by_accessible_label(w, "Alerts")
            .next()
            .and_then(|e| e.accessible_value())
            .unwrap_or_default()
            .to_string()
    });
    assert_eq!(count, "1");
    press(&window, "Dismiss alert");
    wait_for(Duration::from_secs(5), "the banner dismissed", || {
        banner(&window).is_none().then_some(())
    });
    bus.gdbus_vehicle(
        "org.opencabin.Vehicle1.Simulation.SetStateOfCharge",
        &["80.0"],
    )
    .unwrap();
    wait_for(Duration::from_secs(5), "the alert cleared", || {
        on_ui(&window, |w| {
            ElementHandle::find_by_accessible_label(w, "Alerts")
                .next()
                .is_none()
        })
        .then_some(())
    });
}

#[test]
fn the_controls_reach_the_services_and_show_their_answers() {
    common::ui_test("controls", scenario);
}
