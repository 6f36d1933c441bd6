//! Driver profiles with the real Shell1 on a private bus: two drivers' files beside the settings
//! file; `ActivateProfile` (gdbus) switches `Theme` and `Language` to a driver's, a change then
//! lands in that driver's file and not the guest's, and the guest comes back with its own; the
//! switcher on the settings page does the same by touch; an unknown id is a named error that
//! changes nothing; a driver's corrupt file is kept aside untouched and the defaults used; a
//! driver's climate set-points reach the real vehicle service on activation and follow the car.

use std::path::{Path, PathBuf};
use std::time::Duration;

use opencabin::ui::{Page, ShellAdapter};
use slint::ComponentHandle;

use super::harness::{Case, Ui, case, press, show_page};
use crate::common::{on_ui, wait_for};

pub const SHELL: &str = "org.opencabin.Shell1";
pub const PATH: &str = "/org/opencabin/Shell1";
const AINO: &str = "a1a1a1a1a1a1a1a1";
const BO: &str = "b0b0b0b0b0b0b0b0";

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "profiles::activating_a_profile_switches_the_settings_and_saves_in_its_file",
            activating_switches_the_settings,
        ),
        case(
            "profiles::the_settings_page_switcher_activates_a_driver",
            the_switcher_activates_a_driver,
        ),
        case(
            "profiles::an_unknown_profile_is_a_named_error_and_changes_nothing",
            an_unknown_profile_changes_nothing,
        ),
        case(
            "profiles::a_profiles_corrupt_file_is_kept_aside",
            a_corrupt_profile_is_kept_aside,
        ),
        case(
            "profiles::a_drivers_climate_set_points_reach_the_car_and_follow_it",
            climate_set_points,
        ),
    ]
}

