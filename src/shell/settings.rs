//! The shell's own state: the page shown and the user's settings (theme, language, units, time
//! format, brightness, home cards), and how they are applied to the window.

use slint::ComponentHandle;

use crate::config::UserSettings;
use crate::ui::{AppWindow, SettingsAdapter, ShellAdapter, Theme, Units};

pub const PAGES: &[&str] = &["home", "media", "vehicle", "climate", "settings"];

#[derive(Debug, Clone, PartialEq)]
pub struct ShellSettings {
    pub page: String,
    pub user: UserSettings,
}

impl Default for ShellSettings {
    fn default() -> Self {
        ShellSettings {
            page: "home".into(),
            user: UserSettings::default(),
        }
    }
}

/// Why a value is not accepted: what was given and what is allowed.
pub fn check(what: &str, value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        let allowed = allowed
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        Err(format!(
            "{what}: \"{value}\" is not known; allowed: {allowed}"
        ))
    }
}

/// Whether "auto" means night now: from 19:00 to 07:00 local time.
pub fn is_night_now() -> bool {
    use chrono::Timelike;
    let hour = chrono::Local::now().hour();
    !(7..19).contains(&hour)
}

/// Shows `settings` in the window. Runs on the UI thread.
pub fn apply(window: &AppWindow, settings: &ShellSettings) {
    let user = &settings.user;
    window
        .global::<ShellAdapter>()
        .set_page(settings.page.as_str().into());
    let night = match user.theme.as_str() {
        "day" => false,
        "auto" => is_night_now(),
        _ => true,
    };
    window.global::<Theme>().set_night(night);
    let language = if user.language == "zh-CN" {
        "zh_CN"
    } else {
        ""
    };
    if let Err(err) = slint::select_bundled_translation(language) {
        tracing::warn!(language = %user.language, ?err, "cannot switch language");
    }
    let units = window.global::<Units>();
    units.set_miles(user.distance_unit == "mi");
    units.set_fahrenheit(user.temperature_unit == "F");
    units.set_twelve_hour(user.time_format == "12h");
    let adapter = window.global::<SettingsAdapter>();
    adapter.set_theme(user.theme.as_str().into());
    adapter.set_language(user.language.as_str().into());
    adapter.set_brightness(user.brightness.into());
    let shown = |card: &str| user.home_cards.iter().any(|c| c == card);
    adapter.set_show_media_card(shown("media"));
    adapter.set_show_car_card(shown("car"));
    adapter.set_show_climate_card(shown("climate"));
    adapter.set_show_trip_card(shown("trip"));
}
