//! The navigation service as a followed view, its map read once for drawing, and what the
//! driver asks of it.

use std::sync::Arc;

use super::CallError;
use crate::contract::navigation::{NavigationProxy, NavigationState, Place};
use crate::map::MapData;

followed_properties!(
    NavigationState,
    NavigationProxy {
        active: active / receive_active_changed,
        destination: destination / receive_destination_changed,
        sender: destination_sender / receive_destination_sender_changed,
        geometry: route_geometry / receive_route_geometry_changed,
        next: next_maneuver / receive_next_maneuver_changed,
        distance_remaining_m: distance_remaining / receive_distance_remaining_changed,
        time_remaining_s: time_remaining / receive_time_remaining_changed,
        favourites: favourites / receive_favourites_changed,
        recent: recent_destinations / receive_recent_destinations_changed,
    }
);

/// The map navigation routes over, and the attribution its licence requires.
#[derive(Debug, Clone)]
pub struct ServedMap {
    pub data: Arc<MapData>,
    pub attribution: String,
}

/// Same map when it is the same one read (maps are compared by identity, not by content).
impl PartialEq for ServedMap {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.data, &other.data) && self.attribution == other.attribution
    }
}

/// Reads the navigation service's map and its attribution.
pub async fn fetch_map(connection: &zbus::Connection) -> anyhow::Result<ServedMap> {
    let proxy = NavigationProxy::new(connection).await?;
    let bytes = proxy.map_data().await?;
    let attribution = proxy.attribution().await?;
    let data = MapData::from_bytes(&bytes)?;
    Ok(ServedMap {
        data: Arc::new(data),
        attribution,
    })
}

/// What the driver asks of navigation from a front end.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Search(String),
    /// The route to a place (id, name) from the results, without starting it.
    Preview(String, String),
    Start(String),
    Cancel,
}

/// What a request gives back to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Results(String, Vec<Place>),
    /// The place previewed (id, name), the route's length (m) and duration (s).
    Preview(String, String, f64, f64),
    Done,
}

/// Sends `request` to the navigation service; its refusal comes back as the service's named
/// error (an unknown place, an unreachable destination).
pub async fn send(connection: &zbus::Connection, request: Request) -> Result<Answer, CallError> {
    let proxy = NavigationProxy::new(connection).await?;
    Ok(match request {
        Request::Search(query) if query.is_empty() => Answer::Results(query, Vec::new()),
        Request::Search(query) => {
            let results = proxy.search(&query).await?;
            Answer::Results(query, results)
        }
        Request::Preview(id, name) => {
            let (metres, seconds) = proxy.preview_route(&id).await?;
            Answer::Preview(id, name, metres, seconds)
        }
        Request::Start(id) => {
            proxy.set_destination(&id).await?;
            Answer::Done
        }
        Request::Cancel => {
            proxy.cancel().await?;
            Answer::Done
        }
    })
}
