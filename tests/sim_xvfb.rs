//! `opencabin sim` as a user runs it, in a real X server (Xvfb) with no session bus: it starts its
//! own bus and services, the window appears and shows a changing speed, and after SIGTERM no
//! process it started is left running.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Xvfb, read_png, temp_dir, wait_for};

/// Kills the simulator if the test fails before it does.
struct Sim(Child);

impl Drop for Sim {
    fn drop(&mut self) {
        if let Err(err) = self.0.kill() {
            eprintln!("sim already gone: {err}");
        }
        let _reaped = self.0.wait();
    }
}

/// Direct children of `pid`, from /proc.
fn children_of(pid: u32) -> Vec<u32> {
    let mut children = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let after_name = &stat[stat.rfind(')').unwrap() + 2..];
        let ppid: u32 = after_name.split(' ').nth(1).unwrap().parse().unwrap();
        if ppid == pid {
            children.push(child);
        }
    }
    children
}

/// Whether `pid` is a live (not zombie) process.
fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| !stat[stat.rfind(')').unwrap() + 2..].starts_with('Z'))
}

fn speed_on(address: &str) -> Option<f64> {
    let output = Command::new("busctl")
        .arg(format!("--address={address}"))
        .args([
            "get-property",
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            "org.opencabin.Vehicle1.Drive",
            "Speed",
        ])
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .strip_prefix("d ")?
        .parse()
        .ok()
}

/// The pixels of the car card's speed readout in the 1280x720 window at the screen's top left.
fn speed_area(display: &str, file: &std::path::Path) -> Vec<[u8; 3]> {
    let status = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(format!("PNG24:{}", file.display()))
        .status()
        .expect("import runs (package imagemagick)");
    assert!(status.success());
    let (width, _, pixels) = read_png(file);
    (150..450)
        .flat_map(|y| (400..880).map(move |x| (y * width + x) as usize))
        .map(|i| pixels[i])
        .collect()
}

#[test]
fn sim_opens_a_live_window_and_leaves_no_process_behind() {
    let xvfb = Xvfb::start();
    let display = xvfb.display.clone();
    let runtime_dir = temp_dir("sim-runtime");
    let sim = common::opencabin()
        .args([
            "--config",
            runtime_dir.join("settings.toml").to_str().unwrap(),
            "sim",
            "--speed-factor",
            "20",
        ])
        .env("DISPLAY", &display)
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .env("RUST_LOG", "info")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("opencabin sim starts");
    let sim_pid = sim.id();
    let mut sim = Sim(sim);

    // The log names the private bus it started; keep every line for diagnostics.
    let (lines_tx, lines) = mpsc::channel::<String>();
    let stderr = sim.0.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("sim: {line}");
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let address = wait_for(
        Duration::from_secs(20),
        "the private bus address in the log",
        || {
            lines.try_iter().find_map(|line| {
                let (_, rest) = line.split_once("started a private dbus-daemon address=\"")?;
                Some(rest.split('"').next()?.to_string())
            })
        },
    );

    // The window appears.
    wait_for(Duration::from_secs(30), "the OpenCabin window", || {
        let found = Command::new("xdotool")
            .args(["search", "--name", "^OpenCabin$"])
            .env("DISPLAY", &display)
            .output()
            .ok()?;
        (found.status.success() && !found.stdout.is_empty()).then_some(())
    });

    // The speed changes on the bus, and so do the pixels of the readout.
    let shots = temp_dir("sim-shots");
    let first_speed = wait_for(Duration::from_secs(10), "speed on the private bus", || {
        speed_on(&address)
    });
    let first_area = speed_area(&display, &shots.join("first.png"));
    let start = Instant::now();
    let mut speeds = vec![first_speed];
    loop {
        std::thread::sleep(Duration::from_millis(300));
        speeds.push(speed_on(&address).expect("speed readable"));
        if speeds.iter().any(|&s| (s - first_speed).abs() >= 2.0)
            && speed_area(&display, &shots.join("later.png")) != first_area
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the shown speed never changed; bus said {speeds:?}"
        );
    }

    // Every process sim started is gone after SIGTERM.
    let started = children_of(sim_pid);
    assert_eq!(
        started.len(),
        4,
        "dbus-daemon and three services (vehicle, media, navigation) expected, found {started:?}"
    );
    // SAFETY: signalling our own child.
    assert_eq!(
        unsafe { libc::kill(sim_pid as libc::pid_t, libc::SIGTERM) },
        0
    );
    let status = wait_for(Duration::from_secs(15), "sim to exit", || {
        sim.0.try_wait().unwrap()
    });
    assert!(status.success(), "sim exits cleanly on SIGTERM: {status}");
    let left: Vec<u32> = started.into_iter().filter(|&pid| is_running(pid)).collect();
    assert!(
        left.is_empty(),
        "processes left running after sim exited: {left:?}"
    );
}
