//! `PhoneAdapter`: the ringing call and the call in progress with the caller's name from the
//! phonebook (else the network's, else the number), the phone's network and signal, and the
//! phone page's favourites, contacts (as the driver's search finds them; no search while
//! moving) and recent calls.

use std::rc::Rc;

use slint::{ComponentHandle, ModelRc, VecModel};

use crate::contract::restrictions;
use crate::ui::{AppWindow, ContactEntry, PhoneAdapter, RecentEntry, RecentKind};
use crate::views::contacts::{CallKind, Contact, Phonebook, RecentCall};
use crate::views::{Parts, UiState};

/// The time now: the state's fixed clock, else the system's.
fn now(state: &UiState) -> chrono::DateTime<chrono::FixedOffset> {
    state
        .fixed_clock
        .unwrap_or_else(|| chrono::Local::now().fixed_offset())
}

/// Seconds from `StartTime` (`%Y-%m-%dT%H:%M:%S%z`) to `now`, 0 when unknown.
fn seconds_since(started: &str, now: chrono::DateTime<chrono::FixedOffset>) -> i32 {
    chrono::DateTime::parse_from_str(started, "%Y-%m-%dT%H:%M:%S%z")
        .map(|at| now.signed_duration_since(at).num_seconds().max(0) as i32)
        .unwrap_or(0)
}

pub fn show(window: &AppWindow, state: &UiState, parts: Parts) {
    let adapter = window.global::<PhoneAdapter>();
    let query = searched(state);
    // The lists again when the phonebook or search changed, or driving started or stopped it.
    if parts.contains(Parts::CONTACTS) || adapter.get_query() != query {
        show_book(&adapter, state, query);
    }
    if parts.intersects(Parts::PHONE | Parts::CONTACTS) {
        show_calls(&adapter, state);
    }
}

/// What the contacts list shows found: the driver's search, nothing while moving (what was
/// typed parked no longer filters).
fn searched(state: &UiState) -> &str {
    let drive = &state.drive;
    let rules = restrictions::for_state(drive.available.then_some(drive.driving_state));
    if rules.deep_settings {
        state.contacts.query.as_str()
    } else {
        ""
    }
}

fn show_calls(adapter: &PhoneAdapter, state: &UiState) {
    let phone = &state.phone;
    let book = &state.contacts.book;
    let live = state.phone_available();
    adapter.set_available(live);
    adapter.set_operator(phone.operator.as_str().into());
    adapter.set_strength(i32::from(phone.strength));
    let ringing = phone.ringing().filter(|_| live);
    adapter.set_ringing(ringing.is_some());
    if let Some(call) = ringing {
        adapter.set_ringing_path(call.path.as_str().into());
        adapter.set_ringing_caller(book.caller(&call.number, &call.name).into());
        adapter.set_ringing_number(call.number.as_str().into());
    }
    let current = phone.current().filter(|_| live);
    adapter.set_in_call(current.is_some());
    if let Some(call) = current {
        adapter.set_call_path(call.path.as_str().into());
        adapter.set_call_caller(book.caller(&call.number, &call.name).into());
        adapter.set_call_state(call.state.as_str().into());
        adapter.set_call_seconds(seconds_since(&call.started, now(state)));
    }
    adapter.set_muted(phone.muted);
}

/// The favourites, the contacts the search finds and the recent calls.
fn show_book(adapter: &PhoneAdapter, state: &UiState, query: &str) {
    let book = &state.contacts.book;
    adapter.set_query(query.into());
    let favourites = book.contacts.iter().filter(|c| c.favourite);
    adapter.set_favourites(model(favourites.map(entry)));
    adapter.set_contacts(model(book.search(query).map(entry)));
    let today = now(state).date_naive();
    adapter.set_recents(model(book.recents.iter().map(|r| recent(r, book, today))));
}

fn model<T: Clone + 'static>(items: impl Iterator<Item = T>) -> ModelRc<T> {
    ModelRc::from(Rc::new(VecModel::from(items.collect::<Vec<_>>())))
}

fn entry(contact: &Contact) -> ContactEntry {
    let (kind, number) = contact.numbers.first().cloned().unwrap_or_default();
    ContactEntry {
        name: contact.name.as_str().into(),
        number: number.into(),
        kind: kind.into(),
        favourite: contact.favourite,
    }
}

fn recent(call: &RecentCall, book: &Phonebook, today: chrono::NaiveDate) -> RecentEntry {
    let at = chrono::NaiveDateTime::parse_from_str(&call.at, "%Y%m%dT%H%M%S").ok();
    let name = book.name_for(&call.number).unwrap_or(call.name.as_str());
    RecentEntry {
        name: name.into(),
        number: call.number.as_str().into(),
        kind: match call.kind {
            CallKind::Dialed => RecentKind::Dialed,
            CallKind::Received => RecentKind::Received,
            CallKind::Missed => RecentKind::Missed,
        },
        days_ago: at.map_or(-1, |at| (today - at.date()).num_days() as i32),
        time: at
            .map(|at| at.format("%H:%M").to_string())
            .unwrap_or_default()
            .into(),
        date: at
            .map(|at| at.format("%-d.%-m.").to_string())
            .unwrap_or_default()
            .into(),
    }
}
