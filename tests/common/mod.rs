//! Shared test fixture: a private `dbus-daemon` per test, the real `opencabin` binary's services on
//! it, real clients (`busctl`), and waits that always have a timeout.
#![allow(dead_code)] // each test file uses its own part of the fixture

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use opencabin::bus::{BusChoice, PrivateBus};
use opencabin::process::ChildProcess;

pub mod phone;
mod xvfb;

#[allow(unused_imports)] // not every test file opens windows
pub use xvfb::{Xvfb, capture_screen};

pub const BIN: &str = env!("CARGO_BIN_EXE_opencabin");

/// `opencabin` as every test starts it: with the fontconfig of [`fontconfig_without_fonts`], so
/// that what it draws depends on the commit only, not on the fonts this machine has.
pub fn opencabin() -> Command {
    let mut command = Command::new(BIN);
    command
        .env("FONTCONFIG_FILE", fontconfig_without_fonts())
        .stdin(Stdio::null());
    command
}

/// A fontconfig configuration, written once per test process, that lists no font at all.
pub fn fontconfig_without_fonts() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| fontconfig_listing("fontconfig-empty", &[]))
}

/// Writes a fontconfig configuration that lists only `dirs` (and caches in its own directory),
/// and returns its path, for `FONTCONFIG_FILE`.
pub fn fontconfig_listing(name: &str, dirs: &[&Path]) -> PathBuf {
    let dir = temp_dir(name);
    let listed: String = dirs
        .iter()
        .map(|d| format!("  <dir>{}</dir>\n", d.display()))
        .collect();
    let file = dir.join("fonts.conf");
    std::fs::write(
        &file,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n\
             <fontconfig>\n{listed}  <cachedir>{}</cachedir>\n</fontconfig>\n",
            dir.join("cache").display()
        ),
    )
    .expect("fontconfig file written");
    file
}

/// A private bus for one test; the daemon stops when this is dropped.
pub struct TestBus {
    bus: PrivateBus,
}

impl TestBus {
    pub fn start() -> Self {
        TestBus {
            bus: PrivateBus::start().expect("dbus-daemon starts (package dbus-daemon)"),
        }
    }

    /// A bus on the socket `path`, whose address stays the same when it is started again there.
    pub fn start_at(path: &Path) -> Self {
        TestBus {
            bus: PrivateBus::start_at(path).expect("dbus-daemon starts (package dbus-daemon)"),
        }
    }

    pub fn address(&self) -> &str {
        self.bus.address()
    }

    pub fn choice(&self) -> BusChoice {
        self.bus.choice()
    }

    /// Starts `opencabin --bus <this bus> <args>`; it is stopped when the handle is dropped.
    pub fn spawn(&self, args: &[&str]) -> ChildProcess {
        let mut command = opencabin();
        command.arg("--bus").arg(self.address()).args(args);
        ChildProcess::spawn(args[0], &mut command).expect("opencabin starts")
    }

    /// `busctl get-property` on this bus: the printed value (e.g. `d 42.5`), or None on failure.
    pub fn get_property(
        &self,
        service: &str,
        path: &str,
        interface: &str,
        property: &str,
    ) -> Option<String> {
        let output = Command::new("busctl")
            .arg(format!("--address={}", self.address()))
            .args(["get-property", service, path, interface, property])
            .output()
            .expect("busctl runs (package systemd)");
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    }

    /// The vehicle's speed as `busctl` reads it, in km/h.
    pub fn vehicle_speed(&self) -> Option<f64> {
        let value = self.get_property(
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            "org.opencabin.Vehicle1.Drive",
            "Speed",
        )?;
        value.strip_prefix("d ")?.parse().ok()
    }
}

impl TestBus {
    /// Runs `busctl --address=<this bus> <args>`.
    /// Asserts that `name` serves at `path` exactly the introspection `committed` (a file in
    /// assets/dbus/); a difference is written to the temporary directory to copy over it.
    pub fn assert_serves(&self, name: &str, path: &str, committed: &str) {
        let xml = self.busctl(&["introspect", "--xml-interface", name, path]);
        let xml = String::from_utf8_lossy(&xml.stdout).to_string();
        if xml != committed {
            let file = std::env::temp_dir().join(format!("{name}.xml"));
            std::fs::write(&file, &xml).unwrap();
            panic!(
                "{name} differs from assets/dbus/{name}.xml; if intended, copy {} over it",
                file.display()
            );
        }
    }

    pub fn busctl(&self, args: &[&str]) -> Output {
        Command::new("busctl")
            .arg(format!("--address={}", self.address()))
            .args(args)
            .output()
            .expect("busctl runs (package systemd)")
    }

    /// Runs `gdbus call` on this bus against the vehicle: `method` with GVariant-text `args`.
    /// Returns stdout on success, or the error line (e.g. `GDBus.Error:org...OutOfRange: ...`).
    pub fn gdbus_vehicle(&self, method: &str, args: &[&str]) -> Result<String, String> {
        self.gdbus_call(
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            method,
            args,
        )
    }

