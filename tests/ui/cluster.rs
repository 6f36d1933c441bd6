//! The driver's display (`opencabin::cluster`, the same code `opencabin cluster` runs) on the
//! testing backend beside the IVI window, against the real vehicle service: its speed, the
//! telltales following the vehicle's lamps, brake, belt and doors, a call from the real mock
//! phone with the caller's phonebook name, and the theme following the settings file and then
//! the active driver profile's file, read back over `org.opencabin.Cluster1`.

use std::cell::RefCell;
use std::time::Duration;

use i_slint_backend_testing::ElementHandle;
use slint::ComponentHandle;

use super::harness::{Case, Ui, case};
use crate::common::{on_ui, run_opencabin, wait_for};
use opencabin::ui::ClusterWindow;

const COMMITTED_XML: &str = include_str!("../../assets/dbus/org.opencabin.Cluster1.xml");

pub fn cases() -> Vec<Case> {
    vec![case(
        "cluster::the_telltales_the_call_and_the_theme_follow_the_car_the_phone_and_the_settings",
        telltales_and_theme,
    )]
}

thread_local! {
    /// The cluster opened on the UI thread, kept while the case runs.
    static CLUSTER: RefCell<Option<(ClusterWindow, opencabin::cluster::Cluster)>> =
        const { RefCell::new(None) };
}

/// What the cluster's element named `label` says (accessible value), on the UI thread; None
/// when there is no such element.
fn shown_value(ui: &Ui, label: &'static str) -> Option<String> {
    on_ui(&ui.window, move |_| {
        CLUSTER.with_borrow(|cluster| {
            let (window, _) = cluster.as_ref().expect("the cluster is open");
            ElementHandle::find_by_accessible_label(window, label)
                .next()
                .map(|e| e.accessible_value().unwrap_or_default().to_string())
        })
    })
}

fn value_of(ui: &Ui, label: &'static str) -> String {
    shown_value(ui, label).unwrap_or_else(|| panic!("a cluster element labelled {label:?}"))
}

fn telltales_and_theme(ui: &Ui) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (handle, bus, settings) = (
        runtime.handle().clone(),
        ui.bus.choice(),
        ui.settings.clone(),
    );
    on_ui(&ui.window, move |_| {
        let window = ClusterWindow::new().unwrap();
        let cluster = opencabin::cluster::start(&handle, bus, &window, Some(settings));
        window.show().unwrap();
        CLUSTER.set(Some((window, cluster)));
    });
    let _vehicle = ui.bus.spawn(&["vehicle-service", "--speed-factor", "20"]);
    wait_for(Duration::from_secs(10), "a live speed", || {
        let speed = value_of(ui, "Speed");
        (!speed.is_empty()).then_some(())
    });

    // The served interface is the committed one.
    ui.bus.assert_serves(
        "org.opencabin.Cluster1",
        "/org/opencabin/Cluster1",
        COMMITTED_XML,
    );

    let call = |method: &str, args: &[&str]| {
        let method = format!("org.opencabin.Vehicle1.Simulation.{method}");
        ui.bus.gdbus_vehicle(&method, args).unwrap();
    };
    let shows = |label: &'static str, wanted: &str| {
        wait_for(Duration::from_secs(5), &format!("{label} {wanted}"), || {
            (value_of(ui, label) == wanted).then_some(())
        });
    };
    shows("Left indicator", "off");
    call("SetIndicator", &["left"]);
    shows("Left indicator", "on");
    shows("Right indicator", "off");
    call("SetHazard", &["true"]);
    shows("Right indicator", "on");
    call("SetSeatBelt", &["false"]);
    shows("Seat belt", "on");
    call("SetDoor", &["trunk", "true"]);
    shows("Door open", "on");
    shows("Low beam", "on");
    call("SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(10), "standing", || {
        (value_of(ui, "Speed") == "0").then_some(())
    });
    shows("Parking brake", "off");
    call("SetGear", &["P"]);
    shows("Parking brake", "on");
    shows("Gear P", "selected");

    // A call: the caller by the phonebook's name for the number, ringing, then in progress.
    let _phone = crate::common::phone::phone(&ui.bus);
    let sim = crate::common::phone::SIM;
    let rang = crate::common::phone::call(
        &ui.bus,
        sim,
        "org.opencabin.PhoneSim1.IncomingCall",
        &["'045 678 9012'"],
    );
    let path = crate::common::phone::path_in(&rang.unwrap());
    let call_shown = |wanted: &str| {
        wait_for(Duration::from_secs(5), wanted, || {
            (shown_value(ui, "Call").as_deref() == Some(wanted)).then_some(())
        });
    };
    call_shown("Incoming call · 李娜");
    crate::common::phone::call(&ui.bus, &path, "org.ofono.VoiceCall.Answer", &[]).unwrap();
    call_shown("Call in progress · 李娜");
    crate::common::phone::call(&ui.bus, &path, "org.ofono.VoiceCall.Hangup", &[]).unwrap();
    wait_for(Duration::from_secs(5), "no call on the cluster", || {
        shown_value(ui, "Call").is_none().then_some(())
    });

    // The theme follows the settings file, as `opencabin settings` (or the UI) writes it.
    let cluster_theme = || {
        let read = ui.bus.busctl(&[
            "get-property",
            "org.opencabin.Cluster1",
            "/org/opencabin/Cluster1",
            "org.opencabin.Cluster1",
            "Theme",
        ]);
        String::from_utf8_lossy(&read.stdout).trim().to_string()
    };
    let config = ui.settings.to_str().unwrap();
    for theme in ["day", "night"] {
        let set = run_opencabin(&["--config", config, "settings", "set", "theme", theme]);
        assert!(set.status.success(), "{set:?}");
        wait_for(Duration::from_secs(5), theme, || {
            (cluster_theme() == format!("s \"{theme}\"")).then_some(())
        });
    }
    // A driver activated on Shell1: the cluster follows that driver's file, then the guest's.
    let driver = super::profiles::profile_file(ui, "a1a1");
    std::fs::create_dir_all(driver.parent().unwrap()).unwrap();
    std::fs::write(&driver, "profile_name = \"Aino\"\ntheme = \"day\"\n").unwrap();
    for (id, theme) in [("a1a1", "day"), ("guest", "night")] {
        super::profiles::activate(ui, id).unwrap();
        wait_for(Duration::from_secs(5), &format!("{id}'s {theme}"), || {
            (cluster_theme() == format!("s \"{theme}\"")).then_some(())
        });
    }
    on_ui(&ui.window, |_| CLUSTER.set(None));
    runtime.shutdown_timeout(Duration::from_secs(1));
}
