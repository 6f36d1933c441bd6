//! The mock phone through real clients on a private bus, with oFono's names: `busctl` dials, sees
//! `CallAdded`, reads the call's `State` go to active and hangs up; a call arriving during
//! another waits and is held, swapped and released as voicecallmanager-api.txt says (bad input:
//! `phone_errors.rs`); the phonebook and the recent calls
//! come as vCard 3.0; the objects serve exactly the committed introspection.

mod common;

use std::time::{Duration, Instant};

use common::TestBus;
use common::phone::{OFONO, SIM, VCM, call, expect_line, path_in, phone, wait_gone, wait_state};
use opencabin::contract::phone::MODEM_PATH;

#[test]
fn busctl_dials_sees_call_added_the_call_go_active_and_hangs_up() {
    let bus = TestBus::start();
    let _phone = phone(&bus);
    let modems = call(&bus, "/", "org.ofono.Manager.GetModems", &[]).unwrap();
    assert!(modems.contains(MODEM_PATH), "{modems}");
    assert!(modems.contains("'Type': <'hfp'>") && modems.contains("'Online': <true>"));
    let monitor = bus.monitor(OFONO);
    let dialled = bus.busctl(&[
        "call",
        OFONO,
        MODEM_PATH,
        VCM,
        "Dial",
        "ss",
        "+358401234567",
        "",
    ]);
    assert!(dialled.status.success(), "{dialled:?}");
    let path = String::from_utf8_lossy(&dialled.stdout).trim().to_string();
    let path = path
        .strip_prefix("o ")
        .unwrap()
        .trim_matches('"')
        .to_string();
    assert_eq!(path, format!("{MODEM_PATH}/voicecall01"));
    expect_line(
        &monitor,
        &["CallAdded", &path, "'dialing'", "+358401234567"],
    );
    expect_line(&monitor, &["PropertyChanged", "('State', <'alerting'>)"]);
    let started = Instant::now();
    expect_line(&monitor, &["PropertyChanged", "('State', <'active'>)"]);
    let answered = started.elapsed();
    assert!(
        answered > Duration::from_millis(1200) && answered < Duration::from_secs(3),
        "the other side answers 2 s after dialling: {answered:?} after alerting"
    );
    let properties = call(&bus, &path, "org.ofono.VoiceCall.GetProperties", &[]).unwrap();
    assert!(properties.contains("'StartTime'"), "{properties}");
    let hung = bus.busctl(&["call", OFONO, &path, "org.ofono.VoiceCall", "Hangup"]);
    assert!(hung.status.success(), "{hung:?}");
    expect_line(&monitor, &["DisconnectReason", "'local'"]);
    expect_line(&monitor, &["('State', <'disconnected'>)"]);
    expect_line(&monitor, &["CallRemoved", &path]);
    assert_eq!(
        call(&bus, MODEM_PATH, "org.ofono.VoiceCallManager.GetCalls", &[]).unwrap(),
        "(@a(oa{sv}) [],)"
    );
    let recent = call(
        &bus,
        "/org/opencabin/Phonebook1",
        "org.opencabin.Phonebook1.PullAll",
        &["cch"],
    )
    .unwrap();
    let first = recent.split("END:VCARD").next().unwrap();
    assert!(
        first.contains("+358401234567") && first.contains("DIALED"),
        "{first}"
    );
    assert!(
        first.contains("Aino Virtanen"),
        "the number matched the phonebook: {first}"
    );
}

