//! `org.opencabin.Cluster1` served by the driver's display (the interface is
//! `contract::cluster`): the theme shown, which services deliver live data, and screenshots of
//! the live window.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::settings::is_night;
use crate::bus::BusChoice;
use crate::config::UserSettings;
use crate::contract::cluster::{self, Cluster, ClusterBackend};
use crate::contract::shell::ShellError;
use crate::publish::Published;
use crate::shell::Shared;
use crate::ui::ClusterWindow;

#[derive(Clone)]
struct ClusterService {
    window: slint::Weak<ClusterWindow>,
    shared: Arc<Shared<ClusterWindow>>,
    user: Arc<Mutex<UserSettings>>,
}

impl ClusterBackend for ClusterService {
    fn theme(&self) -> String {
        let night = is_night(&self.user.lock().unwrap_or_else(PoisonError::into_inner));
        if night { "night" } else { "day" }.to_string()
    }

    fn service_availability(&self) -> HashMap<String, bool> {
        self.shared.read(|state| {
            HashMap::from([
                ("vehicle".to_string(), state.vehicle_available()),
                ("navigation".to_string(), state.navigation.available),
            ])
        })
    }

    async fn save_screenshot(&self, path: String) -> Result<(), ShellError> {
        crate::window_loop::save_screenshot(&self.window, path).await
    }
}

/// Serves `org.opencabin.Cluster1` on `bus`, reconnecting when the bus is lost, and signals its
/// properties' changes (checked each second: the theme may follow the clock).
pub async fn serve(
    bus: BusChoice,
    window: slint::Weak<ClusterWindow>,
    shared: Arc<Shared<ClusterWindow>>,
    user: Arc<Mutex<UserSettings>>,
) {
    let published = Published::default();
    let bell = published.clone();
    let last = Mutex::new(None);
    shared.on_change(move |state| {
        let availability = (state.vehicle_available(), state.navigation.available);
        if last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(availability)
            != Some(availability)
        {
            bell.ring();
        }
    });
    let service = ClusterService {
        window,
        shared,
        user,
    };
    let (name, path) = (cluster::bus_name(), cluster::object_path());
    loop {
        let served = Cluster {
            backend: service.clone(),
        };
        match bus
            .builder()
            .name(name)
            .serve_at(path, served)
            .build()
            .await
        {
            Ok(connection) => {
                tracing::info!("serving {name}");
                loop {
                    let outcome = published
                        .publish::<Cluster<ClusterService>>(&connection, path, &[])
                        .await;
                    if let Err(err) = outcome {
                        tracing::warn!(%err, "cannot signal cluster changes");
                        break;
                    }
                    tokio::select! {
                        () = published.rung() => {}
                        () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                    }
                }
            }
            Err(err) => tracing::debug!(%err, "cannot serve {name} yet"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
