//! `org.ofono.VoiceCallManager` on the modem and `org.ofono.VoiceCall` on each call
//! (voicecallmanager-api.txt, voicecall-api.txt): dialling, answering, hold and swap, tones,
//! and the signals a client follows (`CallAdded`, `CallRemoved`, `PropertyChanged`,
//! `DisconnectReason`). Multiparty calls and transfer are not offered (`NotImplemented`).

use zbus::object_server::SignalEmitter;
use zbus::{OwnedObjectPath, Variant};

use super::{MODEM_PATH, OfonoError, OfonoRefusal, Part, PhoneBackend, PhoneCommand, Properties};

pub mod manager {
    use super::*;

    /// `org.ofono.VoiceCallManager` over a backend.
    pub struct VoiceCallManager<B>(pub B);

    impl<B: PhoneBackend> VoiceCallManager<B> {
        fn run(&self, command: PhoneCommand) -> Result<(), OfonoError> {
            self.0.apply(command)?;
            Ok(())
        }
    }

    fn not_offered(what: &str) -> OfonoError {
        OfonoRefusal::NotImplemented(format!("{what}: the mock phone has no multiparty calls"))
            .into()
    }

    #[zbus::interface(
        name = "org.ofono.VoiceCallManager",
        proxy(default_service = "org.ofono")
    )]
    impl<B: PhoneBackend> VoiceCallManager<B> {
        /// EmergencyNumbers.
        fn get_properties(&self) -> Properties {
            self.0.properties(Part::VoiceCallManager)
        }

        /// Calls `number` (`[+][0-9*#]{1,80}`); `hide_callerid` is "", "default", "enabled" (hide)
        /// or "disabled" (show). An active call is put on hold. Returns the new call's path.
        fn dial(&self, number: &str, hide_callerid: &str) -> Result<OwnedObjectPath, OfonoError> {
            let command = PhoneCommand::Dial {
                number: number.to_string(),
                clir: hide_callerid.to_string(),
            };
            let id = self.0.apply(command)?.expect("a dialled call has an id");
            Ok(crate::contract::phone::call_path(MODEM_PATH, id))
        }

        /// Ends every call except a waiting one.
        fn hangup_all(&self) -> Result<(), OfonoError> {
            self.run(PhoneCommand::HangupAll)
        }

        /// Active calls held and held calls active; refused while a call is waiting.
        fn swap_calls(&self) -> Result<(), OfonoError> {
            self.run(PhoneCommand::SwapCalls)
        }

        /// Ends the active call and answers the waiting one.
        fn release_and_answer(&self) -> Result<(), OfonoError> {
            self.run(PhoneCommand::ReleaseAndAnswer)
        }

        /// Ends the active call and resumes the held one; refused while a call is waiting.
        fn release_and_swap(&self) -> Result<(), OfonoError> {
            self.run(PhoneCommand::ReleaseAndSwap)
        }

        /// Holds the active call and answers the waiting one.
        fn hold_and_answer(&self) -> Result<(), OfonoError> {
            self.run(PhoneCommand::HoldAndAnswer)
        }

        /// DTMF tones (`0-9 * # A-D p`) during an active or alerting call.
        fn send_tones(&self, tones: &str) -> Result<(), OfonoError> {
            self.run(PhoneCommand::SendTones(tones.to_string()))
        }

        /// Every call with its properties, by id.
        fn get_calls(&self) -> Vec<(OwnedObjectPath, Properties)> {
            self.0
                .calls()
                .into_iter()
                .map(|(id, properties)| {
                    (
                        crate::contract::phone::call_path(MODEM_PATH, id),
                        properties,
                    )
                })
                .collect()
        }

        fn transfer(&self) -> Result<(), OfonoError> {
            Err(not_offered("Transfer"))
        }

        fn create_multiparty(&self) -> Result<Vec<OwnedObjectPath>, OfonoError> {
            Err(not_offered("CreateMultiparty"))
        }

        fn private_chat(&self, _call: OwnedObjectPath) -> Result<Vec<OwnedObjectPath>, OfonoError> {
            Err(not_offered("PrivateChat"))
        }

        /// There is never a multiparty call, so nothing to end: success, as oFono answers.
        fn hangup_multiparty(&self) {}

        #[zbus(signal)]
        pub async fn call_added(
            emitter: &SignalEmitter<'_>,
            path: OwnedObjectPath,
            properties: Properties,
        ) -> zbus::Result<()>;

        #[zbus(signal)]
        pub async fn call_removed(
            emitter: &SignalEmitter<'_>,
            path: OwnedObjectPath,
        ) -> zbus::Result<()>;

        #[zbus(signal)]
        pub async fn property_changed(
            emitter: &SignalEmitter<'_>,
            name: &str,
            value: Variant<'_>,
        ) -> zbus::Result<()>;
    }
}

pub mod call {
    use super::*;

    /// `org.ofono.VoiceCall` for call `id` over a backend.
    pub struct VoiceCall<B> {
        pub backend: B,
        pub id: u32,
    }

    #[zbus::interface(name = "org.ofono.VoiceCall", proxy(default_service = "org.ofono"))]
    impl<B: PhoneBackend> VoiceCall<B> {
        /// State, LineIdentification, Name, Multiparty, StartTime (once active), Emergency,
        /// RemoteHeld, RemoteMultiparty.
        fn get_properties(&self) -> Result<Properties, OfonoError> {
            Ok(self.backend.call_properties(self.id)?)
        }

        /// Answers an incoming call (not a waiting one: HoldAndAnswer or ReleaseAndAnswer).
        fn answer(&self) -> Result<(), OfonoError> {
            self.backend.apply(PhoneCommand::Answer(self.id))?;
            Ok(())
        }

        /// Ends the call, or rejects it while it rings.
        fn hangup(&self) -> Result<(), OfonoError> {
            self.backend.apply(PhoneCommand::Hangup(self.id))?;
            Ok(())
        }

        /// Hands-free phones do not deflect (oFono's hfpmodem has none either).
        fn deflect(&self, _number: &str) -> Result<(), OfonoError> {
            Err(
                OfonoRefusal::NotImplemented("a hands-free phone does not deflect calls".into())
                    .into(),
            )
        }

        #[zbus(signal)]
        pub async fn property_changed(
            emitter: &SignalEmitter<'_>,
            name: &str,
            value: Variant<'_>,
        ) -> zbus::Result<()>;

        /// "local", "remote" or "network", before the State becomes "disconnected".
        #[zbus(signal)]
        pub async fn disconnect_reason(
            emitter: &SignalEmitter<'_>,
            reason: &str,
        ) -> zbus::Result<()>;
    }
}
