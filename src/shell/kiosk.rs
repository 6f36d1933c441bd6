//! Kiosk details the Slint API does not cover, through winit: hiding the mouse cursor over the
//! window, and filling the monitor even where no window manager honours the full-screen request
//! (a bare X server started by xinit). Full screen, no frame and ignoring close requests are set
//! in `run_window`. Under cage (no pointer device) and on the console (linuxkms) there is no
//! cursor and the compositor or the backend sizes the window.

use std::rc::Rc;
use std::time::{Duration, Instant};

use slint::{ComponentHandle, Timer, TimerMode};

use crate::ui::AppWindow;

/// How long to wait for the native window: it exists only once the event loop runs.
const MAPPED_TIMEOUT: Duration = Duration::from_secs(5);

/// Hides the cursor and fits `window` to its monitor as soon as the native window exists.
pub fn apply_when_mapped(window: &AppWindow) {
    let weak = window.as_weak();
    let started = Instant::now();
    let timer = Rc::new(Timer::default());
    let keep = timer.clone();
    timer.start(TimerMode::Repeated, Duration::from_millis(50), move || {
        let Some(window) = weak.upgrade() else {
            keep.stop();
            return;
        };
        if apply(&window) || started.elapsed() > MAPPED_TIMEOUT {
            keep.stop();
        }
    });
}

/// Whether the native window was there to apply the kiosk details to.
fn apply(window: &AppWindow) -> bool {
    use slint::winit_030::WinitWindowAccessor;
    let monitor = window.window().with_winit_window(|winit| {
        winit.set_cursor_visible(false);
        winit.current_monitor().map(|m| (m.position(), m.size()))
    });
    match monitor {
        None => return false,
        Some(None) => tracing::debug!("no monitor reported; the compositor sizes the window"),
        Some(Some((position, size))) => {
            tracing::info!(
                width = size.width,
                height = size.height,
                "kiosk fills the monitor"
            );
            window
                .window()
                .set_position(slint::PhysicalPosition::new(position.x, position.y));
            window
                .window()
                .set_size(slint::PhysicalSize::new(size.width, size.height));
        }
    }
    true
}
