//! What dbus-daemon does with a subscriber that never reads once its queue is full: on a daemon
//! like the test bus but with `max_outgoing_bytes` lowered from the test bus's 16 MiB to 64 KiB
//! (so that the limit is reached in seconds, not minutes at 100 Hz), the stuck client stays
//! connected, its queue stops growing at the limit, the daemon logs that it drops what would go
//! beyond ("Rejected: destination has a full message queue"), and the car's signals still reach
//! a normal client.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use opencabin::process::ChildProcess;

use crate::common::{opencabin, temp_dir, wait_for};
use crate::raw::RawClient;
use crate::stuck::queued_for;
use crate::{changes_of, interface, properties, simulate};

const LIMIT: u32 = 64 * 1024;

/// A private dbus-daemon with the test bus's policy and a low outgoing limit, its address, and
/// the file it logs to.
fn limited_daemon() -> (ChildProcess, String, PathBuf) {
    let dir = temp_dir("bus-load-limit");
    let (config, log) = (dir.join("bus.conf"), dir.join("bus.log"));
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="max_outgoing_bytes">{LIMIT}</limit>
</busconfig>
"#,
            std::env::temp_dir().display()
        ),
    )
    .unwrap();
    let mut command = Command::new("dbus-daemon");
    command
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--nopidfile", "--print-address=1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap());
    let mut daemon = ChildProcess::spawn("dbus-daemon", &mut command).expect("dbus-daemon starts");
    let mut address = String::new();
    BufReader::new(daemon.take_stdout().unwrap())
        .read_line(&mut address)
        .expect("the daemon's address");
    (daemon, address.trim().to_string(), log)
}

#[test]
fn at_its_limit_the_daemon_drops_messages_for_a_stuck_client_and_keeps_it() {
    let _turn = crate::one_at_a_time();
    let (_daemon, address, log) = limited_daemon();
    let mut command = opencabin();
    command
        .arg("--bus")
        .arg(&address)
        .args(["vehicle-service", "--rate", "100"]);
    let _service = ChildProcess::spawn("vehicle-service", &mut command).expect("opencabin starts");
    let rt = crate::runtime();
    let connect = || {
        rt.block_on(zbus::connection::Builder::address(address.as_str()).build())
            .expect("the bus accepts a connection")
    };
    let (control, normal) = (connect(), connect());
    let state = rt.block_on(properties(&control));
    wait_for(Duration::from_secs(10), "the vehicle service", || {
        rt.block_on(state.get(interface("Drive"), "Speed")).ok()
    });
    let mut drive = rt.block_on(changes_of(&normal, "Drive"));
    let received = Arc::new(AtomicUsize::new(0));
    let counted = received.clone();
    rt.spawn(async move {
        while let Some(Ok(_)) = drive.next().await {
            counted.fetch_add(1, Ordering::Relaxed);
        }
    });

    let stuck = RawClient::subscribe(&address, "type='signal'");
    rt.block_on(async {
        simulate(&control, "SetGear", &("D",)).await;
        simulate(&control, "SetManualSpeed", &(120.0,)).await;
    });
    let started = Instant::now();
    // The daemon names the bus itself as the destination of a broadcast it refuses to queue.
    wait_for(
        Duration::from_secs(15),
        "the daemon refusing the stuck client more",
        || {
            let logged = std::fs::read_to_string(&log).ok()?;
            logged
                .lines()
                .any(|l| {
                    l.contains("Rejected: destination has a full message queue")
                        && l.contains("member=\"PropertiesChanged\"")
                })
                .then_some(())
        },
    );
    let full_after = started.elapsed();
    let before = received.load(Ordering::Relaxed);
    wait_for(
        Duration::from_secs(5),
        "50 more signals for the normal client",
        || (received.load(Ordering::Relaxed) >= before + 50).then_some(()),
    );
    let stats = rt.block_on(queued_for(&control, &stuck.unique_name));
    let dbus = rt.block_on(zbus::fdo::DBusProxy::new(&control)).unwrap();
    let name = zbus::names::BusName::try_from(stuck.unique_name.as_str()).unwrap();
    let connected = rt.block_on(dbus.name_has_owner(name)).unwrap();
    let peak = stats.get("PeakOutgoingBytes").copied().unwrap_or_default();
    println!(
        "limit: with max_outgoing_bytes {LIMIT}, the stuck client {} was full after \
         {full_after:.1?}; its queue peaked at {peak} bytes ({} messages queued now); still \
         connected: {connected}; the daemon logs and drops the rest; the normal client got {} \
         Drive signals",
        stuck.unique_name,
        stats.get("OutgoingMessages").copied().unwrap_or_default(),
        received.load(Ordering::Relaxed),
    );
    assert!(
        connected,
        "the daemon does not disconnect a client for a full queue"
    );
    assert!(
        peak <= LIMIT + 16 * 1024,
        "the queue stops at the limit (plus the one message that crossed it): {stats:?}"
    );
}
