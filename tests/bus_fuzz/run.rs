//! The fuzzing loop: proptest draws sequences of calls (each a seed and a mode), every call is
//! sent raw and its answer classified, and after every sequence the service must still answer
//! and its invariants hold. The figures (calls, refusals by name, members reached) are returned.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use zbus::Structure;

use crate::call::{Answer, choose, send, signature_of};
use crate::invariants::{Snapshot, snapshot};
use crate::surface::Surface;
use crate::values::{Pool, Rng};

/// The service under test.
pub struct Target {
    pub service: &'static str,
    /// The prefixes of the service's own error names, e.g. `org.opencabin.Vehicle1.Error.`.
    pub errors: &'static [&'static str],
    /// What must hold after every sequence; each violation is one line.
    pub invariants: fn(&Snapshot) -> Vec<String>,
}

/// Refusals by D-Bus itself or zbus that name what was wrong.
const NAMED_BY_DBUS: &[&str] = &[
    "org.freedesktop.DBus.Error.UnknownMethod",
    "org.freedesktop.DBus.Error.UnknownObject",
    "org.freedesktop.DBus.Error.UnknownInterface",
    "org.freedesktop.DBus.Error.UnknownProperty",
    "org.freedesktop.DBus.Error.InvalidArgs",
    "org.freedesktop.DBus.Error.InvalidSignature",
    "org.freedesktop.DBus.Error.PropertyReadOnly",
    "org.freedesktop.DBus.Error.NotSupported",
];

/// The longest refusal message allowed: an error quotes the input cut short, not whole.
const MESSAGE_LIMIT: usize = 1024;

/// zbus's own refusals, which quote the unknown name the caller sent, whole.
const ECHOED_BY_ZBUS: &[&str] = &[
    "org.freedesktop.DBus.Error.UnknownMethod",
    "org.freedesktop.DBus.Error.UnknownObject",
    "org.freedesktop.DBus.Error.UnknownInterface",
    "org.freedesktop.DBus.Error.UnknownProperty",
];

#[derive(Default, Debug)]
pub struct Report {
    pub calls: usize,
    pub sequences: usize,
    pub refused: BTreeMap<String, usize>,
    /// The first message of each refusal, with the call it answered.
    pub examples: BTreeMap<String, String>,
    pub listed: BTreeSet<String>,
    pub reached: BTreeSet<String>,
    pub elapsed: Duration,
}

impl Report {
    /// One example of each refusal, one per line.
    pub fn examples(&self) -> String {
        self.examples
            .iter()
            .map(|(name, e)| format!("  {name}: {e}\n"))
            .collect()
    }

    pub fn summary(&self, service: &str) -> String {
        let refused: usize = self.refused.values().sum();
        format!(
            "{service}: {} calls in {} sequences, {:.1} s; {} refused with a named error ({}); \
             {}/{} members reached",
            self.calls,
            self.sequences,
            self.elapsed.as_secs_f64(),
            refused,
            self.refused
                .iter()
                .map(|(n, c)| format!("{n} {c}"))
                .collect::<Vec<_>>()
                .join(", "),
            self.reached.intersection(&self.listed).count(),
            self.listed.len()
        )
    }
}

