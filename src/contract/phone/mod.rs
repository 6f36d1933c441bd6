//! The phone, in oFono's own API (doc/*-api.txt of oFono), so a real oFono with BlueZ's
//! hands-free profile is a drop-in for the mock: bus name `org.ofono`, `org.ofono.Manager` at `/`,
//! one modem of type `hfp` carrying `Modem`, `VoiceCallManager`, `NetworkRegistration`,
//! `Handsfree` and `CallVolume`, and a `VoiceCall` object per call. oFono's style is kept:
//! `GetProperties`/`SetProperty` and `PropertyChanged(sv)`, not freedesktop properties. The
//! mock-only `org.opencabin.PhoneSim1` plays the other side; `org.opencabin.Phonebook1` hands out
//! contacts and call history as vCard 3.0, as BlueZ's PBAP (`org.bluez.obex.PhonebookAccess1`)
//! would. The interface blocks only forward to a `PhoneBackend`.

mod error;
pub mod number;
pub mod ofono;
mod sim;
mod state;
pub mod vcard;
pub mod voicecall;

pub use error::{OfonoError, OfonoRefusal};
pub use ofono::call_volume::{CallVolume, CallVolumeProxy};
pub use ofono::handsfree::{Handsfree, HandsfreeProxy};
pub use ofono::manager::{Manager, ManagerProxy};
pub use ofono::modem::{Modem, ModemProxy};
pub use ofono::network::{NetworkRegistration, NetworkRegistrationProxy};
pub use sim::phonebook::{Phonebook, PhonebookProxy};
pub use sim::simulation::{PhoneSim, PhoneSimProxy};
pub use state::{CallState, Properties, value};
pub use voicecall::call::{VoiceCall, VoiceCallProxy};
pub use voicecall::manager::{VoiceCallManager, VoiceCallManagerProxy};

use zbus::{OwnedObjectPath, OwnedVariant};

/// The phone's well-known bus name, `org.ofono` (the system bus's, for a real oFono).
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<ManagerProxy<'_>>()
}

/// The mock's modem: oFono names an HFP modem `/hfp` + the BlueZ device path.
pub const MODEM_PATH: &str = "/hfp/org/bluez/hci0/dev_02_0C_AB_1E_00_01";

/// The object path of call `id` on `modem`: `<modem>/voicecall01` and so on.
pub fn call_path(modem: &str, id: u32) -> OwnedObjectPath {
    OwnedObjectPath::try_from(format!("{modem}/voicecall{id:02}")).expect("a valid path")
}

/// The call id in a call's object path on `modem`, if it is one.
pub fn call_id(modem: &str, path: &str) -> Option<u32> {
    let id = path.strip_prefix(modem)?.strip_prefix("/voicecall")?;
    (id.len() == 2).then(|| id.parse().ok()).flatten()
}

/// The interfaces an HFP modem lists in `Modem.Interfaces` (its child objects' are never listed).
pub fn modem_interfaces() -> Vec<&'static str> {
    use crate::contract::interface_of;
    vec![
        interface_of::<VoiceCallManagerProxy<'_>>(),
        interface_of::<NetworkRegistrationProxy<'_>>(),
        interface_of::<HandsfreeProxy<'_>>(),
        interface_of::<CallVolumeProxy<'_>>(),
    ]
}

/// Which of the modem's oFono-style interfaces a property belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Modem,
    VoiceCallManager,
    Network,
    Handsfree,
    CallVolume,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Modem,
        Part::VoiceCallManager,
        Part::Network,
        Part::Handsfree,
        Part::CallVolume,
    ];
}

/// What a client asks of the phone, by oFono's methods and PhoneSim1's. Plain data, so the
/// rules are tested without a bus.
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneCommand {
    Dial {
        number: String,
        clir: String,
    },
    Answer(u32),
    Hangup(u32),
    HangupAll,
    SwapCalls,
    ReleaseAndAnswer,
    ReleaseAndSwap,
    HoldAndAnswer,
    SendTones(String),
    /// PhoneSim1: a call from `number` ("" for a withheld number).
    IncomingCall(String),
    /// PhoneSim1: the other side of call `id` hangs up after so many seconds.
    RemoteHangup {
        id: u32,
        after_s: f64,
    },
    /// PhoneSim1: the other side answers outgoing calls after so many seconds; negative: never.
    SetAnswerDelay(f64),
    SetSignalStrength(u8),
    SetBatteryChargeLevel(u8),
}

/// The phone behind the interfaces: the mock, or a bridge to another phone stack.
pub trait PhoneBackend: Clone + Send + Sync + 'static {
    fn properties(&self, part: Part) -> Properties;
    fn set_property(&self, part: Part, name: &str, value: OwnedVariant)
    -> Result<(), OfonoRefusal>;
    /// Every call not yet ended, by id, with its `VoiceCall` properties.
    fn calls(&self) -> Vec<(u32, Properties)>;
    /// A call's properties, `NotFound` when it has ended.
    fn call_properties(&self, id: u32) -> Result<Properties, OfonoRefusal>;
    /// Carries out a command; `Dial` and `IncomingCall` give the new call's id.
    fn apply(&self, command: PhoneCommand) -> Result<Option<u32>, OfonoRefusal>;
    /// A PBAP phonebook as vCard 3.0 text: "pb" the contacts, "cch" the recent calls.
    fn pull_all(&self, phonebook: &str) -> Result<String, OfonoRefusal>;
}
