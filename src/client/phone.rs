//! The phone as a followed view, from any oFono (the mock or a real one behind BlueZ): the first
//! hands-free modem, its network, battery and mute, and its calls. Read with oFono's
//! `GetModems`, `GetProperties` and `GetCalls`, then kept current from its signals
//! (`CallAdded`, `CallRemoved`, each interface's `PropertyChanged`), all taken from one
//! subscription to the service's signals made before reading, so nothing is lost.

use futures_util::StreamExt;
use zbus::{Connection, MatchRule, MessageStream, OwnedObjectPath, OwnedVariant};

use super::{Followed, Update, Updates};
use crate::contract::WireName;
use crate::contract::phone::ofono::{call_volume, handsfree, manager, modem, network};
use crate::contract::phone::voicecall::{call, manager as calls};
use crate::contract::phone::{
    CallState, CallVolumeProxy, HandsfreeProxy, ManagerProxy, NetworkRegistrationProxy, Properties,
    VoiceCallManagerProxy,
};

/// How one property of an interface changes the view.
type Apply = fn(&mut PhoneState, &str, &OwnedVariant);

/// One call as the phone reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneCall {
    pub path: String,
    pub state: CallState,
    /// `LineIdentification`: the number, "withheld", or "" when unknown.
    pub number: String,
    /// The network's name for the caller (CNAP), usually "".
    pub name: String,
    /// `StartTime` once the call was active, `%Y-%m-%dT%H:%M:%S%z`.
    pub started: String,
}

/// The paired phone, or none (`modem` empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhoneState {
    pub modem: String,
    pub online: bool,
    pub operator: String,
    /// Signal, 0-100 %.
    pub strength: u8,
    /// The phone's battery, 0-5.
    pub battery: u8,
    pub muted: bool,
    /// By id, as `GetCalls` orders them.
    pub calls: Vec<PhoneCall>,
}

impl PhoneState {
    /// The call ringing for an answer: incoming, or waiting beside another.
    pub fn ringing(&self) -> Option<&PhoneCall> {
        self.calls
            .iter()
            .find(|c| matches!(c.state, CallState::Incoming | CallState::Waiting))
    }

    /// The call the in-call bar shows: the active one, else one being set up, else a held one.
    pub fn current(&self) -> Option<&PhoneCall> {
        let first = |states: &[CallState]| self.calls.iter().find(|c| states.contains(&c.state));
        first(&[CallState::Active])
            .or_else(|| first(&[CallState::Dialing, CallState::Alerting]))
            .or_else(|| first(&[CallState::Held]))
    }

    fn apply_modem(&mut self, name: &str, value: &OwnedVariant) {
        if name == "Online" {
            self.online = bool::try_from(value).unwrap_or(false);
        }
    }

    fn apply_network(&mut self, name: &str, value: &OwnedVariant) {
        match name {
            "Name" => self.operator = text(value),
            "Strength" => self.strength = u8::try_from(value).unwrap_or(0),
            _ => {}
        }
    }

    fn apply_handsfree(&mut self, name: &str, value: &OwnedVariant) {
        if name == "BatteryChargeLevel" {
            self.battery = u8::try_from(value).unwrap_or(0);
        }
    }

    fn apply_volume(&mut self, name: &str, value: &OwnedVariant) {
        if name == "Muted" {
            self.muted = bool::try_from(value).unwrap_or(false);
        }
    }

    fn add_call(&mut self, path: &str, properties: &Properties) {
        let mut call = PhoneCall {
            path: path.to_string(),
            state: CallState::Incoming,
            number: String::new(),
            name: String::new(),
            started: String::new(),
        };
        for (name, value) in properties {
            apply_call(&mut call, name, value);
        }
        self.calls.retain(|c| c.path != path);
        self.calls.push(call);
        self.calls.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

fn text(value: &OwnedVariant) -> String {
    <&str>::try_from(value).unwrap_or_default().to_string()
}

fn apply_call(call: &mut PhoneCall, name: &str, value: &OwnedVariant) {
    match name {
        "State" => {
            if let Some(state) = CallState::find(&text(value)) {
                call.state = state;
            }
        }
        "LineIdentification" => call.number = text(value),
        "Name" => call.name = text(value),
        "StartTime" => call.started = text(value),
        _ => {}
    }
}

/// One signal of the phone as a change to the view.
fn update_from(message: zbus::Message) -> Option<Update<PhoneState>> {
    let path = message.header().path()?.to_string();
    if let Some(signal) = calls::CallAdded::from_message(message.clone()) {
        let args = signal.args().ok()?;
        let (call_path, properties) = (args.path.to_string(), args.properties.clone());
        return Some(Box::new(move |v| v.add_call(&call_path, &properties)));
    }
    if let Some(signal) = calls::CallRemoved::from_message(message.clone()) {
        let gone = signal.args().ok()?.path.to_string();
        return Some(Box::new(move |v| v.calls.retain(|c| c.path != gone)));
    }
    if let Some(signal) = manager::ModemRemoved::from_message(message.clone()) {
        let gone = signal.args().ok()?.path.to_string();
        return Some(Box::new(move |v| {
            if v.modem == gone {
                *v = PhoneState::default();
            }
        }));
    }
    // Every oFono PropertyChanged carries (name, value); which interface says what it changes.
    let (name, value): (String, OwnedVariant) = message.body().deserialize().ok()?;
    if call::PropertyChanged::from_message(message.clone()).is_some() {
        return Some(Box::new(move |v| {
            if let Some(call) = v.calls.iter_mut().find(|c| c.path == path) {
                apply_call(call, &name, &value);
            }
        }));
    }
    let apply: Apply = if modem::PropertyChanged::from_message(message.clone()).is_some() {
        PhoneState::apply_modem
    } else if network::PropertyChanged::from_message(message.clone()).is_some() {
        PhoneState::apply_network
    } else if handsfree::PropertyChanged::from_message(message.clone()).is_some() {
        PhoneState::apply_handsfree
    } else if call_volume::PropertyChanged::from_message(message).is_some() {
        PhoneState::apply_volume
    } else {
        return None;
    };
    Some(Box::new(move |v| {
        if v.modem == path {
            apply(v, &name, &value);
        }
    }))
}

impl Followed for PhoneState {
    async fn open(connection: &Connection, service: &str) -> zbus::Result<(Self, Updates<Self>)> {
        let rule = MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .sender(service.to_string())
            .build()?;
        let signals =
            MessageStream::for_match_rule(rule, connection, std::num::NonZeroUsize::new(64))
                .await?;
        let mut state = PhoneState::default();
        let modems = ManagerProxy::builder(connection)
            .destination(service.to_string())
            .build()
            .await?
            .get_modems()
            .await?;
        if let Some((path, properties)) = modems.first() {
            read_modem(connection, service, path, properties, &mut state).await?;
        }
        let updates = signals
            .filter_map(|message| async move { update_from(message.ok()?) })
            .boxed();
        Ok((state, updates))
    }
}

/// A proxy builder aimed at `service`'s object `path` (oFono's objects have no default path).
fn at<'a, T>(
    builder: zbus::proxy::Builder<'a, T>,
    service: &str,
    path: &OwnedObjectPath,
) -> zbus::proxy::Builder<'a, T> {
    builder.destination(service.to_string()).path(path.clone())
}

