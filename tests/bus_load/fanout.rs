//! Load: 50 clients, each its own connection, subscribed to the `PropertiesChanged` of every
//! vehicle interface while the service runs at 100 Hz and the car accelerates. Once the
//! simulation is paused, each client's last-seen value of every property must be what `GetAll`
//! answers, and every client must have received the same number of signals: none lost.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::future::join_all;
use zbus::{Connection, MatchRule, MessageStream, OwnedVariant};

use crate::common::{TestBus, wait_for};
use crate::usage::{Usage, memory_mib};
use crate::{PATH, VEHICLE, connect, daemon_pid, everything, properties, runtime, simulate};

const CLIENTS: usize = 50;

type Values = HashMap<String, HashMap<String, OwnedVariant>>;

/// What one client has seen: every property's last value, and how many signals brought them.
#[derive(Default)]
struct Seen {
    values: Values,
    signals: usize,
}

/// One subscribed client; its reader task applies each signal to what it has seen.
struct Subscriber {
    seen: Arc<Mutex<Seen>>,
    _connection: Connection,
}

impl Subscriber {
    /// Connects, subscribes, then takes every value from `GetAll` (the simulation is paused, so
    /// nothing changes between the two).
    async fn subscribe(bus: &TestBus) -> Subscriber {
        let connection = connect(bus).await;
        let rule = format!(
            "type='signal',sender='{VEHICLE}',path='{PATH}',\
             interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'"
        );
        let rule = MatchRule::try_from(rule.as_str()).unwrap();
        let mut stream = MessageStream::for_match_rule(rule, &connection, NonZeroUsize::new(256))
            .await
            .expect("subscribed");
        let values = everything(&properties(&connection).await).await;
        let seen = Arc::new(Mutex::new(Seen { values, signals: 0 }));
        let shared = seen.clone();
        tokio::spawn(async move {
            while let Some(Ok(message)) = stream.next().await {
                let (name, changed, invalidated): (
                    String,
                    HashMap<String, OwnedVariant>,
                    Vec<String>,
                ) = message
                    .body()
                    .deserialize()
                    .expect("a PropertiesChanged body");
                let mut seen = shared.lock().unwrap_or_else(PoisonError::into_inner);
                seen.signals += 1;
                let values = seen.values.entry(name).or_default();
                for gone in invalidated {
                    values.remove(&gone); // never sent; a value gone would differ from GetAll
                }
                values.extend(changed);
            }
        });
        Subscriber {
            seen,
            _connection: connection,
        }
    }

    /// The first property whose last-seen value differs from `truth`, if any.
    fn differs_from(&self, truth: &Values) -> Option<String> {
        let seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        for (interface, values) in truth {
            for (property, value) in values {
                let last = seen.values.get(interface).and_then(|v| v.get(property));
                if last != Some(value) {
                    return Some(format!("{interface}.{property}: {last:?}, not {value:?}"));
                }
            }
        }
        None
    }

    fn signals(&self) -> usize {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .signals
    }
}

#[test]
fn fifty_clients_at_100_hz_each_receive_the_final_value_of_every_property() {
    let _turn = crate::one_at_a_time();
    let bus = TestBus::start();
    let service = crate::vehicle_at_100_hz(&bus);
    let rt = runtime();
    let control = rt.block_on(connect(&bus));
    let daemon = rt.block_on(daemon_pid(&control));
    let state = rt.block_on(properties(&control));
    rt.block_on(crate::pause(&control));
    let clients: Vec<Subscriber> =
        rt.block_on(join_all((0..CLIENTS).map(|_| Subscriber::subscribe(&bus))));

    // Drive: every tick changes the speed, power and distances; the load runs until 50 km/h.
    let (service_cpu, daemon_cpu) = (Usage::now(service.pid()), Usage::now(daemon));
    let started = Instant::now();
    rt.block_on(async {
        simulate(&control, "Resume", &()).await;
        simulate(&control, "SetGear", &("D",)).await;
        simulate(&control, "SetManualSpeed", &(120.0,)).await;
    });
    let speed = crate::interface("Drive");
    wait_for(Duration::from_secs(30), "the car at 50 km/h", || {
        let value = rt.block_on(state.get(speed.clone(), "Speed")).ok()?;
        (f64::try_from(&*value).ok()? >= 50.0).then_some(())
    });
    rt.block_on(crate::pause(&control));
    let driven = started.elapsed();
    let truth = rt.block_on(everything(&state));
    crate::settle(
        Duration::from_secs(30),
        "every client to have the final value of every property",
        || {
            let counts: Vec<usize> = clients.iter().map(Subscriber::signals).collect();
            if counts.iter().any(|&n| n != counts[0]) {
                return Err(format!("signals received: {counts:?}"));
            }
            match clients
                .iter()
                .enumerate()
                .find_map(|(n, c)| Some((n, c.differs_from(&truth)?)))
            {
                Some((n, difference)) => Err(format!("client {n}: {difference}")),
                None => Ok(()),
            }
        },
    );
    let delivered = started.elapsed();
    let (service_cpu, daemon_cpu) = (service_cpu.percent_since(), daemon_cpu.percent_since());

    let counts: Vec<usize> = clients.iter().map(Subscriber::signals).collect();
    println!(
        "fan-out: {CLIENTS} clients, driven {driven:.1?} at 100 Hz, all delivered after \
         {delivered:.1?}; signals per client: min {} max {} ({:.0}/s); vehicle service {service_cpu:.1} % \
         of a core, peak RSS {:.1} MiB; dbus-daemon {daemon_cpu:.1} % of a core, peak RSS {:.1} MiB",
        counts.iter().min().unwrap(),
        counts.iter().max().unwrap(),
        counts[0] as f64 / driven.as_secs_f64(),
        memory_mib(service.pid(), "VmHWM"),
        memory_mib(daemon, "VmHWM"),
    );
    assert!(
        counts[0] as f64 >= 50.0 * driven.as_secs_f64(),
        "a load of at least 50 signals a second per client: {} in {driven:?}",
        counts[0]
    );
}
