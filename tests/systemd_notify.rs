//! The services speak systemd's notify protocol as `Type=notify` units with `WatchdogSec=` need:
//! each sends `READY=1` once its bus name is owned, then `WATCHDOG=1` at half the interval.
//! Received on a real datagram socket, as systemd would.

mod common;

use std::os::unix::net::UnixDatagram;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{TestBus, temp_dir};
use opencabin::process::ChildProcess;

fn notifications(service: &[&str], name: &str) {
    let bus = TestBus::start();
    let dir = temp_dir(&format!("notify-{name}"));
    let socket_path = dir.join("notify");
    let socket = UnixDatagram::bind(&socket_path).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut command = common::opencabin();
    command
        .args(["--bus", bus.address()])
        .args(service)
        .env("NOTIFY_SOCKET", &socket_path)
        .env("WATCHDOG_USEC", "400000")
        .stdin(Stdio::null());
    let started = Instant::now();
    let _service = ChildProcess::spawn(name, &mut command).unwrap();
    let mut buffer = [0u8; 256];
    let mut received = Vec::new();
    while received
        .iter()
        .filter(|m: &&String| *m == "WATCHDOG=1")
        .count()
        < 3
    {
        let n = socket
            .recv(&mut buffer)
            .expect("a notification within 10 s");
        received.push(String::from_utf8_lossy(&buffer[..n]).into_owned());
        if received.len() == 1 {
            assert_eq!(received[0], "READY=1", "{name}: ready first");
            // Ready means the name is on the bus: the daemon names its owner to another client.
            // (Not `busctl status`, which also reads the owner's cgroup and fails where no
            // cgroup file system is mounted, as in a chroot.)
            let owner = bus.busctl(&[
                "call",
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus",
                "GetNameOwner",
                "s",
                name,
            ]);
            assert!(
                owner.status.success(),
                "{name} owned when READY=1 arrives: {}",
                String::from_utf8_lossy(&owner.stderr)
            );
        }
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(3),
        "{name}: three watchdog kicks at 0.2 s took {elapsed:?}"
    );
}

#[test]
fn both_services_say_ready_and_feed_the_watchdog() {
    notifications(&["vehicle-service"], "org.opencabin.Vehicle1");
    notifications(&["media-service"], "org.mpris.MediaPlayer2.opencabin");
}
