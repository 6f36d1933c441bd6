//! The status bar's clock: local time, refreshed on the UI thread every second.

use std::time::Duration;

use slint::{ComponentHandle, Timer, TimerMode};

use crate::ui::{AppWindow, ShellAdapter};

/// The time as the status bar shows it.
pub fn now_text() -> String {
    chrono::Local::now().format("%H:%M").to_string()
}

/// Shows the time now and keeps it current while the returned timer lives.
pub fn start(window: &AppWindow) -> Timer {
    window.global::<ShellAdapter>().set_time(now_text().into());
    let timer = Timer::default();
    let weak = window.as_weak();
    timer.start(TimerMode::Repeated, Duration::from_secs(1), move || {
        if let Some(window) = weak.upgrade() {
            window.global::<ShellAdapter>().set_time(now_text().into());
        }
    });
    timer
}
