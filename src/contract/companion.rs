//! `org.opencabin.Companion1`, served by the companion page's process (`opencabin companion`) at
//! `/org/opencabin/Companion1` for the car's pairing screen: the pairing secret and code being
//! offered, the URL a QR code holds, the paired phones, revoking one, and which phone's page is
//! connected. The block only forwards to a `CompanionBackend` and names its refusals.

use serde::{Deserialize, Serialize};
use zbus::zvariant::Type;

/// A paired phone as `PairedPhones` carries it: `(sssx)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PairedPhone {
    /// Stable identifier, 16 hex digits, given at pairing.
    pub id: String,
    /// The name the phone gave itself, e.g. "Aino's phone".
    pub name: String,
    /// When it was paired, ISO 8601 text in UTC, e.g. `2026-12-04T19:01:42Z`.
    pub added_at: String,
    /// When its token was last used, UNIX time in s.
    pub last_use: i64,
}

/// Errors of `org.opencabin.Companion1`.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Companion1.Error")]
pub enum CompanionError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// `Revoke` of an id that is not paired; the message names the ids that are.
    UnknownPhone(String),
    /// The paired phones could not be saved.
    CannotWrite(String),
}

impl From<crate::contract::NotKnown> for CompanionError {
    fn from(err: crate::contract::NotKnown) -> Self {
        CompanionError::UnknownPhone(err.to_string())
    }
}

/// The pairing and the paired phones behind `org.opencabin.Companion1`.
pub trait CompanionBackend: Send + Sync + 'static {
    /// The 6-digit code offered now; empty when no pairing is offered.
    fn pairing_code(&self) -> String;
    /// The page's URL with the one-time secret after `#`; empty when no pairing is offered.
    fn pairing_url(&self) -> String;
    /// When the offered pairing ends, UNIX time in s; 0 when none is offered.
    fn pairing_expires(&self) -> i64;
    fn paired_phones(&self) -> Vec<PairedPhone>;
    /// The id of the phone whose page is connected; empty when none is.
    fn connected_phone(&self) -> String;
    /// Offers a new pairing (a new secret and code), replacing any offered before.
    fn start_pairing(&self);
    fn cancel_pairing(&self);
    fn revoke(&self, id: &str) -> Result<(), CompanionError>;
}

/// `org.opencabin.Companion1` over a backend.
pub struct Companion<B> {
    pub backend: B,
}

#[zbus::interface(
    name = "org.opencabin.Companion1",
    proxy(
        default_service = "org.opencabin.Companion1",
        default_path = "/org/opencabin/Companion1"
    )
)]
impl<B: CompanionBackend> Companion<B> {
    /// The 6-digit code a phone may type to pair; empty when no pairing is offered.
    #[zbus(property)]
    fn pairing_code(&self) -> String {
        self.backend.pairing_code()
    }

    /// What the car's QR code holds: the page's URL with the one-time pairing secret after `#`
    /// (e.g. `http://127.0.0.1:8480/pair#<secret>`); empty when no pairing is offered.
    #[zbus(property)]
    fn pairing_url(&self) -> String {
        self.backend.pairing_url()
    }

    /// When the offered pairing ends, UNIX time in s (2 minutes after `StartPairing`); 0 when
    /// none is offered. It also ends at its first use and after 10 failed attempts.
    #[zbus(property)]
    fn pairing_expires(&self) -> i64 {
        self.backend.pairing_expires()
    }

    /// The paired phones: id, name, when paired (ISO 8601, UTC), last use (UNIX time in s).
    #[zbus(property)]
    fn paired_phones(&self) -> Vec<PairedPhone> {
        self.backend.paired_phones()
    }

    /// The id of the phone whose page is connected now; empty when none is.
    #[zbus(property)]
    fn connected_phone(&self) -> String {
        self.backend.connected_phone()
    }

    /// Offers a new pairing for 2 minutes or one use: a new secret (in `PairingUrl`) and a new
    /// code (in `PairingCode`), replacing any offered before.
    fn start_pairing(&self) {
        self.backend.start_pairing();
    }

    /// Ends the offered pairing, if any.
    fn cancel_pairing(&self) {
        self.backend.cancel_pairing();
    }

    /// Forgets a paired phone: its token stops working at once and its page is disconnected. An
    /// id that is not paired gets `org.opencabin.Companion1.Error.UnknownPhone`.
    fn revoke(&self, id: &str) -> Result<(), CompanionError> {
        self.backend.revoke(id)
    }
}

/// The companion's well-known bus name, `org.opencabin.Companion1`.
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<CompanionProxy<'_>>()
}

/// Its object path, `/org/opencabin/Companion1`.
pub fn object_path() -> &'static str {
    crate::contract::path_of::<CompanionProxy<'_>>()
}
