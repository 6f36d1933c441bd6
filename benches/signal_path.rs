//! The path of the speed signal, hop by hop, in a release build: the vehicle service (its own
//! process, 20 Hz) publishes `Drive.Speed`; the signal arrives on the UI's connection; the
//! client's typed proxy and follower update the `DriveState` view; the crossing queues one
//! update to the UI thread; the adapters write `VehicleAdapter.speed-kmh`. Each hop is timed on
//! the UI process's monotonic clock (each speed value counted at its first appearance; the car
//! drives UDDS at 5x so that the values differ); the service's own cost per tick is its CPU time
//! over the run divided by its ticks. Slint's testing backend stands in for the window (no pixels are
//! drawn: `cargo bench --bench frames` times the renderer). Run with
//! `cargo bench --bench signal_path`; the figures go to docs/ARCHITECTURE.md.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use opencabin::bus::PrivateBus;
use opencabin::client::{Live, follow};
use opencabin::contract::vehicle::{self, ClimateProxy, ClimateState, DriveState};
use opencabin::process::ChildProcess;
use opencabin::shell::Shared;
use opencabin::ui::{AppWindow, ClimateAdapter, VehicleAdapter};
use opencabin::views::{Parts, UiState};
use slint::ComponentHandle;

const RUN: Duration = Duration::from_secs(20);
/// Driver targets written after the run, each waited for 200 ms.
const ROUND_TRIPS: u32 = 24;

/// When each published speed reached each hop.
#[derive(Default)]
struct Seen {
    signal: HashMap<u64, Instant>,
    view: HashMap<u64, Instant>,
    ui: HashMap<u64, Instant>,
    property: HashMap<u64, Instant>,
    /// Round trips: each driver target set, and when the climate adapter showed it.
    written: HashMap<u64, Instant>,
    target_shown: HashMap<u64, Instant>,
}

type Log = Arc<Mutex<Seen>>;

fn key(speed: f64) -> u64 {
    speed.to_bits()
}

static LOG: std::sync::OnceLock<Log> = std::sync::OnceLock::new();

/// The adapters, timed: the UI closure starts, then the property holds the value.
fn show_timed(window: &AppWindow, state: &UiState, parts: Parts) {
    let started = Instant::now();
    let speed = key(state.drive.speed_kmh);
    opencabin::ivi::show(window, state, parts);
    let shown = f64::from(window.global::<VehicleAdapter>().get_speed_kmh());
    let done = Instant::now();
    let mut log = LOG.get().unwrap().lock().unwrap();
    log.ui.entry(speed).or_insert(started);
    if (shown - state.drive.speed_kmh).abs() < 0.01 {
        log.property.entry(speed).or_insert(done);
    }
    let target = window.global::<ClimateAdapter>().get_driver_target();
    if state.climate.available {
        log.target_shown
            .entry(key(f64::from(target)))
            .or_insert(done);
    }
}

/// CPU time of a process so far (user + system), from /proc.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_secs_f64(ticks as f64 / 100.0)
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    if samples.is_empty() {
        return "no samples".into();
    }
    samples.sort();
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    format!(
        "{:.3} | {:.3} | {}",
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        samples.len()
    )
}

