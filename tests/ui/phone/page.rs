//! The phone page with the real mock phone and car: a contact found by its pinyin initials and
//! the keypad both dial (the mock's `GetCalls` shows the number); while the car moves the keypad
//! and search are gone and a recent call still dials. And media during calls: the playing player
//! (ours) is paused and resumed, one the driver had paused (mpv) stays paused.

use std::process::{Command, Stdio};
use std::time::Duration;

use i_slint_backend_testing::ElementHandle;
use opencabin::process::ChildProcess;
use opencabin::ui::Page;
use slint::{ComponentHandle, Model};

use super::super::harness::{Ui, press, show_page};
use super::{SIM, VCM, adapter, call, path_in, phone, wait_gone};
use crate::common::{on_ui, wait_for};

const MODEM: &str = opencabin::contract::phone::MODEM_PATH;

/// Waits until the phone has a call to `number` (as `Dial` got it) and returns its path.
fn wait_dialled(ui: &Ui, number: &str) -> String {
    let wanted = format!("'LineIdentification': <'{number}'>");
    let calls = wait_for(Duration::from_secs(5), number, || {
        let calls = call(&ui.bus, MODEM, &format!("{VCM}.GetCalls"), &[]).ok()?;
        calls.contains(&wanted).then_some(calls)
    });
    path_in(&calls)
}

fn hang_up_all(ui: &Ui, path: &str) {
    call(&ui.bus, MODEM, &format!("{VCM}.HangupAll"), &[]).unwrap();
    wait_gone(&ui.bus, path);
}

fn shown(ui: &Ui, label: &'static str) -> bool {
    on_ui(&ui.window, move |w| {
        ElementHandle::find_by_accessible_label(w, label).any(|e| e.size().height > 0.0)
    })
}

fn drive(ui: &Ui, kmh: &str, gear: &str) {
    let sim = |method: &str, args: &[&str]| {
        let method = format!("org.opencabin.Vehicle1.Simulation.{method}");
        ui.bus.gdbus_vehicle(&method, args).unwrap();
    };
    if kmh == "0.0" {
        sim("SetManualSpeed", &[kmh]);
        wait_for(Duration::from_secs(10), "the car standing", || {
            (ui.bus.vehicle_number("Drive", "Speed") == 0.0).then_some(())
        });
        sim("SetGear", &[gear]);
    } else {
        sim("SetGear", &[gear]);
        sim("SetManualSpeed", &[kmh]);
    }
}

pub fn page_dials(ui: &Ui) {
    let _vehicle = ui.bus.spawn(&["vehicle-service"]);
    let service = phone(&ui.bus);
    drive(ui, "0.0", "P");
    show_page(ui, Page::Phone);
    wait_for(Duration::from_secs(10), "the phonebook in the UI", || {
        (adapter(ui, |p| p.get_favourites().row_count()) >= 3).then_some(())
    });
    wait_for(Duration::from_secs(10), "the keypad while parked", || {
        shown(ui, "Keypad").then_some(())
    });

    press(&ui.window, "Phone lists: Contacts");
    press(&ui.window, "Search contacts");
    press(&ui.window, "z");
    press(&ui.window, "w");
    let found = wait_for(Duration::from_secs(5), "张伟 found by zw", || {
        let names: Vec<String> = adapter(ui, |p| {
            p.get_contacts()
                .iter()
                .map(|c| c.name.to_string())
                .collect()
        });
        (names.len() == 1).then_some(names)
    });
    assert_eq!(found, ["张伟"]);
    press(&ui.window, "张伟");
    let path = wait_dialled(ui, "+8613800138000");
    hang_up_all(ui, &path);

    press(&ui.window, "Hide");
    for digit in ["0", "4", "0", "1", "2", "3", "4", "5", "6", "7"] {
        press(&ui.window, digit);
    }
    press(&ui.window, "Call");
    let path = wait_dialled(ui, "0401234567");
    let caller = wait_for(Duration::from_secs(5), "the in-call bar", || {
        adapter(ui, |p| {
            p.get_in_call().then(|| p.get_call_caller().to_string())
        })
    });
    assert_eq!(
        caller, "Aino Virtanen",
        "the phonebook's name for 040 123 4567"
    );
    hang_up_all(ui, &path);

    drive(ui, "40.0", "D");
    wait_for(
        Duration::from_secs(10),
        "the keypad refused while moving",
        || {
            (shown(ui, "The keypad is unavailable while driving") && !shown(ui, "Keypad"))
                .then_some(())
        },
    );
    let search_enabled = on_ui(&ui.window, |w| {
        ElementHandle::find_by_accessible_label(w, "Search contacts")
            .any(|e| e.accessible_enabled() != Some(false))
    });
    assert!(!search_enabled, "no search while moving");
    press(&ui.window, "Phone lists: Recent calls");
    press(&ui.window, "Emma Nieminen");
    let path = wait_dialled(ui, "0403456789");
    hang_up_all(ui, &path);

    // The phone gone: the page says so; back: its lists return.
    drop(service);
    wait_for(
        Duration::from_secs(5),
        "the page saying the phone is gone",
        || shown(ui, NO_PHONE).then_some(()),
    );
    let _again = phone(&ui.bus);
    wait_for(
        Duration::from_secs(10),
        "the phone back on the page",
        || (!shown(ui, NO_PHONE) && shown(ui, "Emma Nieminen")).then_some(()),
    );
}

