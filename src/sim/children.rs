//! The processes `sim` runs, each the real `opencabin` binary on the simulator's bus: the
//! services, the IVI window (`opencabin ui`) and the driver's display (`opencabin cluster`). A
//! window that dies is started again, as systemd does in the kiosk; the IVI window closed by the
//! user ends the simulator. Started and watched from the main thread (see `ChildProcess`).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::Context;

use crate::bus::BusChoice;
use crate::process::ChildProcess;
use crate::size::Size;

/// How long a child may take to stop after SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// What the watch found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    Running,
    /// The user closed the IVI window: the simulator ends.
    IviClosed,
}

/// Every process the simulator started.
pub struct Children {
    exe: PathBuf,
    bus: BusChoice,
    config: Option<PathBuf>,
    ivi_size: Size,
    services: Vec<ChildProcess>,
    ivi: Option<ChildProcess>,
    cluster: Option<ChildProcess>,
}

impl Children {
    pub fn new(bus: BusChoice, config: Option<PathBuf>, ivi_size: Size) -> anyhow::Result<Self> {
        Ok(Children {
            exe: std::env::current_exe().context("cannot find the opencabin binary")?,
            bus,
            config,
            ivi_size,
            services: Vec::new(),
            ivi: None,
            cluster: None,
        })
    }

    /// Starts `opencabin --bus BUS [--config FILE] ARGS...` as `name`.
    fn spawn(&self, name: &str, args: &[String]) -> anyhow::Result<ChildProcess> {
        let mut command = Command::new(&self.exe);
        command.arg("--bus").arg(self.bus.to_string());
        if let Some(config) = &self.config {
            command.arg("--config").arg(config);
        }
        command.args(args).stdin(Stdio::null());
        let child = ChildProcess::spawn(name, &mut command)
            .with_context(|| format!("cannot start {name}"))?;
        tracing::info!(process = name, pid = child.pid(), "started");
        Ok(child)
    }

    /// Starts a service: its sub-command and options.
    pub fn start_service(&mut self, args: &[String]) -> anyhow::Result<()> {
        let child = self.spawn(&args[0], args)?;
        self.services.push(child);
        Ok(())
    }

    pub fn start_ivi(&mut self) -> anyhow::Result<()> {
        let args = ["ui".into(), "--size".into(), self.ivi_size.to_string()];
        self.ivi = Some(self.spawn("ui", &args)?);
        Ok(())
    }

    /// Starts or stops the driver's display; whether it runs now.
    pub fn set_cluster(&mut self, on: bool) -> bool {
        if !on {
            if let Some(mut cluster) = self.cluster.take() {
                cluster.stop(STOP_GRACE);
            }
            return false;
        }
        if self.cluster.is_none() {
            // Below the IVI window, where a desktop without a window manager shows it.
            let position = format!("0,{}", self.ivi_size.height + 40);
            let args = ["cluster".into(), "--position".into(), position];
            match self.spawn("cluster", &args) {
                Ok(child) => self.cluster = Some(child),
                Err(err) => tracing::warn!("{err:#}"),
            }
        }
        self.cluster.is_some()
    }

    /// Whether the driver's display runs.
    pub fn cluster_runs(&self) -> bool {
        self.cluster.is_some()
    }

    /// Looks at the windows: one that died is started again; one that the user closed stays
    /// closed (the IVI window's closing ends the simulator).
    pub fn watch(&mut self) -> Watch {
        if let Some(status) = self.ivi.as_mut().and_then(ChildProcess::exit_status) {
            if status.success() {
                return Watch::IviClosed;
            }
            tracing::warn!(%status, "the IVI window died; starting it again");
            if let Err(err) = self.start_ivi() {
                tracing::warn!("{err:#}");
            }
        }
        if let Some(status) = self.cluster.as_mut().and_then(ChildProcess::exit_status) {
            self.cluster = None;
            if !status.success() {
                tracing::warn!(%status, "the driver's display died; starting it again");
                self.set_cluster(true);
            }
        }
        Watch::Running
    }

    /// Stops the windows, then the services.
    pub fn stop_all(&mut self) {
        let windows = self.ivi.iter_mut().chain(self.cluster.iter_mut());
        for child in windows.chain(self.services.iter_mut()) {
            child.stop(STOP_GRACE);
        }
    }
}
