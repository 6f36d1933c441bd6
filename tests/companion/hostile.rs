//! The companion's HTTP surface under hostile requests (#18): proptest draws sequences of raw
//! requests (`requests.rs`), each sent on its own connection. Every answer must come within
//! 5 s and be a 4xx, a 101 for the live socket (whose token comes later), a 200 for the public
//! page files only, or a closed connection; never a 5xx. After every sequence the companion
//! still answers the paired phone, and nothing changed: the car's locks and target, the paired
//! phones, no pairing offered. `OPENCABIN_HTTP_FUZZ_REQUESTS` sets the number of requests
//! (2,000 in CI), `OPENCABIN_FUZZ_SEED` replays a run.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::common::temp_dir;
use crate::fixture::Car;
use crate::requests::{Draw, Known, PUBLIC, request};
use crate::usage;

fn requests_to_send() -> usize {
    std::env::var("OPENCABIN_HTTP_FUZZ_REQUESTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000)
}

/// What a request got: a status, or a connection closed (or reset) without one.
fn exchange(port: u16, bytes: &[u8]) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the companion accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // The server may answer and close before it has read it all: a failed write is fine.
    let _ = stream.write_all(bytes);
    let _ = stream.shutdown(Shutdown::Write);
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) if answer.len() < 64 * 1024 => answer.extend_from_slice(&buffer[..n]),
            Ok(_) => {}
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                panic!(
                    "no answer within 5 s to {:?}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
                )
            }
            Err(_) => break,
        }
    }
    let head = String::from_utf8_lossy(&answer[..answer.len().min(32)]).into_owned();
    let status = head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    Some(status)
}

/// The request's path, as the server's router sees it.
fn path_of(bytes: &[u8]) -> String {
    let line = bytes.split(|b| *b == b'\r').next().unwrap_or_default();
    let text = String::from_utf8_lossy(line);
    let target = text.split(' ').nth(1).unwrap_or_default();
    target.split('?').next().unwrap_or_default().to_string()
}

/// The quoted strings of a busctl value: the paired phones' ids, names and pairing dates,
/// without their last use (which the paired phone's own reads move on).
fn quoted(value: &str) -> Vec<String> {
    value
        .split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// What must not change, as the bus and the paired phone see it.
fn car_as_seen(car: &Car) -> Vec<String> {
    let phones = car.property("PairedPhones").expect("PairedPhones");
    let mut seen = vec![
        car.bus.vehicle_property("Body", "Locked"),
        car.driver_target(),
        car.property("PairingCode").expect("PairingCode"),
    ];
    seen.extend(quoted(&phones));
    seen
}

#[test]
fn hostile_http_requests_are_refused_and_change_nothing() {
    let mut car = Car::start(&temp_dir("companion-fuzz").join("companion.toml"));
    let (token, _) = car.pair("Aino's phone");
    car.simulate("Pause", &[]);
    let expired_code = car.offer_code();
    let url = car.property("PairingUrl").unwrap();
    let expired_secret = url.rsplit('#').next().unwrap().trim_end_matches('"');
    let known = Known {
        port: car.port,
        token: token.clone(),
        expired_code,
        expired_secret: expired_secret.to_string(),
    };
    car.call("CancelPairing", &[]).unwrap();
    let before = car_as_seen(&car);
    let pid = car.companion.as_ref().unwrap().pid();
    let seed: u64 = std::env::var("OPENCABIN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(fresh_seed);
    eprintln!("HTTP fuzz seed {seed} (OPENCABIN_FUZZ_SEED replays it)");
    let wanted = requests_to_send();
    let report = RefCell::new(Report::default());
    let started = Instant::now();
    let sequence = prop::collection::vec(any::<u64>(), 1..40);
    // Rounds of fresh runners (a runner runs its cases once) until enough requests were sent.
    for round in 0u64.. {
        let remaining = wanted.saturating_sub(report.borrow().sent);
        if remaining == 0 {
            break;
        }
        let mut seed_bytes = [0u8; 32];
        seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
        seed_bytes[8..16].copy_from_slice(&round.to_le_bytes());
        let config = Config {
            cases: 1 + remaining as u32 / 20,
            failure_persistence: None,
            max_shrink_iters: 0,
            ..Config::default()
        };
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
        let outcome = TestRunner::new_with_rng(config, rng).run(&sequence, |seeds| {
            let report = &mut *report.borrow_mut();
            run_sequence(&car, &known, &seeds, report).map_err(TestCaseError::fail)?;
            prop_assert_eq!(
                car.get_state(&token).status,
                200,
                "the paired phone is answered"
            );
            prop_assert_eq!(&car_as_seen(&car), &before, "nothing changed");
            report
                .warm
                .get_or_insert_with(|| usage::memory_mib(pid, "VmRSS"));
            Ok(())
        });
        if let Err(err) = outcome {
            panic!("HTTP fuzz (seed {seed}): {err}");
        }
    }
    let report = report.into_inner();
    let rss = usage::memory_mib(pid, "VmRSS");
    let peak = usage::memory_mib(pid, "VmHWM");
    let warm = report.warm.unwrap_or(rss);
    eprintln!(
        "HTTP fuzz: {} requests in {} sequences, {:.0} s, slowest answer {:?}; answers {:?}; \
         companion RSS {warm:.1} -> {rss:.1} MiB, peak {peak:.1} MiB",
        report.sent,
        report.sequences,
        started.elapsed().as_secs_f64(),
        report.slowest,
        report.statuses
    );
    assert!(
        rss - warm < 16.0,
        "the companion grew {:.1} MiB",
        rss - warm
    );
    assert!(
        !car.companion.as_mut().unwrap().has_exited(),
        "the companion runs"
    );
}

#[derive(Default)]
struct Report {
    sent: usize,
    sequences: usize,
    statuses: BTreeMap<String, usize>,
    slowest: Duration,
    /// The companion's RSS after the first sequence, MiB.
    warm: Option<f64>,
}

/// Sends one sequence's requests, each checked.
fn run_sequence(
    car: &Car,
    known: &Known,
    seeds: &[u64],
    report: &mut Report,
) -> Result<(), String> {
    for seed in seeds {
        let bytes = request(&mut Draw::new(*seed), known);
        let asked = Instant::now();
        let status = exchange(car.port, &bytes);
        report.slowest = report.slowest.max(asked.elapsed());
        report.sent += 1;
        let path = path_of(&bytes);
        let key = status.map_or("closed".to_string(), |s| s.to_string());
        *report.statuses.entry(key).or_default() += 1;
        let allowed = match status {
            None => true,
            Some(101) => path == "/api/live",
            Some(200..=299) => PUBLIC.contains(&path.as_str()),
            Some(400..=499) => true,
            Some(_) => false,
        };
        if !allowed {
            let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]);
            return Err(format!("{status:?} for {shown:?}"));
        }
    }
    report.sequences += 1;
    Ok(())
}

/// A seed that differs from run to run (std's hasher keys are random per process).
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(0u8)
}
