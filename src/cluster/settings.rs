//! The user's settings on the driver's display: read from the active driver profile's settings
//! file (never written; the active-profile file says which), both watched for changes (size and
//! modification time, twice a second: the UI replaces each atomically, so a changed file is
//! always whole), and applied to `Theme`, `Units` and the language. "auto" follows the clock.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use slint::ComponentHandle;

use crate::config::{GUEST, ProfilePaths, SettingsStore, UserSettings};
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

/// Reads the active profile's settings now and whenever they or the active profile change,
/// handing each good reading to `changed`; a file that cannot be used is logged and the
/// settings shown stay as they were (an unusable active-profile file keeps the profile shown).
pub async fn watch(paths: ProfilePaths, changed: impl Fn(UserSettings)) {
    let mut last = None;
    let mut active = GUEST.to_string();
    let mut ticks = tokio::time::interval(WATCH_INTERVAL);
    loop {
        ticks.tick().await;
        let active_stamp = stamp(&paths.active_file());
        if last.as_ref().map(|(stamp, _)| stamp) != Some(&active_stamp) {
            match paths.peek_active() {
                Ok(id) => active = id,
                Err(err) => tracing::warn!("{err}; the profile shown stays {active}"),
            }
        }
        let path: PathBuf = paths.settings_of(&active);
        let now = (active_stamp, (active.clone(), stamp(&path)));
        if last.as_ref() == Some(&now) {
            continue;
        }
        last = Some(now);
        match SettingsStore::peek(&path) {
            Ok(settings) => changed(settings),
            Err(err) => tracing::warn!("{err}; the settings shown stay as they were"),
        }
    }
}
