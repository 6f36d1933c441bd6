//! `org.opencabin.Shell1`, served by the UI process: the page shown, theme, language, which
//! services deliver live data, and screenshots of the live window. For steering-wheel buttons,
//! voice assistants, diagnostics and tests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::oneshot;
use zbus::interface;

use super::bridge::Shared;
use super::settings::{self, PAGES, ShellSettings};
use crate::bus::BusChoice;
use crate::config::SettingsStore;
use crate::publish::Published;
use crate::ui::AppWindow;

pub const BUS_NAME: &str = "org.opencabin.Shell1";
pub const OBJECT_PATH: &str = "/org/opencabin/Shell1";
const INTERFACE: &str = "org.opencabin.Shell1";

/// Errors of `org.opencabin.Shell1`.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Shell1.Error")]
pub enum ShellError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// A page, theme or language that does not exist.
    UnknownName(String),
    /// The screenshot could not be written.
    CannotWrite(String),
    /// The window is gone or cannot be captured.
    Failed(String),
}

/// The shell's settings, shared by the window's callbacks and the D-Bus interface.
#[derive(Clone)]
pub struct ShellHandle {
    pub settings: Arc<Mutex<ShellSettings>>,
    /// The settings file; every change of a user setting is written to it.
    pub store: Arc<Mutex<SettingsStore>>,
    /// The display's backlight, driven by the brightness setting (kiosk mode only).
    pub backlight: Option<Arc<super::backlight::Backlight>>,
    pub published: Published,
    pub window: slint::Weak<AppWindow>,
    /// Where settings files are written, away from the UI thread.
    pub runtime: tokio::runtime::Handle,
}

impl ShellHandle {
    pub fn settings(&self) -> ShellSettings {
        self.settings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Changes the settings and shows them in the window.
    pub fn change(&self, change: impl FnOnce(&mut ShellSettings)) {
        let (before, settings) = {
            let mut settings = self.settings.lock().unwrap_or_else(PoisonError::into_inner);
            let before = settings.user.brightness;
            change(&mut settings);
            (before, settings.clone())
        };
        self.published.ring();
        if let Some(backlight) = &self.backlight
            && settings.user.brightness != before
        {
            backlight.set(settings.user.brightness);
        }
        let handle = self.clone();
        let shown = self
            .window
            .upgrade_in_event_loop(move |window| handle.show(&window, &settings));
        if let Err(err) = shown {
            tracing::debug!(%err, "UI event loop gone");
        }
    }

    /// Shows `settings` in `window`, dimming the picture when no backlight is driven. Runs on
    /// the UI thread.
    pub fn show(&self, window: &AppWindow, settings: &ShellSettings) {
        settings::apply(window, settings);
        slint::ComponentHandle::global::<crate::ui::ShellAdapter>(window)
            .set_software_dimming(self.backlight.is_none());
    }

    /// Changes one user setting (as `opencabin settings set` names it), shows the change and
    /// saves the settings file atomically off the UI thread. A refused value changes nothing and
    /// says what is allowed; a file that cannot be written is logged and the change still shows.
    pub fn set_user(&self, key: &str, value: &str) -> Result<(), String> {
        let mut user = self.settings().user;
        user.set(key, value)?;
        self.change(|s| s.user = user);
        // Each save writes the settings as they are when it runs, so saves finishing out of
        // order still leave the latest on disk.
        let handle = self.clone();
        self.runtime.spawn_blocking(move || {
            let user = handle.settings().user;
            let mut store = handle.store.lock().unwrap_or_else(PoisonError::into_inner);
            if let Err(err) = store.save(&user) {
                tracing::warn!(file = %store.path().display(), "cannot save the settings: {err:#}");
            }
        });
        Ok(())
    }

    /// Shows or hides one home card.
    pub fn toggle_home_card(&self, card: &str) -> Result<(), String> {
        let mut cards = self.settings().user.home_cards;
        if let Some(at) = cards.iter().position(|c| c == card) {
            cards.remove(at);
        } else {
            cards.push(card.to_string());
        }
        self.set_user("home_cards", &cards.join(","))
    }
}

struct Shell {
    handle: ShellHandle,
    ui: Arc<Shared>,
}

impl Shell {
    /// A writable property backed by the user setting `key`: checked, signalled once (zbus
    /// signals the set itself), saved and shown like a change made by touch.
    fn set_user_property(
        &self,
        property: &str,
        key: &str,
        value: String,
    ) -> Result<(), ShellError> {
        settings::check(property, &value, crate::config::allowed(key))
            .map_err(ShellError::UnknownName)?;
        self.handle
            .published
            .record(INTERFACE, property, zbus::Variant::from(value.clone()));
        self.handle
            .set_user(key, &value)
            .map_err(ShellError::UnknownName)
    }
}

#[interface(name = "org.opencabin.Shell1")]
impl Shell {
    /// The page shown: "home", "media", "vehicle", "climate" or "settings".
    #[zbus(property)]
    fn current_page(&self) -> String {
        self.handle.settings().page
    }

