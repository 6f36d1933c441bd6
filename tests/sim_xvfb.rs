//! `opencabin sim` as a user runs it, in a real X server (Xvfb) with no session bus: it starts its
//! own bus and services, the window appears and shows a changing speed, and after SIGTERM no
//! process it started is left running; the IVI window killed, the driver's display keeps
//! updating and sim starts the IVI window again.

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
    common::capture_screen(display, file);
    common::crop(file, 400..880, 150..450)
}

/// Starts `opencabin sim` with `args` on `display` with no session bus; returns it and the
/// address of the private bus it started (from its log, which is echoed for diagnostics).
fn launch(display: &str, name: &str, args: &[&str]) -> (Sim, u32, String) {
    let runtime_dir = temp_dir(name);
    let settings = runtime_dir.join("settings.toml");
    let sim = common::opencabin()
        .args(["--config", settings.to_str().unwrap(), "sim"])
        .args(args)
        .env("DISPLAY", display)
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
    // Keep reading so the log never blocks the simulator.
    std::thread::spawn(move || for _line in lines {});
    (sim, sim_pid, address)
}

#[test]
fn sim_opens_a_live_window_and_leaves_no_process_behind() {
    let xvfb = Xvfb::start();
    let display = xvfb.display.clone();
    let (mut sim, sim_pid, address) = launch(&display, "sim-runtime", &["--speed-factor", "20"]);

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
        8,
        "dbus-daemon, five services (vehicle, media, navigation, phone, companion), the IVI \
         window and the driver's display expected, found {started:?}"
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

/// The child of `sim_pid` running `opencabin ... SUBCOMMAND`.
fn child_running(sim_pid: u32, subcommand: &str) -> Option<u32> {
    children_of(sim_pid).into_iter().find(|pid| {
        std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|line| {
            line.split(|&b| b == 0)
                .any(|arg| arg == subcommand.as_bytes())
        })
    })
}

/// A PNG of the live cluster through `org.opencabin.Cluster1.SaveScreenshot`.
fn cluster_pixels(address: &str, file: &std::path::Path) -> Option<Vec<[u8; 3]>> {
    let saved = Command::new("busctl")
        .arg(format!("--address={address}"))
        .args([
            "call",
            "org.opencabin.Cluster1",
            "/org/opencabin/Cluster1",
            "org.opencabin.Cluster1",
            "SaveScreenshot",
            "s",
        ])
        .arg(file)
        .output()
        .ok()?;
    saved.status.success().then(|| read_png(file).2)
}

#[test]
fn killing_the_ivi_window_leaves_the_cluster_live_and_sim_starts_it_and_its_services_again() {
    let xvfb = Xvfb::start();
    let (_sim, sim_pid, address) = launch(
        &xvfb.display,
        "sim-cluster-runtime",
        &["--speed-factor", "20", "--no-panel"],
    );
    let shots = temp_dir("sim-cluster-shots");
    wait_for(Duration::from_secs(30), "the cluster on the bus", || {
        cluster_pixels(&address, &shots.join("first.png"))
    });
    let cluster = child_running(sim_pid, "cluster").expect("sim runs the cluster");
    let ivi = wait_for(Duration::from_secs(10), "the IVI window", || {
        child_running(sim_pid, "ui")
    });
    // SAFETY: signalling a process of this test's simulator.
    assert_eq!(unsafe { libc::kill(ivi as libc::pid_t, libc::SIGKILL) }, 0);
    wait_for(Duration::from_secs(5), "the IVI window gone", || {
        (!is_running(ivi)).then_some(())
    });

    // The cluster keeps drawing the changing speed.
    let before = cluster_pixels(&address, &shots.join("after-kill.png")).expect("cluster answers");
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = cluster_pixels(&address, &shots.join("later.png")).expect("cluster answers");
        if now != before {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the cluster stopped updating after the IVI window was killed"
        );
    }
    assert!(is_running(cluster), "the cluster process lives on");
    assert_eq!(child_running(sim_pid, "cluster"), Some(cluster));

    // Like systemd in the kiosk, sim starts the IVI window again.
    let again = wait_for(Duration::from_secs(10), "a new IVI window", || {
        child_running(sim_pid, "ui").filter(|&pid| pid != ivi && is_running(pid))
    });
    assert_ne!(again, ivi);

    // And its services: a killed one is started again and serves again.
    for service in ["vehicle-service", "phone-service"] {
        let old = child_running(sim_pid, service).expect("sim runs the service");
        // SAFETY: signalling a process of this test's simulator.
        assert_eq!(unsafe { libc::kill(old as libc::pid_t, libc::SIGKILL) }, 0);
        wait_for(Duration::from_secs(10), "the service started again", || {
            child_running(sim_pid, service).filter(|&pid| pid != old && is_running(pid))
        });
    }
    wait_for(
        Duration::from_secs(10),
        "the new vehicle service driving",
        || speed_on(&address),
    );
    wait_for(Duration::from_secs(10), "the new phone on the bus", || {
        let modems = Command::new("busctl")
            .arg(format!("--address={address}"))
            .args(["call", "org.ofono", "/", "org.ofono.Manager", "GetModems"])
            .output()
            .ok()?;
        modems.status.success().then_some(())
    });
}
