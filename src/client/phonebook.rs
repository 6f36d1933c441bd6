//! The phone's contacts and call history, read whole as vCard 3.0 from the mock's
//! `org.opencabin.Phonebook1.PullAll` ("pb", "cch"), the names PBAP gives them. With a real
//! phone, BlueZ's obexd serves the same vCards over `org.bluez.obex.PhonebookAccess1`
//! (docs/phone.md says how it would replace this).

use super::CallError;
use crate::contract::phone::PhonebookProxy;
use crate::contract::phone::vcard::{self, Card};

/// The phone's contacts and its call history, as vCards.
pub struct Books {
    pub contacts: Vec<Card>,
    pub history: Vec<Card>,
}

/// Reads the contacts and the call history from `service`.
pub async fn fetch(connection: &zbus::Connection, service: &str) -> Result<Books, CallError> {
    let books = PhonebookProxy::builder(connection)
        .destination(service.to_string())
        .build()
        .await?;
    let parse = |text: String| {
        vcard::parse(&text).map_err(|err| {
            CallError::from(zbus::Error::Failure(format!("the phone's vCards: {err}")))
        })
    };
    Ok(Books {
        contacts: parse(books.pull_all("pb").await?)?,
        history: parse(books.pull_all("cch").await?)?,
    })
}
