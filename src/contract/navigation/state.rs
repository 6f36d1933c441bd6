//! What `org.opencabin.Navigation1` carries, as plain data with its wire signature.

use serde::{Deserialize, Serialize};
use zbus::zvariant::Type;

use super::{Category, ManeuverKind};

/// A place: `(sssddd)` id, name, category, latitude and longitude in degrees, distance from the
/// car in m (0 where it does not apply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Place {
    /// What `SetDestination` takes: `street:NAME` or `place:N`, stable for a map, or a point's
    /// `geo:LAT,LON` (from `SendPoint`).
    pub id: String,
    pub name: String,
    pub category: Category,
    pub latitude: f64,
    pub longitude: f64,
    pub distance: f64,
}

impl Default for Place {
    fn default() -> Self {
        Place {
            id: String::new(),
            name: String::new(),
            category: Category::Other,
            latitude: 0.0,
            longitude: 0.0,
            distance: 0.0,
        }
    }
}

/// A favourite: `(s(sssddd))` its label ("home", "work" ...) and the place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Favourite {
    pub label: String,
    pub place: Place,
}

/// A point of a route's line: `(dd)` latitude, longitude in degrees.
pub type RoutePoint = (f64, f64);

/// A maneuver of the route: `(ssdy)` kind, the road it leads onto, its distance from the
/// route's start in m, and the roundabout exit (from 1; 0 otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct UpcomingManeuver {
    pub kind: ManeuverKind,
    pub road: String,
    pub at: f64,
    pub exit: u8,
}

/// The next maneuver as the car approaches it: `(ssdy)` kind, road, distance from the car in m,
/// roundabout exit. Kind "destination" with distance 0 when no route is active.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct NextManeuver {
    pub kind: ManeuverKind,
    pub road: String,
    pub distance: f64,
    pub exit: u8,
}

impl Default for NextManeuver {
    fn default() -> Self {
        NextManeuver {
            kind: ManeuverKind::Destination,
            road: String::new(),
            distance: 0.0,
            exit: 0,
        }
    }
}

/// Guidance as it stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuidanceState {
    pub active: bool,
    pub destination: Place,
    /// Who sent the destination (a paired phone's name); empty when it was set on the car.
    pub sender: String,
    pub geometry: Vec<RoutePoint>,
    pub maneuvers: Vec<UpcomingManeuver>,
    pub next: NextManeuver,
    pub distance_remaining_m: f64,
    pub time_remaining_s: f64,
}

/// What a front end follows of `org.opencabin.Navigation1`: guidance, favourites and recent
/// destinations (the maneuver list and the constant properties are read when needed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NavigationState {
    pub active: bool,
    pub destination: Place,
    /// Who sent the destination (a paired phone's name); empty when it was set on the car.
    pub sender: String,
    pub geometry: Vec<RoutePoint>,
    pub next: NextManeuver,
    pub distance_remaining_m: f64,
    pub time_remaining_s: f64,
    pub favourites: Vec<Favourite>,
    pub recent: Vec<Place>,
}