/// Fuzzes `target` on the bus at `address` with at least `calls` calls.
pub fn fuzz(address: &str, target: &Target, calls: usize) -> Report {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let connection =
        runtime.block_on(async { zbus::connection::Builder::address(address).build().await });
    let connection = connection.expect("the fuzzer connects to the bus");
    let seed: u64 = std::env::var("OPENCABIN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(fresh_seed);
    println!(
        "{}: seed {seed} (OPENCABIN_FUZZ_SEED replays it)",
        target.service
    );
    let state = std::cell::RefCell::new((Report::default(), Pool::default()));
    let started = Instant::now();
    let sequence = prop::collection::vec((any::<u64>(), 0u8..100), 1..40);
    // Rounds of fresh runners (a runner runs its cases once) until enough calls were made.
    for round in 0u64.. {
        if state.borrow().0.calls >= calls {
            break;
        }
        let mut seed_bytes = [0u8; 32];
        seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
        seed_bytes[8..16].copy_from_slice(&round.to_le_bytes());
        let remaining = calls - state.borrow().0.calls;
        let config = Config {
            cases: 1 + remaining as u32 / 20,
            failure_persistence: None,
            max_shrink_iters: 0,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(
            config,
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
        );
        let result = runner.run(&sequence, |steps| {
            let (report, pool) = &mut *state.borrow_mut();
            runtime
                .block_on(run_sequence(&connection, target, &steps, report, pool))
                .map_err(TestCaseError::fail)
        });
        match result {
            Ok(()) => {}
            Err(TestError::Fail(why, steps)) => {
                panic!(
                    "{}: {why} (in a sequence of {} calls)",
                    target.service,
                    steps.len()
                )
            }
            Err(TestError::Abort(why)) => panic!("{}: {why}", target.service),
        }
    }
    let mut report = state.into_inner().0;
    report.elapsed = started.elapsed();
    report
}

/// A seed that differs from run to run (std's hasher keys are random per process).
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(0u8)
}

async fn run_sequence(
    connection: &zbus::Connection,
    target: &Target,
    steps: &[(u64, u8)],
    report: &mut Report,
    pool: &mut Pool,
) -> Result<(), String> {
    let surface = Surface::discover(connection, target.service)
        .await
        .map_err(|e| format!("the service does not answer Introspect: {e}"))?;
    for word in &surface.words {
        pool.add_word(word);
    }
    report
        .listed
        .extend(surface.members.iter().map(|m| m.key()));
    report
        .listed
        .extend(surface.members.iter().filter_map(|m| match m.kind {
            crate::surface::Kind::Property { writable: true, .. } => Some(format!("{}=", m.key())),
            _ => None,
        }));
    report.sequences += 1;
    for &(seed, mode) in steps {
        let mut rng = Rng::new(seed);
        let call = choose(&mut rng, pool, &surface, mode);
        report.calls += 1;
        let what = || {
            format!(
                "{}.{}({}) on {}",
                call.interface,
                call.member,
                signature_of(&call),
                call.path
            )
        };
        match send(connection, target.service, &call).await {
            Answer::Reply(reply) => {
                let body = reply.body();
                if let Ok(body) = body.deserialize::<Structure>() {
                    body.fields().iter().for_each(|v| pool.learn_from_value(v));
                }
            }
            Answer::Refused { name, message } => {
                let named = NAMED_BY_DBUS.contains(&name.as_str())
                    || target.errors.iter().any(|prefix| name.starts_with(prefix));
                if message.len() > MESSAGE_LIMIT && !ECHOED_BY_ZBUS.contains(&name.as_str()) {
                    let start: String = message.chars().take(80).collect();
                    return Err(format!(
                        "{} was refused with a {} byte message (it echoes the input?): {start}…",
                        what(),
                        message.len()
                    ));
                }
                if !named || message.trim().is_empty() {
                    return Err(format!(
                        "{} was refused without a named error: {name}: {message:?}",
                        what()
                    ));
                }
                pool.learn_from_error(&message);
                let example: String = format!("{}: {message}", what()).chars().take(160).collect();
                report.examples.entry(name.clone()).or_insert(example);
                *report.refused.entry(name).or_default() += 1;
            }
            Answer::Silent(why) => return Err(format!("{} got no answer: {why}", what())),
        }
        if let Some(key) = &call.reaches {
            report.reached.insert(key.clone());
        }
    }
    check(connection, target).await
}

/// The service still answers (`Peer.Ping`) and every invariant holds.
async fn check(connection: &zbus::Connection, target: &Target) -> Result<(), String> {
    let ping = connection.call_method(
        Some(target.service),
        "/",
        Some("org.freedesktop.DBus.Peer"),
        "Ping",
        &(),
    );
    match tokio::time::timeout(Duration::from_secs(5), ping).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => return Err(format!("the service no longer answers Ping: {e}")),
        Err(_) => return Err("the service no longer answers Ping within 5 s".into()),
    }
    let surface = Surface::discover(connection, target.service)
        .await
        .map_err(|e| format!("the service does not answer Introspect: {e}"))?;
    let snapshot = snapshot(connection, target.service, &surface).await?;
    let violations = (target.invariants)(&snapshot);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(format!("invariants broken: {}", violations.join("; ")))
    }
}
