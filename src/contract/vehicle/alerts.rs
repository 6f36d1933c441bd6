//! `org.opencabin.Vehicle1.Alerts`: what the driver should know now.

use zbus::object_server::SignalEmitter;

use super::{Alert, Severity, VehicleBackend, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Alerts` over a backend.
pub struct Alerts<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Alerts",
    impl<B: VehicleBackend> Alerts<B> {
        /// Active alerts: (id, severity, text key, since as UNIX time in s). Severity is "info",
        /// "warning" or "critical"; ids: battery-low, battery-critical, tire-pressure-low-<tire>,
        /// door-open-while-moving.
        #[zbus(property)]
        fn active_alerts(&self) -> Vec<Alert> {
            self.0.backend.alerts().active
        }

        /// An alert became active.
        #[zbus(signal)]
        pub async fn alert_raised(
            emitter: &SignalEmitter<'_>,
            id: &str,
            severity: Severity,
            text_key: &str,
            since: i64,
        ) -> zbus::Result<()>;

        /// An alert is no longer active.
        #[zbus(signal)]
        pub async fn alert_cleared(emitter: &SignalEmitter<'_>, id: &str) -> zbus::Result<()>;
    }
);