/// Reads the modem at `path` with its network, battery, volume and calls into `state`.
async fn read_modem(
    connection: &Connection,
    service: &str,
    path: &OwnedObjectPath,
    properties: &Properties,
    state: &mut PhoneState,
) -> zbus::Result<()> {
    state.modem = path.to_string();
    for (name, value) in properties {
        state.apply_modem(name, value);
    }
    let network = at(NetworkRegistrationProxy::builder(connection), service, path);
    let handsfree = at(HandsfreeProxy::builder(connection), service, path);
    let volume = at(CallVolumeProxy::builder(connection), service, path);
    let (network, handsfree, volume) = (
        network.build().await?,
        handsfree.build().await?,
        volume.build().await?,
    );
    let read: [(Properties, Apply); 3] = [
        (network.get_properties().await?, PhoneState::apply_network),
        (
            handsfree.get_properties().await?,
            PhoneState::apply_handsfree,
        ),
        (volume.get_properties().await?, PhoneState::apply_volume),
    ];
    for (properties, apply) in read {
        for (name, value) in &properties {
            apply(state, name, value);
        }
    }
    let calls = at(VoiceCallManagerProxy::builder(connection), service, path)
        .build()
        .await?
        .get_calls()
        .await?;
    for (call_path, properties) in calls {
        state.add_call(call_path.as_str(), &properties);
    }
    Ok(())
}

/// What the driver does with the phone from a front end.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Answers the ringing call at this path (a waiting one: the active call is held).
    Answer(String),
    /// Ends or declines the call at this path.
    Hangup(String),
    SetMuted(bool),
    /// Calls a number as a phonebook writes it (spaces and dashes are dropped for `Dial`).
    Dial(String),
}

/// An object path from a front end's text.
fn object(path: String) -> Result<OwnedObjectPath, super::CallError> {
    Ok(OwnedObjectPath::try_from(path)?)
}

/// Carries out `request` on the phone `modem` of `service` with oFono's methods.
pub async fn send(
    connection: &Connection,
    service: &str,
    modem: &str,
    request: Request,
) -> Result<(), super::CallError> {
    use crate::contract::phone::VoiceCallProxy;
    let modem = object(modem.to_string())?;
    let call = |path: &OwnedObjectPath| at(VoiceCallProxy::builder(connection), service, path);
    match request {
        Request::Answer(path) => {
            let path = object(path)?;
            let properties = call(&path).build().await?.get_properties().await?;
            let state = properties.get("State").map(text);
            if state.as_deref() == Some(CallState::Waiting.as_str()) {
                let calls = at(VoiceCallManagerProxy::builder(connection), service, &modem);
                Ok(calls.build().await?.hold_and_answer().await?)
            } else {
                Ok(call(&path).build().await?.answer().await?)
            }
        }
        Request::Hangup(path) => Ok(call(&object(path)?).build().await?.hangup().await?),
        Request::SetMuted(muted) => {
            let volume = at(CallVolumeProxy::builder(connection), service, &modem);
            let value = crate::contract::phone::value(muted);
            Ok(volume.build().await?.set_property("Muted", value).await?)
        }
        Request::Dial(number) => {
            let number = crate::contract::phone::number::dialable_form(&number);
            let calls = at(VoiceCallManagerProxy::builder(connection), service, &modem);
            calls.build().await?.dial(&number, "default").await?;
            Ok(())
        }
    }
}
