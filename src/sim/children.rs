//! The processes `sim` runs, each the real `opencabin` binary on the simulator's bus: the
//! services, the IVI window (`opencabin ui`) and the driver's display (`opencabin cluster`). A
//! service or window that dies is started again, as systemd does in the kiosk (`Restart=`), and
//! said so; the IVI window closed by the user ends the simulator. Started and watched from the
//! main thread (see `ChildProcess`).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// systemd's default start limit: a service that stops this often within `START_LIMIT_WINDOW`
/// is not started again (StartLimitBurst=5, StartLimitIntervalSec=10s).
const START_LIMIT: usize = 5;
const START_LIMIT_WINDOW: Duration = Duration::from_secs(10);

/// A service with the arguments it was started with; no process once it hit the start limit.
struct Service {
    args: Vec<String>,
    process: Option<ChildProcess>,
    started: Vec<Instant>,
}

/// Every process the simulator started.
pub struct Children {
    exe: PathBuf,
    bus: BusChoice,
    config: Option<PathBuf>,
    ivi_size: Size,
    services: Vec<Service>,
    /// What was started again since last asked, as a line for the panel.
    restarts: Vec<String>,
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
            restarts: Vec::new(),
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
        self.services.push(Service {
            args: args.to_vec(),
            process: Some(child),
            started: vec![Instant::now()],
        });
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

    /// What was started again since the last call, one line each ("phone-service stopped
    /// (signal: 9 (SIGKILL)) and was started again").
    pub fn take_restarts(&mut self) -> Vec<String> {
        std::mem::take(&mut self.restarts)
    }

    /// Starts again every service that ended, however it ended: the simulator keeps its own,
    /// up to systemd's start limit.
    fn restart_services(&mut self) {
        for at in 0..self.services.len() {
            let service = &mut self.services[at];
            let Some(status) = service.process.as_mut().and_then(ChildProcess::exit_status) else {
                continue;
            };
            let name = service.args[0].clone();
            service.started.retain(|t| t.elapsed() < START_LIMIT_WINDOW);
            if service.started.len() >= START_LIMIT {
                service.process = None;
                tracing::warn!(process = %name, %status, "a service keeps stopping; giving up");
                self.restarts.push(format!(
                    "{name} stopped ({status}) {START_LIMIT} times within {} s and is not \
                     started again",
                    START_LIMIT_WINDOW.as_secs()
                ));
                continue;
            }
            tracing::warn!(process = %name, %status, "a service stopped; starting it again");
            let args = service.args.clone();
            let line = match self.spawn(&name, &args) {
                Ok(child) => {
                    let service = &mut self.services[at];
                    service.process = Some(child);
                    service.started.push(Instant::now());
                    format!("{name} stopped ({status}) and was started again")
                }
                Err(err) => {
                    self.services[at].process = None;
                    format!("{name} stopped ({status}) and cannot start again: {err:#}")
                }
            };
            self.restarts.push(line);
        }
    }

    /// Looks at the services and windows: one that died is started again; a window that the
    /// user closed stays closed (the IVI window's closing ends the simulator).
    pub fn watch(&mut self) -> Watch {
        self.restart_services();
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
        let services = self.services.iter_mut().filter_map(|s| s.process.as_mut());
        for child in windows.chain(services) {
            child.stop(STOP_GRACE);
        }
    }
}
