//! The UI process: the IVI window fed from D-Bus through the one crossing, serving
//! `org.opencabin.Shell1`, closed by the window or by SIGTERM / SIGINT.

mod actions;
mod backlight;
mod call_media;
mod clock;
mod crossing;
mod dbus;
mod handle;
mod kiosk;
mod phone_link;
mod profiles;
mod services;

pub use clock::{minutes_now, parse_minutes};
pub use crossing::{Shared, Show};
pub use handle::ShellHandle;
pub use phone_link::PhoneLink;
pub use services::{follow_into, follow_vehicle};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use slint::ComponentHandle;
use tokio::sync::mpsc;

use crate::bus::BusChoice;
use crate::config::{Loaded, Profiles};
use crate::contract::shell::Page;
use crate::ivi::{self, ShellSettings};
use crate::size::Size;
use crate::ui::{AppWindow, SettingsAdapter, ShellAdapter};
use crate::views::{Parts, UiState};

/// How the IVI window is shown.
#[derive(Debug, Clone)]
pub struct WindowOptions {
    pub size: Size,
    /// The bus the phone (oFono) is on, when not the services' bus: `system` for a real oFono.
    pub phone_bus: Option<BusChoice>,
    /// Full screen, no decorations, no cursor, cannot be closed; brightness drives the backlight.
    pub kiosk: bool,
}

/// `opencabin ui`: the front end alone.
pub fn run(bus: BusChoice, config: Option<PathBuf>, options: WindowOptions) -> anyhow::Result<()> {
    run_window(bus, config, options, |_, _| Ok(()))
}

/// Opens the IVI window on `bus`, and whatever `beside` opens next to it (the simulator panel),
/// and runs the event loop until the IVI window closes or the process is asked to stop.
pub fn run_window<T>(
    bus: BusChoice,
    config: Option<PathBuf>,
    options: WindowOptions,
    beside: impl FnOnce(&tokio::runtime::Handle, &AppWindow) -> anyhow::Result<T>,
) -> anyhow::Result<()> {
    let runtime = crate::window_loop::dbus_runtime(2)?;
    crate::fonts::install();
    let window = AppWindow::new().context("cannot open the IVI window (is there a display?)")?;
    crate::window_loop::set_app_id("org.opencabin.Ivi");
    window.window().set_size(slint::LogicalSize::new(
        options.size.width as f32,
        options.size.height as f32,
    ));
    let _shell = start(
        runtime.handle(),
        bus,
        options.phone_bus.clone(),
        &window,
        config,
        options.kiosk,
    );
    if options.kiosk {
        window.set_kiosk(true);
        crate::window_loop::full_screen_for_good(window.window());
    } else {
        // The IVI window ends the program even when the simulator panel is still open.
        window.window().on_close_requested(|| {
            crate::window_loop::quit();
            slint::CloseRequestResponse::HideWindow
        });
    }
    crate::window_loop::quit_on_termination(runtime.handle(), "the window");
    window.show().context("cannot show the IVI window")?;
    if options.kiosk {
        kiosk::apply_when_mapped(&window);
    }
    let _beside = beside(runtime.handle(), &window)?;
    slint::run_event_loop_until_quit().context("the UI event loop failed")?;
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    Ok(())
}

/// Says in a toast that a settings file was unusable and where it was kept.
pub(crate) fn show_recovery(window: &AppWindow, loaded: &Loaded) {
    if let Loaded::Recovered { kept_as, .. } = loaded {
        ivi::show_toast(
            window,
            &format!(
                "The settings file could not be read; it was kept as {} and the defaults are used.",
                kept_as.display()
            ),
        );
    }
}

/// The window's size in logical pixels.
fn logical_size(window: &AppWindow) -> Size {
    let window = window.window();
    let size = window.size().to_logical(window.scale_factor());
    Size {
        width: size.width.round() as u32,
        height: size.height.round() as u32,
    }
}

/// The UI's connection to the services and its Shell1 service; keep it while the window lives.
pub struct Shell {
    pub handle: ShellHandle,
    pub shared: Arc<Shared>,
    _position_ticker: slint::Timer,
    _clock: slint::Timer,
}

/// Connects `window` to the services on `bus` (the phone on `phone_bus`, if given), serves
/// `org.opencabin.Shell1` for it and runs its clock, with the user's settings from `config`
/// (default: the XDG config file). Call on the UI thread.
pub fn start(
    runtime: &tokio::runtime::Handle,
    bus: BusChoice,
    phone_bus: Option<BusChoice>,
    window: &AppWindow,
    config: Option<PathBuf>,
    kiosk: bool,
) -> Shell {
    let (profiles, user, loaded) =
        Profiles::open(config.unwrap_or_else(crate::config::default_path));
    show_recovery(window, &loaded);

    // The crossing, the window's callbacks and the tokio side that follows the services.
    let shared = Shared::new(window.as_weak(), ivi::show);
    ivi::show(window, &UiState::default(), Parts::ALL);
    let (actions, received) = mpsc::unbounded_channel();
    ivi::wire(window, actions.clone());
    let position_ticker = crossing::start_position_ticker(window, shared.clone());
    let phone = phone_link::PhoneLink::new(phone_bus);
    runtime.spawn(services::run(bus.clone(), phone, shared.clone(), received));

    let shell = ShellHandle {
        settings: Arc::new(Mutex::new(ShellSettings {
            user,
            profiles: profiles.list(),
            active_profile: profiles.active().to_string(),
            settings_file: profiles.path().display().to_string(),
            ..ShellSettings::default()
        })),
        profiles: Arc::new(Mutex::new(profiles)),
        backlight: if kiosk {
            backlight::Backlight::find().map(Arc::new)
        } else {
            None
        },
        published: Default::default(),
        window: window.as_weak(),
        runtime: runtime.clone(),
        size: Arc::new(Mutex::new(logical_size(window))),
        offers: Default::default(),
        actions,
    };
    let adapter = window.global::<SettingsAdapter>();
    adapter.set_version(env!("CARGO_PKG_VERSION").into());
    let setter = shell.clone();
    adapter.on_set(move |key, value| {
        if let Err(err) = setter.set_user(&key, &value) {
            tracing::warn!("{err}");
        }
    });
    let cards = shell.clone();
    adapter.on_toggle_home_card(move |card| {
        if let Err(err) = cards.toggle_home_card(&card) {
            tracing::warn!("{err}");
        }
    });
    shell.show(window, &shell.settings());
    if let Some(backlight) = &shell.backlight {
        backlight.set(shell.settings().user.brightness);
    }
    let pages = shell.clone();
    window.global::<ShellAdapter>().on_show_page(move |page| {
        let page: Page = ivi::page_of(page);
        pages.change(|s| s.page = page);
    });
    profiles::wire(window, &shell);
    runtime.spawn(dbus::serve(bus, shell.clone(), shared.clone()));
    Shell {
        handle: shell,
        shared,
        _position_ticker: position_ticker,
        _clock: clock::start(window),
    }
}
