//! The companion page against the real vehicle service on a private bus, as a phone and the
//! car's pairing screen see it: pairing over `org.opencabin.Companion1` and HTTP, the API's
//! reads and writes (read back over busctl), every kind of refused request changing nothing,
//! the live WebSocket, the paired phones' file across restarts, sending a destination, media
//! (pause, skip, continue on phone); and under attack (#18): hostile requests, floods and slow
//! clients.

mod common;
#[path = "companion/destination.rs"]
mod destination;
#[path = "companion/fixture.rs"]
mod fixture;
#[path = "companion/floods.rs"]
mod floods;
#[path = "companion/hostile.rs"]
mod hostile;
#[path = "companion/live.rs"]
mod live;
#[path = "companion/media.rs"]
mod media;
#[path = "companion/precondition.rs"]
mod precondition;
#[path = "companion/recovery.rs"]
mod recovery;
#[path = "companion/requests.rs"]
mod requests;
#[path = "companion/socket.rs"]
mod socket;
#[path = "bus_load/usage.rs"]
mod usage;

use std::time::Duration;

use common::{temp_dir, wait_for};
use fixture::{Car, NAME, PATH};

#[test]
fn a_phone_pairs_with_the_code_and_reads_and_changes_the_car() {
    let car = Car::start(&temp_dir("companion-pair").join("companion.toml"));
    car.bus.assert_serves(
        NAME,
        PATH,
        include_str!("../assets/dbus/org.opencabin.Companion1.xml"),
    );
    assert_eq!(car.property("PairingCode").as_deref(), Some(r#"s """#));
    assert_eq!(car.property("PairingExpires").as_deref(), Some("x 0"));

    let code = car.offer_code();
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{code}"
    );
    let url = car.property("PairingUrl").unwrap();
    let prefix = format!("s \"{}/pair#", car.origin());
    assert!(url.starts_with(&prefix), "{url}");
    let expires: i64 = car.property("PairingExpires").unwrap()[2..]
        .parse()
        .unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!(
        (now + 115..=now + 121).contains(&expires),
        "{expires} vs {now}"
    );

    let body = serde_json::json!({"code": code, "name": "Aino's phone"}).to_string();
    let reply = car.post("/api/pair", &body, None);
    assert_eq!(reply.status, 200, "{reply:?}");
    let (token, id) = (reply.field("token"), reply.field("id"));
    assert_eq!(token.len(), 64);
    assert_eq!(
        car.property("PairingCode").as_deref(),
        Some(r#"s """#),
        "one use"
    );
    let phones = car.property("PairedPhones").unwrap();
    assert!(phones.starts_with("a(sssx) 1 "), "{phones}");
    // busctl escapes the apostrophe.
    assert!(
        phones.contains(&format!(r#""{id}" "Aino\'s phone""#)),
        "{phones}"
    );
    let stored = std::fs::read_to_string(&car.state).unwrap();
    assert!(!stored.contains(&token), "the token itself is never stored");

    // Reading.
    let state = car.get_state(&token);
    assert_eq!(state.status, 200, "{state:?}");
    let json: serde_json::Value = serde_json::from_str(&state.body).unwrap();
    assert_eq!(json["available"], true, "{json}");
    let charge = car.bus.vehicle_number("Battery", "StateOfCharge");
    assert!(
        (json["charge"].as_f64().unwrap() - charge).abs() < 1.0,
        "{json}"
    );

    // Writing through the vehicle's own setter, and its refusal.
    let reply = car.post("/api/climate", r#"{"target": 22.0}"#, Some(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(car.driver_target(), "d 22");
    let reply = car.post("/api/climate", r#"{"target": 40}"#, Some(&token));
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(
        reply.field("error"),
        "org.opencabin.Vehicle1.Error.OutOfRange"
    );
    let message = reply.field("message");
    assert!(message.contains("DriverTargetTemperature: 40") && message.contains("allowed"));
    assert_eq!(car.driver_target(), "d 22");

    // Unlocking a moving car is refused by the vehicle service; standing, it unlocks.
    car.simulate("SetManualSpeed", &["30.0"]);
    wait_for(Duration::from_secs(10), "the car moving", || {
        (car.bus.vehicle_property("Drive", "IsMoving") == "b true").then_some(())
    });
    let reply = car.post("/api/lock", r#"{"locked": false}"#, Some(&token));
    assert_eq!(reply.status, 409, "{reply:?}");
    assert_eq!(
        reply.field("error"),
        "org.opencabin.Vehicle1.Error.NotAllowedWhileMoving"
    );
    assert_eq!(car.bus.vehicle_property("Body", "Locked"), "b true");
    car.simulate("SetManualSpeed", &["0.0"]);
    wait_for(Duration::from_secs(20), "the car standing", || {
        (car.bus.vehicle_property("Drive", "IsMoving") == "b false").then_some(())
    });
    let reply = car.post("/api/lock", r#"{"locked": false}"#, Some(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(car.bus.vehicle_property("Body", "Locked"), "b false");

    // Revoking an id that is not paired names those that are.
    let err = car.call("Revoke", &["nosuchphone"]).unwrap_err();
    assert!(
        err.contains("org.opencabin.Companion1.Error.UnknownPhone"),
        "{err}"
    );
    assert!(err.contains(&format!("allowed: \"{id}\"")), "{err}");
}

#[test]
fn requests_without_a_valid_token_host_origin_or_size_are_refused_and_change_nothing() {
    let car = Car::start(&temp_dir("companion-refused").join("companion.toml"));
    let (token, id) = car.pair("Aino's phone");
    let before = car.driver_target();
    let write = r#"{"target": 25.0}"#;
    let unchanged = |what: &str| assert_eq!(car.driver_target(), before, "{what} changed it");

    let reply = car.curl("GET", "/api/state", &[]);
    assert_eq!(reply.status, 401, "no token: {reply:?}");
    assert_eq!(reply.field("error"), "Unauthorized");
    assert_eq!(
        car.post("/api/climate", write, None).status,
        401,
        "no token"
    );
    unchanged("no token");
    let forged = "0".repeat(64);
    assert_eq!(car.get_state(&forged).status, 401, "a forged token");
    assert_eq!(car.post("/api/climate", write, Some(&forged)).status, 401);
    unchanged("a forged token");

    // Host: a rebound name reaches the same socket but is refused, page and API alike.
    let auth = format!("Authorization: Bearer {token}");
    for path in ["/", "/api/state"] {
        let reply = car.curl("GET", path, &["-H", "Host: car.evil.example", "-H", &auth]);
        assert_eq!(reply.status, 421, "a wrong Host for {path}: {reply:?}");
    }
    // Origin: a write from another site, or with none, is refused even with the token.
    for origin in [
        "Origin: http://evil.example",
        "Origin: null",
        "X-No-Origin: 1",
    ] {
        let extra = [
            "-H",
            origin,
            "-H",
            &auth,
            "-H",
            "Content-Type: application/json",
        ];
        let reply = car.curl(
            "POST",
            "/api/climate",
            &[&extra[..], &["-d", write]].concat(),
        );
        assert_eq!(reply.status, 403, "{origin}: {reply:?}");
        assert_eq!(reply.field("error"), "WrongOrigin");
    }
    unchanged("a wrong Origin");

    // A 1 MB body.
    let big = format!(r#"{{"target": 25.0, "pad": "{}"}}"#, " ".repeat(1 << 20));
    let file = temp_dir("companion-big").join("big.json");
    std::fs::write(&file, big).unwrap();
    let reply = car.post(
        "/api/climate",
        &format!("@{}", file.display()),
        Some(&token),
    );
    assert_eq!(reply.status, 413, "a 1 MB body: {}", reply.status);
    unchanged("a 1 MB body");

    // A used code, a used secret, and ten wrong attempts in all.
    let code = car.offer_code();
    let pair = |proof: &str| car.post("/api/pair", &format!(r#"{{{proof}, "name": "x"}}"#), None);
    assert_eq!(pair(&format!(r#""code": "{code}""#)).status, 200);
    let reply = pair(&format!(r#""code": "{code}""#));
    assert_eq!(reply.status, 403, "a used code: {reply:?}");
    car.call("StartPairing", &[]).unwrap();
    let url = car.property("PairingUrl").unwrap();
    let secret = url
        .rsplit('#')
        .next()
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    assert_eq!(pair(&format!(r#""secret": "{secret}""#)).status, 200);
    assert_eq!(
        pair(&format!(r#""secret": "{secret}""#)).status,
        403,
        "a used secret"
    );
    let code = car.offer_code();
    let wrong = if code == "000000" { "000001" } else { "000000" };
    for attempt in 1..10 {
        let reply = pair(&format!(r#""code": "{wrong}""#));
        assert_eq!(reply.status, 403, "wrong attempt {attempt}: {reply:?}");
    }
    assert_eq!(
        pair(&format!(r#""code": "{wrong}""#)).status,
        429,
        "the tenth"
    );
    assert_eq!(
        pair(&format!(r#""code": "{code}""#)).status,
        403,
        "over after ten"
    );
    assert_eq!(car.property("PairingCode").as_deref(), Some(r#"s """#));

    // Revoked: the token stops working at once.
    assert_eq!(car.get_state(&token).status, 200);
    car.call("Revoke", &[&id]).unwrap();
    assert_eq!(car.get_state(&token).status, 401, "a revoked token");
    assert_eq!(car.post("/api/climate", write, Some(&token)).status, 401);
    unchanged("a revoked token");
    let phones = car.property("PairedPhones").unwrap();
    assert!(!phones.contains(&id), "{phones}");
    // The page itself needs no token.
    let page = car.curl("GET", "/pair", &[]);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<script src=\"/app.js\""),
        "{}",
        page.body
    );
}

#[test]
fn paired_phones_survive_a_restart_and_a_corrupt_file_is_kept_aside() {
    let dir = temp_dir("companion-restart");
    let mut car = Car::start(&dir.join("companion.toml"));
    let (token, id) = car.pair("Aino's phone");
    car.stop_companion();
    car.start_companion();
    let phones = car.property("PairedPhones").unwrap();
    // busctl escapes the apostrophe.
    assert!(
        phones.contains(&format!(r#""{id}" "Aino\'s phone""#)),
        "{phones}"
    );
    assert_eq!(
        car.get_state(&token).status,
        200,
        "the token works after a restart"
    );

    car.stop_companion();
    std::fs::write(&car.state, "[[phone]]\nid = 7\n").unwrap();
    car.start_companion();
    assert_eq!(car.property("PairedPhones").as_deref(), Some("a(sssx) 0"));
    assert_eq!(car.get_state(&token).status, 401);
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("companion.toml.broken-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        "[[phone]]\nid = 7\n"
    );
}
