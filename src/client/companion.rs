//! The companion service as the car's pairing screen follows it (the offered pairing, the
//! paired phones, which one is connected), and what the driver asks of it.

use super::CallError;
use crate::contract::companion::{CompanionProxy, PairedPhone};

/// `org.opencabin.Companion1` as the car shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanionState {
    /// The 6-digit code offered; empty when no pairing is offered.
    pub code: String,
    /// What the QR code holds: the page's URL with the one-time secret; empty with no offer.
    pub url: String,
    /// When the offer ends, UNIX time in s; 0 with no offer.
    pub expires: i64,
    pub phones: Vec<PairedPhone>,
    /// The id of the phone whose page is open; empty when none is.
    pub connected: String,
}

followed_properties!(
    CompanionState,
    CompanionProxy {
        code: pairing_code / receive_pairing_code_changed,
        url: pairing_url / receive_pairing_url_changed,
        expires: pairing_expires / receive_pairing_expires_changed,
        phones: paired_phones / receive_paired_phones_changed,
        connected: connected_phone / receive_connected_phone_changed,
    }
);

/// What the driver asks of the companion from the pairing screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Offer a new pairing (a new QR code and code).
    StartPairing,
    CancelPairing,
    /// Forget a paired phone (its id).
    Revoke(String),
}

/// Sends `request` to the companion; a refusal comes back as its named error.
pub async fn send(connection: &zbus::Connection, request: Request) -> Result<(), CallError> {
    let proxy = CompanionProxy::new(connection).await?;
    match request {
        Request::StartPairing => proxy.start_pairing().await?,
        Request::CancelPairing => proxy.cancel_pairing().await?,
        Request::Revoke(id) => proxy.revoke(&id).await?,
    }
    Ok(())
}
