//! The shell's own state: the page shown, the theme and the language, and how each is applied
//! to the window. Values are checked here, the one place that knows what is allowed.

use slint::ComponentHandle;

use crate::ui::{AppWindow, ShellAdapter, Theme};

pub const PAGES: &[&str] = &["home", "media", "vehicle", "climate", "settings"];
pub const THEMES: &[&str] = &["day", "night", "auto"];
pub const LANGUAGES: &[&str] = &["en", "zh-CN"];

#[derive(Debug, Clone, PartialEq)]
pub struct ShellSettings {
    pub page: String,
    pub theme: String,
    pub language: String,
}

impl Default for ShellSettings {
    fn default() -> Self {
        ShellSettings {
            page: "home".into(),
            theme: "night".into(),
            language: "en".into(),
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
    window
        .global::<ShellAdapter>()
        .set_page(settings.page.as_str().into());
    let night = match settings.theme.as_str() {
        "day" => false,
        "auto" => is_night_now(),
        _ => true,
    };
    window.global::<Theme>().set_night(night);
    let language = if settings.language == "zh-CN" {
        "zh_CN"
    } else {
        ""
    };
    if let Err(err) = slint::select_bundled_translation(language) {
        tracing::warn!(language = %settings.language, ?err, "cannot switch language");
    }
}
