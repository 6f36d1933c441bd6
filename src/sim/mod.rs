//! `opencabin sim`, the desktop simulator: picks a bus (the session bus, or a private
//! `dbus-daemon` when none is reachable), starts the services (vehicle, media, navigation,
//! phone, the companion page), the IVI window (`opencabin ui`) and the driver's display
//! (`opencabin cluster`) as children of this binary, opens the simulator panel (and plays
//! `--scenario`), and stops every process it started when the IVI window or the panel closes,
//! or on SIGTERM/SIGINT.

mod children;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use slint::ComponentHandle;

use crate::bus::{BusChoice, PrivateBus};
use crate::map::MapChoice;
use crate::scenario::Scenario;
use crate::size::Size;
use children::{Children, Watch};

/// How long a session bus may take to accept a connection before `sim` starts its own.
const SESSION_BUS_TIMEOUT: Duration = Duration::from_secs(2);
/// How often the windows are looked at (a dead one is started again).
const WATCH_INTERVAL: Duration = Duration::from_millis(500);

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
    /// Starts no driver's display.
    pub no_cluster: bool,
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
    let mut children = Children::new(bus.clone(), config, args.size)?;
    let outcome = start_all(&mut children, &args, map).and_then(|()| {
        let children = Rc::new(RefCell::new(children));
        let outcome = if args.no_panel {
            supervise(&children, bus, args.scenario)
        } else {
            run_panel(&children, bus, args.size, args.scenario)
        };
        children.borrow_mut().stop_all();
        outcome
    });
    if let Some(private_bus) = &mut private_bus {
        private_bus.stop();
    }
    tracing::info!("simulator stopped");
    outcome
}

fn start_all(children: &mut Children, args: &SimOptions, map: String) -> anyhow::Result<()> {
    let factor = args.speed_factor.to_string();
    children.start_service(&["vehicle-service".into(), "--speed-factor".into(), factor])?;
    children.start_service(&["media-service".into(), "--play".into()])?;
    children.start_service(&["navigation-service".into(), "--map".into(), map])?;
    children.start_service(&["phone-service".into()])?;
    // The phone's page, on loopback only: a LAN address is never chosen for you. Port 0 takes a
    // free one, so two simulators (or a test's) never collide; `PairingUrl` and the log name it.
    children.start_service(&["companion".into(), "--listen".into(), "127.0.0.1:0".into()])?;
    children.start_ivi()?;
    children.set_cluster(!args.no_cluster);
    Ok(())
}

/// The panel's event loop, until the panel or the IVI window closes or a termination signal.
fn run_panel(
    children: &Rc<RefCell<Children>>,
    bus: BusChoice,
    ivi_size: Size,
    scenario: Option<Scenario>,
) -> anyhow::Result<()> {
    let runtime = crate::window_loop::dbus_runtime(2)?;
    crate::fonts::install();
    let switch = children.clone();
    let panel = crate::panel::open(runtime.handle(), bus, ivi_size, scenario, move |on| {
        switch.borrow_mut().set_cluster(on)
    })?;
    panel
        .global::<crate::ui::PanelAdapter>()
        .set_cluster_on(children.borrow().cluster_runs());
    let watched = children.clone();
    let weak = panel.as_weak();
    let watch = slint::Timer::default();
    watch.start(slint::TimerMode::Repeated, WATCH_INTERVAL, move || {
        let mut children = watched.borrow_mut();
        if children.watch() == Watch::IviClosed {
            crate::window_loop::quit();
        }
        let restarts = children.take_restarts();
        if let Some(panel) = weak.upgrade() {
            let adapter = panel.global::<crate::ui::PanelAdapter>();
            adapter.set_cluster_on(children.cluster_runs());
            if let Some(last) = restarts.last() {
                adapter.set_restarted(last.as_str().into());
            }
        }
    });
    crate::window_loop::quit_on_termination(runtime.handle(), "the simulator");
    slint::run_event_loop_until_quit()?;
    drop(panel);
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(())
}

/// Without a panel: watches the windows (and plays `scenario`) until the IVI window closes or a
/// termination signal.
fn supervise(
    children: &Rc<RefCell<Children>>,
    bus: BusChoice,
    scenario: Option<Scenario>,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        if let Some(scenario) = scenario {
            tokio::spawn(play_without_panel(bus, scenario));
        }
        let mut ticks = tokio::time::interval(WATCH_INTERVAL);
        let signal = crate::process::termination_signal();
        tokio::pin!(signal);
        loop {
            tokio::select! {
                outcome = &mut signal => {
                    match outcome {
                        Ok(signal) => tracing::info!(signal, "stopping the simulator"),
                        Err(err) => tracing::warn!(%err, "cannot listen for termination signals"),
                    }
                    return Ok(());
                }
                _ = ticks.tick() => {
                    if children.borrow_mut().watch() == Watch::IviClosed {
                        return Ok(());
                    }
                }
            }
        }
    })
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
