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
    let path = screenshot_target(&path)?;
    tokio::task::spawn_blocking(move || crate::png::write_rgba(&path, &buffer))
        .await
        .map_err(|e| ShellError::Failed(e.to_string()))?
        .map_err(|e| ShellError::CannotWrite(format!("cannot write the screenshot: {e:#}")))
}

/// The folders a screenshot asked for over the bus may be written in: the temporary directory,
/// and the state directory systemd gives the service (`$STATE_DIRECTORY`, `/var/lib/opencabin-ui`
/// in the kiosk, whose `/tmp` is private).
fn screenshot_folders() -> Vec<std::path::PathBuf> {
    let mut folders = vec![std::env::temp_dir()];
    if let Some(state) = std::env::var_os("STATE_DIRECTORY") {
        folders.extend(std::env::split_paths(&state));
    }
    folders
}

/// Where a screenshot asked for over the bus may go: an absolute `.png` path whose folder is one
/// of [`screenshot_folders`] or inside one, and that is not a symbolic link (which could point
/// anywhere). Anything else is `CannotWrite`, naming what is allowed, before any file is touched.
pub fn screenshot_target(path: &str) -> Result<std::path::PathBuf, ShellError> {
    let allowed = screenshot_folders();
    let refuse = |why: &str| {
        let names: Vec<String> = allowed.iter().map(|f| f.display().to_string()).collect();
        ShellError::CannotWrite(format!(
            "{why}; allowed: an absolute path ending in .png inside {}",
            names.join(" or ")
        ))
    };
    let path = std::path::Path::new(path);
    if !path.is_absolute() || path.extension().is_none_or(|e| e != "png") {
        return Err(refuse("not an absolute .png path"));
    }
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(refuse("no file name"));
    };
    let folder = match std::fs::canonicalize(folder) {
        Ok(folder) => folder,
        Err(err) => return Err(refuse(&format!("no such folder ({err})"))),
    };
    let inside = allowed
        .iter()
        .filter_map(|f| std::fs::canonicalize(f).ok())
        .any(|f| folder.starts_with(f));
    if !inside {
        return Err(refuse("outside the folders screenshots may go to"));
    }
    let target = folder.join(name);
    if target
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(refuse("a symbolic link"));
    }
    Ok(target)
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

#[cfg(test)]
mod tests {
    use super::screenshot_target;

    #[test]
    fn screenshots_go_only_to_png_files_in_the_temporary_directory() {
        let dir = std::env::temp_dir().join(format!("opencabin-shot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("a.png");
        assert_eq!(
            screenshot_target(good.to_str().unwrap()).unwrap(),
            std::fs::canonicalize(&dir).unwrap().join("a.png")
        );
        let link = dir.join("link.png");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
        for bad in [
            "a.png",
            "/etc/opencabin.png",
            "",
            &format!("{}/../../etc/x.png", dir.display()),
            &format!("{}/a.txt", dir.display()),
            &format!("{}/missing/a.png", dir.display()),
            link.to_str().unwrap(),
        ] {
            let err = screenshot_target(bad).expect_err(bad).to_string();
            assert!(
                err.contains("allowed: an absolute path ending in .png"),
                "{bad}: {err}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
