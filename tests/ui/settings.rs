//! The settings page with the real vehicle service: miles, °F and a 12-hour clock chosen on it
//! change what every page shows (checked against the service's own values) and are saved; a °F
//! step is one whole degree; a home card can be hidden; while the car moves the deeper settings
//! are locked with a message, and parking unlocks them.

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementRoot};
use opencabin::ui::{AppWindow, Page, Units, VehicleAdapter};
use slint::ComponentHandle;

use super::harness::{Case, Ui, case, show_page};
use crate::common::{on_ui, wait_for};

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "settings::imperial_units_and_a_12_hour_clock_show_on_every_page_and_are_saved",
            imperial_units_everywhere,
        ),
        case(
            "settings::a_fahrenheit_step_is_one_whole_degree",
            a_fahrenheit_step,
        ),
        case(
            "settings::a_home_card_switched_off_leaves_the_home_page",
            a_home_card_switched_off,
        ),
        case(
            "settings::moving_locks_the_deeper_settings_and_parking_unlocks_them",
            moving_locks_the_deeper_settings,
        ),
    ]
}

/// Every text on screen now (labels and, where a text is labelled, its value).
fn visible_texts(window: &slint::Weak<AppWindow>) -> Vec<String> {
    on_ui(window, |w| {
        w.root_element()
            .query_descendants()
            .match_accessible_role(AccessibleRole::Text)
            .find_all()
            .into_iter()
            .filter(|e| e.computed_opacity() > 0.5 && e.size().width > 0.0)
            .flat_map(|e| [e.accessible_label(), e.accessible_value()])
            .flatten()
            .map(|t| t.to_string())
            .filter(|t| !t.is_empty())
            .collect()
    })
}

/// Shows `page` and reads every text on it.
fn texts_of(ui: &Ui, page: Page) -> Vec<String> {
    show_page(ui, page);
    visible_texts(&ui.window)
}

/// The button or switch labelled `label`: whether it is enabled, after pressing it if it is.
fn press(window: &slint::Weak<AppWindow>, label: &'static str) -> bool {
    on_ui(window, move |w| {
        let button = ElementHandle::find_by_accessible_label(w, label)
            .find(|e| {
                matches!(
                    e.accessible_role(),
                    Some(AccessibleRole::Button | AccessibleRole::Switch)
                )
            })
            .unwrap_or_else(|| panic!("a button labelled {label:?}"));
        let enabled = button.accessible_enabled() != Some(false);
        button.invoke_accessible_default_action();
        enabled
    })
}

fn value_of(window: &slint::Weak<AppWindow>, label: &'static str) -> String {
    on_ui(window, move |w| {
        ElementHandle::find_by_accessible_label(w, label)
            .find_map(|e| e.accessible_value())
            .map(|v| v.to_string())
            .unwrap_or_default()
    })
}

