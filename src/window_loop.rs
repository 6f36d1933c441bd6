//! What every window process (the IVI window, the cluster, the simulator's panel) does around
//! Slint's event loop: the tokio runtime that carries its D-Bus work, quitting the loop on SIGTERM
//! or SIGINT, and PNG screenshots of its live window for Shell1 and Cluster1.

use crate::contract::shell::ShellError;

/// The runtime beside the event loop, with `workers` threads named `opencabin-dbus`.
pub fn dbus_runtime(workers: usize) -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .thread_name("opencabin-dbus")
        .enable_all()
        .build()
}

/// Stops the event loop when the process gets SIGTERM or SIGINT, logging `what` it closes.
pub fn quit_on_termination(runtime: &tokio::runtime::Handle, what: &'static str) {
    runtime.spawn(async move {
        match crate::process::termination_signal().await {
            Ok(signal) => tracing::info!(signal, "closing {what}"),
            Err(err) => tracing::warn!(%err, "cannot listen for termination signals"),
        }
        quit();
    });
}

/// Stops the event loop (from any thread), logging when it cannot.
pub fn quit() {
    if let Err(err) = slint::quit_event_loop() {
        tracing::warn!(%err, "cannot stop the event loop");
    }
}

/// Writes a PNG of `window` as it is on screen to `path`: `ShellError::CannotWrite` when the
/// path cannot be written, `Failed` when the window is gone or cannot be captured.
pub async fn save_screenshot<C: slint::ComponentHandle + 'static>(
    window: &slint::Weak<C>,
    path: String,
) -> Result<(), ShellError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    window
        .upgrade_in_event_loop(move |window| {
            let snapshot = window.window().take_snapshot();
            if tx.send(snapshot.map_err(|e| e.to_string())).is_err() {
                tracing::debug!("screenshot caller gone");
            }
        })
        .map_err(|e| ShellError::Failed(format!("the window is gone: {e}")))?;
    let buffer = rx
        .await
        .map_err(|_| ShellError::Failed("the window did not answer".into()))?
        .map_err(|e| ShellError::Failed(format!("cannot capture the window: {e}")))?;
    tokio::task::spawn_blocking(move || crate::png::write_rgba(&path, &buffer))
        .await
        .map_err(|e| ShellError::Failed(e.to_string()))?
        .map_err(|e| ShellError::CannotWrite(format!("cannot write the screenshot: {e:#}")))
}

/// A kiosk window: full screen, and no accidental exit (a close request, Alt+F4 or a
/// compositor's close, is ignored).
pub fn full_screen_for_good(window: &slint::Window) {
    window.set_fullscreen(true);
    window.on_close_requested(|| slint::CloseRequestResponse::KeepWindowShown);
}

/// Sets the Wayland app id a compositor places the window by (packaging/weston/weston.ini);
/// call it before the window is shown.
pub fn set_app_id(id: &str) {
    if let Err(err) = slint::set_xdg_app_id(id) {
        tracing::debug!(%err, "cannot set the app id");
    }
}
