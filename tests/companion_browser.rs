//! The phone page in a real browser, from the car's own QR code (#16): a real `opencabin ui`
//! window in Xvfb with the vehicle, navigation, media and companion services on a private bus.
//! The car offers a pairing; its screenshot (`Shell1.SaveScreenshot`) is decoded with `zbarimg`,
//! and the link it holds is what headless Chromium (driven by `tests/browser/phone_page.py`
//! through Debian's chromedriver and python3-selenium) opens: it pairs with the link's secret,
//! sees the live charge change, warms the cabin, starts preconditioning, sends a destination,
//! pauses (or plays) the music and skips a track, each read back on the bus. The car's list
//! then shows the phone connected; a second phone pairs by typing the code the car shows, and
//! its page reconnects by itself each time the companion is killed and started again (3 times).

#[path = "common/mod.rs"]
mod common;
#[path = "companion/fixture.rs"]
mod fixture;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{Xvfb, temp_dir, wait_for};
use fixture::Car;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/phone_page.py");

/// What the QR codes in a PNG hold, as `zbarimg` decodes them; None when it finds none.
fn decode_qr(png: &Path) -> Option<String> {
    let output = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(png)
        .output()
        .expect("zbarimg runs (package zbar-tools)");
    let text = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Runs the browser script against the car; panics with its output unless every step passed.
/// `args` come last (`--restart-companion` takes the rest).
fn phone_page(car: &Car, args: &[&str], screenshot: &Path) {
    let output = Command::new("/usr/bin/python3")
        .arg(SCRIPT)
        .args(["--bus", car.bus.address()])
        .arg("--screenshot")
        .arg(screenshot)
        .args(args)
        .output()
        .expect("python3 runs (package python3-selenium)");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    print!("{stdout}");
}

/// A string property of Companion1 without busctl's type and quotes.
fn text(car: &Car, property: &str) -> String {
    let value = car.property(property).unwrap_or_default();
    value.trim_start_matches("s ").trim_matches('"').to_string()
}

/// The car's window as a PNG, through Shell1.
fn car_screenshot(car: &Car, path: &Path) -> bool {
    car.bus
        .gdbus_call(
            "org.opencabin.Shell1",
            "/org/opencabin/Shell1",
            "org.opencabin.Shell1.SaveScreenshot",
            &[path.to_str().unwrap()],
        )
        .is_ok()
}

#[test]
fn a_phone_pairs_from_the_cars_qr_code_and_drives_the_car_from_its_browser() {
    let dir = temp_dir("companion-browser");
    let mut car = Car::start(&dir.join("companion.toml"));
    let places = dir.join("places.toml");
    let _navigation = car
        .bus
        .spawn(&["navigation-service", "--places", places.to_str().unwrap()]);
    let _media = car.bus.media_service(&["--play"]);
    let xvfb = Xvfb::start();
    let _ui = xvfb.spawn_ui(&car.bus, &dir.join("settings.toml"), &["--size", "800x480"]);
    wait_for(Duration::from_secs(30), "Shell1 on the bus", || {
        car.bus.get_property(
            "org.opencabin.Shell1",
            "/org/opencabin/Shell1",
            "org.opencabin.Shell1",
            "CurrentPage",
        )
    });

    // The car offers a pairing; its smallest screen shows a QR code a reader decodes.
    car.call("StartPairing", &[]).expect("StartPairing");
    let offered = text(&car, "PairingUrl");
    let shot = dir.join("car-pairing.png");
    let link = wait_for(Duration::from_secs(10), "the QR code on the car", || {
        car_screenshot(&car, &shot)
            .then(|| decode_qr(&shot))
            .flatten()
            .filter(|link| *link == offered)
    });

    let phone_shot = dir.join("phone-qr.png");
    phone_page(&car, &["--url", &link], &phone_shot);
    let phones = car.property("PairedPhones").expect("PairedPhones");
    assert!(phones.contains("\"Test phone\""), "{phones}");
    // The secret is used up: the car's QR code is gone.
    assert_eq!(text(&car, "PairingUrl"), "");

    // A second phone types the code instead; its page then rides out the companion killed and
    // started again three times (the script starts it; the test starts its own once more).
    let code = car.offer_code();
    let plain = format!("{}/", car.origin());
    let listen = format!("127.0.0.1:{}", car.port);
    let state = car.state.to_str().unwrap();
    let restart = [
        "--restart-companion",
        common::BIN,
        "--bus",
        car.bus.address(),
        "companion",
        "--listen",
        &listen,
        "--state",
        state,
    ];
    let args = [&["--url", &plain, "--code", &code], &restart[..]].concat();
    phone_page(&car, &args, &dir.join("phone-code.png"));
    car.start_companion();
    let phones = car.property("PairedPhones").expect("PairedPhones");
    assert_eq!(phones.matches("\"Test phone\"").count(), 2, "{phones}");
}
