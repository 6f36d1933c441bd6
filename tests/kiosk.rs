//! `opencabin ui --kiosk` fills the screen: under a real Wayland kiosk compositor (cage's
//! headless backend with the pixman renderer, as an unprivileged user since cage refuses root,
//! captured with `grim`), and on a bare X server with no window manager to honour a full-screen
//! request (Xvfb, measured with `xdotool`), where it also sets the backlight from the
//! brightness setting.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestBus, Xvfb, count_colour, read_png, temp_dir, wait_for};
use opencabin::process::ChildProcess;

/// The unprivileged user the kiosk runs as: a system user made for the test when run as root,
/// else whoever runs the test.
struct KioskUser {
    name: Option<String>,
    runtime_dir: PathBuf,
}

const TEST_USER: &str = "opencabin-kiosk-test";

impl KioskUser {
    fn new(dir: &Path) -> Self {
        let root = unsafe { libc::geteuid() } == 0;
        let name = root.then(|| {
            let exists = Command::new("id")
                .arg(TEST_USER)
                .output()
                .unwrap()
                .status
                .success();
            if !exists {
                let made = Command::new("useradd")
                    .args([
                        "--system",
                        "--no-create-home",
                        "--shell",
                        "/usr/sbin/nologin",
                        TEST_USER,
                    ])
                    .status()
                    .expect("useradd (package passwd)");
                assert!(made.success(), "useradd {TEST_USER}");
            }
            // A user can run nothing when `/` is closed to others (a chroot made with
            // `mktemp -d` is 0700); say so instead of failing later with a puzzling error.
            let mode = std::fs::metadata("/").unwrap().permissions().mode();
            assert!(
                mode & 0o001 != 0,
                "the root directory / is mode {:o}: the unprivileged kiosk user cannot reach \
                 any program; run the tests in a root whose / is 755",
                mode & 0o777
            );
            TEST_USER.to_string()
        });
        // XDG_RUNTIME_DIR: the user's own, mode 0700.
        let runtime_dir = dir.join("runtime");
        std::fs::create_dir_all(&runtime_dir).unwrap();
        std::fs::set_permissions(&runtime_dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        if let Some(name) = &name {
            let status = Command::new("chown")
                .arg(name)
                .arg(&runtime_dir)
                .status()
                .unwrap();
            assert!(status.success());
        }
        KioskUser { name, runtime_dir }
    }

    /// `program` run as the kiosk user with a clean environment plus `env`.
    fn command(&self, program: &str, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut base: Vec<String> = vec![
            "PATH=/usr/bin:/bin:/usr/sbin:/sbin".into(),
            format!("XDG_RUNTIME_DIR={}", self.runtime_dir.display()),
            "HOME=/tmp".into(),
            format!(
                "FONTCONFIG_FILE={}",
                common::fontconfig_without_fonts().display()
            ),
        ];
        base.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        let mut command = match &self.name {
            Some(name) => {
                let mut c = Command::new("runuser");
                c.args(["-u", name, "--", "env", "-i"]);
                c
            }
            None => {
                let mut c = Command::new("env");
                c.arg("-i");
                c
            }
        };
        command.args(base).arg(program).args(args);
        command
    }
}

/// Whether the image is more than half pure black (cage shows black before the first frame).
fn mostly_black(png: &Path) -> bool {
    let (_, _, pixels) = read_png(png);
    count_colour(&pixels, [0, 0, 0], 0) > pixels.len() / 2
}

#[test]
fn the_kiosk_fills_a_cage_output_and_shows_live_data() {
    let dir = temp_dir("kiosk-cage");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A copy the unprivileged user can run, wherever the build tree lives.
    let binary = dir.join("opencabin");
    std::fs::copy(common::BIN, &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = binary.to_str().unwrap().to_string();
    let user = KioskUser::new(&dir);
    let rt = user.runtime_dir.clone();
    let address = format!("unix:path={}/bus", rt.display());

    let bus_pid = user
        .command(
            "dbus-daemon",
            &[
                "--session",
                "--fork",
                "--print-pid=1",
                &format!("--address={address}"),
            ],
            &[],
        )
        .output()
        .unwrap();
    let bus_pid: i32 = String::from_utf8_lossy(&bus_pid.stdout)
        .trim()
        .parse()
        .expect("dbus-daemon's pid");
    struct KillOnDrop(i32);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            unsafe { libc::kill(self.0, libc::SIGTERM) };
        }
    }
    let _bus = KillOnDrop(bus_pid);

    let mut vehicle = user.command(&binary, &["--bus", &address, "vehicle-service"], &[]);
    let _vehicle = ChildProcess::spawn("vehicle-service", vehicle.stdin(Stdio::null())).unwrap();

