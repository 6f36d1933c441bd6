//! `org.opencabin.Cluster1`, served by the driver's display (`opencabin cluster`) at
//! `/org/opencabin/Cluster1` for diagnostics and tests: the theme it shows, which services
//! deliver live data, and screenshots of the live window. The cluster follows the user's
//! settings file; nothing here changes it.

use std::collections::HashMap;
use std::future::Future;

use super::shell::ShellError;

/// The window behind `org.opencabin.Cluster1`.
pub trait ClusterBackend: Send + Sync + 'static {
    /// "day" or "night": the theme shown now ("auto" resolved by the clock).
    fn theme(&self) -> String;
    /// Whether the cluster has live data from each service: keys "vehicle" and "navigation".
    fn service_availability(&self) -> HashMap<String, bool>;
    fn save_screenshot(&self, path: String) -> impl Future<Output = Result<(), ShellError>> + Send;
}

/// `org.opencabin.Cluster1` over a backend.
pub struct Cluster<B> {
    pub backend: B,
}

#[zbus::interface(
    name = "org.opencabin.Cluster1",
    proxy(
        default_service = "org.opencabin.Cluster1",
        default_path = "/org/opencabin/Cluster1"
    )
)]
impl<B: ClusterBackend> Cluster<B> {
    /// "day" or "night", as shown now (the settings file's "auto" follows the clock).
    #[zbus(property)]
    fn theme(&self) -> String {
        self.backend.theme()
    }

    /// Whether the cluster has live data from each service: keys "vehicle" and "navigation".
    #[zbus(property)]
    fn service_availability(&self) -> HashMap<String, bool> {
        self.backend.service_availability()
    }

    /// Writes a PNG of the live window to `path`: an absolute path ending in `.png` inside the
    /// temporary directory (`$TMPDIR`, else `/tmp`) or the state directory systemd gives the
    /// window (`$STATE_DIRECTORY`: `/var/lib/opencabin-ui` in the kiosk), not a symbolic link;
    /// any other path, or one that cannot be written, gets `org.opencabin.Shell1.Error.CannotWrite`.
    async fn save_screenshot(&self, path: &str) -> Result<(), ShellError> {
        self.backend.save_screenshot(path.to_string()).await
    }
}

/// The cluster's well-known bus name, `org.opencabin.Cluster1`.
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<ClusterProxy<'_>>()
}

/// Its object path, `/org/opencabin/Cluster1`.
pub fn object_path() -> &'static str {
    crate::contract::path_of::<ClusterProxy<'_>>()
}