/// The file of driver `id` beside the UI's settings file.
pub fn profile_file(ui: &Ui, id: &str) -> PathBuf {
    ui.settings
        .parent()
        .unwrap()
        .join("profiles")
        .join(format!("{id}.toml"))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Aino (day, Chinese) and Bo (auto, miles), as files copied onto the car.
fn two_drivers(ui: &Ui) {
    write(
        &profile_file(ui, AINO),
        "profile_name = \"Aino\"\ntheme = \"day\"\nlanguage = \"zh-CN\"\n",
    );
    write(
        &profile_file(ui, BO),
        "profile_name = \"Bo\"\ntheme = \"auto\"\ndistance_unit = \"mi\"\n",
    );
}

/// A Shell1 property as busctl prints it, e.g. `s "day"`.
pub fn shell_property(ui: &Ui, name: &str) -> String {
    wait_for(Duration::from_secs(10), "Shell1 served", || {
        ui.bus.get_property(SHELL, PATH, SHELL, name)
    })
}

pub fn activate(ui: &Ui, id: &str) -> Result<String, String> {
    let id = format!("'{id}'");
    ui.bus
        .gdbus_call(SHELL, PATH, "org.opencabin.Shell1.ActivateProfile", &[&id])
}

/// Waits until Shell1 says `property` is `value` (busctl's text, e.g. `s "day"`).
pub fn wait_property(ui: &Ui, property: &str, value: &str) {
    wait_for(
        Duration::from_secs(5),
        &format!("{property} {value}"),
        || (shell_property(ui, property) == value).then_some(()),
    );
}

/// Waits until the file at `path` holds every one of `lines`.
pub fn holds(path: &Path, lines: &[&str]) {
    wait_for(Duration::from_secs(5), "the profile saved", || {
        let text = std::fs::read_to_string(path).ok()?;
        lines.iter().all(|l| text.contains(l)).then_some(())
    });
}

fn activating_switches_the_settings(ui: &Ui) {
    two_drivers(ui);
    assert_eq!(shell_property(ui, "ActiveProfile"), "s \"guest\"");
    assert_eq!(shell_property(ui, "Theme"), "s \"night\"");

    let monitor = ui.bus.monitor(SHELL);
    activate(ui, AINO).unwrap();
    wait_property(ui, "ActiveProfile", &format!("s \"{AINO}\""));
    // Signalled, not only readable: one PropertiesChanged names the profile and its theme.
    wait_for(Duration::from_secs(5), "ActiveProfile signalled", || {
        let line = monitor.lines.recv_timeout(Duration::from_secs(5)).ok()?;
        (line.contains("PropertiesChanged")
            && line.contains(&format!("'ActiveProfile': <'{AINO}'>"))
            && line.contains("'Theme': <'day'>"))
        .then_some(())
    });
    assert_eq!(shell_property(ui, "Theme"), "s \"day\"");
    assert_eq!(shell_property(ui, "Language"), "s \"zh-CN\"");
    assert_eq!(
        shell_property(ui, "Profiles"),
        format!("a(ss) 3 \"guest\" \"Guest\" \"{AINO}\" \"Aino\" \"{BO}\" \"Bo\"")
    );
    let night = on_ui(&ui.window, |w| {
        w.global::<opencabin::ui::Theme>().get_night()
    });
    assert!(!night, "the window shows Aino's day theme");

    // A change now is Aino's: her file holds it, the guest's file is not written.
    let set = ui
        .bus
        .busctl(&["set-property", SHELL, PATH, SHELL, "Theme", "s", "night"]);
    assert!(set.status.success(), "{set:?}");
    holds(
        &profile_file(ui, AINO),
        &[
            "theme = \"night\"",
            "language = \"zh-CN\"",
            "profile_name = \"Aino\"",
        ],
    );
    assert!(!ui.settings.exists(), "the guest's file untouched");

    activate(ui, BO).unwrap();
    wait_property(ui, "Theme", "s \"auto\"");
    assert_eq!(shell_property(ui, "Language"), "s \"en\"");
    assert!(on_ui(&ui.window, |w| w
        .global::<opencabin::ui::Units>()
        .get_miles()));

    activate(ui, "guest").unwrap();
    wait_property(ui, "ActiveProfile", "s \"guest\"");
    assert_eq!(shell_property(ui, "Theme"), "s \"night\"");
    assert!(!on_ui(&ui.window, |w| w
        .global::<opencabin::ui::Units>()
        .get_miles()));
    let active = ui.settings.parent().unwrap().join("active-profile.toml");
    holds(&active, &["profile = \"guest\""]);
    holds(&profile_file(ui, AINO), &["theme = \"night\""]);
}

fn the_switcher_activates_a_driver(ui: &Ui) {
    two_drivers(ui);
    // The car known to stand: the switcher is locked while moving or unknown.
    let _vehicle = ui.bus.spawn(&["vehicle-service"]);
    wait_for(Duration::from_secs(10), "the switcher unlocked", || {
        on_ui(&ui.window, |w| {
            w.global::<opencabin::ui::RestrictionsAdapter>()
                .get_deep_settings()
        })
        .then_some(())
    });
    // The folder is read at start; a driver copied in later is found by an activation.
    activate(ui, BO).unwrap();
    wait_property(ui, "ActiveProfile", &format!("s \"{BO}\""));
    show_page(ui, Page::Settings);
    press(&ui.window, "Driver: Bo");
    press(&ui.window, "Driver: Aino");
    wait_property(ui, "ActiveProfile", &format!("s \"{AINO}\""));
    assert_eq!(shell_property(ui, "Language"), "s \"zh-CN\"");
    wait_for(Duration::from_secs(5), "the row names the driver", || {
        on_ui(&ui.window, |w| {
            w.global::<opencabin::ui::ProfilesAdapter>()
                .get_active_name()
                == "Aino"
        })
        .then_some(())
    });
}

fn an_unknown_profile_changes_nothing(ui: &Ui) {
    two_drivers(ui);
    for id in ["nobody", "../settings", ""] {
        let err = activate(ui, id).unwrap_err();
        assert!(
            err.contains("org.opencabin.Shell1.Error.UnknownName")
                && err.contains("is not known; allowed: \"guest\""),
            "{id:?}: {err}"
        );
    }
    assert_eq!(shell_property(ui, "ActiveProfile"), "s \"guest\"");
    assert_eq!(shell_property(ui, "Theme"), "s \"night\"");
    let dir = ui.settings.parent().unwrap();
    assert!(!dir.join("active-profile.toml").exists(), "nothing written");
    assert!(!ui.settings.exists());
}

fn a_corrupt_profile_is_kept_aside(ui: &Ui) {
    let broken = "theme = \"day\nthis is not toml";
    let file = profile_file(ui, AINO);
    write(&file, broken);
    activate(ui, AINO).unwrap();
    wait_property(ui, "ActiveProfile", &format!("s \"{AINO}\""));
    assert_eq!(shell_property(ui, "Theme"), "s \"night\"", "the defaults");
    let folder = file.parent().unwrap();
    let kept: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".toml.broken-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        broken,
        "untouched"
    );
    holds(&file, &["theme = \"night\""]);
    wait_for(Duration::from_secs(5), "the toast", || {
        let toast = on_ui(&ui.window, |w| {
            w.global::<ShellAdapter>().get_toast().to_string()
        });
        toast.contains("kept as").then_some(())
    });
}

fn climate_set_points(ui: &Ui) {
    let _vehicle = ui.bus.spawn(&["vehicle-service"]);
    let target = |seat: &str| {
        ui.bus
            .vehicle_number("Climate", &format!("{seat}TargetTemperature"))
    };
    wait_for(Duration::from_secs(10), "the vehicle", || {
        ui.bus.get_property(
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            "org.opencabin.Vehicle1.Climate",
            "DriverTargetTemperature",
        )
    });
    write(
        &profile_file(ui, AINO),
        "profile_name = \"Aino\"\ndriver_target_temperature = 19.5\npassenger_target_temperature = 24.0\n",
    );
    activate(ui, AINO).unwrap();
    wait_for(
        Duration::from_secs(5),
        "Aino's set-points in the car",
        || (target("Driver") == 19.5 && target("Passenger") == 24.0).then_some(()),
    );

    // The driver turns it up (another client, as the climate page would): saved as hers.
    let set = ui.bus.busctl(&[
        "set-property",
        "org.opencabin.Vehicle1",
        "/org/opencabin/Vehicle1",
        "org.opencabin.Vehicle1.Climate",
        "DriverTargetTemperature",
        "d",
        "26.0",
    ]);
    assert!(set.status.success(), "{set:?}");
    holds(
        &profile_file(ui, AINO),
        &[
            "driver_target_temperature = 26.0",
            "passenger_target_temperature = 24.0",
        ],
    );

    // The guest keeps none: the car stays as it is, and the guest's file is not written.
    activate(ui, "guest").unwrap();
    wait_property(ui, "ActiveProfile", "s \"guest\"");
    assert_eq!(target("Driver"), 26.0);
    assert!(!ui.settings.exists());
}
