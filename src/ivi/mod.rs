//! The IVI window's side of the crossing: each part of the UI state written into its Slint
//! adapter global (one file per global), the user settings shown, and the adapters' callbacks
//! turned into `UiAction`s. Runs on the UI thread; used by the live window and the headless
//! renderer alike.

mod callbacks;
mod climate;
mod companion;
mod map_screen;
mod media;
mod navigation;
mod phone;
mod profiles;
mod settings;
mod toast;
mod vehicle;

use std::time::Instant;

pub use callbacks::{UiAction, wire};
pub use map_screen::wire as wire_map_view;
pub use media::show_position;
pub use settings::{ShellSettings, is_night_now, page_of, show_settings};
pub use toast::show_toast;

use crate::ui::AppWindow;
use crate::views::{Parts, UiState};

/// Writes the `parts` of `state` that changed into the window's adapters.
pub fn show(window: &AppWindow, state: &UiState, parts: Parts) {
    vehicle::show(window, state, parts);
    climate::show(window, &state.climate);
    companion::show(window, state, parts);
    navigation::show(window, state, parts);
    if parts.intersects(Parts::PHONE | Parts::CONTACTS | Parts::DRIVE) {
        phone::show(window, state, parts);
    }
    if parts.intersects(Parts::MEDIA | Parts::COVER) {
        media::show(
            window,
            &state.media,
            parts.contains(Parts::COVER),
            Instant::now(),
        );
    }
}
