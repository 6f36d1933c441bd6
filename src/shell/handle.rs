//! The shell's own state, shared by the window's callbacks and `org.opencabin.Shell1`: the page
//! shown and the user's settings, the driver profiles and the settings file they are saved to,
//! and the backlight.

use std::sync::{Arc, Mutex, PoisonError};

use crate::config::{Loaded, Profiles};
use crate::contract::NotKnown;
use crate::contract::shell::HomeCard;
use crate::contract::vehicle::Command;
use crate::ivi::ShellSettings;
use crate::publish::Published;
use crate::size::Size;
use crate::ui::AppWindow;

/// A handle on the shell's state; clones share it.
#[derive(Clone)]
pub struct ShellHandle {
    pub settings: Arc<Mutex<ShellSettings>>,
    /// The driver profiles and the active one's settings file; every change of a user setting
    /// is written to it. Locked before `settings` whenever both are.
    pub profiles: Arc<Mutex<Profiles>>,
    /// The display's backlight, driven by the brightness setting (kiosk mode only).
    pub backlight: Option<Arc<super::backlight::Backlight>>,
    /// Asks Shell1 to signal its changed properties.
    pub published: Published,
    pub window: slint::Weak<AppWindow>,
    /// Where settings files are written, away from the UI thread.
    pub runtime: tokio::runtime::Handle,
    /// The window's size as last set.
    pub size: Arc<Mutex<Size>>,
    /// What the offer of the connected phone's profile depends on.
    pub offers: Arc<Mutex<super::profiles::Offers>>,
    /// Where an activated profile's climate set-points are sent to the vehicle.
    pub actions: tokio::sync::mpsc::UnboundedSender<crate::ivi::UiAction>,
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
        self.settings().user.set(key, value)?;
        // Changed in place: a profile activated meanwhile keeps its other settings.
        self.change(|s| {
            let _ = s.user.set(key, value);
        });
        // Each save writes the settings as they are when it runs, so saves finishing out of
        // order still leave the latest on disk; the profiles are locked first, so the settings
        // read are the active profile's.
        let handle = self.clone();
        self.runtime.spawn_blocking(move || {
            let mut profiles = handle.profiles.lock().unwrap_or_else(PoisonError::into_inner);
            let user = handle.settings().user;
            if let Err(err) = profiles.save(&user) {
                tracing::warn!(file = %profiles.path().display(), "cannot save the settings: {err:#}");
            }
        });
        Ok(())
    }

    /// Makes profile `id` the active one and shows its settings, as the settings page would
    /// show each of them changed, with a toast when its file was unusable (kept aside); the
    /// profiles' files are read and written on this thread. An unknown id changes nothing.
    pub fn activate_profile(&self, id: &str) -> Result<(), NotKnown> {
        let mut profiles = self.profiles.lock().unwrap_or_else(PoisonError::into_inner);
        let Some((user, loaded)) = profiles.activate(id)? else {
            return Ok(());
        };
        if let Loaded::Recovered { .. } = loaded {
            let shown = self
                .window
                .upgrade_in_event_loop(move |w| super::show_recovery(&w, &loaded));
            if shown.is_err() {
                tracing::debug!("UI event loop gone");
            }
        }
        tracing::info!(profile = %id, file = %profiles.path().display(), "profile activated");
        self.send_climate(&user);
        let (list, path) = (profiles.list(), profiles.path().display().to_string());
        self.change(|s| {
            s.user = user;
            s.profiles = list;
            s.active_profile = id.to_string();
            s.settings_file = path;
        });
        Ok(())
    }

    /// Sends the climate set-points of `user` (a driver's) to the car, which answers with its
    /// new state; a refusal shows as every refused command does.
    pub fn send_climate(&self, user: &crate::config::UserSettings) {
        let targets = [
            user.driver_target_temperature.map(Command::SetDriverTarget),
            user.passenger_target_temperature
                .map(Command::SetPassengerTarget),
        ];
        for command in targets.into_iter().flatten() {
            let _ = self.actions.send(crate::ivi::UiAction::Vehicle(command));
        }
    }

    /// Takes the paired phones (id, name) as drivers; shows the list if it changed.
    pub fn follow_phones(&self, phones: &[(String, String)]) {
        let mut profiles = self.profiles.lock().unwrap_or_else(PoisonError::into_inner);
        if profiles.follow_phones(phones.iter().map(|(id, name)| (id.as_str(), name.as_str()))) {
            let list = profiles.list();
            self.change(|s| s.profiles = list);
        }
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
