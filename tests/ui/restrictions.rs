//! Driving restrictions with the real services: while the simulated car moves, the queue shows
//! 6 items with a "more when parked" hint and only the current source; parking lifts that at once.

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementRoot};
use opencabin::ui::{AppWindow, Page};

use super::harness::{Case, Ui, case, show_page};
use crate::common::{on_ui, temp_dir, wait_for};

pub fn cases() -> Vec<Case> {
    vec![case(
        "restrictions::moving_limits_the_queue_and_the_sources_and_parking_lifts_it",
        restrictions_follow_the_driving_state,
    )]
}

/// What the media page's browser shows: the queue rows on screen (the list scrolls, so at most
/// what fits), the hint, and whether the Radio source chip is offered.
fn browser(window: &slint::Weak<AppWindow>) -> (usize, Option<String>, bool) {
    on_ui(window, |w| {
        let rows = w
            .root_element()
            .query_descendants()
            .match_accessible_role(AccessibleRole::ListItem)
            .find_all()
            .into_iter()
            .filter(|e| e.size().height > 0.0)
            .count();
        let hint = ElementHandle::find_by_accessible_label(w, "More when parked")
            .next()
            .and_then(|e| e.accessible_value());
        let radio = ElementHandle::find_by_accessible_label(w, "Radio")
            .any(|e| e.accessible_role() == Some(AccessibleRole::Button));
        (rows, hint.map(|h| h.to_string()), radio)
    })
}

fn restrictions_follow_the_driving_state(ui: &Ui) {
    let bus = &ui.bus;
    // A library of 12 tracks: the demo library twice.
    let library = temp_dir("restrictions-library");
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/media/demo-library");
    for entry in std::fs::read_dir(&demo)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ogg"))
    {
        for copy in ["a", "b"] {
            std::fs::copy(
                entry.path(),
                library.join(format!("{copy}-{}", entry.file_name().to_string_lossy())),
            )
            .unwrap();
        }
    }
    let _vehicle = bus.spawn(&["vehicle-service"]);
    let _media = bus.media_service(&["--library", library.to_str().unwrap()]);
    let call = |method: &str, args: &[&str]| {
        bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.Simulation.{method}"), args)
            .unwrap()
    };
    show_page(ui, Page::Media);
    call("SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(10), "the car standing", || {
        (bus.vehicle_number("Drive", "Speed") == 0.0).then_some(())
    });
    call("SetGear", &["P"]);
    let parked = wait_for(
        Duration::from_secs(10),
        "the whole queue while parked",
        || Some(browser(&ui.window)).filter(|b| b.0 > 6),
    );
    assert_eq!((parked.1, parked.2), (None, true), "no hint, every source");

    call("SetGear", &["D"]);
    call("SetManualSpeed", &["40.0"]);
    let moving = wait_for(Duration::from_secs(10), "restrictions while moving", || {
        Some(browser(&ui.window)).filter(|b| b.0 == 6)
    });
    assert_eq!(moving, (6, Some("6 more when parked".to_string()), false));

    call("SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(10), "the car standing", || {
        (bus.vehicle_number("Drive", "Speed") == 0.0).then_some(())
    });
    call("SetGear", &["P"]);
    let lifted = wait_for(
        Duration::from_secs(1),
        "restrictions lifted at once when parked",
        || Some(browser(&ui.window)).filter(|b| b.0 > 6),
    );
    assert_eq!((lifted.1, lifted.2), (None, true));
}
