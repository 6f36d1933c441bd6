//! The phone over every page with the real mock phone: a call from the simulated other side
//! brings the incoming-call banner with the caller; answering it on the banner makes the call
//! active on the phone (read back with gdbus) and brings the in-call bar, which stays while the
//! driver changes pages; mute and hang-up on the bar reach the phone.

use std::time::Duration;

use opencabin::ui::{PhoneAdapter, ShellAdapter};
use slint::ComponentHandle;

use super::harness::{Case, Ui, case, press};
use crate::common::phone::{SIM, VCM, call, path_in, phone, wait_gone, wait_state};
use crate::common::{on_ui, wait_for};

mod page;
use page::{media_pauses_for_calls, page_dials};

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "phone::an_incoming_call_is_answered_on_the_banner_and_hung_up_on_the_bar",
            answered_on_the_banner,
        ),
        case(
            "phone::the_page_dials_a_contact_found_by_initials_and_the_keypad_and_refuses_both_while_moving",
            page_dials,
        ),
        case(
            "phone::a_call_pauses_the_playing_player_and_resumes_only_that_one",
            media_pauses_for_calls,
        ),
    ]
}

fn adapter<T: Send + 'static>(ui: &Ui, read: fn(&PhoneAdapter) -> T) -> T {
    on_ui(&ui.window, move |w| read(&w.global::<PhoneAdapter>()))
}

fn answered_on_the_banner(ui: &Ui) {
    let _phone = phone(&ui.bus);
    wait_for(Duration::from_secs(10), "the phone in the UI", || {
        adapter(ui, |p| p.get_available()).then_some(())
    });
    assert!(!adapter(ui, |p| p.get_ringing()) && !adapter(ui, |p| p.get_in_call()));
    let arrived = call(
        &ui.bus,
        SIM,
        "org.opencabin.PhoneSim1.IncomingCall",
        &["'+44 7700 900123'"],
    );
    let path = path_in(&arrived.unwrap());
    let caller = wait_for(Duration::from_secs(5), "the banner", || {
        adapter(ui, |p| {
            p.get_ringing().then(|| p.get_ringing_caller().to_string())
        })
    });
    assert_eq!(
        caller, "James Wilson",
        "the phonebook's name for +44 7700 900123"
    );
    press(&ui.window, "Answer call");
    wait_state(&ui.bus, &path, "active");
    wait_for(Duration::from_secs(5), "the in-call bar", || {
        adapter(ui, |p| (p.get_in_call() && !p.get_ringing()).then_some(()))
    });
    // The bar stays on another page.
    on_ui(&ui.window, |w| {
        w.global::<ShellAdapter>()
            .set_page(opencabin::ui::Page::Climate)
    });
    assert!(adapter(ui, |p| p.get_in_call()));
    press(&ui.window, "Mute");
    wait_for(Duration::from_secs(5), "muted on the phone", || {
        let volume = call(
            &ui.bus,
            opencabin::contract::phone::MODEM_PATH,
            "org.ofono.CallVolume.GetProperties",
            &[],
        )
        .ok()?;
        volume.contains("'Muted': <true>").then_some(())
    });
    wait_for(Duration::from_secs(5), "mute shown", || {
        adapter(ui, |p| p.get_muted()).then_some(())
    });
    press(&ui.window, "Hang up");
    wait_gone(&ui.bus, &path);
    wait_for(Duration::from_secs(5), "the bar gone", || {
        (!adapter(ui, |p| p.get_in_call())).then_some(())
    });
}
