//! `opencabin cluster`, the driver's display: its own process and window, a pure client of the
//! services like `opencabin ui` (so neither display's crash blanks the other), following the
//! vehicle, navigation and the phone's calls through the same crossing, the active driver
//! profile's settings from the UI's files, and serving `org.opencabin.Cluster1`.

mod dbus;
mod frames;
mod settings;
mod show;

pub use settings::apply as apply_settings;
pub use show::show;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context;
use slint::ComponentHandle;

use crate::bus::BusChoice;
use crate::config::{ProfilePaths, UserSettings};
use crate::contract::navigation;
use crate::shell::{PhoneLink, Shared, follow_into, follow_vehicle};
use crate::size::Size;
use crate::ui::{ClusterAdapter, ClusterWindow};
use crate::views::{Parts, UiState};

/// How the driver's display is shown.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    pub size: Size,
    /// Full screen, no decorations; the window cannot be closed.
    pub kiosk: bool,
    /// Where the window goes (logical pixels), e.g. on a second monitor of one X screen.
    pub position: Option<(i32, i32)>,
}

/// The cluster window's Wayland app id.
pub const APP_ID: &str = "org.opencabin.Cluster";

/// The default size: a typical wide cluster panel.
pub const DEFAULT_SIZE: Size = Size {
    width: 1280,
    height: 480,
};

/// `opencabin cluster`: the window and its event loop, until it closes or SIGTERM/SIGINT.
pub fn run(bus: BusChoice, config: Option<PathBuf>, options: ClusterOptions) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let runtime = crate::window_loop::dbus_runtime(1)?;
    crate::fonts::install();
    let window = ClusterWindow::new().context("cannot open the cluster (is there a display?)")?;
    crate::window_loop::set_app_id(APP_ID);
    let size = slint::LogicalSize::new(options.size.width as f32, options.size.height as f32);
    window.window().set_size(size);
    if let Some((x, y)) = options.position {
        let position = slint::LogicalPosition::new(x as f32, y as f32);
        window.window().set_position(position);
    }
    let _cluster = start(runtime.handle(), bus, &window, config);
    if options.kiosk {
        window.set_kiosk(true);
        crate::window_loop::full_screen_for_good(window.window());
    }
    crate::window_loop::quit_on_termination(runtime.handle(), "the cluster");
    window.show().context("cannot show the cluster")?;
    frames::count(&window, started);
    slint::run_event_loop_until_quit().context("the cluster's event loop failed")?;
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(())
}

/// The cluster's connection to the services, Cluster1 and its clock; keep it while the window
/// lives.
pub struct Cluster {
    pub shared: Arc<Shared<ClusterWindow>>,
    _clock: slint::Timer,
}

/// Connects `window` to the services on `bus`, follows the active driver profile's settings
/// beside the settings file `config` (default: the UI's) and serves `org.opencabin.Cluster1`.
/// Call on the UI thread.
pub fn start(
    runtime: &tokio::runtime::Handle,
    bus: BusChoice,
    window: &ClusterWindow,
    config: Option<PathBuf>,
) -> Cluster {
    let shared = Shared::new(window.as_weak(), show);
    show(window, &UiState::default(), Parts::ALL);
    let user = Arc::new(Mutex::new(UserSettings::default()));
    settings::apply(window, &user.lock().unwrap_or_else(PoisonError::into_inner));

    let paths = ProfilePaths::beside(config.unwrap_or_else(crate::config::default_path));
    let (followed, weak) = (user.clone(), window.as_weak());
    runtime.spawn(settings::watch(paths, move |settings| {
        *followed.lock().unwrap_or_else(PoisonError::into_inner) = settings.clone();
        let shown = weak.upgrade_in_event_loop(move |w| settings::apply(&w, &settings));
        if shown.is_err() {
            tracing::debug!("cluster gone");
        }
    }));
    runtime.spawn(follow(bus.clone(), shared.clone()));
    runtime.spawn(dbus::serve(
        bus,
        window.as_weak(),
        shared.clone(),
        user.clone(),
    ));
    Cluster {
        shared,
        _clock: start_clock(window, user),
    }
}

/// The clock, and "auto" theme by the clock, checked every second.
fn start_clock(window: &ClusterWindow, user: Arc<Mutex<UserSettings>>) -> slint::Timer {
    let weak = window.as_weak();
    let tick = move || {
        if let Some(window) = weak.upgrade() {
            let adapter = window.global::<ClusterAdapter>();
            adapter.set_clock_minutes(crate::shell::minutes_now());
            let night = settings::is_night(&user.lock().unwrap_or_else(PoisonError::into_inner));
            window.global::<crate::ui::Theme>().set_night(night);
        }
    };
    tick();
    let timer = slint::Timer::default();
    timer.start(slint::TimerMode::Repeated, Duration::from_secs(1), tick);
    timer
}

/// Follows the vehicle and navigation (again and again when the bus is lost).
async fn follow(bus: BusChoice, shared: Arc<Shared<ClusterWindow>>) {
    loop {
        match bus.connect().await {
            Ok(connection) => {
                tracing::info!(%bus, "connected to the bus");
                let guidance = follow_into(
                    &connection,
                    &shared,
                    navigation::bus_name(),
                    Parts::NAVIGATION,
                    |s| &mut s.navigation,
                );
                let phone = PhoneLink::new(None);
                tokio::select! {
                    () = follow_vehicle(&connection, &shared, false) => {}
                    () = guidance => {}
                    () = phone.follow(&connection, &shared, None) => {}
                }
                tracing::warn!(%bus, "lost the bus; reconnecting");
            }
            Err(err) => tracing::debug!(%bus, %err, "cannot connect to the bus yet"),
        }
        shared.update(Parts::ALL, |state| *state = UiState::default());
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
