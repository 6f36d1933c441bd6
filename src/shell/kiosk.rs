//! Kiosk details the Slint API does not cover: hiding the mouse cursor over the window. (Full
//! screen, no frame and ignoring close requests are set in `run_window`.) Under cage with no
//! pointer device and on the console (linuxkms) there is no cursor anyway.

use slint::ComponentHandle;

use crate::ui::AppWindow;

/// Hides the cursor over `window`; call once the window is shown.
pub fn hide_cursor(window: &AppWindow) {
    use slint::winit_030::WinitWindowAccessor;
    let hidden = window
        .window()
        .with_winit_window(|winit| winit.set_cursor_visible(false));
    if hidden.is_none() {
        tracing::debug!("not a winit window; no cursor to hide");
    }
}
