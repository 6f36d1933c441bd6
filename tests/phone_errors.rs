//! The mock phone refuses bad input with oFono's named errors (`org.ofono.Error.*`) and changes
//! nothing: malformed and USSD-like numbers, a 1 MB number, a bad caller-id option, an unknown
//! call, out-of-range volumes and levels, unknown properties; it keeps answering, and the writes
//! it takes are announced with oFono's `PropertyChanged`.

mod common;

use common::TestBus;
use common::phone::{OFONO, SIM, call, expect_line, phone};
use opencabin::contract::phone::{MODEM_PATH, VoiceCallManagerProxy};

/// `Dial(number, "")` from a zbus client; the error it gets, as text.
fn dial_with_zbus(bus: &TestBus, number: &str) -> String {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dialled = runtime.block_on(async {
        let connection = bus.choice().connect().await.expect("the private bus");
        let proxy = VoiceCallManagerProxy::builder(&connection)
            .path(MODEM_PATH)
            .build()
            .await
            .expect("a proxy");
        proxy.dial(number, "").await
    });
    match dialled {
        Ok(path) => panic!("dialled {path:?}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn bad_input_gets_ofono_named_errors_and_the_phone_keeps_answering() {
    let bus = TestBus::start();
    let _phone = phone(&bus);
    let dial = |number: &str| {
        call(
            &bus,
            MODEM_PATH,
            "org.ofono.VoiceCallManager.Dial",
            &[number, "''"],
        )
    };
    for number in ["'040 123 4567'", "'040-1234567'", "'*100#'", "''", "'+'"] {
        let err = dial(number).unwrap_err();
        assert!(
            err.contains("org.ofono.Error.InvalidFormat"),
            "{number}: {err}"
        );
    }
    // 1 MB is over what a command line can carry: sent by a zbus client, through the proxy.
    let err = dial_with_zbus(&bus, &"1".repeat(1 << 20));
    assert!(
        err.contains("org.ofono.Error.InvalidFormat") && err.len() < 400,
        "{err:.400}"
    );
    let unknown_call = format!("objectpath '{MODEM_PATH}/voicecall09'");
    let refusals: [(&str, &str, &[&str], &str); 8] = [
        (
            MODEM_PATH,
            "VoiceCallManager.Dial",
            &["'0401234567'", "'hide'"],
            "InvalidFormat",
        ),
        (
            SIM,
            "opencabin.PhoneSim1.RemoteHangup",
            &[&unknown_call, "0"],
            "NotFound",
        ),
        (
            MODEM_PATH,
            "CallVolume.SetProperty",
            &["SpeakerVolume", "<byte 200>"],
            "InvalidFormat",
        ),
        (
            MODEM_PATH,
            "CallVolume.SetProperty",
            &["SpeakerVolume", "<'loud'>"],
            "InvalidArguments",
        ),
        (
            MODEM_PATH,
            "Modem.SetProperty",
            &["Name", "<'x'>"],
            "InvalidArguments",
        ),
        // No call, no tones.
        (
            MODEM_PATH,
            "VoiceCallManager.SendTones",
            &["'123'"],
            "Failed",
        ),
        (
            SIM,
            "opencabin.PhoneSim1.SetBatteryChargeLevel",
            &["byte 9"],
            "InvalidArguments",
        ),
        (
            SIM,
            "opencabin.PhoneSim1.SetAnswerDelay",
            &["1e9"],
            "InvalidArguments",
        ),
    ];
    for (path, member, args, error) in refusals {
        let method = match member.strip_prefix("opencabin.") {
            Some(own) => format!("org.opencabin.{own}"),
            None => format!("org.ofono.{member}"),
        };
        let err = call(&bus, path, &method, args).unwrap_err();
        assert!(
            err.contains(&format!("org.ofono.Error.{error}")),
            "{method} {args:?}: {err}"
        );
    }
    // A method of a call's interface on the modem: the bus's own error, as for a real oFono.
    let err = call(&bus, MODEM_PATH, "org.ofono.VoiceCall.Answer", &[]).unwrap_err();
    assert!(
        err.contains("UnknownMethod") || err.contains("UnknownInterface"),
        "{err}"
    );
    // Still answering, and nothing was changed by the refused calls.
    let calls = call(&bus, MODEM_PATH, "org.ofono.VoiceCallManager.GetCalls", &[]).unwrap();
    assert_eq!(calls, "(@a(oa{sv}) [],)");
    let volume = call(&bus, MODEM_PATH, "org.ofono.CallVolume.GetProperties", &[]).unwrap();
    assert!(volume.contains("'SpeakerVolume': <byte 0x3c>"), "{volume}");
    // Writes that are allowed are announced with oFono's PropertyChanged.
    let monitor = bus.monitor(OFONO);
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.CallVolume.SetProperty",
        &["Muted", "<true>"],
    )
    .unwrap();
    expect_line(
        &monitor,
        &["org.ofono.CallVolume.PropertyChanged", "('Muted', <true>)"],
    );
    call(
        &bus,
        SIM,
        "org.opencabin.PhoneSim1.SetSignalStrength",
        &["byte 35"],
    )
    .unwrap();
    expect_line(
        &monitor,
        &[
            "org.ofono.NetworkRegistration.PropertyChanged",
            "('Strength', <byte 0x23>)",
        ],
    );
    call(
        &bus,
        MODEM_PATH,
        "org.ofono.Modem.SetProperty",
        &["Online", "<false>"],
    )
    .unwrap();
    let err = dial("'0401234567'").unwrap_err();
    assert!(err.contains("org.ofono.Error.NotAvailable"), "{err}");
}
