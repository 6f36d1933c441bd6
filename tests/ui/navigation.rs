//! The navigation page with the real vehicle and navigation services on a private bus: a search
//! typed on the on-screen keyboard, the route previewed and started, the turn banner counting
//! down as the car drives it; typing refused while moving while a favourite still starts a
//! route; a destination sent from a phone shown with its sender; the map zoomed by pinching
//! (two touch points spreading) and by its buttons.

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use i_slint_core::input::TouchPhase;
use i_slint_core::platform::InternalEvent;
use opencabin::ui::{AppWindow, Page};
use slint::ComponentHandle;
use slint::platform::WindowEvent;

use super::harness::{Case, Ui, case, press, show_page};
use crate::common::{TestBus, on_ui, temp_dir, wait_for};
use opencabin::process::ChildProcess;

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "navigation::a_search_typed_on_the_keyboard_starts_a_route_and_the_banner_counts_down",
            search_preview_start_and_follow,
        ),
        case(
            "navigation::typing_is_refused_while_moving_and_a_favourite_still_starts_a_route",
            favourite_while_moving,
        ),
        case(
            "navigation::a_destination_sent_from_a_phone_says_who_sent_it",
            sent_from_phone,
        ),
        case(
            "navigation::pinching_and_the_buttons_zoom_the_map",
            pinch_and_buttons_zoom,
        ),
    ]
}

/// The vehicle and navigation services, the car parked.
fn services(bus: &TestBus, name: &str) -> [ChildProcess; 2] {
    let places = temp_dir(name).join("places.toml");
    let vehicle = bus.spawn(&["vehicle-service"]);
    let navigation = bus.spawn(&["navigation-service", "--places", places.to_str().unwrap()]);
    wait_for(Duration::from_secs(10), "the vehicle service", || {
        bus.vehicle_speed()
    });
    wait_for(Duration::from_secs(10), "the navigation service", || {
        guiding(bus)
    });
    set_speed(bus, 0.0, "P");
    [vehicle, navigation]
}

/// Whether navigation guides a route, as `busctl` reads it; None before the service is there.
fn guiding(bus: &TestBus) -> Option<bool> {
    let active = bus.get_property(
        "org.opencabin.Navigation1",
        "/org/opencabin/Navigation1",
        "org.opencabin.Navigation1",
        "Active",
    )?;
    Some(active == "b true")
}

fn set_speed(bus: &TestBus, kmh: f64, gear: &str) {
    let call = |method: &str, args: &[&str]| {
        bus.gdbus_vehicle(&format!("org.opencabin.Vehicle1.Simulation.{method}"), args)
            .unwrap()
    };
    if gear == "P" {
        call("SetManualSpeed", &[&format!("{kmh:.1}")]);
        wait_for(Duration::from_secs(10), "the car standing", || {
            (bus.vehicle_number("Drive", "Speed") == 0.0).then_some(())
        });
        call("SetGear", &[gear]);
    } else {
        call("SetGear", &[gear]);
        call("SetManualSpeed", &[&format!("{kmh:.1}")]);
    }
}

/// The accessible value of the first element labelled `label`, if one is shown.
fn value_of(window: &slint::Weak<AppWindow>, label: &'static str) -> Option<String> {
    on_ui(window, move |w| {
        ElementHandle::find_by_accessible_label(w, label)
            .find(|e| e.size().height > 0.0)
            .and_then(|e| e.accessible_value())
            .map(|v| v.to_string())
    })
}

/// Whether an enabled button labelled `label` is on screen.
fn button_enabled(window: &slint::Weak<AppWindow>, label: &'static str) -> bool {
    on_ui(window, move |w| {
        ElementHandle::find_by_accessible_label(w, label).any(|e| {
            e.accessible_role() == Some(AccessibleRole::Button)
                && e.accessible_enabled() != Some(false)
                && e.size().height > 0.0
        })
    })
}

fn wait_for_button(ui: &Ui, label: &'static str) {
    wait_for(Duration::from_secs(10), label, || {
        button_enabled(&ui.window, label).then_some(())
    });
}

/// Metres in a distance as the UI writes it ("80 m", "1.2 km").
fn metres(text: &str) -> f64 {
    let (number, unit) = text.trim().split_once(' ').expect("a number and a unit");
    let number: f64 = number.parse().expect("a number");
    if unit.starts_with("km") {
        number * 1000.0
    } else {
        number
    }
}

