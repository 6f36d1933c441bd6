//! The status bar's clock: local time in minutes since midnight, refreshed on the UI thread every
//! second (the UI formats it, 12 or 24 hour, through `Units.clock`); the same tick switches the
//! automatic theme between day and night.

use std::time::Duration;

use slint::{ComponentHandle, Timer, TimerMode};

use crate::ui::{AppWindow, SettingsAdapter, ShellAdapter, Theme};

/// Minutes since local midnight.
pub fn minutes_now() -> i32 {
    use chrono::Timelike;
    let now = chrono::Local::now();
    (now.hour() * 60 + now.minute()) as i32
}

/// `HH:MM` (00:00 to 23:59) as minutes since midnight.
pub fn parse_minutes(text: &str) -> Result<i32, String> {
    let parsed = text.split_once(':').and_then(|(h, m)| {
        let (h, m) = (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?);
        ((0..24).contains(&h) && (0..60).contains(&m) && text.len() == 5).then_some(h * 60 + m)
    });
    parsed.ok_or_else(|| format!("'{text}' is not a time; use HH:MM from 00:00 to 23:59"))
}

/// Shows the time now and keeps it current while the returned timer lives.
pub fn start(window: &AppWindow) -> Timer {
    window
        .global::<ShellAdapter>()
        .set_clock_minutes(minutes_now());
    let timer = Timer::default();
    let weak = window.as_weak();
    timer.start(TimerMode::Repeated, Duration::from_secs(1), move || {
        if let Some(window) = weak.upgrade() {
            window
                .global::<ShellAdapter>()
                .set_clock_minutes(minutes_now());
            // The automatic theme follows the time of day.
            if window.global::<SettingsAdapter>().get_theme() == "auto" {
                window
                    .global::<Theme>()
                    .set_night(crate::ivi::is_night_now());
            }
        }
    });
    timer
}

#[cfg(test)]
mod tests {
    use super::parse_minutes;

    #[test]
    fn times_are_read_as_minutes_since_midnight() {
        assert_eq!(parse_minutes("09:41"), Ok(581));
        assert_eq!(parse_minutes("23:59"), Ok(1439));
        assert!(parse_minutes("24:00").is_err());
        assert!(parse_minutes("9:41").is_err());
        assert!(parse_minutes("noon").is_err());
    }
}
