//! Media from the phone, against the real media service: what the car plays pushed to the live
//! page, pause and skip sent through MPRIS and read back with playerctl, "continue on phone"
//! pausing the car and answering the track and the position it paused at; no player, an unknown
//! action, a foreign origin and no token each refused by name, changing nothing.

use std::time::Duration;

use serde_json::Value;

use crate::common::temp_dir;
use crate::fixture::{Car, Reply};
use crate::socket::{Socket, hello, next, open};

/// Reads pushed states until one's `media` satisfies `wanted`, within 5 s.
async fn until(page: &mut Socket, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no push with {what}"
        );
        let state = next(page).await.expect("a state");
        if wanted(&state["media"]) {
            return state["media"].clone();
        }
    }
}

fn json(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|err| panic!("{err}: {reply:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_sees_what_plays_pauses_skips_and_continues_it() {
    let car = Car::start(&temp_dir("companion-media").join("companion.toml"));
    let (token, _) = car.pair("Aino's phone");
    let action = |name: &str, token: Option<&str>| {
        car.post("/api/media", &format!(r#"{{"action": "{name}"}}"#), token)
    };
    let playerctl = |args: &[&str]| car.bus.playerctl("opencabin", args);

    // No player on the bus yet.
    let state = json(&car.get_state(&token));
    assert_eq!(state["media"]["available"], false, "{state}");
    let reply = action("next", Some(&token));
    assert_eq!(
        (reply.status, reply.field("error").as_str()),
        (503, "NoPlayer")
    );

    let mut page = open(car.port, &car.origin()).await.unwrap();
    hello(&mut page, &token).await;
    let _media = car.bus.media_service(&["--play"]);
    let playing = until(&mut page, "the player playing", |m| m["playing"] == true).await;
    let title = playerctl(&["metadata", "xesam:title"]).unwrap();
    assert_eq!(playing["title"], title.as_str(), "{playing}");
    let identity = car.bus.get_property(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2",
        "Identity",
    );
    let player = playing["player"].as_str().unwrap();
    assert_eq!(identity, Some(format!("s \"{player}\"")), "{playing}");
    assert!(playing["length_s"].as_f64().unwrap() > 0.0, "{playing}");

    // Pause, through the player's own method.
    let reply = action("pause", Some(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(playerctl(&["status"]).as_deref(), Some("Paused"));
    until(&mut page, "paused", |m| m["playing"] == false).await;

    // Refused: no token, a forged one, an action that does not exist. The player stays paused.
    assert_eq!(action("play", None).status, 401);
    assert_eq!(action("play", Some(&"0".repeat(64))).status, 401);
    let reply = action("seek", Some(&token));
    assert_eq!(reply.status, 422, "{reply:?}");
    let message = reply.field("message");
    assert!(
        message.contains("`play_pause`, `play`, `pause`, `next`, `previous`"),
        "names the five: {message}"
    );
    let auth = format!("Authorization: Bearer {token}");
    let json_type = "Content-Type: application/json";
    let foreign = [
        "-H",
        "Origin: http://evil.example",
        "-H",
        &auth,
        "-H",
        json_type,
    ];
    let body = ["-d", r#"{"action": "play"}"#];
    let reply = car.curl("POST", "/api/media", &[&foreign[..], &body].concat());
    assert_eq!(reply.status, 403, "a foreign Origin: {reply:?}");
    assert_eq!(playerctl(&["status"]).as_deref(), Some("Paused"));

    // Next: the car's next track, pushed to the page.
    let reply = action("next", Some(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    let next_title = playerctl(&["metadata", "xesam:title"]).unwrap();
    assert_ne!(next_title, title, "next changes the track");
    let skipped = until(&mut page, "the next track", |m| {
        m["title"] == next_title.as_str()
    })
    .await;
    assert_eq!(
        skipped["playing"], false,
        "skipping keeps it paused: {skipped}"
    );

    // Continue on phone: playing from 42 s, the hand-off says where and the car pauses.
    assert_eq!(action("play", Some(&token)).status, 200);
    assert!(playerctl(&["position", "42"]).is_some());
    until(&mut page, "playing from 42 s", |m| {
        m["playing"] == true && m["position_s"].as_f64() >= Some(42.0)
    })
    .await;
    assert_eq!(car.post("/api/media/continue", "", None).status, 401);
    let still = playerctl(&["status"]);
    assert_eq!(still.as_deref(), Some("Playing"), "no token: still playing");
    let reply = car.post("/api/media/continue", "", Some(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    let handoff = json(&reply);
    assert_eq!(handoff["title"], next_title.as_str(), "{handoff}");
    assert_eq!(handoff["was_playing"], true, "{handoff}");
    let at = handoff["position_s"].as_f64().unwrap();
    assert!((42.0..44.0).contains(&at), "{handoff}");
    assert_eq!(playerctl(&["status"]).as_deref(), Some("Paused"));
    let paused_at: f64 = playerctl(&["position"]).unwrap().parse().unwrap();
    assert!(
        (paused_at - at).abs() < 0.1,
        "paused at {paused_at}, handed {at}"
    );
}
