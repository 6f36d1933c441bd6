//! `opencabin sim`, the desktop simulator: picks a bus (the session bus, or a private
//! `dbus-daemon` when none is reachable), starts the services (vehicle, media, navigation) as
//! children of this binary, opens the IVI window and the simulator panel beside it (and plays
//! `--scenario`), and stops every process it started when the IVI window closes or on
//! SIGTERM/SIGINT.

use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::Context;

use crate::bus::{BusChoice, PrivateBus};
use crate::map::MapChoice;
use crate::process::ChildProcess;
use crate::scenario::Scenario;
use crate::size::Size;

/// How long a session bus may take to accept a connection before `sim` starts its own.
const SESSION_BUS_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a child may take to stop after SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// How `opencabin sim` runs.
#[derive(Debug, Clone)]
pub struct SimOptions {
    /// How many times faster than real time the mock car drives (0.1 to 100).
    pub speed_factor: f64,
    /// Size of the IVI window.
    pub size: Size,
    /// A scenario to play once the services are up.
    pub scenario: Option<Scenario>,
    /// Opens no simulator panel.
    pub no_panel: bool,
    /// The map the navigation service routes over.
    pub map: MapChoice,
}

/// `opencabin sim`: `bus` None means the session bus, or a private one when there is none.
pub fn run(
    bus: Option<BusChoice>,
    config: Option<std::path::PathBuf>,
    args: SimOptions,
) -> anyhow::Result<()> {
    // Declared first so it is dropped last: the services stop before their bus does.
    let mut private_bus = None;
    let bus = match bus {
        Some(bus) => bus,
        None if session_bus_reachable() => BusChoice::Session,
        None => {
            let started = PrivateBus::start()?;
            tracing::info!(
                address = started.address(),
                "no session bus; started a private dbus-daemon"
            );
            private_bus.insert(started).choice()
        }
    };

    // A map that cannot be read is refused before anything starts.
    crate::map::load(&args.map)?;
    let map = match &args.map {
        MapChoice::BuiltIn(name) => name.clone(),
        MapChoice::File(path) => path.display().to_string(),
    };
    let exe = std::env::current_exe().context("cannot find the opencabin binary")?;
    let mut services = Vec::new();
    for (name, extra) in [
        (
            "vehicle-service",
            vec!["--speed-factor".to_string(), args.speed_factor.to_string()],
        ),
        ("media-service", vec!["--play".to_string()]),
        ("navigation-service", vec!["--map".to_string(), map]),
    ] {
        let mut command = Command::new(&exe);
        command
            .arg("--bus")
            .arg(bus.to_string())
            .arg(name)
            .args(extra)
            .stdin(Stdio::null());
        let child = ChildProcess::spawn(name, &mut command)
            .with_context(|| format!("cannot start {name}"))?;
        tracing::info!(service = name, pid = child.pid(), "started");
        services.push(child);
    }

    let options = crate::shell::WindowOptions {
        size: args.size,
        kiosk: false,
    };
    let panel_bus = bus.clone();
    let outcome = crate::shell::run_window(bus, config, options, |runtime, ivi| {
        if args.no_panel {
            if let Some(scenario) = args.scenario {
                runtime.spawn(play_without_panel(panel_bus, scenario));
            }
            return Ok(None);
        }
        crate::panel::open(runtime, panel_bus, ivi, args.size, args.scenario).map(Some)
    });

    for service in &mut services {
        service.stop(STOP_GRACE);
    }
    if let Some(private_bus) = &mut private_bus {
        private_bus.stop();
    }
    tracing::info!("simulator stopped");
    outcome
}

/// Plays `scenario` with its events in the log only.
async fn play_without_panel(bus: BusChoice, scenario: crate::scenario::Scenario) {
    let played = async {
        let connection = bus.connect().await?;
        crate::scenario::play(
            &connection,
            &scenario,
            |event| tracing::info!(scenario = %scenario.name, "{event}"),
        )
        .await
    };
    match played.await {
        Ok(outcome) => tracing::info!(scenario = %scenario.name, ?outcome, "scenario done"),
        Err(err) => tracing::warn!(scenario = %scenario.name, "scenario stopped: {err:#}"),
    }
}

fn session_bus_reachable() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::env::var_os("XDG_RUNTIME_DIR").is_none()
    {
        return false;
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return false;
    };
    runtime.block_on(BusChoice::Session.is_reachable(SESSION_BUS_TIMEOUT))
}
