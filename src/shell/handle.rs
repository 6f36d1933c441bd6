//! The shell's own state, shared by the window's callbacks and `org.opencabin.Shell1`: the page
//! shown and the user's settings, the settings file they are saved to, and the backlight.

use std::sync::{Arc, Mutex, PoisonError};

use crate::config::SettingsStore;
use crate::contract::shell::HomeCard;
use crate::ivi::ShellSettings;
use crate::publish::Published;
use crate::size::Size;
use crate::ui::AppWindow;

/// A handle on the shell's state; clones share it.
#[derive(Clone)]
pub struct ShellHandle {
    pub settings: Arc<Mutex<ShellSettings>>,
    /// The settings file; every change of a user setting is written to it.
    pub store: Arc<Mutex<SettingsStore>>,
    /// The display's backlight, driven by the brightness setting (kiosk mode only).
    pub backlight: Option<Arc<super::backlight::Backlight>>,
    /// Asks Shell1 to signal its changed properties.
    pub published: Published,
    pub window: slint::Weak<AppWindow>,
    /// Where settings files are written, away from the UI thread.
    pub runtime: tokio::runtime::Handle,
    /// The window's size as last set.
    pub size: Arc<Mutex<Size>>,
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

    pub fn window_size(&self) -> Size {
        *self.size.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Resizes the window (logical pixels).
    pub fn resize(&self, size: Size) {
        *self.size.lock().unwrap_or_else(PoisonError::into_inner) = size;
        self.published.ring();
        let resized = self.window.upgrade_in_event_loop(move |window| {
            let logical = slint::LogicalSize::new(size.width as f32, size.height as f32);
            slint::ComponentHandle::window(&window).set_size(logical);
        });
        if let Err(err) = resized {
            tracing::debug!(%err, "UI event loop gone");
        }
    }

    /// Shows `settings` in `window`, dimming the picture when no backlight is driven. Runs on
    /// the UI thread.
    pub fn show(&self, window: &AppWindow, settings: &ShellSettings) {
        crate::ivi::show_settings(window, settings);
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
        let card = HomeCard::parse("home_cards", card).map_err(|e| e.to_string())?;
        let mut cards = self.settings().user.home_cards;
        if let Some(at) = cards.iter().position(|c| *c == card) {
            cards.remove(at);
        } else {
            cards.push(card);
        }
        let names: Vec<&str> = cards.iter().map(|c| c.as_str()).collect();
        self.set_user("home_cards", &names.join(","))
    }
}
