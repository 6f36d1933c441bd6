//! The phone client (`client::phone`) following the real mock phone over a private bus: the
//! modem's network, battery and mute, a call arriving (ringing), answered (current, active),
//! changes made by another client (`gdbus`) seen through oFono's signals, the call gone after
//! hang-up, and the phone gone and back when its service is killed and started again.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::phone::{SIM, call, path_in, phone};
use common::{TestBus, wait_for};
use opencabin::client::phone::PhoneState;
use opencabin::contract::phone::{CallState, MODEM_PATH, bus_name};

type Seen = Arc<Mutex<Option<PhoneState>>>;

/// Follows the phone on `bus` in the background; the latest view (None while it is gone).
fn follow(runtime: &tokio::runtime::Runtime, bus: &TestBus) -> Seen {
    let seen: Seen = Arc::default();
    let sink = seen.clone();
    let choice = bus.choice();
    runtime.spawn(async move {
        let connection = choice.connect().await.expect("the private bus");
        opencabin::client::follow::<PhoneState>(&connection, bus_name(), |view| {
            *sink.lock().unwrap() = view.cloned();
        })
        .await
    });
    seen
}

fn wait_view<T>(seen: &Seen, what: &str, check: impl Fn(&PhoneState) -> Option<T>) -> T {
    wait_for(Duration::from_secs(5), what, || {
        seen.lock().unwrap().as_ref().and_then(&check)
    })
}

#[test]
fn the_client_follows_calls_network_battery_and_mute_and_the_phone_coming_back() {
    let bus = TestBus::start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let seen = follow(&runtime, &bus);
    let mut service = phone(&bus);
    let first = wait_view(&seen, "the phone", |v| {
        (!v.modem.is_empty()).then(|| v.clone())
    });
    assert_eq!(first.modem, MODEM_PATH);
    assert!(first.online);
    assert_eq!(first.operator, "Elisa");
    assert!(first.calls.is_empty());

    let arrived = call(
        &bus,
        SIM,
        "org.opencabin.PhoneSim1.IncomingCall",
        &["'0401234567'"],
    );
    let path = path_in(&arrived.unwrap());
    let ringing = wait_view(&seen, "a ringing call", |v| v.ringing().cloned());
    assert_eq!(
        (ringing.path.as_str(), ringing.number.as_str()),
        (path.as_str(), "0401234567")
    );
    assert_eq!(ringing.state, CallState::Incoming);
    call(&bus, &path, "org.ofono.VoiceCall.Answer", &[]).unwrap();
    let active = wait_view(&seen, "the call active", |v| {
        v.current()
            .filter(|c| c.state == CallState::Active)
            .cloned()
    });
    assert!(!active.started.is_empty(), "StartTime once active");
    assert!(seen.lock().unwrap().as_ref().unwrap().ringing().is_none());

    call(
        &bus,
        SIM,
        "org.opencabin.PhoneSim1.SetSignalStrength",
        &["byte 35"],
    )
    .unwrap();
    call(
        &bus,
        SIM,
        "org.opencabin.PhoneSim1.SetBatteryChargeLevel",
        &["byte 1"],
    )
    .unwrap();
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.CallVolume.SetProperty",
        &["Muted", "<true>"],
    )
    .unwrap();
    wait_view(&seen, "signal, battery and mute", |v| {
        (v.strength == 35 && v.battery == 1 && v.muted).then_some(())
    });

    call(&bus, &path, "org.ofono.VoiceCall.Hangup", &[]).unwrap();
    wait_view(&seen, "no call", |v| v.calls.is_empty().then_some(()));

    service.stop(Duration::from_secs(2));
    wait_for(Duration::from_secs(5), "the phone gone", || {
        seen.lock().unwrap().is_none().then_some(())
    });
    let _again = phone(&bus);
    let back = wait_view(&seen, "the phone back", |v| {
        (!v.modem.is_empty()).then(|| v.clone())
    });
    assert_eq!(back.strength, 80, "a fresh phone, read again");
}