fn main() {
    i_slint_backend_testing::init_integration_test_with_system_time();
    LOG.set(Log::default()).ok();
    let bus = PrivateBus::start().expect("dbus-daemon");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_opencabin"));
    command
        .args([
            "--bus",
            bus.address(),
            "vehicle-service",
            "--speed-factor",
            "5",
        ])
        .env("RUST_LOG", "warn");
    let service = ChildProcess::spawn("vehicle-service", &mut command).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let window = AppWindow::new().unwrap();
    let shared = Shared::new(window.as_weak(), show_timed);
    let choice = bus.choice();
    let follower_shared = shared.clone();
    runtime.spawn(async move {
        let connection = choice.connect().await.unwrap();
        // The signal as it arrives on this connection, beside the proxy that follows it.
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface("org.freedesktop.DBus.Properties")
            .member("PropertiesChanged")
            .build()
            .unwrap();
        let mut signals = zbus::MessageStream::for_match_rule(rule, &connection, None)
            .await
            .unwrap();
        tokio::spawn(async move {
            while let Some(Ok(message)) = signals.next().await {
                let at = Instant::now();
                let body = message.body();
                let Ok((_, changed, _)) =
                    body.deserialize::<(String, HashMap<String, zbus::OwnedVariant>, Vec<String>)>(
                    )
                else {
                    continue;
                };
                if let Some(speed) = changed
                    .get("Speed")
                    .and_then(|v| v.downcast_ref::<f64>().ok())
                {
                    LOG.get()
                        .unwrap()
                        .lock()
                        .unwrap()
                        .signal
                        .entry(key(speed))
                        .or_insert(at);
                }
            }
        });
        let climate_shared = follower_shared.clone();
        let climate_connection = connection.clone();
        tokio::spawn(async move {
            follow::<ClimateState>(&climate_connection, vehicle::bus_name(), |view| {
                climate_shared.update(Parts::CLIMATE, |state| state.climate.update(view));
            })
            .await
            .unwrap();
        });
        // After the run: round trips, a driver target written and shown, 1 s apart.
        let writer = connection.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2) + RUN).await;
            let climate = ClimateProxy::new(&writer).await.unwrap();
            LOG.get().unwrap().lock().unwrap().target_shown.clear();
            // 16.0 to 27.5 °C but the 21.0 the car starts with: each value new to the window.
            for target in (0..ROUND_TRIPS)
                .map(|n| 16.0 + 0.5 * f64::from(n))
                .filter(|t| *t != 21.0)
            {
                let at = Instant::now();
                LOG.get()
                    .unwrap()
                    .lock()
                    .unwrap()
                    .written
                    .insert(key(target), at);
                climate.set_driver_target_temperature(target).await.unwrap();
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        let mut last = None;
        follow::<DriveState>(&connection, vehicle::bus_name(), |view| {
            if let Some(view) = view
                && last != Some(view.speed_kmh)
            {
                last = Some(view.speed_kmh);
                LOG.get()
                    .unwrap()
                    .lock()
                    .unwrap()
                    .view
                    .entry(key(view.speed_kmh))
                    .or_insert_with(Instant::now);
            }
            follower_shared.update(Parts::DRIVE, |state| {
                let live: &mut Live<DriveState> = &mut state.drive;
                live.update(view);
            });
        })
        .await
        .unwrap();
    });
    let pid = service.pid();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(2)); // the service starts and the UI goes live
        let cpu_before = cpu_time(pid);
        let started = Instant::now();
        std::thread::sleep(RUN);
        let cpu = cpu_time(pid) - cpu_before;
        let elapsed = started.elapsed();
        std::thread::sleep(Duration::from_millis(200) * (ROUND_TRIPS + 5));
        slint::quit_event_loop().unwrap();
        (cpu, elapsed)
    });
    window.show().unwrap();
    slint::run_event_loop_until_quit().unwrap();
    let (cpu, elapsed) = stopper.join().unwrap();
    drop(service);

    let log = LOG.get().unwrap().lock().unwrap();
    let hop = |from: &HashMap<u64, Instant>, to: &HashMap<u64, Instant>| {
        from.iter()
            .filter_map(|(k, a)| Some(to.get(k)?.saturating_duration_since(*a)))
            .collect::<Vec<_>>()
    };
    let ticks = elapsed.as_secs_f64() * 20.0;
    println!("| hop | median ms | p99 ms | samples |");
    println!("|---|---|---|---|");
    println!(
        "| service: tick, physics, publish (CPU per tick, 20 Hz) | {:.3} | | {:.0} ticks |",
        cpu.as_secs_f64() * 1000.0 / ticks,
        ticks
    );
    println!(
        "| followed view → UI thread runs the update (crossing queue) | {} |",
        percentiles(hop(&log.view, &log.ui))
    );
    println!(
        "| UI update → VehicleAdapter.speed-kmh holds it (adapters) | {} |",
        percentiles(hop(&log.ui, &log.property))
    );
    // The signal's arrival on the connection cannot be split from the proxy's handling of it:
    // the raw stream and the proxy's cache are two consumers of one message, run in either
    // order. This is an upper bound of the UI process's part, from the earlier of the two.
    let arrived: HashMap<u64, Instant> = log
        .view
        .iter()
        .map(|(k, at)| (*k, log.signal.get(k).map_or(*at, |s| (*s).min(*at))))
        .collect();
    println!(
        "| signal received → property (proxy cache, follower, crossing, adapters) | {} |",
        percentiles(hop(&arrived, &log.property))
    );
    println!(
        "| round trip: a property written through the proxy → the window shows the service's answer | {} |",
        percentiles(hop(&log.written, &log.target_shown))
    );
}
