//! The car's pairing screen with the real companion on a private bus: "Pair a phone" on the
//! settings page opens the sheet, "Show pairing code" offers a pairing whose code the sheet
//! shows as the companion has it; a phone paired over HTTP appears in the list, and "Revoke"
//! forgets it on the companion (its token then gets 401).

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use opencabin::ui::{AppWindow, Page};

use super::harness::{Case, Ui, case, press, show_page};
use crate::common::{on_ui, temp_dir, wait_for};
use crate::fixture;

use crate::fixture::{NAME as COMPANION, PATH};

pub fn cases() -> Vec<Case> {
    vec![case(
        "pairing::the_sheet_offers_a_code_lists_the_paired_phone_and_revokes_it",
        offer_list_and_revoke,
    )]
}

/// The pairing code the sheet shows, digits only; None while it shows none.
fn code_shown(window: &slint::Weak<AppWindow>) -> Option<String> {
    on_ui(window, |w| {
        ElementHandle::find_by_accessible_label(w, "Pairing code")
            .find(|e| e.accessible_role() == Some(AccessibleRole::Text))
            .and_then(|e| e.accessible_value())
            .map(|code| code.replace(' ', ""))
            .filter(|code| !code.is_empty())
    })
}

/// Whether the list holds a phone named `name`.
fn listed(window: &slint::Weak<AppWindow>, name: &'static str) -> bool {
    on_ui(window, move |w| {
        ElementHandle::find_by_accessible_label(w, name)
            .any(|e| e.accessible_role() == Some(AccessibleRole::ListItem))
    })
}

/// A Companion1 property without busctl's type and quotes; None before the service is there.
fn property(ui: &Ui, name: &str) -> Option<String> {
    let value = ui.bus.get_property(COMPANION, PATH, COMPANION, name)?;
    Some(value.trim_start_matches("s ").trim_matches('"').to_string())
}

fn offer_list_and_revoke(ui: &Ui) {
    let dir = temp_dir("ui-pairing");
    let listen = format!("127.0.0.1:{}", fixture::free_port());
    let state = dir.join("companion.toml");
    let _companion = ui.bus.spawn(&[
        "companion",
        "--listen",
        &listen,
        "--state",
        state.to_str().unwrap(),
    ]);
    let origin = format!("http://{listen}");
    wait_for(Duration::from_secs(10), "the companion", || {
        property(ui, "PairingCode")
    });
    show_page(ui, Page::Settings);
    press(&ui.window, "Pair a phone");
    press(&ui.window, "Show pairing code");
    let offered = wait_for(Duration::from_secs(5), "a code offered", || {
        property(ui, "PairingCode").filter(|code| !code.is_empty())
    });
    let shown = wait_for(Duration::from_secs(5), "the code on the sheet", || {
        code_shown(&ui.window)
    });
    assert_eq!(shown, offered);

    let reply = fixture::pair_with_code(&origin, &offered, "Aino's phone");
    assert_eq!(reply.status, 200, "{reply:?}");
    let token = reply.field("token");
    wait_for(Duration::from_secs(5), "the phone listed", || {
        listed(&ui.window, "Aino's phone").then_some(())
    });
    // The used code is gone from the sheet.
    wait_for(Duration::from_secs(5), "the code gone", || {
        code_shown(&ui.window).is_none().then_some(())
    });

    press(&ui.window, "Revoke Aino's phone");
    wait_for(Duration::from_secs(5), "the phone forgotten", || {
        (!listed(&ui.window, "Aino's phone")).then_some(())
    });
    let phones = ui
        .bus
        .get_property(COMPANION, PATH, COMPANION, "PairedPhones");
    assert!(!phones.unwrap_or_default().contains("Aino"));
    let auth = format!("Authorization: Bearer {token}");
    assert_eq!(
        fixture::curl(&origin, "GET", "/api/state", &["-H", &auth]).status,
        401
    );
}
