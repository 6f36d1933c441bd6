//! `org.opencabin.Shell1`, served by a real `opencabin ui` window in Xvfb, driven by `busctl` and
//! `gdbus` on a private bus: pages, theme, language, service availability, screenshots.

mod common;

use std::time::Duration;

use common::{TestBus, Xvfb, read_png, temp_dir, wait_for};

const SHELL: [&str; 3] = [
    "org.opencabin.Shell1",
    "/org/opencabin/Shell1",
    "org.opencabin.Shell1",
];

fn shell_property(bus: &TestBus, property: &str) -> Option<String> {
    bus.get_property(SHELL[0], SHELL[1], SHELL[2], property)
}

fn shell_call(bus: &TestBus, method: &str, args: &[&str]) -> Result<String, String> {
    bus.gdbus_call(
        SHELL[0],
        SHELL[1],
        &format!("org.opencabin.Shell1.{method}"),
        args,
    )
}

#[test]
fn shell1_shows_pages_follows_theme_and_language_and_saves_screenshots() {
    let bus = TestBus::start();
    let xvfb = Xvfb::start();
    let config = temp_dir("shell-settings").join("settings.toml");
    let ui = xvfb.spawn_ui(&bus, &config, &["--size", "1280x720"]);
    wait_for(Duration::from_secs(30), "Shell1 on the bus", || {
        shell_property(&bus, "CurrentPage")
    });

    // Pages.
    assert_eq!(
        shell_property(&bus, "CurrentPage").as_deref(),
        Some(r#"s "home""#)
    );
    shell_call(&bus, "ShowPage", &["navigation"]).unwrap();
    assert_eq!(
        shell_property(&bus, "CurrentPage").as_deref(),
        Some(r#"s "navigation""#)
    );
    shell_call(&bus, "ShowPage", &["phone"]).unwrap();
    assert_eq!(
        shell_property(&bus, "CurrentPage").as_deref(),
        Some(r#"s "phone""#)
    );
    shell_call(&bus, "ShowPage", &["climate"]).unwrap();
    assert_eq!(
        shell_property(&bus, "CurrentPage").as_deref(),
        Some(r#"s "climate""#)
    );
    let err = shell_call(&bus, "ShowPage", &["garage"]).unwrap_err();
    assert!(
        err.contains("org.opencabin.Shell1.Error.UnknownName"),
        "{err}"
    );
    assert!(
        err.contains(
            r#"allowed: "home", "navigation", "media", "phone", "vehicle", "climate", "settings""#
        ),
        "{err}"
    );
    assert_eq!(
        shell_property(&bus, "CurrentPage").as_deref(),
        Some(r#"s "climate""#)
    );

    // Theme and language are writable and checked.
    let set = |property: &str, value: &str| {
        bus.gdbus_call(
            SHELL[0],
            SHELL[1],
            "org.freedesktop.DBus.Properties.Set",
            &[SHELL[2], property, &format!("<'{value}'>")],
        )
    };
    set("Theme", "day").unwrap();
    assert_eq!(shell_property(&bus, "Theme").as_deref(), Some(r#"s "day""#));
    set("Language", "zh-CN").unwrap();
    assert_eq!(
        shell_property(&bus, "Language").as_deref(),
        Some(r#"s "zh-CN""#)
    );
    let err = set("Theme", "sepia").unwrap_err();
    assert!(
        err.contains("org.opencabin.Shell1.Error.UnknownName"),
        "{err}"
    );

    // Availability flips when the services come.
    let none = shell_property(&bus, "ServiceAvailability").unwrap();
    assert!(
        none.contains(r#""vehicle" false"#)
            && none.contains(r#""media" false"#)
            && none.contains(r#""navigation" false"#)
            && none.contains(r#""phone" false"#),
        "{none}"
    );
    let places = temp_dir("shell-places").join("places.toml");
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let _media = bus.spawn(&["media-service"]);
    let _navigation = bus.spawn(&["navigation-service", "--places", places.to_str().unwrap()]);
    let _phone = bus.spawn(&["phone-service"]);
    wait_for(Duration::from_secs(10), "the services available", || {
        let value = shell_property(&bus, "ServiceAvailability")?;
        (value.contains(r#""vehicle" true"#)
            && value.contains(r#""media" true"#)
            && value.contains(r#""navigation" true"#)
            && value.contains(r#""phone" true"#))
        .then_some(())
    });

    // Screenshots of the live window: the day theme's light background, at the window's size.
    let shot = temp_dir("shell-shot").join("window.png");
    wait_for(Duration::from_secs(10), "a screenshot", || {
        shell_call(&bus, "SaveScreenshot", &[shot.to_str().unwrap()]).ok()
    });
    let (width, height, pixels) = read_png(&shot);
    assert_eq!((width, height), (1280, 720));
    let light = pixels
        .iter()
        .filter(|p| p.iter().all(|&c| c > 0xd0))
        .count();
    assert!(
        light > pixels.len() / 3,
        "the day theme is light: {light} light pixels"
    );
    let err = shell_call(&bus, "SaveScreenshot", &["/nonexistent-dir/x.png"]).unwrap_err();
    assert!(
        err.contains("org.opencabin.Shell1.Error.CannotWrite"),
        "{err}"
    );

    // Theme and language written through Shell1 persist in the settings file, and a new UI
    // process starts with them.
    // (Saved off the UI thread, so it may land a moment after the call returns.)
    wait_for(
        Duration::from_secs(5),
        "both saved in the settings file",
        || {
            let saved = std::fs::read_to_string(&config).ok()?;
            (saved.contains("theme = \"day\"") && saved.contains("language = \"zh-CN\""))
                .then_some(())
        },
    );
    drop(ui);
    wait_for(
        Duration::from_secs(10),
        "the old UI gone from the bus",
        || shell_property(&bus, "Theme").is_none().then_some(()),
    );
    let _again = xvfb.spawn_ui(&bus, &config, &["--size", "1280x720"]);
    let theme = wait_for(Duration::from_secs(30), "Shell1 again", || {
        shell_property(&bus, "Theme")
    });
    assert_eq!(theme, r#"s "day""#);
    assert_eq!(
        shell_property(&bus, "Language").as_deref(),
        Some(r#"s "zh-CN""#)
    );
}

/// `--phone-bus`: the phone on a bus of its own (a real oFono is on the system bus), Shell1 on the
/// services' bus. A phone service on the services' bus is not the one followed: the phone is
/// available while the one on its own bus runs, and gone when that one stops.
#[test]
fn the_ui_takes_the_phone_from_its_own_bus() {
    let (bus, phone_bus) = (TestBus::start(), TestBus::start());
    let xvfb = Xvfb::start();
    let config = temp_dir("shell-phone-bus").join("settings.toml");
    let _ui = xvfb.spawn_ui(&bus, &config, &["--phone-bus", phone_bus.address()]);
    wait_for(Duration::from_secs(30), "Shell1 on the bus", || {
        shell_property(&bus, "CurrentPage")
    });
    // The phone on the services' bus is not the one the UI is told to use.
    let _wrong = bus.spawn(&["phone-service"]);
    let phone = common::phone::phone(&phone_bus);
    wait_for(Duration::from_secs(10), "the phone available", || {
        let value = shell_property(&bus, "ServiceAvailability")?;
        value.contains(r#""phone" true"#).then_some(())
    });
    drop(phone);
    wait_for(
        Duration::from_secs(10),
        "the phone gone with its bus's service",
        || {
            let value = shell_property(&bus, "ServiceAvailability")?;
            value.contains(r#""phone" false"#).then_some(())
        },
    );
}
