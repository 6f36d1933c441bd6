//! Serves the mock phone on D-Bus under `org.ofono`: the manager, the modem's interfaces, a
//! `VoiceCall` object per call (added before its `CallAdded`, removed after its `CallRemoved`),
//! PhoneSim1 and Phonebook1; after every change each property that changed is announced with
//! oFono's `PropertyChanged`, and the other side's timed moves (ringing, answering, hanging up)
//! are carried out when due.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use zbus::Connection;
use zbus::object_server::SignalEmitter;
use zbus::{OwnedVariant, Variant};

use super::Options;
use super::calls::Call;
use super::handle::PhoneHandle;
use super::model::Phone;
use crate::bus::BusChoice;
use crate::contract::path_of;
use crate::contract::phone::{
    self, CallVolume, Handsfree, MODEM_PATH, Manager, Modem, NetworkRegistration, Part, PhoneSim,
    PhoneSimProxy, Phonebook, PhonebookProxy, Properties, VoiceCall, VoiceCallManager,
};

/// What was last announced: each part's properties and each call's.
#[derive(Default)]
struct Announced {
    parts: HashMap<Part, Properties>,
    calls: BTreeMap<u32, Properties>,
}

pub async fn serve(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    let (contacts, recent) = super::books::load(&options)?;
    let handle = PhoneHandle::new(Phone::new(contacts, recent));
    let name = phone::bus_name();
    let connection = bus
        .builder()
        .name(name)
        .serve_at("/", Manager(handle.clone()))
        .serve_at(MODEM_PATH, Modem(handle.clone()))
        .serve_at(MODEM_PATH, VoiceCallManager(handle.clone()))
        .serve_at(MODEM_PATH, NetworkRegistration(handle.clone()))
        .serve_at(MODEM_PATH, Handsfree(handle.clone()))
        .serve_at(MODEM_PATH, CallVolume(handle.clone()))
        .serve_at(path_of::<PhoneSimProxy<'_>>(), PhoneSim(handle.clone()))
        .serve_at(path_of::<PhonebookProxy<'_>>(), Phonebook(handle.clone()))
        .build()
        .await
        .with_context(|| format!("cannot serve {name} on the {bus} bus"))?;
    tracing::info!(bus = %bus, modem = MODEM_PATH, "phone service ready");
    crate::systemd::ready(&connection, name);

    let mut announced = Announced::default();
    for part in Part::ALL {
        announced.parts.insert(part, handle.lock().properties(part));
    }
    loop {
        announce(&connection, &handle, &mut announced).await?;
        let due = handle.lock().calls.next_due();
        let wait_due = async {
            match due {
                Some(at) => tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = handle.rung() => {}
            _ = wait_due => handle.lock().calls.advance(std::time::Instant::now()),
        }
    }
}

/// The changes since `announced`, as oFono signals them.
async fn announce(
    connection: &Connection,
    handle: &PhoneHandle,
    announced: &mut Announced,
) -> anyhow::Result<()> {
    let (parts, calls, ended) = {
        let mut phone = handle.lock();
        let parts: Vec<(Part, Properties)> = Part::ALL
            .iter()
            .map(|p| (*p, phone.properties(*p)))
            .collect();
        let calls: BTreeMap<u32, Properties> = phone
            .calls
            .live()
            .map(|(id, call)| (id, Phone::call_properties(call)))
            .collect();
        (parts, calls, phone.reap())
    };
    let modem = SignalEmitter::new(connection, MODEM_PATH)?;
    for (part, now) in parts {
        let before = announced
            .parts
            .insert(part, now.clone())
            .unwrap_or_default();
        for (name, value) in changed(&before, &now) {
            let value = Variant::from(value);
            match part {
                Part::Modem => Modem::<PhoneHandle>::property_changed(&modem, name, value).await,
                Part::VoiceCallManager => {
                    VoiceCallManager::<PhoneHandle>::property_changed(&modem, name, value).await
                }
                Part::Network => {
                    NetworkRegistration::<PhoneHandle>::property_changed(&modem, name, value).await
                }
                Part::Handsfree => {
                    Handsfree::<PhoneHandle>::property_changed(&modem, name, value).await
                }
                Part::CallVolume => {
                    CallVolume::<PhoneHandle>::property_changed(&modem, name, value).await
                }
            }?;
        }
    }
    let server = connection.object_server();
    for (id, now) in &calls {
        let path = phone::call_path(MODEM_PATH, *id);
        let emitter = SignalEmitter::new(connection, path.clone())?;
        match announced.calls.insert(*id, now.clone()) {
            None => {
                let call = VoiceCall {
                    backend: handle.clone(),
                    id: *id,
                };
                server.at(&path, call).await?;
                VoiceCallManager::<PhoneHandle>::call_added(&modem, path, now.clone()).await?;
            }
            Some(before) => {
                for (name, value) in changed(&before, now) {
                    VoiceCall::<PhoneHandle>::property_changed(&emitter, name, value.into())
                        .await?;
                }
            }
        }
    }
    for (id, call) in ended {
        if announced.calls.remove(&id).is_some() {
            remove_call(connection, id, &call).await?;
        }
    }
    Ok(())
}

/// oFono's order when a call ends: `DisconnectReason`, `State` "disconnected", `CallRemoved`,
/// then the object goes.
async fn remove_call(connection: &Connection, id: u32, call: &Call) -> anyhow::Result<()> {
    let path = phone::call_path(MODEM_PATH, id);
    let emitter = SignalEmitter::new(connection, path.clone())?;
    if let Some(reason) = call.ended {
        VoiceCall::<PhoneHandle>::disconnect_reason(&emitter, reason.as_str()).await?;
    }
    let state = Variant::from(call.state.as_str());
    VoiceCall::<PhoneHandle>::property_changed(&emitter, "State", state).await?;
    let modem = SignalEmitter::new(connection, MODEM_PATH)?;
    VoiceCallManager::<PhoneHandle>::call_removed(&modem, path.clone()).await?;
    connection
        .object_server()
        .remove::<VoiceCall<PhoneHandle>, _>(&path)
        .await?;
    Ok(())
}

/// The properties whose values differ, in name order.
fn changed<'a>(before: &Properties, now: &'a Properties) -> Vec<(&'a str, OwnedVariant)> {
    let mut names: Vec<&String> = now
        .keys()
        .filter(|k| before.get(*k) != now.get(*k))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| (name.as_str(), now[name].try_clone().expect("no fds")))
        .collect()
}
