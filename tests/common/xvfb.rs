//! A headless X server for the tests that open real windows (`opencabin ui`, `opencabin
//! cluster`) with the software renderer.

use std::path::Path;
use std::process::{Command, Stdio};

use opencabin::process::ChildProcess;

use super::{TestBus, opencabin};

/// A headless X server on a display it picks itself; stopped when dropped.
pub struct Xvfb {
    _server: ChildProcess,
    pub display: String,
}

impl Xvfb {
    /// Starts `opencabin --bus <bus> --config <config> ui <args>` in this X server with the
    /// software renderer; it is stopped when the handle is dropped.
    pub fn spawn_ui(&self, bus: &TestBus, config: &Path, args: &[&str]) -> ChildProcess {
        self.spawn_window(bus, config, "ui", args)
    }

    /// The driver's display (`opencabin cluster`), as `spawn_ui` starts the IVI window.
    pub fn spawn_cluster(&self, bus: &TestBus, config: &Path) -> ChildProcess {
        self.spawn_window(bus, config, "cluster", &[])
    }

    fn spawn_window(
        &self,
        bus: &TestBus,
        config: &Path,
        window: &str,
        args: &[&str],
    ) -> ChildProcess {
        let mut command = opencabin();
        command
            .args([
                "--bus",
                bus.address(),
                "--config",
                config.to_str().unwrap(),
                window,
            ])
            .args(args)
            .env("DISPLAY", &self.display)
            .env("SLINT_BACKEND", "winit-software")
            .env_remove("WAYLAND_DISPLAY");
        ChildProcess::spawn(window, &mut command).expect("opencabin starts its window")
    }

    /// Writes what the X server shows on its whole screen to `file` (ImageMagick's `import`).
    pub fn capture(&self, file: &Path) {
        capture_screen(&self.display, file);
    }

    pub fn start() -> Self {
        use std::io::BufRead;
        let mut command = Command::new("Xvfb");
        command
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1920x1080x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut server =
            ChildProcess::spawn("Xvfb", &mut command).expect("Xvfb starts (package xvfb)");
        let mut number = String::new();
        std::io::BufReader::new(server.take_stdout().unwrap())
            .read_line(&mut number)
            .expect("Xvfb prints its display");
        Xvfb {
            _server: server,
            display: format!(":{}", number.trim()),
        }
    }
}

/// Writes what the X server on `display` shows on its whole screen to `file` (`import`).
pub fn capture_screen(display: &str, file: &Path) {
    let status = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(format!("PNG24:{}", file.display()))
        .status()
        .expect("import runs (package imagemagick)");
    assert!(status.success(), "import captured display {display}");
}
