//! The settings page on Slint's testing backend with the real vehicle service: choosing miles,
//! °F and a 12-hour clock changes what every page shows (checked against the service's own
//! values), is saved to the settings file, steps the target temperature in whole °F, and hides a
//! home card; while the car moves the deeper settings are locked with a message, and parking
//! unlocks them. (One test: the testing backend starts once per process.)

mod common;

use std::time::Duration;

use common::{TestBus, on_ui, temp_dir, wait_for};
use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementRoot};
use opencabin::ui::{AppWindow, ShellAdapter, VehicleAdapter};
use slint::ComponentHandle;

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

fn show(window: &slint::Weak<AppWindow>, page: &'static str) -> Vec<String> {
    on_ui(window, move |w| {
        w.global::<ShellAdapter>().invoke_show_page(page.into())
    });
    // Let the page's fade-in finish.
    std::thread::sleep(Duration::from_millis(400));
    visible_texts(window)
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

fn scenario(window: slint::Weak<AppWindow>, bus: &TestBus, settings_file: std::path::PathBuf) {
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let simulate = |method: &str, args: &[&str]| {
        bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.Simulation.{method}"), args)
            .unwrap()
    };
    wait_for(Duration::from_secs(10), "live data", || {
        on_ui(&window, |w| w.global::<VehicleAdapter>().get_available()).then_some(())
    });
    simulate("SetOutsideTemperature", &["--", "-5.0"]);

    // Metric by default.
    let home = show(&window, "home");
    assert!(any_contains(&home, " km"), "km on the home page: {home:?}");
    assert_eq!(value_of(&window, "Outside temperature"), "-5 °C");

    // Miles, °F and a 12-hour clock, chosen on the settings page.
    show(&window, "settings");
    assert!(press(&window, "Distance unit: Miles"));
    assert!(press(&window, "Temperature unit: °F"));
    assert!(press(&window, "Clock: 12 hour"));
    wait_for(Duration::from_secs(5), "the settings saved", || {
        let text = std::fs::read_to_string(&settings_file).ok()?;
        (text.contains("distance_unit = \"mi\"")
            && text.contains("temperature_unit = \"F\"")
            && text.contains("time_format = \"12h\""))
        .then_some(())
    });

    // Every page shows the chosen units, with values converted from the service's.
    let range_km = bus.vehicle_number("Battery", "Range") / 1000.0;
    let range_mi = format!("{:.0} mi", range_km * 0.621371);
    for page in ["home", "vehicle", "climate"] {
        let texts = show(&window, page);
        let metric: Vec<_> = texts
            .iter()
            .filter(|t| t.contains(" km") || t.contains("km/h") || t.contains("°C"))
            .collect();
        assert!(metric.is_empty(), "{page}: metric values left: {metric:?}");
        assert!(
            any_contains(&texts, &range_mi),
            "{page}: range {range_mi} in the status bar: {texts:?}"
        );
        let expected: &[&str] = match page {
            "home" | "vehicle" => &["mph", "Wh/mi"],
            _ => &["Outside  23°"],
        };
        for needle in expected {
            assert!(
                any_contains(&texts, needle),
                "{page}: {needle:?} in {texts:?}"
            );
        }
    }
    assert_eq!(
        value_of(&window, "Outside temperature"),
        "23 °F",
        "-5 °C is 23 °F"
    );
    let time = value_of(&window, "Time");
    assert!(
        time.ends_with(" AM") || time.ends_with(" PM"),
        "a 12-hour clock: {time:?}"
    );

    // The target temperature steps in whole degrees Fahrenheit; the service stays in 0.5 °C.
    let before_c = bus.vehicle_number("Climate", "DriverTargetTemperature");
    let before_f: i32 = value_of(&window, "Driver target temperature")
        .trim_end_matches('°')
        .parse()
        .unwrap();
    assert!(press(&window, "Driver temperature up"));
    let after_c = wait_for(Duration::from_secs(5), "the service's new target", || {
        let now = bus.vehicle_number("Climate", "DriverTargetTemperature");
        (now != before_c).then_some(now)
    });
    assert_eq!((after_c * 2.0).fract(), 0.0, "a 0.5 °C step: {after_c}");
    wait_for(Duration::from_secs(5), "one more °F shown", || {
        (value_of(&window, "Driver target temperature") == format!("{}°", before_f + 1))
            .then_some(())
    });

    // A home card switched off leaves the home page.
    show(&window, "settings");
    assert!(press(&window, "Home card: Trip"));
    let home = show(&window, "home");
    assert!(!any_contains(&home, "Trip"), "no trip card: {home:?}");
    assert!(
        any_contains(&home, "Now playing"),
        "other cards stay: {home:?}"
    );

    // Moving locks the deeper settings with a message; theme stays open; parking unlocks.
    simulate("SetGear", &["D"]);
    simulate("SetManualSpeed", &["50.0"]);
    let settings = show(&window, "settings");
    let lock = "can be changed when the car is parked";
    wait_for(Duration::from_secs(5), "the lock message", || {
        any_contains(&visible_texts(&window), lock).then_some(())
    });
    assert!(
        !press(&window, "Distance unit: Kilometres"),
        "units locked while moving"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        std::fs::read_to_string(&settings_file)
            .unwrap()
            .contains("distance_unit = \"mi\""),
        "a locked control changes nothing"
    );
    assert!(
        press(&window, "Theme: Day"),
        "the theme stays open: {settings:?}"
    );
    simulate("SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(20), "the car standing", || {
        (bus.vehicle_speed()? < 0.05).then_some(())
    });
    simulate("SetGear", &["P"]);
    wait_for(Duration::from_secs(5), "the lock lifted", || {
        (!any_contains(&visible_texts(&window), lock)).then_some(())
    });
    assert!(press(&window, "Distance unit: Kilometres"));
    wait_for(Duration::from_secs(5), "km saved", || {
        std::fs::read_to_string(&settings_file)
            .ok()?
            .contains("distance_unit = \"km\"")
            .then_some(())
    });
    let home = show(&window, "home");
    assert!(any_contains(&home, " km"), "km again: {home:?}");

    // What the page saved is what `opencabin settings show` reads.
    let shown = common::run_opencabin(&[
        "--config",
        settings_file.to_str().unwrap(),
        "settings",
        "show",
    ]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("theme = \"day\""), "{shown}");
    assert!(
        shown.contains("home_cards = [\"media\", \"car\", \"climate\"]"),
        "{shown}"
    );
}

#[test]
fn settings_change_units_on_every_page_persist_and_lock_while_moving() {
    let file = temp_dir("ui-settings").join("settings.toml");
    let _ = std::fs::remove_file(&file);
    let expected_file = file.clone();
    common::ui_test_with_config(file, move |window, bus| {
        scenario(window, bus, expected_file)
    });
}