fn any_contains(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

/// Waits until the settings file holds every one of `lines`.
fn saved(ui: &Ui, lines: &[&str]) {
    wait_for(Duration::from_secs(5), "the settings saved", || {
        let text = std::fs::read_to_string(&ui.settings).ok()?;
        lines.iter().all(|l| text.contains(l)).then_some(())
    });
}

/// The vehicle service on the bus and live in the window, -5 °C outside.
fn live_vehicle(ui: &Ui) -> opencabin::process::ChildProcess {
    let vehicle = ui.bus.spawn(&["vehicle-service"]);
    wait_for(Duration::from_secs(10), "live data", || {
        on_ui(&ui.window, |w| w.global::<VehicleAdapter>().get_available()).then_some(())
    });
    simulate(ui, "SetOutsideTemperature", &["--", "-5.0"]);
    wait_for(Duration::from_secs(5), "-5 °C shown", || {
        (value_of(&ui.window, "Outside temperature") == "-5 °C").then_some(())
    });
    vehicle
}

fn simulate(ui: &Ui, method: &str, args: &[&str]) {
    ui.bus
        .gdbus_vehicle(&format!("org.opencabin.Vehicle1.Simulation.{method}"), args)
        .unwrap();
}

fn choose_imperial(ui: &Ui) {
    show_page(ui, Page::Settings);
    assert!(press(&ui.window, "Distance unit: Miles"));
    assert!(press(&ui.window, "Temperature unit: °F"));
    assert!(press(&ui.window, "Clock: 12 hour"));
    saved(
        ui,
        &[
            "distance_unit = \"mi\"",
            "temperature_unit = \"F\"",
            "time_format = \"12h\"",
        ],
    );
}

fn imperial_units_everywhere(ui: &Ui) {
    let _vehicle = live_vehicle(ui);
    let home = texts_of(ui, Page::Home);
    assert!(any_contains(&home, " km"), "km on the home page: {home:?}");
    choose_imperial(ui);
    let range_km = ui.bus.vehicle_number("Battery", "Range") / 1000.0;
    let range_mi = format!("{:.0} mi", range_km * 0.621371);
    for page in [Page::Home, Page::Vehicle, Page::Climate] {
        let texts = texts_of(ui, page);
        let metric: Vec<_> = texts
            .iter()
            .filter(|t| t.contains(" km") || t.contains("km/h") || t.contains("°C"))
            .collect();
        assert!(
            metric.is_empty(),
            "{page:?}: metric values left: {metric:?}"
        );
        assert!(
            any_contains(&texts, &range_mi),
            "{page:?}: range {range_mi} in the status bar: {texts:?}"
        );
        let expected: &[&str] = match page {
            Page::Home | Page::Vehicle => &["mph", "Wh/mi"],
            _ => &["Outside  23°"],
        };
        for needle in expected {
            assert!(
                any_contains(&texts, needle),
                "{page:?}: {needle:?} in {texts:?}"
            );
        }
    }
    assert_eq!(
        value_of(&ui.window, "Outside temperature"),
        "23 °F",
        "-5 °C is 23 °F"
    );
    let time = value_of(&ui.window, "Time");
    assert!(
        time.ends_with(" AM") || time.ends_with(" PM"),
        "a 12-hour clock: {time:?}"
    );
    // What the page saved is what `opencabin settings show` reads.
    let shown = crate::common::run_opencabin(&[
        "--config",
        ui.settings.to_str().unwrap(),
        "settings",
        "show",
    ]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("distance_unit = \"mi\""), "{shown}");
}

fn a_fahrenheit_step(ui: &Ui) {
    let _vehicle = live_vehicle(ui);
    choose_imperial(ui);
    show_page(ui, Page::Climate);
    let before_c = ui.bus.vehicle_number("Climate", "DriverTargetTemperature");
    let before_f: i32 = value_of(&ui.window, "Driver target temperature")
        .trim_end_matches('°')
        .parse()
        .unwrap();
    assert!(press(&ui.window, "Driver temperature up"));
    let after_c = wait_for(Duration::from_secs(5), "the service's new target", || {
        let now = ui.bus.vehicle_number("Climate", "DriverTargetTemperature");
        (now != before_c).then_some(now)
    });
    assert_eq!((after_c * 2.0).fract(), 0.0, "a 0.5 °C step: {after_c}");
    wait_for(Duration::from_secs(5), "one more °F shown", || {
        (value_of(&ui.window, "Driver target temperature") == format!("{}°", before_f + 1))
            .then_some(())
    });
}

fn a_home_card_switched_off(ui: &Ui) {
    // With the car's state known (standing): without it, the deeper settings are locked.
    let _vehicle = live_vehicle(ui);
    show_page(ui, Page::Settings);
    assert!(press(&ui.window, "Home card: Trip"));
    saved(
        ui,
        &["home_cards = [\"map\", \"media\", \"car\", \"climate\"]"],
    );
    let home = texts_of(ui, Page::Home);
    assert!(!any_contains(&home, "Trip"), "no trip card: {home:?}");
    assert!(
        any_contains(&home, "Now playing"),
        "other cards stay: {home:?}"
    );
}

fn moving_locks_the_deeper_settings(ui: &Ui) {
    let _vehicle = live_vehicle(ui);
    simulate(ui, "SetGear", &["D"]);
    simulate(ui, "SetManualSpeed", &["50.0"]);
    show_page(ui, Page::Settings);
    let lock = "can be changed when the car is parked";
    wait_for(Duration::from_secs(5), "the lock message", || {
        any_contains(&visible_texts(&ui.window), lock).then_some(())
    });
    assert!(
        !press(&ui.window, "Distance unit: Miles"),
        "units locked while moving"
    );
    // The theme stays open. Once its change is saved, a change of the locked unit would have
    // been saved with it (every save writes all settings), so the file shows it did not happen.
    assert!(press(&ui.window, "Theme: Day"), "the theme stays open");
    saved(ui, &["theme = \"day\""]);
    let text = std::fs::read_to_string(&ui.settings).unwrap();
    assert!(
        text.contains("distance_unit = \"km\""),
        "a locked control changes nothing: {text}"
    );
    assert!(!on_ui(&ui.window, |w| w.global::<Units>().get_miles()));

    simulate(ui, "SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(20), "the car standing", || {
        (ui.bus.vehicle_speed()? < 0.05).then_some(())
    });
    simulate(ui, "SetGear", &["P"]);
    wait_for(Duration::from_secs(5), "the lock lifted", || {
        (!any_contains(&visible_texts(&ui.window), lock)).then_some(())
    });
    assert!(press(&ui.window, "Distance unit: Miles"));
    saved(ui, &["distance_unit = \"mi\""]);
}
