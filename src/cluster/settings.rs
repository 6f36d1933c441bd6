//! The user's settings on the driver's display: read from the UI's settings file (never
//! written), watched for changes (its size and modification time, twice a second: the UI
//! replaces the file atomically, so a changed file is always whole), and applied to `Theme`,
//! `Units` and the language. "auto" follows the clock.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use slint::ComponentHandle;

use crate::config::{SettingsStore, UserSettings};
use crate::contract::shell::{DistanceUnit, Language, TemperatureUnit, Theme, TimeFormat};
use crate::ui::{ClusterWindow, Units};

/// How often the file is looked at.
const WATCH_INTERVAL: Duration = Duration::from_millis(500);

/// Whether `settings` mean night now.
pub fn is_night(settings: &UserSettings) -> bool {
    match settings.theme {
        Theme::Day => false,
        Theme::Night => true,
        Theme::Auto => crate::ivi::is_night_now(),
    }
}

/// Shows `settings` in the window. Runs on the UI thread.
pub fn apply(window: &ClusterWindow, settings: &UserSettings) {
    window
        .global::<crate::ui::Theme>()
        .set_night(is_night(settings));
    let language = match settings.language {
        Language::ZhCn => "zh_CN",
        Language::En => "",
    };
    if let Err(err) = slint::select_bundled_translation(language) {
        tracing::warn!(language = %settings.language, ?err, "cannot switch language");
    }
    let units = window.global::<Units>();
    units.set_miles(settings.distance_unit == DistanceUnit::Mi);
    units.set_fahrenheit(settings.temperature_unit == TemperatureUnit::Fahrenheit);
    units.set_twelve_hour(settings.time_format == TimeFormat::H12);
}

/// What identifies one version of the file.
fn stamp(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// Reads the file now and whenever it changes, handing each good reading to `changed`; a file
/// that cannot be used is logged and the settings shown stay as they were.
pub async fn watch(path: PathBuf, changed: impl Fn(UserSettings)) {
    let mut last = None;
    let mut first = true;
    let mut ticks = tokio::time::interval(WATCH_INTERVAL);
    loop {
        ticks.tick().await;
        let now = stamp(&path);
        if !first && now == last {
            continue;
        }
        first = false;
        last = now;
        match SettingsStore::peek(&path) {
            Ok(settings) => changed(settings),
            Err(err) => tracing::warn!("{err}; the settings shown stay as they were"),
        }
    }
}
