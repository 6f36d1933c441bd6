//! The window's controls with the real services: the dock navigates (and Shell1 says so), a
//! climate button changes the service's value and the UI shows the answer, a refused value
//! stays as the service has it with a message, media controls reach the player, a second player
//! brings the switcher, and an alert shows as a banner and in the status bar until cleared.

use std::time::Duration;

use i_slint_backend_testing::ElementHandle;
use opencabin::ui::{ClimateAdapter, MediaAdapter, Page, ShellAdapter, VehicleAdapter};
use slint::ComponentHandle;

use super::harness::{Case, Ui, case, press};
use crate::common::{on_ui, wait_for};

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "controls::the_dock_navigates_and_shell1_reports_the_page",
            the_dock_navigates,
        ),
        case(
            "controls::a_climate_button_changes_the_service_and_shows_its_answer",
            a_climate_button_changes_the_service,
        ),
        case(
            "controls::a_refused_value_stays_as_the_service_has_it_with_a_message",
            a_refused_value_stays,
        ),
        case(
            "controls::media_controls_reach_the_player",
            media_controls_reach_the_player,
        ),
        case(
            "controls::a_second_player_brings_the_switcher",
            a_second_player_brings_the_switcher,
        ),
        case(
            "controls::an_alert_shows_as_a_banner_and_goes_when_cleared",
            an_alert_shows_and_goes,
        ),
    ]
}

/// Starts the vehicle service and waits until the window shows it live.
fn live_vehicle(ui: &Ui) -> opencabin::process::ChildProcess {
    let vehicle = ui.bus.spawn(&["vehicle-service"]);
    wait_for(
        Duration::from_secs(10),
        "the vehicle live in the UI",
        || on_ui(&ui.window, |w| w.global::<VehicleAdapter>().get_available()).then_some(()),
    );
    vehicle
}

/// Starts our media service and waits until the window shows it.
fn live_media(ui: &Ui, args: &[&str]) -> opencabin::process::ChildProcess {
    let media = ui.bus.media_service(args);
    wait_for(Duration::from_secs(10), "the player in the UI", || {
        on_ui(&ui.window, |w| w.global::<MediaAdapter>().get_available()).then_some(())
    });
    media
}

fn page(ui: &Ui) -> Page {
    on_ui(&ui.window, |w| w.global::<ShellAdapter>().get_page())
}

