//! The whole mock phone: the modem (powered, online), the network and battery the phone reports,
//! the call volume, the calls, the phonebook and the recent calls; its oFono property
//! dictionaries, and the writes and commands clients send, checked as oFono checks them.

use std::time::{Duration, Instant};

use zbus::OwnedVariant;

use super::calls::{Call, Calls, Reason};
use crate::contract::phone::vcard::Card;
use crate::contract::phone::{OfonoRefusal, Part, PhoneCommand, Properties, number, value};

/// How many recent calls are kept, newest first.
pub const RECENT_CALLS: usize = 50;

/// The mock phone's state.
#[derive(Debug, Clone)]
pub struct Phone {
    pub powered: bool,
    pub online: bool,
    pub operator: String,
    pub strength: u8,
    pub battery: u8,
    pub muted: bool,
    pub speaker_volume: u8,
    pub microphone_volume: u8,
    pub calls: Calls,
    pub contacts: Vec<Card>,
    /// Newest first, as PBAP's "cch".
    pub recent: Vec<Card>,
}

impl Phone {
    /// Powered and online, as a paired phone is, with its phonebook and history.
    pub fn new(contacts: Vec<Card>, recent: Vec<Card>) -> Self {
        Phone {
            powered: true,
            online: true,
            operator: "Elisa".into(),
            strength: 80,
            battery: 4,
            muted: false,
            speaker_volume: 60,
            microphone_volume: 60,
            calls: Calls::default(),
            contacts,
            recent,
        }
    }

