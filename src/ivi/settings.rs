//! `ShellAdapter`'s page, `Theme`, `Units` and `SettingsAdapter`: the shell's own state (the page
//! shown and the user's settings) applied to the window.

use slint::ComponentHandle;

use crate::config::{GUEST, Profile, UserSettings};
use crate::contract::shell::{
    DistanceUnit, HomeCard, Language, Page, TemperatureUnit, Theme, TimeFormat,
};
use crate::ui::{self, AppWindow, SettingsAdapter, ShellAdapter, Units};

/// The page shown, the user's settings and the driver profiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShellSettings {
    pub page: Page,
    /// The active profile's settings.
    pub user: UserSettings,
    /// Every profile, the guest first; empty when only the guest is known (the reference images).
    pub profiles: Vec<Profile>,
    /// The active profile's id; empty means the guest.
    pub active_profile: String,
    /// The settings file being written, for the About line.
    pub settings_file: String,
    /// The driver whose phone connected, offered to switch to.
    pub offer: Option<Profile>,
}

impl ShellSettings {
    /// The active profile's id, "guest" when none is set.
    pub fn active_profile(&self) -> &str {
        if self.active_profile.is_empty() {
            GUEST
        } else {
            &self.active_profile
        }
    }
}

/// Whether "auto" means night now: from 19:00 to 07:00 local time.
pub fn is_night_now() -> bool {
    use chrono::Timelike;
    let hour = chrono::Local::now().hour();
    !(7..19).contains(&hour)
}

/// Shows `settings` in the window. Runs on the UI thread.
pub fn show_settings(window: &AppWindow, settings: &ShellSettings) {
    let user = &settings.user;
    window
        .global::<ShellAdapter>()
        .set_page(page(settings.page));
    let night = match user.theme {
        Theme::Day => false,
        Theme::Auto => is_night_now(),
        Theme::Night => true,
    };
    window.global::<crate::ui::Theme>().set_night(night);
    super::map_screen::show_theme(window);
    let language = match user.language {
        Language::ZhCn => "zh_CN",
        Language::En => "",
    };
    if let Err(err) = slint::select_bundled_translation(language) {
        tracing::warn!(language = %user.language, ?err, "cannot switch language");
    }
    let units = window.global::<Units>();
    units.set_miles(user.distance_unit == DistanceUnit::Mi);
    units.set_fahrenheit(user.temperature_unit == TemperatureUnit::Fahrenheit);
    units.set_twelve_hour(user.time_format == TimeFormat::H12);
    let adapter = window.global::<SettingsAdapter>();
    adapter.set_theme(user.theme.as_str().into());
    adapter.set_language(user.language.as_str().into());
    adapter.set_brightness(user.brightness.into());
    adapter.set_show_map_card(user.shows(HomeCard::Map));
    adapter.set_show_media_card(user.shows(HomeCard::Media));
    adapter.set_show_car_card(user.shows(HomeCard::Car));
    adapter.set_show_climate_card(user.shows(HomeCard::Climate));
    adapter.set_show_trip_card(user.shows(HomeCard::Trip));
    adapter.set_file_path(settings.settings_file.as_str().into());
    super::profiles::show_profiles(window, settings);
}

/// The window's page enum for a page.
pub fn page(page: Page) -> ui::Page {
    match page {
        Page::Home => ui::Page::Home,
        Page::Navigation => ui::Page::Navigation,
        Page::Media => ui::Page::Media,
        Page::Phone => ui::Page::Phone,
        Page::Vehicle => ui::Page::Vehicle,
        Page::Climate => ui::Page::Climate,
        Page::Settings => ui::Page::Settings,
    }
}

/// The page a window page enum stands for.
pub fn page_of(page: ui::Page) -> Page {
    match page {
        ui::Page::Home => Page::Home,
        ui::Page::Navigation => Page::Navigation,
        ui::Page::Media => Page::Media,
        ui::Page::Phone => Page::Phone,
        ui::Page::Vehicle => Page::Vehicle,
        ui::Page::Climate => Page::Climate,
        ui::Page::Settings => Page::Settings,
    }
}
