//! A misbehaving client: 16 tasks on 4 connections write `Climate.DriverTargetTemperature` as
//! fast as the service answers, for 3 s, while another client (its own connection, its own
//! runtime on its own thread) reads `Drive.Speed` every 50 ms. Its round trips must stay short,
//! and the service must still do what it is asked afterwards.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use zbus::zvariant::Variant;

use crate::common::TestBus;
use crate::usage::{Usage, memory_mib};
use crate::{connect, interface, percentiles, properties, runtime};

const FLOOD: Duration = Duration::from_secs(3);
const CONNECTIONS: usize = 4;
const TASKS_PER_CONNECTION: usize = 4;
const READ_EVERY: Duration = Duration::from_millis(50);
/// A reading shown 250 ms late is a quarter of a second behind the car: still "at once" to a
/// driver (the cluster's dials glide 120 ms anyway); a starved reader would wait whole seconds.
const BOUND: Duration = Duration::from_millis(250);

/// Reads `Drive.Speed` every 50 ms until `stop`, on a runtime of its own; the round trips.
fn reader(bus: &TestBus, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<Vec<Duration>> {
    let address = bus.address().to_string();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let connection = zbus::connection::Builder::address(address.as_str())
                .build()
                .await
                .expect("the reader connects");
            let state = properties(&connection).await;
            let mut times = Vec::new();
            let mut ticks = tokio::time::interval(READ_EVERY);
            while !stop.load(Ordering::Relaxed) {
                ticks.tick().await;
                let asked = Instant::now();
                state
                    .get(interface("Drive"), "Speed")
                    .await
                    .expect("the service answers the reader");
                times.push(asked.elapsed());
            }
            times
        })
    })
}

#[test]
fn a_client_flooding_a_setter_starves_no_other_reader() {
    let _turn = crate::one_at_a_time();
    let bus = TestBus::start();
    let service = crate::vehicle_at_100_hz(&bus);
    let rt = runtime();
    let flooders = rt.block_on(join_all((0..CONNECTIONS).map(|_| connect(&bus))));
    let (stop, calls) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicU64::new(0)),
    );

    let cpu = Usage::now(service.pid());
    let started = Instant::now();
    let reading = reader(&bus, stop.clone());
    let tasks: Vec<_> = flooders
        .iter()
        .flat_map(|connection| (0..TASKS_PER_CONNECTION).map(move |task| (connection, task)))
        .map(|(connection, task)| {
            let (connection, stop, calls) = (connection.clone(), stop.clone(), calls.clone());
            rt.spawn(async move {
                let climate = properties(&connection).await;
                let mut n = task;
                while !stop.load(Ordering::Relaxed) {
                    let value = if n % 2 == 0 { 20.0 } else { 21.5 };
                    climate
                        .set(
                            interface("Climate"),
                            "DriverTargetTemperature",
                            &Variant::from(value),
                        )
                        .await
                        .expect("the service takes each write");
                    calls.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
            })
        })
        .collect();
    crate::common::wait_for(FLOOD * 2, "the flood's time", || {
        (started.elapsed() >= FLOOD).then_some(())
    });
    stop.store(true, Ordering::Relaxed);
    rt.block_on(join_all(tasks))
        .into_iter()
        .for_each(|task| task.expect("a flooding task ends"));
    let flooded = started.elapsed();
    let mut times = reading.join().expect("the reader ends");
    let cpu = cpu.percent_since();

    // The service still does what it is asked, and says so to a client.
    let climate = rt.block_on(properties(&flooders[0]));
    rt.block_on(climate.set(
        interface("Climate"),
        "DriverTargetTemperature",
        &Variant::from(23.5),
    ))
    .expect("a write after the flood");
    let after = rt
        .block_on(climate.get(interface("Climate"), "DriverTargetTemperature"))
        .expect("a read after the flood");
    assert_eq!(f64::try_from(&*after).ok(), Some(23.5));

    let calls = calls.load(Ordering::Relaxed);
    let reads = times.len();
    let (p50, p99, max) = percentiles(&mut times);
    println!(
        "flood: {calls} writes in {flooded:.1?} ({:.0}/s) from {} tasks; {reads} reads every \
         {READ_EVERY:?}: round trip p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms; vehicle \
         service {cpu:.1} % of a core, peak RSS {:.1} MiB",
        calls as f64 / flooded.as_secs_f64(),
        CONNECTIONS * TASKS_PER_CONNECTION,
        memory_mib(service.pid(), "VmHWM"),
    );
    assert!(
        calls as f64 >= 1000.0 * FLOOD.as_secs_f64(),
        "a flood of at least 1000 writes a second: {calls} in {flooded:?}"
    );
    assert!(
        reads as f64 >= 0.5 * FLOOD.as_secs_f64() / READ_EVERY.as_secs_f64(),
        "the reader kept reading: {reads} reads"
    );
    assert!(
        max <= BOUND.as_secs_f64() * 1000.0,
        "every read answered within {BOUND:?} during the flood: p99 {p99:.1} ms, max {max:.1} ms"
    );
}
