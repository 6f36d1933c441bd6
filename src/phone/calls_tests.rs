//! oFono's call-control rules on the mock's calls, without a bus.

use std::time::{Duration, Instant};

use super::*;

fn states(calls: &Calls) -> Vec<(u32, CallState)> {
    calls.live().map(|(id, c)| (id, c.state)).collect()
}

/// An active outgoing call, id 1.
fn one_active(now: Instant) -> Calls {
    let mut calls = Calls::default();
    assert_eq!(calls.dial("+358401234567", "", now), Ok(1));
    calls.advance(now + Duration::from_secs(3));
    calls.advance(now + Duration::from_secs(3));
    assert_eq!(states(&calls), [(1, CallState::Active)]);
    calls
}

#[test]
fn an_outgoing_call_goes_dialing_alerting_active_and_the_other_side_answers_after_2_s() {
    let now = Instant::now();
    let mut calls = Calls::default();
    let id = calls.dial("0401234567", "default", now).unwrap();
    assert_eq!(states(&calls), [(id, CallState::Dialing)]);
    calls.advance(now + ALERTING_AFTER);
    assert_eq!(states(&calls), [(id, CallState::Alerting)]);
    calls.advance(now + Duration::from_millis(1990));
    assert_eq!(states(&calls), [(id, CallState::Alerting)]);
    assert_eq!(calls.next_due(), Some(now + Duration::from_secs(2)));
    calls.advance(now + Duration::from_secs(2));
    assert_eq!(states(&calls), [(id, CallState::Active)]);
    assert!(calls.calls[&id].started.is_some());
    calls.hang_up(id, Reason::Local).unwrap();
    assert_eq!(calls.calls[&id].state, CallState::Disconnected);
    assert_eq!(calls.reap().len(), 1);
    assert!(calls.calls.is_empty());
}

#[test]
fn dial_refuses_bad_numbers_and_caller_id_options_and_a_ringing_call() {
    let now = Instant::now();
    let mut calls = Calls::default();
    for (number, clir) in [("040 123", ""), ("*100#", ""), ("0401234567", "hide")] {
        assert!(
            matches!(
                calls.dial(number, clir, now),
                Err(OfonoRefusal::InvalidFormat(_))
            ),
            "{number} {clir}"
        );
    }
    calls.arrive("0407654321").unwrap();
    assert!(matches!(
        calls.dial("0401234567", "", now),
        Err(OfonoRefusal::Failed(_))
    ));
}

#[test]
fn a_second_call_waits_and_hold_and_answer_holds_the_first() {
    let now = Instant::now();
    let mut calls = one_active(now);
    let second = calls.arrive("0407654321").unwrap();
    assert_eq!(second, 2);
    assert_eq!(
        states(&calls),
        [(1, CallState::Active), (2, CallState::Waiting)]
    );
    assert!(matches!(calls.answer(2), Err(OfonoRefusal::Failed(_))));
    assert!(matches!(calls.swap(), Err(OfonoRefusal::Failed(_))));
    assert!(matches!(
        calls.release_and_swap(),
        Err(OfonoRefusal::Failed(_))
    ));
    calls.hold_and_answer().unwrap();
    assert_eq!(
        states(&calls),
        [(1, CallState::Held), (2, CallState::Active)]
    );
    calls.swap().unwrap();
    assert_eq!(
        states(&calls),
        [(1, CallState::Active), (2, CallState::Held)]
    );
    calls.release_and_swap().unwrap();
    assert_eq!(states(&calls), [(2, CallState::Active)]);
    assert_eq!(calls.calls[&1].ended, Some(Reason::Local));
}

#[test]
fn release_and_answer_ends_the_active_call_and_answers_the_waiting_one() {
    let now = Instant::now();
    let mut calls = one_active(now);
    assert!(matches!(
        calls.release_and_answer(),
        Err(OfonoRefusal::Failed(_))
    ));
    calls.arrive("0407654321").unwrap();
    calls.release_and_answer().unwrap();
    assert_eq!(states(&calls), [(2, CallState::Active)]);
    calls.reap();
    // The lowest free id is used again.
    assert_eq!(calls.arrive("0401111111"), Ok(1));
}

#[test]
fn hanging_up_the_active_call_makes_the_waiting_one_ring() {
    let now = Instant::now();
    let mut calls = one_active(now);
    calls.arrive("0407654321").unwrap();
    calls.hang_up(1, Reason::Local).unwrap();
    assert_eq!(states(&calls), [(2, CallState::Incoming)]);
    calls.answer(2).unwrap();
    assert_eq!(states(&calls), [(2, CallState::Active)]);
}

#[test]
fn hangup_all_leaves_a_waiting_call_which_then_rings() {
    let now = Instant::now();
    let mut calls = one_active(now);
    calls.dial("0402222222", "", now).unwrap();
    assert_eq!(
        states(&calls),
        [(1, CallState::Held), (2, CallState::Dialing)]
    );
    calls.advance(now + Duration::from_secs(5));
    calls.advance(now + Duration::from_secs(5));
    assert!(matches!(
        calls.dial("0403333333", "", now),
        Err(OfonoRefusal::Failed(_))
    ));
    assert!(matches!(
        calls.hold_and_answer(),
        Err(OfonoRefusal::Failed(_))
    ));
    calls.arrive("0404444444").unwrap();
    assert!(matches!(
        calls.hold_and_answer(),
        Err(OfonoRefusal::Failed(_))
    ));
    calls.hang_up_all();
    assert_eq!(states(&calls), [(3, CallState::Incoming)]);
}

#[test]
fn the_other_side_hangs_up_when_told_and_an_unanswered_call_can_ring_for_ever() {
    let now = Instant::now();
    let mut calls = one_active(now);
    calls
        .remote_hangs_up(1, Duration::from_secs(4), now)
        .unwrap();
    calls.advance(now + Duration::from_secs(3));
    assert_eq!(states(&calls), [(1, CallState::Active)]);
    calls.advance(now + Duration::from_secs(4));
    assert_eq!(calls.calls[&1].ended, Some(Reason::Remote));
    assert!(matches!(
        calls.remote_hangs_up(9, Duration::ZERO, now),
        Err(OfonoRefusal::NotFound(_))
    ));
    calls.reap();
    calls.answer_after = None;
    let id = calls.dial("0401234567", "", now).unwrap();
    calls.advance(now + Duration::from_secs(600));
    calls.advance(now + Duration::from_secs(600));
    assert_eq!(states(&calls), [(id, CallState::Alerting)]);
}

#[test]
fn tones_need_an_active_call_and_dtmf_characters() {
    let now = Instant::now();
    let mut calls = Calls::default();
    assert!(matches!(
        calls.check_tones("1"),
        Err(OfonoRefusal::Failed(_))
    ));
    calls = one_active(now);
    assert!(calls.check_tones("0123456789*#ABCDabcdp").is_ok());
    assert!(matches!(
        calls.check_tones("12x"),
        Err(OfonoRefusal::InvalidFormat(_))
    ));
    assert!(matches!(
        calls.check_tones(""),
        Err(OfonoRefusal::InvalidFormat(_))
    ));
}