fn search_preview_start_and_follow(ui: &Ui) {
    let bus = &ui.bus;
    let _services = services(bus, "nav-ui-search");
    show_page(ui, Page::Navigation);
    wait_for_button(ui, "Type a destination");
    press(&ui.window, "Type a destination");
    for key in ["k", "a", "l", "e", "v", "a"] {
        wait_for_button(ui, key);
        press(&ui.window, key);
    }
    // The street is a result; touching it previews the route.
    wait_for_button(ui, "Kalevankatu");
    press(&ui.window, "Kalevankatu");
    let preview = wait_for(Duration::from_secs(10), "the route's preview", || {
        value_of(&ui.window, "Route length and time")
    });
    let (length, time) = preview.split_once(" · ").expect("length · time");
    assert!(metres(length) > 0.0 && time.ends_with("min"), "{preview}");
    press(&ui.window, "Start");
    wait_for(Duration::from_secs(10), "navigation guiding", || {
        guiding(bus).filter(|&g| g)
    });
    let first = wait_for(Duration::from_secs(10), "the turn banner", || {
        value_of(&ui.window, "Still to go")
    });
    // The car drives the route: what is left counts down.
    set_speed(bus, 50.0, "D");
    let first_m = metres(first.split(" · ").next().unwrap());
    wait_for(
        Duration::from_secs(20),
        "the distance left shrinking",
        || {
            let now = value_of(&ui.window, "Still to go")?;
            (metres(now.split(" · ").next().unwrap()) < first_m - 20.0).then_some(())
        },
    );
    assert!(value_of(&ui.window, "Distance to the next turn").is_some());
}

fn favourite_while_moving(ui: &Ui) {
    let bus = &ui.bus;
    let _services = services(bus, "nav-ui-favourite");
    let added = bus.busctl(&[
        "call",
        "org.opencabin.Navigation1",
        "/org/opencabin/Navigation1",
        "org.opencabin.Navigation1",
        "AddFavourite",
        "ss",
        "home",
        "street:Kalevankatu",
    ]);
    assert!(added.status.success(), "{added:?}");
    set_speed(bus, 40.0, "D");
    show_page(ui, Page::Navigation);
    // Typing is refused while the car moves: the field says so and does not open.
    wait_for(Duration::from_secs(10), "the field locked", || {
        (!button_enabled(&ui.window, "Type a destination")).then_some(())
    });
    assert!(!button_enabled(&ui.window, "k"), "no keyboard while moving");
    // The favourite still starts a route.
    wait_for_button(ui, "Kalevankatu");
    press(&ui.window, "Kalevankatu");
    wait_for_button(ui, "Start");
    press(&ui.window, "Start");
    wait_for(Duration::from_secs(10), "guidance", || {
        value_of(&ui.window, "Still to go")
    });
}

fn sent_from_phone(ui: &Ui) {
    let bus = &ui.bus;
    let _services = services(bus, "nav-ui-sent");
    show_page(ui, Page::Navigation);
    let sent = bus.busctl(&[
        "call",
        "org.opencabin.Navigation1",
        "/org/opencabin/Navigation1",
        "org.opencabin.Navigation1",
        "SendPoint",
        "dds",
        "60.1699",
        "24.9384",
        "Aino's phone",
    ]);
    assert!(sent.status.success(), "{sent:?}");
    wait_for(Duration::from_secs(10), "the sender shown", || {
        (value_of(&ui.window, "Sender")? == "Sent from Aino's phone").then_some(())
    });
    // Set on the car's screen, a destination names no sender.
    press(&ui.window, "End route");
    wait_for(Duration::from_secs(10), "the route ended", || {
        value_of(&ui.window, "Sender").is_none().then_some(())
    });
}

/// The centre of the navigation page's map, in window coordinates.
fn map_centre(window: &slint::Weak<AppWindow>) -> (f32, f32) {
    on_ui(window, |w| {
        let map = ElementHandle::find_by_accessible_label(w, "Map")
            .filter(|e| e.accessible_role() == Some(AccessibleRole::Image))
            .max_by(|a, b| a.size().width.total_cmp(&b.size().width))
            .expect("the map");
        let (at, size) = (map.absolute_position(), map.size());
        (at.x + size.width / 2.0, at.y + size.height / 2.0)
    })
}

fn pinch_and_buttons_zoom(ui: &Ui) {
    let bus = &ui.bus;
    let _services = services(bus, "nav-ui-zoom");
    show_page(ui, Page::Navigation);
    let scale = || value_of(&ui.window, "Map scale").map(|v| metres(&v));
    let start = wait_for(Duration::from_secs(10), "the map's scale bar", scale);
    // Two fingers spreading to twice their distance: the map shows less ground. Sent as touch
    // points, which Slint's touch recogniser turns into a pinch, as from a touch screen.
    let (x, y) = map_centre(&ui.window);
    on_ui(&ui.window, move |w| {
        let touch = |id: i32, dx: f32, phase: TouchPhase| {
            let event = InternalEvent::Touch {
                id,
                position: i_slint_core::lengths::LogicalPoint::new(x + dx, y),
                phase,
            };
            w.window().dispatch_event(WindowEvent::internal(event));
        };
        touch(0, -40.0, TouchPhase::Started);
        touch(1, 40.0, TouchPhase::Started);
        for step in 1..=8 {
            let spread = 40.0 + 5.0 * step as f32;
            touch(0, -spread, TouchPhase::Moved);
            touch(1, spread, TouchPhase::Moved);
        }
        touch(0, -80.0, TouchPhase::Ended);
        touch(1, 80.0, TouchPhase::Ended);
    });
    let pinched = wait_for(Duration::from_secs(10), "a closer scale", || {
        scale().filter(|&m| m < start)
    });
    press(&ui.window, "Zoom out");
    press(&ui.window, "Zoom out");
    wait_for(Duration::from_secs(10), "a farther scale", || {
        scale().filter(|&m| m > pinched)
    });
}
