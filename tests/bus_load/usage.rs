//! What a process costs, read from /proc: CPU time (utime + stime) over a stretch of wall time,
//! as a percentage of one core, and its peak and present resident memory.

#![allow(dead_code)] // shared by several test files, each using its own part

use std::time::Instant;

/// A process's CPU time at one moment, to compare with a later one.
pub struct Usage {
    pid: u32,
    cpu_s: f64,
    at: Instant,
}

/// The CPU seconds `pid` has used (user and system), from /proc/PID/stat.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .unwrap_or_else(|e| panic!("/proc/{pid}/stat: {e}"));
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    let fields: Vec<&str> = stat[stat.rfind(')').expect("a stat line") + 2..]
        .split(' ')
        .collect();
    // utime and stime are fields 14 and 15 of the line; the 3rd is the first after the name.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // SAFETY: sysconf reads a constant of the system.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    ticks as f64 / per_second
}

impl Usage {
    pub fn now(pid: u32) -> Self {
        Usage {
            pid,
            cpu_s: cpu_seconds(pid),
            at: Instant::now(),
        }
    }

    /// CPU used since `self`, as a percentage of one core over the wall time since then.
    pub fn percent_since(&self) -> f64 {
        let used = cpu_seconds(self.pid) - self.cpu_s;
        100.0 * used / self.at.elapsed().as_secs_f64()
    }
}

/// A `VmHWM`-style line of /proc/PID/status (`VmHWM`, `VmRSS`), in MiB.
pub fn memory_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_else(|e| panic!("/proc/{pid}/status: {e}"));
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"));
    kib / 1024.0
}
