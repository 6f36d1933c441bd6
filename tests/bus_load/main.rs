//! The vehicle service under load and misbehaving clients (issue #18), with real zbus
//! connections (and one hand-written socket) on a private bus: 50 subscribers at 100 Hz each see
//! the final value of every property (`fanout`), a client flooding a setter does not starve a
//! reader (`flood`), a subscriber that never reads stalls neither the service, the other
//! clients nor the IVI window (`stuck`), and at its queue limit the daemon drops what it cannot
//! queue for that subscriber and keeps it connected (`limit`). The figures are printed; the assertions hold what a
//! client would see, with generous bounds on time.

#[path = "../common/mod.rs"]
mod common;
mod fanout;
mod flood;
mod limit;
mod raw;
mod stuck;
mod usage;

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use zbus::names::InterfaceName;
use zbus::{Connection, MatchRule, MessageStream, OwnedVariant};

use common::TestBus;

pub const VEHICLE: &str = "org.opencabin.Vehicle1";
pub const PATH: &str = "/org/opencabin/Vehicle1";
/// Every interface of the vehicle that has properties.
pub const INTERFACES: [&str; 8] = [
    "Drive",
    "Battery",
    "Climate",
    "Body",
    "Tires",
    "Alerts",
    "Location",
    "Simulation",
];

/// The tests measure CPU and time on a small machine, so they take turns.
pub fn one_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// A connection of its own to the test's bus.
pub async fn connect(bus: &TestBus) -> Connection {
    zbus::connection::Builder::address(bus.address())
        .build()
        .await
        .expect("the bus accepts a connection")
}

/// Starts `vehicle-service --rate 100` and waits until it answers.
pub fn vehicle_at_100_hz(bus: &TestBus) -> opencabin::process::ChildProcess {
    let service = bus.spawn(&["vehicle-service", "--rate", "100"]);
    common::wait_for(Duration::from_secs(10), "the vehicle service", || {
        bus.vehicle_speed()
    });
    service
}

/// Calls `org.opencabin.Vehicle1.Simulation.<method>`; a refusal fails the test.
pub async fn simulate<B>(connection: &Connection, method: &str, body: &B)
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    connection
        .call_method(
            Some(VEHICLE),
            PATH,
            Some("org.opencabin.Vehicle1.Simulation"),
            method,
            body,
        )
        .await
        .unwrap_or_else(|e| panic!("Simulation.{method}: {e}"));
}

/// The `PropertiesChanged` of one vehicle interface, as a stream on `connection`.
pub async fn changes_of(connection: &Connection, short: &str) -> MessageStream {
    let rule = format!(
        "type='signal',sender='{VEHICLE}',path='{PATH}',interface='org.freedesktop.DBus.Properties',\
         member='PropertiesChanged',arg0='org.opencabin.Vehicle1.{short}'"
    );
    let rule = MatchRule::try_from(rule.as_str()).unwrap();
    MessageStream::for_match_rule(rule, connection, NonZeroUsize::new(256))
        .await
        .expect("subscribed")
}

/// Pauses the simulation and waits for the signal that says so: after it, nothing changes.
pub async fn pause(connection: &Connection) {
    let mut changes = changes_of(connection, "Simulation").await;
    simulate(connection, "Pause", &()).await;
    until_changed(&mut changes, "Paused", "the pause", |v| {
        bool::try_from(v) == Ok(true)
    })
    .await;
}

/// Waits (at most 5 s, else fails naming `what`) for a `PropertiesChanged` on `changes` that
/// carries `property` with a value `wanted` accepts.
pub async fn until_changed(
    changes: &mut MessageStream,
    property: &str,
    what: &str,
    wanted: impl Fn(&zbus::Variant<'_>) -> bool,
) {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), changes.next())
            .await
            .unwrap_or_else(|_| panic!("{what} signalled within 5 s"))
            .expect("the stream goes on")
            .expect("a message");
        let (_, changed, _): (String, HashMap<String, OwnedVariant>, Vec<String>) = message
            .body()
            .deserialize()
            .expect("a PropertiesChanged body");
        if changed.get(property).is_some_and(|v| wanted(v)) {
            return;
        }
    }
}

/// The standard Properties proxy of the vehicle's object on `connection`.
pub async fn properties(connection: &Connection) -> zbus::fdo::PropertiesProxy<'static> {
    zbus::fdo::PropertiesProxy::builder(connection)
        .destination(VEHICLE)
        .path(PATH)
        .build()
        .await
        .expect("a Properties proxy")
}

/// `Vehicle1.<interface>` as a full interface name.
pub fn interface(short: &str) -> InterfaceName<'static> {
    InterfaceName::try_from(format!("org.opencabin.Vehicle1.{short}")).unwrap()
}

/// Every property of every vehicle interface, by full interface name, as `GetAll` answers.
pub async fn everything(
    properties: &zbus::fdo::PropertiesProxy<'_>,
) -> HashMap<String, HashMap<String, OwnedVariant>> {
    let mut all = HashMap::new();
    for short in INTERFACES {
        let name = interface(short);
        let values = properties.get_all(name.clone()).await.expect("GetAll");
        all.insert(name.to_string(), values);
    }
    all
}

/// The dbus-daemon's own pid: the bus answers for its own name.
pub async fn daemon_pid(connection: &Connection) -> u32 {
    let dbus = zbus::fdo::DBusProxy::new(connection).await.unwrap();
    let name = zbus::names::BusName::try_from("org.freedesktop.DBus").unwrap();
    dbus.get_connection_unix_process_id(name)
        .await
        .expect("the daemon's pid")
}

/// Polls `check` every 20 ms until it passes, or fails after `timeout` with its last complaint.
pub fn settle(timeout: Duration, what: &str, mut check: impl FnMut() -> Result<(), String>) {
    let deadline = Instant::now() + timeout;
    loop {
        let Err(complaint) = check() else {
            return;
        };
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}: {complaint}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The median, 99th percentile and maximum of `times`, in ms.
pub fn percentiles(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(at(0.5)), ms(at(0.99)), ms(times[times.len() - 1]))
}
