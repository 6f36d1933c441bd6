//! Bus handling: which bus to use (session, system or an address), connecting to it, and the
//! private `dbus-daemon` that `sim` and the tests start when there is no session bus.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;

use crate::process::ChildProcess;

/// The bus a process connects to, as given by `--bus`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BusChoice {
    #[default]
    Session,
    System,
    /// A D-Bus address such as `unix:path=/tmp/bus`.
    Address(String),
}

impl FromStr for BusChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "session" => Ok(BusChoice::Session),
            "system" => Ok(BusChoice::System),
            address => match zbus::Address::from_str(address) {
                Ok(_) => Ok(BusChoice::Address(address.to_string())),
                Err(err) => Err(format!(
                    "'{address}' is not a bus: give session, system or a D-Bus address such as \
                     unix:path=/run/user/1000/bus ({err})"
                )),
            },
        }
    }
}

impl std::fmt::Display for BusChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BusChoice::Session => f.write_str("session"),
            BusChoice::System => f.write_str("system"),
            BusChoice::Address(address) => f.write_str(address),
        }
    }
}

impl BusChoice {
    /// A connection builder for this bus; add names and served objects before `build()`.
    pub fn builder(&self) -> zbus::connection::Builder<'static> {
        match self {
            BusChoice::Session => zbus::connection::Builder::session(),
            BusChoice::System => zbus::connection::Builder::system(),
            BusChoice::Address(address) => zbus::connection::Builder::address(address.as_str()),
        }
    }

    /// Connects as a plain client. Must run inside the tokio runtime.
    pub async fn connect(&self) -> zbus::Result<zbus::Connection> {
        self.builder().build().await
    }

    /// Whether a connection to this bus succeeds within `timeout`.
    pub async fn is_reachable(&self, timeout: Duration) -> bool {
        matches!(
            tokio::time::timeout(timeout, self.connect()).await,
            Ok(Ok(_))
        )
    }
}

/// A private `dbus-daemon` with its own socket, stopped when dropped. Services started on it can
/// own any name; nothing is activated on demand, so the daemon never starts processes of its own.
pub struct PrivateBus {
    address: String,
    daemon: ChildProcess,
    config: PathBuf,
}

impl PrivateBus {
    /// Starts `dbus-daemon` on a fresh socket and waits until it prints its address.
    pub fn start() -> anyhow::Result<Self> {
        let listen = format!("unix:tmpdir={}", std::env::temp_dir().display());
        Self::start_listening(&listen)
    }

    /// Starts `dbus-daemon` on the socket `path`, as a system's bus restarted at its usual
    /// place; its address (without the daemon's guid) stays the same across restarts.
    pub fn start_at(path: &std::path::Path) -> anyhow::Result<Self> {
        if path.exists() {
            std::fs::remove_file(path)
                .with_context(|| format!("cannot remove the old socket {}", path.display()))?;
        }
        let listen = format!("unix:path={}", path.display());
        let mut bus = Self::start_listening(&listen)?;
        bus.address = listen;
        Ok(bus)
    }

    /// Starts `dbus-daemon` listening on `listen` and waits until it prints its address.
    fn start_listening(listen: &str) -> anyhow::Result<Self> {
        let config = write_config(listen)?;
        let mut command = Command::new("dbus-daemon");
        command
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--nopidfile", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        let mut daemon = ChildProcess::spawn("dbus-daemon", &mut command)
            .context("cannot start dbus-daemon (install the dbus-daemon package)")?;
        let stdout = daemon.take_stdout().context("dbus-daemon has no stdout")?;
        let mut address = String::new();
        BufReader::new(stdout)
            .read_line(&mut address)
            .context("cannot read the address dbus-daemon listens on")?;
        let address = address.trim().to_string();
        anyhow::ensure!(
            !address.is_empty(),
            "dbus-daemon exited before printing its address"
        );
        tracing::debug!(%address, pid = daemon.pid(), "private dbus-daemon started");
        Ok(PrivateBus {
            address,
            daemon,
            config,
        })
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn choice(&self) -> BusChoice {
        BusChoice::Address(self.address.clone())
    }

    /// Stops the daemon now (also done on drop).
    pub fn stop(&mut self) {
        self.daemon.stop(Duration::from_secs(2));
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        self.stop();
        if let Err(err) = std::fs::remove_file(&self.config) {
            tracing::debug!(config = %self.config.display(), %err, "cannot remove bus config");
        }
    }
}

/// A session-type bus configuration that listens on `listen`, lets every local client own names
/// and talk to everyone, bounds what is queued for a client that does not read, and activates
/// nothing.
fn write_config(listen: &str) -> anyhow::Result<PathBuf> {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let serial = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir();
    let path = tmp.join(format!(
        "opencabin-bus-{}-{serial}.conf",
        std::process::id()
    ));
    let config = format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>{listen}</listen>
  <auth>EXTERNAL</auth>
  <!-- A client that stops reading holds at most 16 MiB of the daemon's memory (the default is
       127 MiB); past it the daemon drops that client's messages and keeps it connected. -->
  <limit name="max_outgoing_bytes">16777216</limit>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#
    );
    std::fs::write(&path, config)
        .with_context(|| format!("cannot write the bus configuration {}", path.display()))?;
    Ok(path)
}