const NO_PHONE: &str = "No phone connected — waiting for the phone (oFono) on the bus";

fn mpv(ui: &Ui) -> ChildProcess {
    let track = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/media/demo-library/juniper-coast-01-morning-drive.ogg"
    );
    let mut command = Command::new("mpv");
    command
        .args([
            "--no-config",
            "--script=/usr/lib/mpv-mpris/mpris.so",
            "--no-video",
        ])
        .args([
            "--ao=null",
            "--no-terminal",
            "--idle=no",
            "--loop-file=inf",
            track,
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", ui.bus.address())
        .stdin(Stdio::null());
    ChildProcess::spawn("mpv", &mut command).expect("mpv runs (packages mpv, mpv-mpris)")
}

fn wait_status(ui: &Ui, player: &str, wanted: &str) {
    wait_for(
        Duration::from_secs(10),
        &format!("{player} {wanted}"),
        || (ui.bus.playerctl(player, &["status"]).as_deref() == Some(wanted)).then_some(()),
    );
}

pub fn media_pauses_for_calls(ui: &Ui) {
    let _phone = phone(&ui.bus);
    let _ours = ui.bus.media_service(&[]);
    let _mpv = mpv(ui);
    wait_status(ui, "mpv", "Playing");
    ui.bus.playerctl("mpv", &["pause"]);
    wait_status(ui, "mpv", "Paused");
    ui.bus.playerctl("opencabin", &["play"]);
    wait_status(ui, "opencabin", "Playing");
    // The UI must see both as they are (ours playing, mpv paused) before the call comes.
    wait_for(
        Duration::from_secs(10),
        "both players as they are in the UI",
        || {
            let playing: Vec<(String, bool)> = on_ui(&ui.window, |w| {
                let players = w.global::<opencabin::ui::MediaAdapter>().get_players();
                players
                    .iter()
                    .map(|p| (p.bus_name.to_string(), p.playing))
                    .collect()
            });
            let is = |suffix: &str, on: bool| {
                playing
                    .iter()
                    .any(|(name, p)| name.ends_with(suffix) && *p == on)
            };
            (is(".opencabin", true) && is(".mpv", false)).then_some(())
        },
    );

    let arrived = call(
        &ui.bus,
        SIM,
        "org.opencabin.PhoneSim1.IncomingCall",
        &["'0401234567'"],
    );
    let path = path_in(&arrived.unwrap());
    wait_status(ui, "opencabin", "Paused");
    press(&ui.window, "Answer call");
    call(&ui.bus, &path, "org.ofono.VoiceCall.Hangup", &[]).unwrap();
    wait_gone(&ui.bus, &path);
    wait_status(ui, "opencabin", "Playing");
    // Players are resumed one after the other in bus-name order, each call awaited: had mpv
    // (".mpv" sorts before ".opencabin") been resumed too, it would already play.
    assert_eq!(
        ui.bus.playerctl("mpv", &["status"]).as_deref(),
        Some("Paused"),
        "the player the driver paused stays paused"
    );
}
