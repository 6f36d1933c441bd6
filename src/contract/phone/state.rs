//! The phone's values as oFono carries them: a call's state and direction, and the property
//! dictionaries (`a{sv}`) of `GetProperties`, `GetCalls` and `CallAdded`.

use std::collections::HashMap;

use zbus::OwnedVariant;

wire_enum!(
    /// `org.ofono.VoiceCall.State`, with oFono's names (voicecall-api.txt).
    pub enum CallState("call state") {
        Active = "active",
        Held = "held",
        Dialing = "dialing",
        Alerting = "alerting",
        Incoming = "incoming",
        Waiting = "waiting",
        Disconnected = "disconnected",
    }
);

impl CallState {
    /// Still ringing, one way or the other: not yet connected and not ended.
    pub fn is_setting_up(self) -> bool {
        matches!(
            self,
            CallState::Dialing | CallState::Alerting | CallState::Incoming | CallState::Waiting
        )
    }
}

/// A property dictionary, `a{sv}`.
pub type Properties = HashMap<String, OwnedVariant>;

/// One property value for a dictionary.
pub fn value(v: impl Into<zbus::Variant<'static>>) -> OwnedVariant {
    OwnedVariant::try_from(v.into()).expect("plain values have no file descriptors")
}
