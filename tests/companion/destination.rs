//! Sending the car a destination from the phone, with the real vehicle, navigation and
//! companion on a private bus: a search over HTTP finds a place; a place and a `geo:` link sent
//! make navigation guide there with the phone named as the sender (read back over busctl); a
//! bad `geo:` link, a point far from any road and a request without a token change nothing;
//! and the phone may send one while the car moves (the car's own screen may not type one).

use std::time::Duration;

use crate::common::{temp_dir, wait_for};
use crate::fixture::{Car, Reply};

/// A car with navigation and a phone named "Aino's phone" paired: the car and its token.
fn car_with_phone(name: &str) -> (Car, String) {
    let dir = temp_dir(name);
    let mut car = Car::start(&dir.join("companion.toml"));
    car.start_navigation(&dir.join("places.toml"));
    let (token, _) = car.pair("Aino's phone");
    (car, token)
}

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|err| panic!("JSON ({err}): {reply:?}"))
}

/// What navigation guides to and who sent it, as busctl reads them.
fn guided(car: &Car) -> (String, String) {
    let destination = car.navigation_property("Destination").unwrap();
    let sender = car.navigation_property("DestinationSender").unwrap();
    (destination, sender)
}

/// Sends `body` to `/api/destination` as Aino's phone, which must be taken: what navigation
/// then guides to, after checking it says Aino's phone sent it.
fn send_from_aino(car: &Car, token: &str, body: &str) -> String {
    let reply = car.post("/api/destination", body, Some(token));
    assert_eq!(reply.status, 200, "{reply:?}");
    let (destination, sender) = guided(car);
    assert_eq!(sender, r#"s "Aino\'s phone""#);
    destination
}

#[test]
fn a_phone_finds_a_place_sends_it_and_a_geo_link_and_navigation_guides_there() {
    let (car, token) = car_with_phone("companion-destination");
    assert_eq!(
        car.navigation_property("Active").as_deref(),
        Some("b false")
    );

    let reply = car.get("/api/places?q=Lonnrotinkatu", &token);
    assert_eq!(reply.status, 200, "{reply:?}");
    let found = json(&reply);
    let first = &found["places"][0];
    assert_eq!(first["name"], "Lönnrotinkatu", "{found}");
    assert_eq!(first["category"], "street", "{found}");
    let id = first["id"].as_str().unwrap().to_string();
    let empty = json(&car.get("/api/places?q=", &token));
    assert_eq!(empty["places"].as_array().map(Vec::len), Some(0), "{empty}");

    let body = serde_json::json!({ "place": id }).to_string();
    let reply = car.post("/api/destination", &body, Some(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    let sent = json(&reply);
    assert_eq!(sent["destination"]["name"], "Lönnrotinkatu", "{sent}");
    assert_eq!(sent["sender"], "Aino's phone", "{sent}");
    assert_eq!(car.navigation_property("Active").as_deref(), Some("b true"));
    let (destination, sender) = guided(&car);
    // busctl writes UTF-8 as octal escapes, and escapes the apostrophe.
    assert!(
        destination.contains(r#""street:L\303\266nnrotinkatu""#),
        "{destination}"
    );
    assert_eq!(sender, r#"s "Aino\'s phone""#);

    // A geo: link pasted from a map app.
    let destination = send_from_aino(&car, &token, r#"{"geo": " geo:60.1699,24.9384;u=20 "}"#);
    assert!(
        destination.starts_with("(sssddd) \"geo:60.16990,24.93840\""),
        "{destination}"
    );
    let remaining: f64 = car.navigation_property("DistanceRemaining").unwrap()[2..]
        .parse()
        .unwrap();
    assert!(remaining > 0.0, "a route to the point: {remaining}");
}

#[test]
fn bad_geo_links_far_points_and_requests_without_a_token_change_nothing() {
    let (car, token) = car_with_phone("companion-destination-refused");
    let reply = car.post(
        "/api/destination",
        r#"{"geo": "geo:60.1699,24.9384"}"#,
        Some(&token),
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    let before = guided(&car);
    let unchanged = |what: &str| assert_eq!(guided(&car), before, "{what} changed it");

    for (body, error, says) in [
        (
            r#"{"geo": "https://maps.example/?ll=60,24"}"#,
            "InvalidGeoUri",
            "not a geo: link",
        ),
        (
            r#"{"geo": "geo:91,24.9"}"#,
            "InvalidGeoUri",
            "latitude 91 is out of range",
        ),
        (
            r#"{"geo": "geo:60.17;24.93"}"#,
            "InvalidGeoUri",
            "latitude,longitude",
        ),
        (r#"{"geo": "geo:0,0?q=Kamppi"}"#, "InvalidGeoUri", "search"),
        (
            r#"{"geo": "geo:59.5,24.9"}"#,
            "org.opencabin.Navigation1.Error.NotNearRoad",
            "not near any road",
        ),
        (
            r#"{"place": "place:999999"}"#,
            "org.opencabin.Navigation1.Error.UnknownPlace",
            "place:999999",
        ),
        (
            r#"{"place": "street:x", "geo": "geo:1,2"}"#,
            "BadRequest",
            "either",
        ),
    ] {
        let reply = car.post("/api/destination", body, Some(&token));
        assert_eq!(reply.status, 400, "{body}: {reply:?}");
        assert_eq!(reply.field("error"), error, "{body}: {reply:?}");
        assert!(reply.field("message").contains(says), "{body}: {reply:?}");
        unchanged(body);
    }
    let reply = car.post("/api/destination", r#"{"to": "home"}"#, Some(&token));
    assert_eq!(reply.status, 422, "{reply:?}");
    assert!(
        reply.field("message").contains("unknown field"),
        "{reply:?}"
    );
    let long = format!(r#"{{"geo": "geo:60.1699,24.9384;p={}"}}"#, "x".repeat(300));
    let reply = car.post("/api/destination", &long, Some(&token));
    assert_eq!(
        (reply.status, reply.field("error")),
        (400, "TooLong".into())
    );
    let reply = car.get(&format!("/api/places?q={}", "a".repeat(201)), &token);
    assert_eq!(
        (reply.status, reply.field("error")),
        (400, "TooLong".into())
    );

    // No token, a forged one, or another site's page: 401 or 403, and nothing changes.
    let elsewhere = r#"{"place": "street:Lönnrotinkatu"}"#;
    assert_eq!(car.post("/api/destination", elsewhere, None).status, 401);
    let forged = "0".repeat(64);
    assert_eq!(
        car.post("/api/destination", elsewhere, Some(&forged))
            .status,
        401
    );
    assert_eq!(car.curl("GET", "/api/places?q=cafe", &[]).status, 401);
    let auth = format!("Authorization: Bearer {token}");
    let reply = car.curl(
        "POST",
        "/api/destination",
        &[
            "-H",
            "Origin: http://evil.example",
            "-H",
            &auth,
            "-H",
            "Content-Type: application/json",
            "-d",
            elsewhere,
        ],
    );
    assert_eq!(reply.status, 403, "{reply:?}");
    unchanged("a request without a valid token or origin");
}

#[test]
fn the_phone_may_send_a_destination_while_the_car_moves() {
    let (car, token) = car_with_phone("companion-destination-moving");
    car.simulate("SetManualSpeed", &["30.0"]);
    wait_for(Duration::from_secs(10), "the car moving", || {
        (car.bus.vehicle_property("Drive", "DrivingState") == "s \"moving\"").then_some(())
    });
    // Allowed while moving.
    let destination = send_from_aino(&car, &token, r#"{"geo": "geo:60.1699,24.9384"}"#);
    assert!(
        destination.contains("geo:60.16990,24.93840"),
        "{destination}"
    );
}
