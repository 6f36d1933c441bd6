//! `PhoneAdapter`: the ringing call and the call in progress, as the phone reports them, the
//! caller shown by the network's name or the number (the phonebook's names come with the phone
//! page).

use slint::ComponentHandle;

use crate::client::Live;
use crate::client::phone::{PhoneCall, PhoneState};
use crate::ui::{AppWindow, PhoneAdapter};

/// The caller as shown: the network's name, else the number; "" for a withheld or unknown
/// number (the UI says "Unknown number").
fn caller(call: &PhoneCall) -> String {
    if !call.name.is_empty() {
        call.name.clone()
    } else if call.number == "withheld" {
        String::new()
    } else {
        call.number.clone()
    }
}

/// Seconds since `StartTime` (`%Y-%m-%dT%H:%M:%S%z`), 0 when unknown.
fn seconds_since(started: &str) -> i32 {
    chrono::DateTime::parse_from_str(started, "%Y-%m-%dT%H:%M:%S%z")
        .map(|at| {
            (chrono::Local::now().signed_duration_since(at))
                .num_seconds()
                .max(0) as i32
        })
        .unwrap_or(0)
}

pub fn show(window: &AppWindow, phone: &Live<PhoneState>) {
    let adapter = window.global::<PhoneAdapter>();
    let live = phone.available && !phone.modem.is_empty();
    adapter.set_available(live);
    let ringing = phone.ringing().filter(|_| live);
    adapter.set_ringing(ringing.is_some());
    if let Some(call) = ringing {
        adapter.set_ringing_path(call.path.as_str().into());
        adapter.set_ringing_caller(caller(call).into());
        adapter.set_ringing_number(call.number.as_str().into());
    }
    let current = phone.current().filter(|_| live);
    adapter.set_in_call(current.is_some());
    if let Some(call) = current {
        adapter.set_call_path(call.path.as_str().into());
        adapter.set_call_caller(caller(call).into());
        adapter.set_call_state(call.state.as_str().into());
        adapter.set_call_seconds(seconds_since(&call.started));
    }
    adapter.set_muted(phone.muted);
}