fn the_dock_navigates(ui: &Ui) {
    press(&ui.window, "Climate");
    assert_eq!(page(ui), Page::Climate);
    wait_for(Duration::from_secs(5), "Shell1 CurrentPage", || {
        let page = ui.bus.get_property(
            "org.opencabin.Shell1",
            "/org/opencabin/Shell1",
            "org.opencabin.Shell1",
            "CurrentPage",
        )?;
        (page == r#"s "climate""#).then_some(())
    });
    press(&ui.window, "Media");
    assert_eq!(page(ui), Page::Media);
}

fn a_climate_button_changes_the_service(ui: &Ui) {
    let _vehicle = live_vehicle(ui);
    assert_eq!(
        ui.bus
            .vehicle_property("Climate", "DriverTargetTemperature"),
        "d 21"
    );
    press(&ui.window, "Driver temperature up");
    wait_for(Duration::from_secs(5), "the service at 21.5", || {
        (ui.bus
            .vehicle_property("Climate", "DriverTargetTemperature")
            == "d 21.5")
            .then_some(())
    });
    wait_for(Duration::from_secs(5), "the UI at 21.5", || {
        (on_ui(&ui.window, |w| {
            w.global::<ClimateAdapter>().get_driver_target()
        }) == 21.5)
            .then_some(())
    });
}

fn a_refused_value_stays(ui: &Ui) {
    let _vehicle = live_vehicle(ui);
    on_ui(&ui.window, |w| {
        w.global::<ClimateAdapter>().invoke_set_driver_target(30.5)
    });
    let toast = wait_for(Duration::from_secs(5), "a message", || {
        Some(on_ui(&ui.window, |w| {
            w.global::<ShellAdapter>().get_toast().to_string()
        }))
        .filter(|t| !t.is_empty())
    });
    assert!(
        toast.contains("out of range") && toast.contains("16 to 28"),
        "{toast}"
    );
    assert_eq!(
        on_ui(&ui.window, |w| w
            .global::<ClimateAdapter>()
            .get_driver_target()),
        21.0
    );
    assert_eq!(
        ui.bus
            .vehicle_property("Climate", "DriverTargetTemperature"),
        "d 21"
    );
}

fn media_controls_reach_the_player(ui: &Ui) {
    let _media = live_media(ui, &[]);
    press(&ui.window, "Media");
    press(&ui.window, "Play");
    wait_for(Duration::from_secs(5), "playing", || {
        (ui.bus.playerctl("opencabin", &["status"])? == "Playing").then_some(())
    });
    press(&ui.window, "Next");
    wait_for(Duration::from_secs(5), "the next track", || {
        (ui.bus
            .playerctl("opencabin", &["metadata", "xesam:title"])?
            == "Coastal Highway")
            .then_some(())
    });
    wait_for(Duration::from_secs(5), "the UI showing it", || {
        (on_ui(&ui.window, |w| {
            w.global::<MediaAdapter>().get_title().to_string()
        }) == "Coastal Highway")
            .then_some(())
    });
}

fn a_second_player_brings_the_switcher(ui: &Ui) {
    let _media = live_media(ui, &[]);
    press(&ui.window, "Media");
    let switcher = |ui: &Ui| {
        on_ui(&ui.window, |w| {
            ElementHandle::find_by_accessible_label(w, "OpenCabin Player (second)").count()
        })
    };
    assert_eq!(switcher(ui), 0, "one player, no switcher");
    let _second = ui.bus.spawn(&["media-service", "--instance", "second"]);
    wait_for(Duration::from_secs(10), "the player switcher", || {
        (switcher(ui) > 0).then_some(())
    });
    press(&ui.window, "OpenCabin Player (second)");
    wait_for(Duration::from_secs(5), "the second player active", || {
        let active = on_ui(&ui.window, |w| {
            w.global::<MediaAdapter>().get_active_player().to_string()
        });
        (active == "org.mpris.MediaPlayer2.opencabin.second").then_some(())
    });
}

/// The alert banner's text while it is shown (it has no height when hidden).
fn banner(ui: &Ui) -> Option<String> {
    on_ui(&ui.window, |w| {
        let banner = ElementHandle::find_by_accessible_label(w, "Alert").next()?;
        (banner.size().height > 0.0)
            .then(|| banner.accessible_value().unwrap_or_default().to_string())
    })
}

fn an_alert_shows_and_goes(ui: &Ui) {
    let _vehicle = live_vehicle(ui);
    assert_eq!(banner(ui), None);
    ui.bus
        .gdbus_vehicle(
            "org.opencabin.Vehicle1.Simulation.RunScenario",
            &["low-battery"],
        )
        .unwrap();
    let text = wait_for(Duration::from_secs(5), "the alert banner", || banner(ui));
    assert_eq!(text, "Battery low — plan a charging stop");
    let count = on_ui(&ui.window, |w| {
        ElementHandle::find_by_accessible_label(w, "Alerts")
            .next()
            .and_then(|e| e.accessible_value())
            .unwrap_or_default()
            .to_string()
    });
    assert_eq!(count, "1");
    press(&ui.window, "Dismiss alert");
    wait_for(Duration::from_secs(5), "the banner dismissed", || {
        banner(ui).is_none().then_some(())
    });
    ui.bus
        .gdbus_vehicle(
            "org.opencabin.Vehicle1.Simulation.SetStateOfCharge",
            &["80.0"],
        )
        .unwrap();
    wait_for(Duration::from_secs(5), "the alert cleared", || {
        on_ui(&ui.window, |w| {
            ElementHandle::find_by_accessible_label(w, "Alerts")
                .next()
                .is_none()
        })
        .then_some(())
    });
}
