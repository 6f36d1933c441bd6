//! The sample state's phone: paired, on a Finnish network, with the demo phonebook and call
//! history, the companion with that phone paired, and optionally a call ringing or in progress, all at a fixed clock (9:41 on
//! 2 December 2026) so the images are the same on every machine.

use crate::client::Live;
use crate::client::companion::CompanionState;
use crate::client::phone::{PhoneCall, PhoneState};
use crate::contract::companion::PairedPhone;
use crate::contract::phone::{CallState, MODEM_PATH, call_path, vcard};
use crate::views::ContactsView;
use crate::views::contacts::Phonebook;

/// A call for the sample state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleCall {
    /// Li Na calls and the phone rings.
    Incoming,
    /// A call with Aino Virtanen, 1 min 23 s in.
    Active,
}

/// The sample's clock.
pub fn clock() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-12-02T09:41:00+02:00").expect("a valid time")
}

/// The phone and its phonebook, with `call` if given.
pub fn phone(call: Option<SampleCall>) -> (Live<PhoneState>, ContactsView) {
    let parse = |text| vcard::parse(text).expect("the demo vCards parse");
    let book = Phonebook::from_cards(
        &parse(include_str!("../../assets/phone/contacts.vcf")),
        &parse(include_str!("../../assets/phone/recent.vcf")),
    );
    let call = call.map(|call| {
        let (state, number, started) = match call {
            SampleCall::Incoming => (CallState::Incoming, "+358456789012", ""),
            SampleCall::Active => (
                CallState::Active,
                "+358401234567",
                "2026-12-02T09:39:37+0200",
            ),
        };
        PhoneCall {
            path: call_path(MODEM_PATH, 1).to_string(),
            state,
            number: number.into(),
            name: String::new(),
            started: started.into(),
        }
    });
    let phone = PhoneState {
        modem: MODEM_PATH.into(),
        online: true,
        operator: "Elisa".into(),
        strength: 80,
        battery: 4,
        muted: false,
        calls: call.into_iter().collect(),
    };
    let contacts = ContactsView {
        book,
        query: String::new(),
    };
    (
        Live {
            available: true,
            view: phone,
        },
        contacts,
    )
}

/// The companion with the driver's phone paired and its page closed, no pairing offered.
pub fn companion() -> CompanionState {
    let paired = clock().timestamp() - 3 * 86_400;
    CompanionState {
        phones: vec![PairedPhone {
            id: "5a1c9e0f3b7d2468".into(),
            name: "Aino's phone".into(),
            added_at: "2026-11-29T07:41:00Z".into(),
            last_use: paired + 86_400,
        }],
        ..CompanionState::default()
    }
}
