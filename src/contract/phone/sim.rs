//! The mock phone's own interfaces, beside oFono's on the same name: `org.opencabin.PhoneSim1`
//! plays the other side of calls and the phone's radio and battery (mock-only: a real phone has
//! none), and `org.opencabin.Phonebook1` hands out phonebooks as vCard 3.0 text, shaped like
//! PBAP's `PullAll` (BlueZ obexd's `org.bluez.obex.PhonebookAccess1` on a real car), so the front
//! end reads the same format from either.

use zbus::OwnedObjectPath;

use super::{MODEM_PATH, OfonoError, OfonoRefusal, PhoneBackend, PhoneCommand};

pub mod simulation {
    use super::*;

    /// `org.opencabin.PhoneSim1` over a backend.
    pub struct PhoneSim<B>(pub B);

    fn seconds(what: &str, value: f64) -> Result<f64, OfonoError> {
        if value.is_finite() && value <= 3600.0 {
            Ok(value)
        } else {
            Err(OfonoRefusal::InvalidArguments(format!(
                "{what} {value} is not a number of seconds up to 3600"
            ))
            .into())
        }
    }

    #[zbus::interface(
        name = "org.opencabin.PhoneSim1",
        proxy(
            default_service = "org.ofono",
            default_path = "/org/opencabin/PhoneSim1"
        )
    )]
    impl<B: PhoneBackend> PhoneSim<B> {
        /// A call arrives from `number` ("" for a withheld number): "incoming", or "waiting" beside
        /// another call. Returns its path.
        fn incoming_call(&self, number: &str) -> Result<OwnedObjectPath, OfonoError> {
            let id = self
                .0
                .apply(PhoneCommand::IncomingCall(number.to_string()))?
                .expect("an arriving call has an id");
            Ok(crate::contract::phone::call_path(MODEM_PATH, id))
        }

        /// The other side of `call` hangs up after `seconds` (0: now; up to 3600).
        fn remote_hangup(&self, call: OwnedObjectPath, seconds: f64) -> Result<(), OfonoError> {
            let after_s = self::seconds("seconds", seconds)?.max(0.0);
            let id =
                crate::contract::phone::call_id(MODEM_PATH, call.as_str()).ok_or_else(|| {
                    OfonoRefusal::NotFound(format!("{} is not a call of the modem", call.as_str()))
                })?;
            self.0.apply(PhoneCommand::RemoteHangup { id, after_s })?;
            Ok(())
        }

        /// How long the other side takes to answer an outgoing call (default 2 s; negative: it
        /// never answers, the call rings until hung up).
        fn set_answer_delay(&self, seconds: f64) -> Result<(), OfonoError> {
            let seconds = self::seconds("seconds", seconds)?;
            self.0.apply(PhoneCommand::SetAnswerDelay(seconds))?;
            Ok(())
        }

        /// The phone's signal strength, 0-100 % (NetworkRegistration.Strength).
        fn set_signal_strength(&self, percent: u8) -> Result<(), OfonoError> {
            self.0.apply(PhoneCommand::SetSignalStrength(percent))?;
            Ok(())
        }

        /// The phone's battery, 0-5 (Handsfree.BatteryChargeLevel).
        fn set_battery_charge_level(&self, level: u8) -> Result<(), OfonoError> {
            self.0.apply(PhoneCommand::SetBatteryChargeLevel(level))?;
            Ok(())
        }
    }
}

pub mod phonebook {
    use super::*;

    /// `org.opencabin.Phonebook1` over a backend.
    pub struct Phonebook<B>(pub B);

    #[zbus::interface(
        name = "org.opencabin.Phonebook1",
        proxy(
            default_service = "org.ofono",
            default_path = "/org/opencabin/Phonebook1"
        )
    )]
    impl<B: PhoneBackend> Phonebook<B> {
        /// A whole phonebook as vCard 3.0, by PBAP's names: "pb" (contacts) or "cch" (recent calls,
        /// newest first, each with `X-IRMC-CALL-DATETIME;DIALED|RECEIVED|MISSED`).
        fn pull_all(&self, phonebook: &str) -> Result<String, OfonoError> {
            Ok(self.0.pull_all(phonebook)?)
        }
    }
}
