//! The simulator panel on Slint's testing backend with the real vehicle service: its controls
//! reach the service through the Simulation interface (read back with busctl), a refused call
//! shows the service's own message, a scenario plays from the panel, and the IVI window's size
//! follows the size buttons. (One test: the testing backend starts once per process.)

mod common;

use std::time::Duration;

use common::{on_ui, run_scenario, wait_for};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use opencabin::cli::Size;
use opencabin::ui::{AppWindow, PanelAdapter, SimulatorPanel};
use slint::ComponentHandle;

type Panel = std::sync::Arc<std::sync::Mutex<Option<slint::Weak<SimulatorPanel>>>>;

fn with_panel<R: Send + 'static>(
    ivi: &slint::Weak<AppWindow>,
    panel: &Panel,
    query: impl FnOnce(&SimulatorPanel) -> R + Send + 'static,
) -> R {
    let weak = panel.lock().unwrap().clone().expect("panel open");
    on_ui(ivi, move |_| query(&weak.upgrade().expect("panel alive")))
}

fn press(ivi: &slint::Weak<AppWindow>, panel: &Panel, label: &'static str) {
    with_panel(ivi, panel, move |p| {
        ElementHandle::find_by_accessible_label(p, label)
            .find(|e| e.accessible_role() == Some(AccessibleRole::Button))
            .unwrap_or_else(|| {
                use i_slint_backend_testing::ElementRoot;
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

#[test]
fn the_panel_drives_the_car_through_the_simulation_interface() {
    let (bus, runtime) = common::testing_backend();
    let ivi = AppWindow::new().unwrap();
    let panel = opencabin::panel::open(
        runtime.handle(),
        bus.choice(),
        &ivi,
        Size::DEFAULT_WINDOW,
        None,
    )
    .unwrap();
    let shared: Panel = Default::default();
    *shared.lock().unwrap() = Some(panel.as_weak());
    run_scenario(&ivi, move |ivi| {
        let _vehicle = bus.spawn(&["vehicle-service"]);
        let panel = shared;
        wait_for(Duration::from_secs(10), "the panel live", || {
            with_panel(&ivi, &panel, |p| p.global::<PanelAdapter>().get_available()).then_some(())
        });

        // The IVI window's size from the panel's presets.
        press(&ivi, &panel, "800x480");
        let size = on_ui(&ivi, |w| w.window().size());
        assert_eq!((size.width, size.height), (800, 480));

        // A door, through SetDoor.
        press(&ivi, &panel, "rear-left");
        wait_for(Duration::from_secs(5), "the door open on the bus", || {
            (bus.vehicle_property("Body", "RearLeftDoorOpen") == "b true").then_some(())
        });
        wait_for(Duration::from_secs(5), "the door shown open", || {
            with_panel(&ivi, &panel, |p| {
                slint::Model::row_data(&p.global::<PanelAdapter>().get_open(), 2)
            })
            .filter(|open| *open)
        });

        // Time, through the SpeedFactor property.
        press(&ivi, &panel, "50x");
        wait_for(Duration::from_secs(5), "speed factor 50", || {
            (bus.vehicle_property("Simulation", "SpeedFactor") == "d 50").then_some(())
        });

        // Charging in gear D is refused by the service, and the panel says why.
        press(&ivi, &panel, "Plug in 150 kW");
        let error = wait_for(Duration::from_secs(5), "the refusal shown", || {
            let error = with_panel(&ivi, &panel, |p| p.global::<PanelAdapter>().get_error());
            (!error.is_empty()).then_some(error.to_string())
        });
        assert!(error.contains("NotAllowed"), "{error}");
        assert_eq!(bus.vehicle_property("Battery", "IsCharging"), "b false");

        // A scenario from the panel: the door-open alert comes while it drives.
        press(&ivi, &panel, "Play Door left open");
        wait_for(
            Duration::from_secs(10),
            "the alert from the scenario",
            || {
                let alerts = with_panel(&ivi, &panel, |p| p.global::<PanelAdapter>().get_alerts());
                alerts.contains("door-open-while-moving").then_some(())
            },
        );
        let log = with_panel(&ivi, &panel, |p| p.global::<PanelAdapter>().get_log());
        assert!(log.contains("SetManualSpeed(30)"), "{log}");
    });
    drop(panel);
}