    let started = Instant::now();
    let log = std::fs::File::create(dir.join("cage.log")).unwrap();
    // -d: no client decorations; -r -r: the output turned twice (a full turn), which keeps
    // cage 0.1.4 from scanning the client's buffer out directly so grim captures real frames.
    // `env -u DISPLAY` keeps the toolkit from starting Xwayland for the clipboard.
    let mut cage = user.command(
        "cage",
        &[
            "-d", "-r", "-r", "--", "env", "-u", "DISPLAY", &binary, "--bus", &address, "ui",
            "--kiosk",
        ],
        &[("WLR_BACKENDS", "headless"), ("WLR_RENDERER", "pixman")],
    );
    cage.stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    let mut cage = ChildProcess::spawn("cage", &mut cage).expect("cage starts");

    let shot = rt.join("shot.png");
    let grim = || {
        user.command(
            "grim",
            &[shot.to_str().unwrap()],
            &[("WAYLAND_DISPLAY", "wayland-0")],
        )
        .status()
        .is_ok_and(|s| s.success())
    };
    wait_for(Duration::from_secs(30), "a frame from the kiosk", || {
        (grim() && !mostly_black(&shot)).then_some(())
    });
    let first_frame = started.elapsed();
    let busctl = |args: &[&str]| {
        let mut full = vec!["--address", &address];
        full.extend_from_slice(args);
        user.command("busctl", &full, &[]).output().unwrap()
    };
    wait_for(
        Duration::from_secs(15),
        "live vehicle data in the kiosk",
        || {
            let out = busctl(&[
                "get-property",
                "org.opencabin.Shell1",
                "/org/opencabin/Shell1",
                "org.opencabin.Shell1",
                "ServiceAvailability",
            ]);
            String::from_utf8_lossy(&out.stdout)
                .contains("\"vehicle\" true")
                .then_some(())
        },
    );
    std::thread::sleep(Duration::from_millis(500));
    assert!(grim(), "grim captures the output");
    let kept = dir.join("kiosk-cage.png");
    std::fs::copy(&shot, &kept).unwrap();
    eprintln!(
        "first frame after {first_frame:?}; screenshot {}",
        kept.display()
    );

    let (width, height, pixels) = read_png(&kept);
    assert_eq!((width, height), (1280, 720), "cage's headless output");
    // The night background and card surfaces cover most of the screen, to the edges: no title
    // bar, no band.
    let night =
        count_colour(&pixels, [0x0b, 0x0d, 0x10], 6) + count_colour(&pixels, [0x16, 0x19, 0x1e], 6);
    assert!(
        night > pixels.len() * 7 / 10,
        "night background and surfaces on {night} of {} pixels",
        pixels.len()
    );
    let row = |y: u32| &pixels[(y * width) as usize..((y + 1) * width) as usize];
    for y in [0, height - 1] {
        let black = count_colour(row(y), [0, 0, 0], 2);
        assert!(
            black < width as usize / 10,
            "row {y} is drawn, not black ({black} black pixels)"
        );
    }
    // The status bar's "Vehicle" dot is green: live data reached the kiosk.
    let green = count_colour(&pixels, [0x35, 0xc4, 0x6a], 20);
    assert!(green > 20, "a green live dot ({green} pixels)");

    cage.stop(Duration::from_secs(3));
}

#[test]
fn the_kiosk_fills_a_bare_x_screen_and_drives_the_backlight() {
    let bus = TestBus::start();
    let x = Xvfb::start();
    let dir = temp_dir("kiosk-x11");
    let config = dir.join("settings.toml");
    std::fs::write(&config, "brightness = 40\n").unwrap();
    // A backlight device as the kernel presents one: max_brightness and brightness files.
    let backlight = dir.join("backlight");
    std::fs::create_dir_all(&backlight).unwrap();
    std::fs::write(backlight.join("max_brightness"), "255\n").unwrap();
    std::fs::write(backlight.join("brightness"), "255\n").unwrap();
    let mut ui = common::opencabin();
    ui.args(["--bus", bus.address(), "--config", config.to_str().unwrap()])
        .args(["ui", "--kiosk", "--size", "7inch"])
        .env("DISPLAY", &x.display)
        .env("SLINT_BACKEND", "winit-software")
        .env("OPENCABIN_BACKLIGHT", &backlight)
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null());
    let _ui = ChildProcess::spawn("ui", &mut ui).unwrap();
    let xdotool = |args: &[&str]| {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &x.display)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let window = wait_for(Duration::from_secs(10), "the kiosk window", || {
        xdotool(&["search", "--name", "^OpenCabin$"])
            .lines()
            .next()
            .map(str::to_string)
    });
    wait_for(
        Duration::from_secs(10),
        "the window on the whole 1920x1080 screen",
        || {
            let geometry = xdotool(&["getwindowgeometry", &window]);
            (geometry.contains("Position: 0,0") && geometry.contains("Geometry: 1920x1080"))
                .then_some(())
        },
    );
}
