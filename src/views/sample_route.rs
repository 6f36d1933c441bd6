//! The sample state's navigation: a real route over the shipped Helsinki map, planned by the
//! same guide the navigation service uses, with the car 40 % of the way along it (or parked at
//! its start, with favourites and a recent destination and no route).

use std::sync::Arc;

use crate::client::Live;
use crate::client::navigation::ServedMap;
use crate::contract::navigation::{Favourite, NavigationState};
use crate::contract::vehicle::LocationState;
use crate::map::{ATTRIBUTION, MapChoice, Point, Polyline, load};
use crate::navigation::guide::Guide;
use crate::navigation::places::Places;

/// Where the sample car starts: the middle of the city, so the map shows streets all round.
const START: (f64, f64) = (60.1700, 24.9400);
/// How far along the route the driving car is.
const PROGRESS: f64 = 0.4;

/// Navigation, the car's location and the map for the sample state.
pub fn navigation(
    parked: bool,
) -> (
    Live<NavigationState>,
    Live<LocationState>,
    Option<ServedMap>,
) {
    let Ok(data) = load(&MapChoice::default()) else {
        return Default::default();
    };
    let mut guide = Guide::new(data.clone(), Places::default());
    guide.moved(Point::from_degrees(START.0, START.1));
    let found = |query: &str| guide.search(query).ok()?.into_iter().next();
    let (Some(work), Some(home), Some(destination)) = (
        found("Lönnrotinkatu"),
        found("Kalevankatu"),
        found("Eteläranta"),
    ) else {
        return Default::default();
    };
    let mut car = (Point::from_degrees(START.0, START.1), 180.0);
    let planned = guide.set_destination(&destination.id, None);
    if let Err(err) = &planned {
        tracing::warn!(%err, "the sample route cannot be planned");
    }
    if planned.is_ok() && !parked {
        let line = Polyline::new(
            guide
                .guidance()
                .geometry
                .iter()
                .map(|&(lat, lon)| Point::from_degrees(lat, lon))
                .collect(),
        );
        // Drive there in steps, as the car would report its position.
        let target = line.length_m() * PROGRESS;
        for step in 1..=(target / 50.0).ceil() as usize {
            car = line.at((step as f64 * 50.0).min(target));
            guide.moved(car.0);
        }
    } else {
        guide.cancel();
    }
    let guidance = guide.guidance();
    let navigation = NavigationState {
        active: guidance.active,
        destination: guidance.destination,
        sender: guidance.sender,
        geometry: guidance.geometry,
        next: guidance.next,
        distance_remaining_m: guidance.distance_remaining_m,
        time_remaining_s: guidance.time_remaining_s,
        favourites: vec![
            Favourite {
                label: "home".into(),
                place: home,
            },
            Favourite {
                label: "work".into(),
                place: work,
            },
        ],
        recent: guide.places.recent.clone(),
    };
    let location = LocationState {
        latitude: car.0.lat(),
        longitude: car.0.lon(),
        heading: car.1,
        known: true,
    };
    let map = ServedMap {
        data: Arc::new(data),
        attribution: ATTRIBUTION.into(),
    };
    (
        Live {
            available: true,
            view: navigation,
        },
        Live {
            available: true,
            view: location,
        },
        Some(map),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driving_sample_follows_a_route_and_the_parked_one_has_places() {
        let (driving, location, map) = navigation(false);
        assert!(map.is_some() && location.known);
        assert!(driving.active, "{driving:?}");
        assert!(driving.geometry.len() >= 2);
        assert!(driving.distance_remaining_m > 100.0);
        let (parked, _, _) = navigation(true);
        assert!(!parked.active);
        assert_eq!(parked.favourites.len(), 2);
        assert_eq!(parked.recent.len(), 1);
    }
}
