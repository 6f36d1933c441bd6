//! Child processes that never outlive their parent: each gets SIGTERM if the parent dies, and is
//! stopped (SIGTERM, then SIGKILL after a grace period) when its handle is dropped; and the
//! process's own limit of open files, raised where a server needs many.

use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, ChildStdout, Command};
use std::time::{Duration, Instant};

/// A running child process owned by this process.
pub struct ChildProcess {
    name: String,
    child: Child,
    stopped: bool,
}

impl ChildProcess {
    /// Spawns `command`. Call it from a thread that lives as long as the child should: Linux sends
    /// the parent-death signal when the *thread* that forked exits.
    pub fn spawn(name: &str, command: &mut Command) -> io::Result<Self> {
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn()?;
        Ok(ChildProcess {
            name: name.to_string(),
            child,
            stopped: false,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.child.stdout.take()
    }

    /// The child's standard input, when it was piped.
    pub fn stdin(&mut self) -> Option<&mut ChildStdin> {
        self.child.stdin.as_mut()
    }

    /// Whether the child has exited (and been reaped).
    pub fn has_exited(&mut self) -> bool {
        self.exit_status().is_some()
    }

    /// How the child ended, once it has (and been reaped).
    pub fn exit_status(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Asks the child to stop with SIGTERM, waits up to `grace`, then kills it. Idempotent.
    pub fn stop(&mut self, grace: Duration) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        if self.has_exited() {
            return;
        }
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a pid we own and have not reaped yet.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if self.has_exited() {
                tracing::debug!(name = %self.name, pid, "child stopped");
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        tracing::warn!(name = %self.name, pid, "child ignored SIGTERM; killing it");
        if let Err(err) = self.child.kill() {
            tracing::warn!(name = %self.name, %err, "cannot kill child");
        }
        if let Err(err) = self.child.wait() {
            tracing::warn!(name = %self.name, %err, "cannot reap child");
        }
    }
}

impl Drop for ChildProcess {
    fn drop(&mut self) {
        self.stop(Duration::from_secs(2));
    }
}

/// Runs a service's main future on a fresh tokio runtime until it ends or the process gets SIGTERM
/// or SIGINT; a signal is a clean exit.
pub fn run_until_terminated<F>(service: F) -> anyhow::Result<()>
where
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        tokio::select! {
            outcome = service => outcome,
            signal = termination_signal() => {
                tracing::info!(signal = signal?, "stopping");
                Ok(())
            }
        }
    })
}

/// Resolves when the process receives SIGTERM or SIGINT, with the signal's name.
pub async fn termination_signal() -> io::Result<&'static str> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = int.recv() => "SIGINT",
    })
}

/// Raises this process's soft limit of open files toward `wanted`, at most to the hard limit
/// (systemd and most shells start a process at 1,024); the soft limit it has afterwards.
// `rlim_t` is u64 here but 32 bits on 32-bit Arm, so the conversions are needed there.
#[allow(clippy::useless_conversion, clippy::unnecessary_fallible_conversions)]
pub fn raise_open_files_limit(wanted: u64) -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            tracing::warn!("cannot read the limit of open files");
            return 0;
        }
        let wanted = libc::rlim_t::try_from(wanted).unwrap_or(libc::rlim_t::MAX);
        if limit.rlim_cur < wanted {
            let raised = libc::rlimit {
                rlim_cur: wanted.min(limit.rlim_max),
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            } else {
                tracing::warn!(
                    "cannot raise the limit of open files to {}",
                    raised.rlim_cur
                );
            }
        }
    }
    u64::from(limit.rlim_cur)
}
