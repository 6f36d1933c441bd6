//! The player's rules: commands, ends of tracks, loop and shuffle, clamping.

use super::*;

const S: i64 = 1_000_000;

fn track(n: u32, seconds: i64) -> Track {
    Track {
        id: format!("/org/opencabin/Media1/track/{n}"),
        title: format!("Track {n}"),
        artists: vec!["Artist".into()],
        album: "Album".into(),
        length_us: Some(seconds * S),
        art_url: None,
        url: None,
        track_number: Some(n),
    }
}

fn at(seconds: f64) -> Duration {
    Duration::from_secs_f64(seconds)
}

fn player() -> Player {
    Player::new(vec![track(1, 100), track(2, 200), track(3, 300)])
}

#[test]
fn position_runs_while_playing_and_holds_while_paused() {
    let mut p = player();
    p.play(at(0.0));
    assert_eq!(p.position_us(at(10.0)), 10 * S);
    p.pause(at(10.0));
    assert_eq!(p.position_us(at(50.0)), 10 * S);
    p.play(at(50.0));
    assert_eq!(p.position_us(at(55.0)), 15 * S);
    p.set_rate(2.0, at(55.0));
    assert_eq!(p.position_us(at(60.0)), 25 * S);
    p.stop(at(60.0));
    assert_eq!(p.position_us(at(70.0)), 0);
}

#[test]
fn next_and_previous_follow_the_loop_status() {
    let mut p = player();
    assert!(!p.can_go_previous());
    assert_eq!(p.previous(at(0.0)), Jump::Nothing);
    p.next(at(0.0));
    p.next(at(0.0));
    assert_eq!(p.current().unwrap().title, "Track 3");
    assert!(!p.can_go_next());
    assert_eq!(p.next(at(0.0)), Jump::Nothing);
    p.set_loop_status(LoopStatus::Playlist);
    assert!(p.can_go_next());
    p.next(at(0.0));
    assert_eq!(p.current().unwrap().title, "Track 1");
    assert!(p.can_go_previous());
}

#[test]
fn seeking_clamps_at_the_start_and_past_the_end_goes_to_the_next_track() {
    let mut p = player();
    p.play(at(0.0));
    assert_eq!(p.seek(-5 * S, at(2.0)), Jump::Seeked(0));
    assert_eq!(p.seek(30 * S, at(2.0)), Jump::Seeked(30 * S));
    assert_eq!(p.seek(500 * S, at(2.0)), Jump::TrackChanged);
    assert_eq!(p.current().unwrap().title, "Track 2");
    assert_eq!(p.position_us(at(2.0)), 0);
}

#[test]
fn set_position_ignores_stale_ids_and_positions_outside_the_track() {
    let mut p = player();
    p.play(at(0.0));
    let stale = "/org/opencabin/Media1/track/2";
    assert_eq!(p.set_position(stale, 5 * S, at(1.0)), Jump::Nothing);
    assert_eq!(
        p.set_position("/org/opencabin/Media1/track/1", -1, at(1.0)),
        Jump::Nothing
    );
    assert_eq!(
        p.set_position("/org/opencabin/Media1/track/1", 101 * S, at(1.0)),
        Jump::Nothing
    );
    assert_eq!(
        p.set_position("/org/opencabin/Media1/track/1", 50 * S, at(1.0)),
        Jump::Seeked(50 * S)
    );
}

#[test]
fn the_end_of_a_track_loops_it_goes_on_or_stops() {
    let mut p = player();
    p.play(at(0.0));
    assert_eq!(p.ends_at(at(0.0)), Some(at(100.0)));
    p.set_loop_status(LoopStatus::Track);
    assert_eq!(p.end_of_item(at(100.0), false), Jump::Seeked(0));
    assert_eq!(p.current().unwrap().title, "Track 1");
    p.set_loop_status(LoopStatus::None);
    assert_eq!(p.end_of_item(at(200.0), false), Jump::TrackChanged);
    assert_eq!(p.current().unwrap().title, "Track 2");
    p.next(at(200.0));
    p.end_of_item(at(500.0), false);
    assert_eq!(p.status(), PlaybackStatus::Stopped);
}

#[test]
fn volume_below_zero_is_zero_and_rate_zero_pauses() {
    let mut p = player();
    p.set_volume(-0.5);
    assert_eq!(p.volume(), 0.0);
    p.set_volume(0.4);
    assert_eq!(p.volume(), 0.4);
    p.play(at(0.0));
    p.set_rate(0.0, at(1.0));
    assert_eq!(p.status(), PlaybackStatus::Paused);
    assert_eq!(p.rate(), 1.0);
    p.set_rate(10.0, at(1.0));
    assert_eq!(p.rate(), MAXIMUM_RATE);
}

#[test]
fn shuffle_keeps_the_current_track_and_visits_every_track_once() {
    let mut p = Player::new((1..=8).map(|n| track(n, 60)).collect());
    p.next(at(0.0));
    p.set_shuffle(true);
    assert_eq!(p.current().unwrap().title, "Track 2");
    let mut seen = vec![p.current().unwrap().title.clone()];
    p.set_loop_status(LoopStatus::Playlist);
    for _ in 0..7 {
        p.next(at(0.0));
        seen.push(p.current().unwrap().title.clone());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 8);
}
