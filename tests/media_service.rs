//! The media service as an MPRIS2 client sees it, through the real `busctl` on a private bus.

mod common;

use std::time::Duration;

use common::{TestBus, wait_for};

#[test]
fn the_player_owns_its_mpris_name_and_answers_identity() {
    let bus = TestBus::start();
    let _service = bus.spawn(&["media-service"]);
    let identity = wait_for(Duration::from_secs(10), "Identity on the bus", || {
        bus.get_property(
            "org.mpris.MediaPlayer2.opencabin",
            "/org/mpris/MediaPlayer2",
            "org.mpris.MediaPlayer2",
            "Identity",
        )
    });
    assert_eq!(identity, r#"s "OpenCabin Player""#);
    let can_quit = bus.get_property(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2",
        "CanQuit",
    );
    assert_eq!(can_quit.as_deref(), Some("b false"));
}
