//! A destination given by coordinates (`SendPoint`, or a `geo:` id from the recent list): the
//! place navigation shows for it, named after the road it is on, and refused when no road of
//! the map passes near it. Also who may be named as a destination's sender.

use crate::contract::excerpt;
use crate::contract::navigation::{Category, GeoPoint, NavigationRefusal, Place};
use crate::map::{Graph, Point};

/// How far from a road a point may be and still be driven to, m.
pub const NEAR_ROAD_M: f64 = 250.0;
/// The longest sender name taken, characters.
const SENDER_MOST: usize = 60;

/// The place a `geo:` id names: the point itself, named after the nearest road (or by its
/// coordinates when that road has no name); its distance is left to the caller.
pub fn place_at(graph: &Graph, id: &str) -> Result<Place, NavigationRefusal> {
    let point = GeoPoint::parse(id).map_err(|err| {
        NavigationRefusal::InvalidArgument(format!("id: {:?}: {err}", excerpt(id)))
    })?;
    let at = Point::from_degrees(point.latitude, point.longitude);
    let map = &graph.map;
    let Some((road, metres)) = graph
        .nearest_road(at)
        .filter(|&(_, metres)| metres <= NEAR_ROAD_M)
    else {
        let how_far = graph.nearest_road(at).map_or_else(
            || "the map has no roads".to_string(),
            |(_, metres)| format!("the nearest road is {:.1} km away", metres / 1000.0),
        );
        return Err(NavigationRefusal::NotNearRoad(format!(
            "{point} is not near any road of the map {:?} ({how_far}); a point must be within \
             {NEAR_ROAD_M} m of one",
            map.name
        )));
    };
    let road_name = &map.roads[road as usize].name;
    tracing::debug!(%point, road = %road_name, metres, "point destination");
    let name = if road_name.is_empty() {
        format!("{:.5}, {:.5}", point.latitude, point.longitude)
    } else {
        road_name.clone()
    };
    Ok(Place {
        id: point.to_uri(),
        name,
        category: Category::Other,
        latitude: point.latitude,
        longitude: point.longitude,
        distance: 0.0,
    })
}

/// A sender's name as given, trimmed: 1 to 60 characters, no control characters.
pub fn checked_sender(sender: &str) -> Result<String, NavigationRefusal> {
    let sender = sender.trim();
    let length = sender.chars().count();
    if length == 0 || length > SENDER_MOST || sender.chars().any(char::is_control) {
        return Err(NavigationRefusal::InvalidArgument(format!(
            "sender: {:?}: 1 to {SENDER_MOST} characters without control characters, e.g. \
             \"Aino's phone\"",
            excerpt(sender)
        )));
    }
    Ok(sender.to_string())
}