    pub fn properties(&self, part: Part) -> Properties {
        let text = |s: &str| value(s.to_string());
        let list = |items: &[&str]| value(items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let pairs: Vec<(&str, OwnedVariant)> = match part {
            Part::Modem => vec![
                ("Online", value(self.online)),
                ("Powered", value(self.powered)),
                ("Lockdown", value(false)),
                ("Emergency", value(false)),
                ("Serial", text("02:0C:AB:1E:00:01")),
                ("Interfaces", list(&self.interfaces())),
                ("Features", list(&[])),
                ("Name", text("OpenCabin demo phone")),
                ("Type", text("hfp")),
            ],
            Part::VoiceCallManager => vec![("EmergencyNumbers", list(&["112", "911"]))],
            Part::Network => vec![
                (
                    "Status",
                    text(if self.online {
                        "registered"
                    } else {
                        "unregistered"
                    }),
                ),
                ("Mode", text("auto")),
                ("Name", text(if self.online { &self.operator } else { "" })),
                (
                    "Strength",
                    value(if self.online { self.strength } else { 0 }),
                ),
            ],
            Part::Handsfree => vec![
                ("InbandRinging", value(false)),
                ("VoiceRecognition", value(false)),
                ("Features", list(&["three-way-calling", "release-all-held"])),
                ("BatteryChargeLevel", value(self.battery)),
            ],
            Part::CallVolume => vec![
                ("SpeakerVolume", value(self.speaker_volume)),
                ("MicrophoneVolume", value(self.microphone_volume)),
                ("Muted", value(self.muted)),
            ],
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The interfaces on the modem's path: those of a powered HFP modem.
    fn interfaces(&self) -> Vec<&'static str> {
        if self.powered {
            crate::contract::phone::modem_interfaces()
        } else {
            Vec::new()
        }
    }

    pub fn call_properties(call: &Call) -> Properties {
        let mut pairs: Vec<(&str, OwnedVariant)> = vec![
            ("State", value(call.state.as_str().to_string())),
            ("LineIdentification", value(line_identification(call))),
            ("Name", value(String::new())),
            ("Multiparty", value(false)),
            ("RemoteHeld", value(false)),
            ("RemoteMultiparty", value(false)),
            (
                "Emergency",
                value(matches!(call.number.as_str(), "112" | "911")),
            ),
        ];
        if let Some(started) = call.started {
            let at = started.format("%Y-%m-%dT%H:%M:%S%z").to_string();
            pairs.push(("StartTime", value(at)));
        }
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    pub fn set_property(
        &mut self,
        part: Part,
        name: &str,
        new: OwnedVariant,
    ) -> Result<(), OfonoRefusal> {
        let boolean = || {
            bool::try_from(&new)
                .map_err(|_| OfonoRefusal::InvalidArguments(format!("{name} takes a boolean (b)")))
        };
        let volume = || {
            let level = u8::try_from(&new).map_err(|_| {
                OfonoRefusal::InvalidArguments(format!("{name} takes a byte (y), 0-100"))
            })?;
            if level > 100 {
                return Err(OfonoRefusal::InvalidFormat(format!(
                    "{name} {level} is over 100"
                )));
            }
            Ok(level)
        };
        match (part, name) {
            (Part::Modem, "Powered") => {
                self.powered = boolean()?;
                if !self.powered {
                    self.online = false;
                    self.calls.hang_up_all();
                }
            }
            (Part::Modem, "Online") => {
                let online = boolean()?;
                if !self.powered {
                    return Err(OfonoRefusal::NotAvailable(
                        "the modem is not powered".into(),
                    ));
                }
                self.online = online;
                if !online {
                    self.calls.hang_up_all();
                }
            }
            (Part::CallVolume, "Muted") => self.muted = boolean()?,
            (Part::CallVolume, "SpeakerVolume") => self.speaker_volume = volume()?,
            (Part::CallVolume, "MicrophoneVolume") => self.microphone_volume = volume()?,
            (Part::Handsfree, "VoiceRecognition") => {
                boolean()?;
                return Err(OfonoRefusal::NotImplemented(
                    "the phone has no voice recognition".into(),
                ));
            }
            _ => {
                let shown: String = name.chars().take(40).collect();
                return Err(OfonoRefusal::InvalidArguments(format!(
                    "{shown:?} is not a writable property of this interface"
                )));
            }
        }
        Ok(())
    }

    fn require_online(&self) -> Result<(), OfonoRefusal> {
        if self.powered && self.online {
            Ok(())
        } else {
            Err(OfonoRefusal::NotAvailable("the modem is not online".into()))
        }
    }

    /// Carries out `command` at `now`; a new call's id for `Dial` and `IncomingCall`.
    pub fn apply(
        &mut self,
        command: PhoneCommand,
        now: Instant,
    ) -> Result<Option<u32>, OfonoRefusal> {
        let calls = &mut self.calls;
        match command {
            PhoneCommand::Dial { number, clir } => {
                // Format first, as oFono checks it before whether the modem is online.
                number::check_dialable(&number, calls.live().next().is_some())?;
                self.require_online()?;
                return self.calls.dial(&number, &clir, now).map(Some);
            }
            PhoneCommand::IncomingCall(number) => {
                self.require_online()?;
                return self.calls.arrive(&number).map(Some);
            }
            PhoneCommand::Answer(id) => calls.answer(id)?,
            PhoneCommand::Hangup(id) => calls.hang_up(id, Reason::Local)?,
            PhoneCommand::HangupAll => calls.hang_up_all(),
            PhoneCommand::SwapCalls => calls.swap()?,
            PhoneCommand::ReleaseAndAnswer => calls.release_and_answer()?,
            PhoneCommand::ReleaseAndSwap => calls.release_and_swap()?,
            PhoneCommand::HoldAndAnswer => calls.hold_and_answer()?,
            PhoneCommand::SendTones(tones) => calls.check_tones(&tones)?,
            PhoneCommand::RemoteHangup { id, after_s } => {
                calls.remote_hangs_up(id, Duration::from_secs_f64(after_s), now)?
            }
            PhoneCommand::SetAnswerDelay(seconds) => {
                calls.answer_after = (seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
            }
            PhoneCommand::SetSignalStrength(percent) => {
                if percent > 100 {
                    return Err(OfonoRefusal::InvalidArguments(format!(
                        "signal strength {percent} is over 100 %"
                    )));
                }
                self.strength = percent;
            }
            PhoneCommand::SetBatteryChargeLevel(level) => {
                if level > 5 {
                    return Err(OfonoRefusal::InvalidArguments(format!(
                        "battery charge level {level} is not 0-5"
                    )));
                }
                self.battery = level;
            }
        }
        Ok(None)
    }

    /// Ended calls taken out and written to the recent calls, newest first.
    pub fn reap(&mut self) -> Vec<(u32, Call)> {
        let ended = self.calls.reap();
        for (_, call) in &ended {
            let kind = match (call.incoming, call.started.is_some()) {
                (false, _) => "DIALED",
                (true, true) => "RECEIVED",
                (true, false) => "MISSED",
            };
            let at = call.started.unwrap_or_else(chrono::Local::now);
            let name = self.contact_name(&call.number).unwrap_or_default();
            self.recent.insert(
                0,
                Card {
                    name,
                    numbers: vec![("CELL".into(), call.number.clone())],
                    call: Some((kind.into(), at.format("%Y%m%dT%H%M%S").to_string())),
                    ..Card::default()
                },
            );
        }
        self.recent.truncate(RECENT_CALLS);
        ended
    }

    /// The phonebook's name for `number`, matched after normalising.
    pub fn contact_name(&self, number: &str) -> Option<String> {
        self.contacts
            .iter()
            .find(|card| {
                card.numbers
                    .iter()
                    .any(|(_, n)| number::same_number(n, number))
            })
            .map(|card| card.name.clone())
    }
}

/// `LineIdentification`: the number, "withheld" for a hidden incoming one.
fn line_identification(call: &Call) -> String {
    if call.incoming && call.number.is_empty() {
        "withheld".into()
    } else {
        call.number.clone()
    }
}
