//! `org.opencabin.Navigation1`: search, destinations, favourites and route guidance, at
//! `/org/opencabin/Navigation1`. Modelled on what real navigation interfaces carry: AGL's
//! naviapi (destination, position, status and waypoint events) and Android Automotive's
//! navigation state (the next maneuver's type, road and distance). The interface block only
//! forwards to a `NavigationBackend`; zbus generates `NavigationProxy` from it.

mod enums;
mod error;
mod geo_uri;
mod state;

pub use enums::{Category, ManeuverKind};
pub use error::{NavigationError, NavigationRefusal};
pub use geo_uri::{GEO_URI_MOST, GeoPoint, GeoUriError};
pub use state::{
    Favourite, GuidanceState, NavigationState, NextManeuver, Place, RoutePoint, UpcomingManeuver,
};

use zbus::object_server::SignalEmitter;

use crate::contract::Wire;

/// What the driver asks of navigation. Plain data, so the rules are tested without a bus.
#[derive(Debug, Clone, PartialEq)]
pub enum NavigationCommand {
    /// Guidance to a place id; `sender` names who sent it (None: the car's own screen).
    SetDestination {
        id: String,
        sender: Option<String>,
    },
    Cancel,
    AddFavourite {
        label: String,
        id: String,
    },
    RemoveFavourite(String),
}

/// Navigation behind the interface: the mock over a shipped map, or a real navigation engine.
pub trait NavigationBackend: Clone + Send + Sync + 'static {
    fn guidance(&self) -> GuidanceState;
    fn favourites(&self) -> Vec<Favourite>;
    fn recent(&self) -> Vec<Place>;
    /// The map's name and the attribution its licence requires.
    fn map(&self) -> (String, String);
    /// The map file's bytes, for front ends that draw it.
    fn map_file(&self) -> Vec<u8>;
    fn search(&self, query: &str) -> Result<Vec<Place>, NavigationRefusal>;
    /// The route to a place without starting guidance: its length, m, and duration, s.
    fn preview(&self, id: &str) -> Result<(f64, f64), NavigationRefusal>;
    fn apply(&self, command: NavigationCommand) -> Result<(), NavigationRefusal>;
}

/// `org.opencabin.Navigation1` over a backend.
pub struct Navigation<B>(pub Wire<B>);

#[zbus::interface(
    name = "org.opencabin.Navigation1",
    proxy(
        default_service = "org.opencabin.Navigation1",
        default_path = "/org/opencabin/Navigation1"
    )
)]
impl<B: NavigationBackend> Navigation<B> {
    /// Streets, places and points of interest matching the words (case and accents optional,
    /// one typo forgiven) or a category ("charging", "parking", "cafe" ...), best match first,
    /// nearest first among equals; at most 20.
    fn search(&self, query: &str) -> Result<Vec<Place>, NavigationError> {
        Ok(self.0.backend.search(query)?)
    }

    /// Length (m) and duration (s) of the route to a place from `Search`, without starting.
    fn preview_route(&self, id: &str) -> Result<(f64, f64), NavigationError> {
        Ok(self.0.backend.preview(id)?)
    }

    /// Starts guidance to a place from `Search`, `Favourites` or `RecentDestinations`; the car
    /// drives the route.
    fn set_destination(&self, id: &str) -> Result<(), NavigationError> {
        let command = NavigationCommand::SetDestination {
            id: id.into(),
            sender: None,
        };
        Ok(self.0.backend.apply(command)?)
    }

    /// As `SetDestination`, for a destination sent from elsewhere than the car's screen:
    /// `sender` (1 to 60 characters, e.g. "Aino's phone") is then `DestinationSender`.
    fn send_destination(&self, id: &str, sender: &str) -> Result<(), NavigationError> {
        let command = NavigationCommand::SetDestination {
            id: id.into(),
            sender: Some(sender.into()),
        };
        Ok(self.0.backend.apply(command)?)
    }