#[test]
fn a_second_call_waits_then_is_held_swapped_and_released_as_ofono_does() {
    let bus = TestBus::start();
    let _phone = phone(&bus);
    let first = path_in(
        &call(
            &bus,
            SIM,
            "org.opencabin.PhoneSim1.IncomingCall",
            &["'0401234567'"],
        )
        .unwrap(),
    );
    wait_state(&bus, &first, "incoming");
    call(&bus, &first, "org.ofono.VoiceCall.Answer", &[]).unwrap();
    wait_state(&bus, &first, "active");
    let second = path_in(
        &call(
            &bus,
            SIM,
            "org.opencabin.PhoneSim1.IncomingCall",
            &["'+44 7700 900123'"],
        )
        .unwrap(),
    );
    wait_state(&bus, &second, "waiting");
    let refused = call(&bus, &second, "org.ofono.VoiceCall.Answer", &[]).unwrap_err();
    assert!(refused.contains("org.ofono.Error.Failed"), "{refused}");
    let refused = call(
        &bus,
        MODEM_PATH,
        "org.ofono.VoiceCallManager.SwapCalls",
        &[],
    )
    .unwrap_err();
    assert!(refused.contains("org.ofono.Error.Failed"), "{refused}");
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.VoiceCallManager.HoldAndAnswer",
        &[],
    )
    .unwrap();
    wait_state(&bus, &first, "held");
    wait_state(&bus, &second, "active");
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.VoiceCallManager.SwapCalls",
        &[],
    )
    .unwrap();
    wait_state(&bus, &first, "active");
    wait_state(&bus, &second, "held");
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.VoiceCallManager.ReleaseAndSwap",
        &[],
    )
    .unwrap();
    wait_gone(&bus, &first);
    wait_state(&bus, &second, "active");
    let third = path_in(&call(&bus, SIM, "org.opencabin.PhoneSim1.IncomingCall", &["''"]).unwrap());
    wait_state(&bus, &third, "waiting");
    let calls = call(&bus, MODEM_PATH, "org.ofono.VoiceCallManager.GetCalls", &[]).unwrap();
    assert!(
        calls.contains("'withheld'"),
        "a hidden number is withheld: {calls}"
    );
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.VoiceCallManager.ReleaseAndAnswer",
        &[],
    )
    .unwrap();
    wait_state(&bus, &third, "active");
    wait_gone(&bus, &second);
    call(
        &bus,
        SIM,
        "org.opencabin.PhoneSim1.RemoteHangup",
        &[&format!("objectpath '{third}'"), "0.2"],
    )
    .unwrap();
    wait_gone(&bus, &third);
    let recent = call(
        &bus,
        "/org/opencabin/Phonebook1",
        "org.opencabin.Phonebook1.PullAll",
        &["cch"],
    )
    .unwrap();
    assert!(recent.contains("RECEIVED"), "{recent}");
}

#[test]
fn the_phonebook_comes_as_vcard_with_chinese_names_and_pinyin() {
    let bus = TestBus::start();
    let _phone = phone(&bus);
    let book = call(
        &bus,
        "/org/opencabin/Phonebook1",
        "org.opencabin.Phonebook1.PullAll",
        &["pb"],
    )
    .unwrap();
    let text = book.replace("\\r\\n", "\n");
    let cards =
        opencabin::phone::parse_vcards(text.trim_start_matches("('").trim_end_matches("',)"))
            .unwrap();
    assert!(cards.len() >= 10, "{}", cards.len());
    let zhang = cards
        .iter()
        .find(|c| c.name == "张伟")
        .expect("张伟 in the phonebook");
    assert_eq!(zhang.phonetic, "Zhang Wei");
    assert!(cards.iter().any(|c| c.name == "Aino Virtanen"));
    let err = call(
        &bus,
        "/org/opencabin/Phonebook1",
        "org.opencabin.Phonebook1.PullAll",
        &["'spd'"],
    )
    .unwrap_err();
    assert!(err.contains("org.ofono.Error.InvalidArguments"), "{err}");
}

#[test]
fn the_live_service_matches_the_committed_introspection() {
    let bus = TestBus::start();
    let _phone = phone(&bus);
    let modem = include_str!("../assets/dbus/org.ofono.hfp-modem.xml");
    bus.assert_serves(OFONO, MODEM_PATH, modem);
    let sim = include_str!("../assets/dbus/org.opencabin.PhoneSim1.xml");
    bus.assert_serves(OFONO, SIM, sim);
    let book = include_str!("../assets/dbus/org.opencabin.Phonebook1.xml");
    bus.assert_serves(OFONO, "/org/opencabin/Phonebook1", book);
    let arrived = call(
        &bus,
        SIM,
        "org.opencabin.PhoneSim1.IncomingCall",
        &["'0401234567'"],
    );
    let path = path_in(&arrived.unwrap());
    wait_state(&bus, &path, "incoming");
    bus.assert_serves(
        OFONO,
        &path,
        include_str!("../assets/dbus/org.ofono.VoiceCall.xml"),
    );
}
