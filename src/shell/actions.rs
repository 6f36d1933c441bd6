//! Carries out what the user asked for: each `UiAction` sent to its service through the typed
//! client; a refusal becomes a short message, and the control keeps showing the service's value.

use std::sync::Arc;

use tokio::sync::mpsc;

use super::crossing::Shared;
use super::phone_link::PhoneLink;
use crate::client::mpris::MprisClient;
use crate::client::navigation::{self, Answer};
use crate::ivi::UiAction;
use crate::views::{Parts, Preview};

/// Sends each action as it comes, until the sender goes.
pub async fn carry_out(
    connection: &zbus::Connection,
    client: &MprisClient,
    phone: &PhoneLink,
    shared: &Arc<Shared>,
    actions: &mut mpsc::UnboundedReceiver<UiAction>,
) {
    while let Some(action) = actions.recv().await {
        tracing::debug!(?action, "user action");
        let outcome = match action {
            UiAction::Vehicle(command) => crate::client::send_vehicle(connection, command).await,
            UiAction::Media(command) => client.send(command).await,
            UiAction::SelectPlayer(bus_name) => {
                client.select(&bus_name);
                Ok(())
            }
            UiAction::Navigation(request) => navigation::send(connection, request)
                .await
                .map(|answer| show_answer(shared, answer)),
            UiAction::Phone(request) => {
                let modem = shared.read(|state| state.phone.modem.clone());
                phone.send(&modem, request).await
            }
            UiAction::Companion(request) => {
                crate::client::companion::send(connection, request).await
            }
            UiAction::SearchContacts(query) => {
                shared.update(Parts::CONTACTS, |state| state.contacts.query = query);
                Ok(())
            }
        };
        if let Err(err) = outcome {
            tracing::info!(%err, "action refused");
            let message = err.message;
            shared.on_ui(move |window| crate::ivi::show_toast(&window, &message));
        }
    }
}

/// Search results and previews go into the state; a started route shows through guidance.
fn show_answer(shared: &Arc<Shared>, answer: Answer) {
    match answer {
        Answer::Results(query, results) => shared.update(Parts::SEARCH, |state| {
            state.search.query = query;
            state.search.results = results;
            state.search.preview = None;
        }),
        Answer::Preview(id, name, metres, seconds) => shared.update(Parts::SEARCH, |state| {
            state.search.preview = Some(Preview {
                id,
                name,
                metres,
                seconds,
            });
        }),
        Answer::Done => shared.update(Parts::SEARCH, |state| state.search.preview = None),
    }
}
