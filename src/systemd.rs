//! Telling systemd how a service is doing (`sd_notify`, written out: one datagram to
//! `$NOTIFY_SOCKET`): `READY=1` once the bus name is owned, and `WATCHDOG=1` at half the unit's
//! `WatchdogSec` while the service still answers on the bus. Outside systemd nothing is sent.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use zbus::Connection;

/// Sends one notification, e.g. `READY=1`; without `$NOTIFY_SOCKET` it does nothing.
pub fn notify(state: &str) {
    let Some(socket) = std::env::var_os("NOTIFY_SOCKET") else {
        return;
    };
    let sent = UnixDatagram::unbound().and_then(|datagram| {
        let path = socket.to_string_lossy();
        if let Some(name) = path.strip_prefix('@') {
            use std::os::linux::net::SocketAddrExt;
            let address = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())?;
            datagram.send_to_addr(state.as_bytes(), &address)
        } else {
            datagram.send_to(state.as_bytes(), &*socket)
        }
    });
    if let Err(err) = sent {
        tracing::warn!(%err, state, "cannot notify systemd");
    }
}

/// Half the watchdog interval systemd asks for, if it asks this process.
pub fn watchdog_period() -> Option<Duration> {
    let usec: u64 = std::env::var("WATCHDOG_USEC").ok()?.parse().ok()?;
    if let Ok(pid) = std::env::var("WATCHDOG_PID")
        && pid.parse::<u32>().ok() != Some(std::process::id())
    {
        return None;
    }
    (usec > 0).then(|| Duration::from_micros(usec / 2))
}

/// Says the service is ready, and keeps the watchdog fed while `connection` still answers a
/// round trip through the bus to its own name (so a hung object server stops the feeding).
pub fn ready(connection: &Connection, own_name: &str) {
    notify("READY=1");
    let Some(period) = watchdog_period() else {
        return;
    };
    let connection = connection.clone();
    let own_name = own_name.to_string();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        loop {
            ticks.tick().await;
            let ping = async {
                zbus::fdo::PeerProxy::builder(&connection)
                    .destination(own_name.as_str())
                    .path("/")
                    .build()
                    .await?
                    .ping()
                    .await
            };
            match tokio::time::timeout(period, ping).await {
                Ok(Ok(())) => notify("WATCHDOG=1"),
                Ok(Err(err)) => {
                    tracing::warn!(%err, "no answer through the bus; not feeding the watchdog")
                }
                Err(_) => {
                    tracing::warn!("no answer through the bus in time; not feeding the watchdog")
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_reach_the_socket_named_in_the_environment() {
        let dir = std::env::temp_dir().join(format!("opencabin-notify-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notify");
        let receiver = UnixDatagram::bind(&path).unwrap();
        // SAFETY: this test is the only one in this binary touching NOTIFY_SOCKET.
        unsafe { std::env::set_var("NOTIFY_SOCKET", &path) };
        notify("READY=1");
        unsafe { std::env::remove_var("NOTIFY_SOCKET") };
        let mut buffer = [0; 64];
        let n = receiver.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..n], b"READY=1");
    }
}
