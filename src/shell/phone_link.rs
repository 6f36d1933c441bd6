//! The phone as a front end reaches it: on the services' bus, or on a bus of its own
//! (`--phone-bus system`, where a real oFono lives). Followed into the shared state with its
//! phonebook (read again each time the phone appears and after each call, since the history
//! changed); in the IVI window, media paused during calls; requests sent on the phone's bus.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use slint::ComponentHandle;
use tokio::sync::watch;

use super::call_media::CallPause;
use super::crossing::Shared;
use crate::bus::BusChoice;
use crate::client::mpris::MprisClient;
use crate::client::phone::{PhoneState, Request};
use crate::client::{CallError, follow};
use crate::contract::phone;
use crate::views::Parts;
use crate::views::contacts::Phonebook;

/// Where the phone is, and the connection to it while there is one.
pub struct PhoneLink {
    /// The phone's own bus; None: the services' bus.
    own_bus: Option<BusChoice>,
    connection: Mutex<Option<zbus::Connection>>,
}

impl PhoneLink {
    pub fn new(own_bus: Option<BusChoice>) -> Arc<Self> {
        Arc::new(PhoneLink {
            own_bus,
            connection: Mutex::new(None),
        })
    }

    fn set(&self, connection: Option<zbus::Connection>) {
        *self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = connection;
    }

    /// Follows the phone into `shared` (pausing `media` during calls, if given) on `main`, or on
    /// the phone's own bus, connecting again whenever it is lost. Never ends by itself.
    pub async fn follow<W: ComponentHandle + 'static>(
        &self,
        main: &zbus::Connection,
        shared: &Arc<Shared<W>>,
        media: Option<&MprisClient>,
    ) {
        let Some(bus) = &self.own_bus else {
            self.set(Some(main.clone()));
            follow_on(main, shared, media).await;
            return std::future::pending().await;
        };
        loop {
            match bus.connect().await {
                Ok(connection) => {
                    tracing::info!(%bus, "connected to the phone's bus");
                    self.set(Some(connection.clone()));
                    follow_on(&connection, shared, media).await;
                    self.set(None);
                }
                Err(err) => tracing::debug!(%bus, %err, "cannot reach the phone's bus yet"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    /// Carries out `request` on the phone `modem`.
    pub async fn send(&self, modem: &str, request: Request) -> Result<(), CallError> {
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(connection) = connection else {
            return Err(zbus::Error::Failure("the phone's bus is not reachable".into()).into());
        };
        crate::client::phone::send(&connection, phone::bus_name(), modem, request).await
    }
}

/// Follows the phone on `connection` until the connection ends.
async fn follow_on<W: ComponentHandle + 'static>(
    connection: &zbus::Connection,
    shared: &Arc<Shared<W>>,
    media: Option<&MprisClient>,
) {
    let service = phone::bus_name();
    let (in_call, mut calls_changed) = watch::channel(false);
    let mut calls_before: Option<usize> = None;
    // Owns the sender: when following ends, the pause below sees it and resumes what it paused.
    let phone = async move {
        follow::<PhoneState>(connection, service, |view| {
            let calls = view.map(|v| v.calls.len());
            let history_changed = match (calls_before, calls) {
                (None, Some(_)) => true,
                (Some(before), Some(now)) => now < before,
                _ => false,
            };
            calls_before = calls;
            if history_changed {
                read_phonebook(connection, shared);
            }
            in_call.send_replace(calls.unwrap_or(0) > 0);
            shared.update(Parts::PHONE, |state| state.phone.update(view));
        })
        .await
    };
    let pause = async {
        let Some(client) = media else { return };
        let mut pause = CallPause::default();
        loop {
            let now = *calls_changed.borrow_and_update();
            pause.follow(now, client).await;
            if calls_changed.changed().await.is_err() {
                // The phone's bus is gone, and its calls with it.
                return pause.follow(false, client).await;
            }
        }
    };
    let (outcome, ()) = tokio::join!(phone, pause);
    if let Err(err) = outcome {
        tracing::warn!(%err, "stopped following the phone");
    }
    shared.update(Parts::PHONE, |state| state.phone.available = false);
}

/// Reads the phonebook in the background into the shared state.
fn read_phonebook<W: ComponentHandle + 'static>(
    connection: &zbus::Connection,
    shared: &Arc<Shared<W>>,
) {
    let (connection, shared) = (connection.clone(), shared.clone());
    tokio::spawn(async move {
        match crate::client::phonebook::fetch(&connection, phone::bus_name()).await {
            Ok(books) => {
                let book = Phonebook::from_cards(&books.contacts, &books.history);
                shared.update(Parts::CONTACTS, |s| s.contacts.book = book);
            }
            Err(err) => tracing::info!(%err, "no phonebook from the phone"),
        }
    });
}
