//! The speed the home page shows, fed through the crossing from a private bus: unavailable
//! without the vehicle service, live within the range the service reported while it drives,
//! and unavailable again when the service goes.

use std::time::{Duration, Instant};

use i_slint_backend_testing::ElementHandle;
use opencabin::ui::AppWindow;

use super::harness::{Case, Ui, case};
use crate::common::{on_ui, wait_for};

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "live_speed::without_the_vehicle_service_the_speed_is_unavailable",
            without_the_service,
        ),
        case(
            "live_speed::the_shown_speed_follows_the_service_and_its_absence",
            the_speed_follows_the_service,
        ),
    ]
}

/// What a user sees of the car on the home page.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    speed: String,
    unavailable_notice: bool,
    vehicle_status: String,
}

fn shown(window: &AppWindow) -> Shown {
    let speed = ElementHandle::find_by_element_id(window, "CarCard::speed-value")
        .next()
        .and_then(|e| e.accessible_label())
        .expect("the speed readout")
        .to_string();
    let unavailable_notice =
        ElementHandle::find_by_element_id(window, "CarCard::vehicle-unavailable")
            .next()
            .is_some();
    let vehicle_status = ElementHandle::find_by_accessible_label(window, "Vehicle")
        .find_map(|e| e.accessible_value().filter(|v| !v.is_empty()))
        .expect("the vehicle status indicator")
        .to_string();
    Shown {
        speed,
        unavailable_notice,
        vehicle_status,
    }
}

/// Reads what the window shows, from the test's thread, through the UI thread.
fn look(window: &slint::Weak<AppWindow>) -> Shown {
    on_ui(window, shown)
}

fn unavailable() -> Shown {
    Shown {
        speed: "--".into(),
        unavailable_notice: true,
        vehicle_status: "unavailable".into(),
    }
}

fn without_the_service(ui: &Ui) {
    let shown = wait_for(Duration::from_secs(5), "the unavailable state", || {
        Some(look(&ui.window)).filter(|s| s.unavailable_notice)
    });
    assert_eq!(shown, unavailable());
}

fn the_speed_follows_the_service(ui: &Ui) {
    let (window, bus) = (&ui.window, &ui.bus);
    wait_for(Duration::from_secs(5), "the unavailable state", || {
        Some(look(window)).filter(|s| s.unavailable_notice)
    });
    // The service appears: the UI goes live without a restart.
    let service = bus.spawn(&["vehicle-service", "--speed-factor", "20"]);
    wait_for(Duration::from_secs(10), "live speed", || {
        Some(look(window)).filter(|s| !s.unavailable_notice)
    });

    // The number shown follows the service: it lies within the range of what the service said
    // over the last second (rounded as displayed), and it changes as the car drives.
    let mut recent: std::collections::VecDeque<(Instant, f64)> = std::collections::VecDeque::new();
    let mut distinct = std::collections::BTreeSet::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        recent.push_back((Instant::now(), bus.vehicle_speed().expect("speed readable")));
        let seen = look(window);
        recent.push_back((Instant::now(), bus.vehicle_speed().expect("speed readable")));
        while recent
            .front()
            .is_some_and(|(at, _)| at.elapsed() > Duration::from_secs(1))
        {
            recent.pop_front();
        }
        assert_eq!(seen.vehicle_status, "live");
        let shown: f64 = seen
            .speed
            .parse()
            .unwrap_or_else(|_| panic!("a number, got {:?}", seen.speed));
        let said = recent.iter().map(|(_, speed)| *speed);
        let (low, high) = (
            said.clone().fold(f64::MAX, f64::min).round() - 1.0,
            said.fold(0.0, f64::max).round() + 1.0,
        );
        assert!(
            (low..=high).contains(&shown),
            "shows {shown}, the service said {low}..{high} in the last second"
        );
        distinct.insert(shown as i64);
        // Sample again a moment later: this paces the sampling, it waits for nothing.
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        distinct.len() >= 3,
        "the shown speed should change while driving: {distinct:?}"
    );

    // The service goes away: the UI no longer shows a number as live.
    drop(service);
    let gone = wait_for(
        Duration::from_secs(5),
        "the unavailable state again",
        || Some(look(window)).filter(|s| s.unavailable_notice),
    );
    assert_eq!(gone.speed, "--");
    assert_eq!(gone.vehicle_status, "unavailable");
}