    /// Starts guidance to a point (WGS 84 degrees) sent by `sender`, as `SendDestination`
    /// does; the route ends on the road nearest the point, which must be within 250 m
    /// (`NotNearRoad` otherwise). The destination's id is the point's `geo:LAT,LON`.
    fn send_point(
        &self,
        latitude: f64,
        longitude: f64,
        sender: &str,
    ) -> Result<(), NavigationError> {
        let point = GeoPoint::new(latitude, longitude)
            .map_err(|err| NavigationRefusal::InvalidArgument(err.to_string()))?;
        let command = NavigationCommand::SetDestination {
            id: point.to_uri(),
            sender: Some(sender.into()),
        };
        Ok(self.0.backend.apply(command)?)
    }

    /// The map itself, as a map file (`OCMAP`, see `opencabin map import`), for a front end to
    /// draw the same streets navigation routes over. A few tens of kilobytes; read it once.
    fn map_data(&self) -> Vec<u8> {
        self.0.backend.map_file()
    }

    /// Ends guidance.
    fn cancel(&self) -> Result<(), NavigationError> {
        Ok(self.0.backend.apply(NavigationCommand::Cancel)?)
    }

    /// Saves a place under a label ("home", "work" or any other), replacing that label's place;
    /// at most 20 favourites (a 21st label gets `InvalidArgument`).
    fn add_favourite(&self, label: &str, id: &str) -> Result<(), NavigationError> {
        let command = NavigationCommand::AddFavourite {
            label: label.into(),
            id: id.into(),
        };
        Ok(self.0.backend.apply(command)?)
    }

    /// Forgets the favourite with this label.
    fn remove_favourite(&self, label: &str) -> Result<(), NavigationError> {
        Ok(self
            .0
            .backend
            .apply(NavigationCommand::RemoveFavourite(label.into()))?)
    }

    /// Whether a route is being guided.
    #[zbus(property)]
    fn active(&self) -> bool {
        self.0.backend.guidance().active
    }

    /// Where the route goes; an empty id without a route.
    #[zbus(property)]
    fn destination(&self) -> Place {
        self.0.backend.guidance().destination
    }

    /// Who sent the destination being guided (`SendDestination`, `SendPoint`), e.g. "Aino's
    /// phone"; empty when it was set on the car, or without a route.
    #[zbus(property)]
    fn destination_sender(&self) -> String {
        self.0.backend.guidance().sender
    }

    /// The route's line from the start to the destination, (latitude, longitude) in degrees.
    #[zbus(property)]
    fn route_geometry(&self) -> Vec<RoutePoint> {
        self.0.backend.guidance().geometry
    }

    /// Every maneuver of the route with its distance from the route's start, m.
    #[zbus(property)]
    fn maneuvers(&self) -> Vec<UpcomingManeuver> {
        self.0.backend.guidance().maneuvers
    }

    /// The next maneuver and the distance to it from the car, m, resolution 10 (1 under 100).
    #[zbus(property)]
    fn next_maneuver(&self) -> NextManeuver {
        self.0.backend.guidance().next
    }

    /// Distance from the car to the destination along the route, m, resolution 10.
    #[zbus(property)]
    fn distance_remaining(&self) -> f64 {
        self.0.backend.guidance().distance_remaining_m
    }

    /// Driving time to the destination at the route's road speeds, s, resolution 1.
    #[zbus(property)]
    fn time_remaining(&self) -> f64 {
        self.0.backend.guidance().time_remaining_s
    }

    /// Favourite places with their labels.
    #[zbus(property)]
    fn favourites(&self) -> Vec<Favourite> {
        self.0.backend.favourites()
    }

    /// The last destinations, newest first, at most 10.
    #[zbus(property)]
    fn recent_destinations(&self) -> Vec<Place> {
        self.0.backend.recent()
    }

    /// The map's name, e.g. "Helsinki".
    #[zbus(property(emits_changed_signal = "const"))]
    fn map_name(&self) -> String {
        self.0.backend.map().0
    }

    /// The attribution the map data's licence requires the map to show.
    #[zbus(property(emits_changed_signal = "const"))]
    fn attribution(&self) -> String {
        self.0.backend.map().1
    }

    /// The car reached the destination; guidance has ended.
    #[zbus(signal)]
    pub async fn arrived(emitter: &SignalEmitter<'_>, destination: Place) -> zbus::Result<()>;
}

/// The navigation service's well-known bus name.
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<NavigationProxy<'_>>()
}

/// The navigation object's path.
pub fn object_path() -> &'static str {
    crate::contract::path_of::<NavigationProxy<'_>>()
}