    /// Shows a page; an unknown page gets `org.opencabin.Shell1.Error.UnknownName`.
    fn show_page(&self, page: &str) -> Result<(), ShellError> {
        settings::check("page", page, PAGES).map_err(ShellError::UnknownName)?;
        self.handle.change(|s| s.page = page.to_string());
        Ok(())
    }

    /// "day", "night" or "auto" (night from 19:00 to 07:00); writable.
    #[zbus(property)]
    fn theme(&self) -> String {
        self.handle.settings().user.theme
    }

    #[zbus(property)]
    fn set_theme(&self, value: String) -> Result<(), ShellError> {
        self.set_user_property("Theme", "theme", value)
    }

    /// "en" or "zh-CN"; writable.
    #[zbus(property)]
    fn language(&self) -> String {
        self.handle.settings().user.language
    }

    #[zbus(property)]
    fn set_language(&self, value: String) -> Result<(), ShellError> {
        self.set_user_property("Language", "language", value)
    }

    /// Whether the UI has live data from each service: keys "vehicle" and "media".
    #[zbus(property)]
    fn service_availability(&self) -> HashMap<String, bool> {
        let state = self.ui.state();
        HashMap::from([
            ("vehicle".to_string(), state.vehicle_available()),
            ("media".to_string(), state.media.available),
        ])
    }

    /// Writes a PNG of the live window to `path`; an unwritable path gets
    /// `org.opencabin.Shell1.Error.CannotWrite`.
    async fn save_screenshot(&self, path: &str) -> Result<(), ShellError> {
        let (tx, rx) = oneshot::channel();
        self.handle
            .window
            .upgrade_in_event_loop(move |window| {
                let snapshot = slint::ComponentHandle::window(&window).take_snapshot();
                if tx.send(snapshot.map_err(|e| e.to_string())).is_err() {
                    tracing::debug!("screenshot caller gone");
                }
            })
            .map_err(|e| ShellError::Failed(format!("the window is gone: {e}")))?;
        let buffer = rx
            .await
            .map_err(|_| ShellError::Failed("the window did not answer".into()))?
            .map_err(|e| ShellError::Failed(format!("cannot capture the window: {e}")))?;
        let path = path.to_string();
        tokio::task::spawn_blocking(move || crate::render::write_rgba_png(&path, &buffer))
            .await
            .map_err(|e| ShellError::Failed(e.to_string()))?
            .map_err(|e| ShellError::CannotWrite(format!("cannot write the screenshot: {e:#}")))
    }
}

/// Serves `org.opencabin.Shell1` on `bus`, reconnecting when the bus is lost, and signals
/// changes of its properties.
pub async fn serve(bus: BusChoice, handle: ShellHandle, ui: Arc<Shared>) {
    let observer = handle.published.clone();
    let last = Mutex::new(None);
    ui.on_change(move |state| {
        let availability = (state.vehicle_available(), state.media.available);
        if last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(availability)
            != Some(availability)
        {
            observer.ring();
        }
    });
    loop {
        let shell = Shell {
            handle: handle.clone(),
            ui: ui.clone(),
        };
        match bus
            .builder()
            .name(BUS_NAME)
            .serve_at(OBJECT_PATH, shell)
            .build()
            .await
        {
            Ok(connection) => {
                tracing::info!("serving {BUS_NAME}");
                loop {
                    if let Err(err) = handle
                        .published
                        .publish::<Shell>(&connection, OBJECT_PATH, &[])
                        .await
                    {
                        tracing::warn!(%err, "cannot signal shell changes");
                        break;
                    }
                    handle.published.rung().await;
                }
            }
            Err(err) => tracing::debug!(%err, "cannot serve {BUS_NAME} yet"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
