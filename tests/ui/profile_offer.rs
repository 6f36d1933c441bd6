//! A paired phone is a driver, with the real vehicle service and companion on a private bus: a
//! phone paired over HTTP is listed in `Shell1.Profiles` under its name; its page connecting
//! (the WebSocket with its token) while the car moves asks nothing and changes nothing, and
//! once the car is parked the car offers that driver's profile; "Not now" keeps the guest; the
//! page connecting again offers it again, and "Switch" activates it with its own file.

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use opencabin::ui::{AppWindow, PairedPhoneEntry};
use slint::{ComponentHandle, Model};

use super::harness::{Case, Ui, case, press};
use super::profiles::{holds, profile_file, shell_property, wait_property};
use crate::common::{on_ui, temp_dir, wait_for};
use crate::{fixture, socket};

use crate::fixture::{NAME as COMPANION, PATH};

pub fn cases() -> Vec<Case> {
    vec![case(
        "profiles::a_connected_phone_is_offered_its_profile_once_parked_never_while_moving",
        offered_once_parked,
    )]
}

/// The text the offer shows on screen (its `Text`, as the driver reads it), None while no
/// offer is shown.
fn offer_shown(window: &slint::Weak<AppWindow>) -> Option<String> {
    on_ui(window, |w| {
        let offer = ElementHandle::find_by_accessible_label(w, "Driver profile offer")
            .find(|e| e.accessible_role() == Some(AccessibleRole::Groupbox))?;
        let text = offer
            .query_descendants()
            .match_accessible_role(AccessibleRole::Text)
            .find_first()?;
        text.accessible_label().map(|label| label.to_string())
    })
}

/// Whether the window knows the phone's page is connected.
fn connected_in_window(window: &slint::Weak<AppWindow>) -> bool {
    on_ui(window, |w| {
        let phones = w.global::<opencabin::ui::CompanionAdapter>().get_phones();
        phones.iter().any(|p: PairedPhoneEntry| p.connected)
    })
}

fn simulate(ui: &Ui, method: &str, args: &[&str]) {
    let method = format!("org.opencabin.Vehicle1.Simulation.{method}");
    ui.bus.gdbus_vehicle(&method, args).unwrap();
}

fn driving_state(ui: &Ui) -> String {
    ui.bus.vehicle_property("Drive", "DrivingState")
}

/// Pairs a phone named "Aino's phone" over HTTP: its id and token.
fn pair(ui: &Ui, origin: &str) -> (String, String) {
    let call = ui.bus.gdbus_call(
        COMPANION,
        PATH,
        "org.opencabin.Companion1.StartPairing",
        &[],
    );
    call.unwrap();
    let code = wait_for(Duration::from_secs(5), "a code offered", || {
        let value = ui
            .bus
            .get_property(COMPANION, PATH, COMPANION, "PairingCode")?;
        let code = value.trim_start_matches("s ").trim_matches('"').to_string();
        (!code.is_empty()).then_some(code)
    });
    let reply = fixture::pair_with_code(origin, &code, "Aino's phone");
    assert_eq!(reply.status, 200, "{reply:?}");
    let token = reply.field("token");
    let phones = wait_for(Duration::from_secs(5), "the phone paired", || {
        let phones = ui
            .bus
            .get_property(COMPANION, PATH, COMPANION, "PairedPhones")?;
        phones.contains("Aino").then_some(phones)
    });
    let id = phones.split('"').nth(1).unwrap().to_string();
    (id, token)
}

fn offered_once_parked(ui: &Ui) {
    let _vehicle = ui.bus.spawn(&["vehicle-service"]);
    let listen = format!("127.0.0.1:{}", fixture::free_port());
    let port: u16 = listen.rsplit(':').next().unwrap().parse().unwrap();
    let state = temp_dir("ui-profile-offer").join("companion.toml");
    let _companion = ui.bus.spawn(&[
        "companion",
        "--listen",
        &listen,
        "--state",
        state.to_str().unwrap(),
    ]);
    let origin = format!("http://{listen}");
    wait_for(Duration::from_secs(10), "the companion", || {
        ui.bus
            .get_property(COMPANION, PATH, COMPANION, "PairingCode")
    });
    let (id, token) = pair(ui, &origin);
    wait_for(Duration::from_secs(5), "the phone a driver", || {
        shell_property(ui, "Profiles")
            .contains(&format!("\"{id}\""))
            .then_some(())
    });

    simulate(ui, "SetGear", &["D"]);
    simulate(ui, "SetManualSpeed", &["50.0"]);
    wait_for(Duration::from_secs(10), "the car moving", || {
        (driving_state(ui) == "s \"moving\"").then_some(())
    });
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let open = |runtime: &tokio::runtime::Runtime| {
        runtime.block_on(async {
            let mut page = socket::open(port, &origin).await.unwrap();
            socket::hello(&mut page, &token).await;
            socket::next(&mut page).await.expect("a state pushed");
            page
        })
    };
    let page = open(&runtime);
    wait_for(
        Duration::from_secs(5),
        "the window sees the phone connected",
        || connected_in_window(&ui.window).then_some(()),
    );
    assert_eq!(offer_shown(&ui.window), None, "moving: no prompt");
    assert_eq!(
        shell_property(ui, "ActiveProfile"),
        "s \"guest\"",
        "nothing changed"
    );

    simulate(ui, "SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(20), "the car standing", || {
        (ui.bus.vehicle_speed()? < 0.05).then_some(())
    });
    simulate(ui, "SetGear", &["P"]);
    let offered = wait_for(Duration::from_secs(5), "the offer once parked", || {
        offer_shown(&ui.window)
    });
    assert_eq!(offered, "Switch the driver to Aino's phone?");
    press(&ui.window, "Not now");
    wait_for(Duration::from_secs(5), "the offer gone", || {
        offer_shown(&ui.window).is_none().then_some(())
    });
    assert_eq!(shell_property(ui, "ActiveProfile"), "s \"guest\"");

    // The page closed and opened again: asked again.
    drop(page);
    wait_for(Duration::from_secs(5), "the page gone", || {
        (!connected_in_window(&ui.window)).then_some(())
    });
    let _page = open(&runtime);
    wait_for(Duration::from_secs(5), "offered again", || {
        offer_shown(&ui.window)
    });
    press(&ui.window, "Switch");
    wait_property(ui, "ActiveProfile", &format!("s \"{id}\""));
    holds(&profile_file(ui, &id), &["profile_name = \"Aino's phone\""]);
    wait_for(
        Duration::from_secs(5),
        "no offer for the active driver",
        || offer_shown(&ui.window).is_none().then_some(()),
    );
}