    /// Runs `gdbus call` on this bus: stdout on success, the error line on failure.
    pub fn gdbus_call(
        &self,
        destination: &str,
        path: &str,
        method: &str,
        args: &[&str],
    ) -> Result<String, String> {
        let output = Command::new("gdbus")
            .args(["call", "--address", self.address(), "--dest", destination])
            .args(["--object-path", path, "--method", method])
            .args(args)
            .output()
            .expect("gdbus runs (package libglib2.0-bin)");
        let stdout = String::from_utf8_lossy(&output.stdout).trim().to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        if output.status.success() {
            Ok(stdout)
        } else {
            Err(stderr)
        }
    }

    /// A vehicle property as `busctl get-property` prints it, e.g. `d 21.5`.
    pub fn vehicle_property(&self, interface: &str, property: &str) -> String {
        let interface = format!("org.opencabin.Vehicle1.{interface}");
        self.get_property(
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            &interface,
            property,
        )
        .unwrap_or_else(|| panic!("{interface}.{property} readable"))
    }

    /// A numeric vehicle property.
    pub fn vehicle_number(&self, interface: &str, property: &str) -> f64 {
        let text = self.vehicle_property(interface, property);
        text.split_once(' ')
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or_else(|| panic!("a number: {text}"))
    }
}

impl TestBus {
    /// Runs `playerctl --player=<player> <args>` against this bus; returns trimmed stdout, or
    /// None when playerctl fails.
    pub fn playerctl(&self, player: &str, args: &[&str]) -> Option<String> {
        let output = Command::new("playerctl")
            .arg(format!("--player={player}"))
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", self.address())
            .output()
            .expect("playerctl runs (package playerctl)");
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    }

    /// Starts our media service and waits until playerctl sees it.
    pub fn media_service(&self, args: &[&str]) -> ChildProcess {
        let mut all = vec!["media-service"];
        all.extend_from_slice(args);
        let service = self.spawn(&all);
        wait_for(Duration::from_secs(10), "the media service", || {
            self.playerctl("opencabin", &["status"])
        });
        service
    }
}

/// Polls `probe` every 20 ms until it returns Some, or panics after `timeout` naming `what`.
pub fn wait_for<T>(timeout: Duration, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `opencabin <args>` to completion.
pub fn run_opencabin(args: &[&str]) -> Output {
    opencabin().args(args).output().expect("opencabin runs")
}

/// A PNG's size and its RGB pixels.
pub fn read_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = info.color_type.samples();
    let pixels = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|c| {
            if channels >= 3 {
                [c[0], c[1], c[2]]
            } else {
                [c[0]; 3]
            }
        })
        .collect();
    (info.width, info.height, pixels)
}

/// The pixels of a PNG inside the columns `xs` and rows `ys`, row by row.
pub fn crop(path: &Path, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>) -> Vec<[u8; 3]> {
    let (width, _, pixels) = read_png(path);
    ys.flat_map(|y| xs.clone().map(move |x| (y * width + x) as usize))
        .map(|i| pixels[i])
        .collect()
}

/// How many pixels are within `tolerance` of `colour` on every channel.
pub fn count_colour(pixels: &[[u8; 3]], colour: [u8; 3], tolerance: u8) -> usize {
    pixels
        .iter()
        .filter(|p| (0..3).all(|i| p[i].abs_diff(colour[i]) <= tolerance))
        .count()
}

/// A fresh, empty directory under the system temporary directory.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("opencabin-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The lines a child process prints, read on a thread of their own.
pub fn lines_of(process: &mut ChildProcess) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (tx, lines) = std::sync::mpsc::channel();
    let stdout = process.take_stdout().expect("stdout piped");
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

/// `gdbus monitor` on a bus, watching what `destination` sends: the process and its lines.
pub struct Monitor {
    _process: ChildProcess,
    pub lines: std::sync::mpsc::Receiver<String>,
}

impl TestBus {
    pub fn monitor(&self, destination: &str) -> Monitor {
        let mut command = Command::new("gdbus");
        command
            .args([
                "monitor",
                "--address",
                self.address(),
                "--dest",
                destination,
            ])
            .stdout(Stdio::piped());
        let mut process =
            ChildProcess::spawn("gdbus monitor", &mut command).expect("gdbus monitor runs");
        let lines = lines_of(&mut process);
        let monitor = Monitor {
            _process: process,
            lines,
        };
        monitor.wait_subscribed();
        monitor
    }
}

impl Monitor {
    /// Waits until `gdbus monitor` is subscribed: it asks who owns the name after sending its
    /// match rule, and the bus answers in order, so its line about the owner comes after the
    /// rule is in place.
    fn wait_subscribed(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let line = self
                .lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("gdbus monitor says who owns the name");
            if line.starts_with("The name ")
                && (line.contains(" is owned by ") || line.contains(" does not have an owner"))
            {
                return;
            }
        }
    }
}

/// Runs `query` on the UI thread and returns its answer.
pub fn on_ui<R: Send + 'static>(
    window: &slint::Weak<opencabin::ui::AppWindow>,
    query: impl FnOnce(&opencabin::ui::AppWindow) -> R + Send + 'static,
) -> R {
    let (tx, rx) = std::sync::mpsc::channel();
    window
        .upgrade_in_event_loop(move |window| tx.send(query(&window)).expect("test waits"))
        .expect("event loop running");
    rx.recv_timeout(Duration::from_secs(5))
        .expect("the UI thread answers")
}
