//! `ShellAdapter.toast`: a short message over the dock for a few seconds (a refused change, a
//! settings file that could not be read).

use std::time::Duration;

use slint::{ComponentHandle, SharedString};

use crate::ui::{AppWindow, ShellAdapter};

/// How long a message stays up.
const TOAST_DURATION: Duration = Duration::from_secs(4);

/// Shows `message`; it goes after a few seconds unless another replaced it.
pub fn show_toast(window: &AppWindow, message: &str) {
    let shell = window.global::<ShellAdapter>();
    shell.set_toast(message.into());
    let weak = window.as_weak();
    let shown: SharedString = message.into();
    slint::Timer::single_shot(TOAST_DURATION, move || {
        if let Some(window) = weak.upgrade()
            && window.global::<ShellAdapter>().get_toast() == shown
        {
            window
                .global::<ShellAdapter>()
                .set_toast(SharedString::default());
        }
    });
}
