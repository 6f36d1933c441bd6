//! Guidance as plain Rust: search from where the car is, the route to a destination and the
//! car's progress along it (the next maneuver, what remains, arrival), favourites and recent
//! destinations, and the loop the car roams while no route is set.

use super::places::Places;
use super::point;
use crate::contract::excerpt;
use crate::contract::navigation::{
    Favourite, GuidanceState, ManeuverKind, NavigationRefusal, NextManeuver, Place,
    UpcomingManeuver,
};
use crate::map::search::{self, Found};
use crate::map::{Graph, MapData, Point, Route};

/// How many recent destinations are kept.
const RECENT_MOST: usize = 10;
/// How close to the end of a route the car counts as arrived, m.
const ARRIVED_WITHIN_M: f64 = 2.0;
/// Longest search text accepted, characters.
const QUERY_MOST: usize = 200;
/// Most favourites kept: a list a driver can scroll, and a bound on what a caller can make the
/// service store.
const FAVOURITES_MOST: usize = 20;

/// A line for the car to drive, handed to the vehicle service.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    pub points: Vec<Point>,
    pub looping: bool,
}

/// The route being guided and the car's progress along it.
struct Active {
    route: Route,
    destination: Place,
    /// Who sent the destination; empty when it was set on the car.
    sender: String,
    progress_m: f64,
    /// Driving time from the start to each point of the route's line, s.
    time_at: Vec<f64>,
}

pub struct Guide {
    graph: Graph,
    centre: Point,
    position: Option<Point>,
    active: Option<Active>,
    /// The car stopped at a destination; it roams again once it is driven.
    pub parked_at_destination: bool,
    pub places: Places,
}

fn place_of(found: Found) -> Place {
    Place {
        id: found.id,
        name: found.name,
        category: found.category,
        latitude: found.at.lat(),
        longitude: found.at.lon(),
        distance: found.distance_m.round(),
    }
}

/// Rounds a distance to what the driver reads: metres under 100 m, tens of metres above.
fn shown_distance(metres: f64) -> f64 {
    let metres = metres.max(0.0);
    if metres < 100.0 {
        metres.round()
    } else {
        (metres / 10.0).round() * 10.0
    }
}

impl Guide {
    pub fn new(map: MapData, places: Places) -> Guide {
        let n = map.nodes.len().max(1) as f64;
        let centre = Point::from_degrees(
            map.nodes.iter().map(|p| p.lat()).sum::<f64>() / n,
            map.nodes.iter().map(|p| p.lon()).sum::<f64>() / n,
        );
        Guide {
            graph: Graph::new(map),
            centre,
            position: None,
            active: None,
            parked_at_destination: false,
            places,
        }
    }

    pub fn map(&self) -> &MapData {
        &self.graph.map
    }

    /// Where the car is, or the map's centre before the car has said.
    pub fn position(&self) -> Point {
        self.position.unwrap_or(self.centre)
    }

    pub fn search(&self, query: &str) -> Result<Vec<Place>, NavigationRefusal> {
        if query.chars().count() > QUERY_MOST {
            return Err(NavigationRefusal::InvalidArgument(format!(
                "query: at most {QUERY_MOST} characters"
            )));
        }
        let found = search::search(self.map(), query, self.position());
        Ok(found.into_iter().map(place_of).collect())
    }

    /// The place an id names, with its distance from the car.
    pub fn place(&self, id: &str) -> Result<Place, NavigationRefusal> {
        if id.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("geo:")) {
            let mut place = point::place_at(&self.graph, id)?;
            let at = Point::from_degrees(place.latitude, place.longitude);
            place.distance = at.distance_m(self.position()).round();
            return Ok(place);
        }
        let mut found = search::resolve(self.map(), id).ok_or_else(|| {
            NavigationRefusal::UnknownPlace(format!(
                "id: {:?} is no place of the map {:?}; ids come from Search (street:NAME or place:N) or are points (geo:LAT,LON)",
                excerpt(id),
                self.map().name
            ))
        })?;
        found.distance_m = found.at.distance_m(self.position());
        Ok(place_of(found))
    }

    fn route_to(&self, place: &Place) -> Result<Route, NavigationRefusal> {
        let to = Point::from_degrees(place.latitude, place.longitude);
        self.graph
            .route(self.position(), to)
            .map_err(|err| NavigationRefusal::Unreachable(format!("{}: {err}", place.name)))
    }

    /// The length (m) and duration (s) of the route to `id`.
    pub fn preview(&self, id: &str) -> Result<(f64, f64), NavigationRefusal> {
        let route = self.route_to(&self.place(id)?)?;
        Ok((route.line.length_m().round(), route.duration_s.round()))
    }

    /// Starts guidance to `id`, sent by `sender` (None: set on the car); returns the line for
    /// the car.
    pub fn set_destination(
        &mut self,
        id: &str,
        sender: Option<&str>,
    ) -> Result<Handover, NavigationRefusal> {
        let sender = sender.map(point::checked_sender).transpose()?;
        let destination = self.place(id)?;
        let route = self.route_to(&destination)?;
        let mut time_at = vec![0.0];
        for &e in &route.edges {
            let last = *time_at.last().unwrap_or(&0.0);
            time_at.push(last + self.graph.edges[e as usize].time_s);
        }
        self.places.recent.retain(|p| p.id != destination.id);
        self.places.recent.insert(0, destination.clone());
        self.places.recent.truncate(RECENT_MOST);
        self.parked_at_destination = false;
        let points = route.line.points.clone();
        self.active = Some(Active {
            route,
            destination,
            sender: sender.unwrap_or_default(),
            progress_m: 0.0,
            time_at,
        });
        Ok(Handover {
            points,
            looping: false,
        })
    }

    /// Ends guidance; the car roams again.
    pub fn cancel(&mut self) -> Option<Handover> {
        self.active.take();
        self.parked_at_destination = false;
        self.roaming_loop()
    }

    pub fn is_active(&self) -> bool {
        self.active.is_some()
    }

    /// What the car should drive now: the active route from where the car is on it, or a loop.
    pub fn current_line(&self) -> Option<Handover> {
        match &self.active {
            Some(active) => {
                let line = &active.route.line;
                let from = line.partition_point_after(active.progress_m);
                let mut points = vec![self.position()];
                points.extend_from_slice(&line.points[from..]);
                (points.len() >= 2).then_some(Handover {
                    points,
                    looping: false,
                })
            }
            None => self.roaming_loop(),
        }
    }

    /// The car is at `point`: moves its progress along the route; returns the destination when
    /// this is the arrival (guidance then ends).
    pub fn moved(&mut self, point: Point) -> Option<Place> {
        self.position = Some(point);
        let active = self.active.as_mut()?;
        let line = &active.route.line;
        active.progress_m =
            line.project(point, active.progress_m - 30.0, active.progress_m + 300.0);
        if line.length_m() - active.progress_m < ARRIVED_WITHIN_M {
            self.parked_at_destination = true;
            return self.active.take().map(|a| a.destination);
        }
        None
    }

    pub fn guidance(&self) -> GuidanceState {
        let Some(active) = &self.active else {
            return GuidanceState::default();
        };
        let route = &active.route;
        let progress = active.progress_m;
        let next = route
            .maneuvers
            .iter()
            .find(|m| m.kind != ManeuverKind::Depart && m.at_m > progress + 1.0)
            .or(route.maneuvers.last());
        let line = &route.line;
        let i = line
            .partition_point_after(progress)
            .min(line.points.len() - 1);
        let span = (line.along[i] - line.along[i.saturating_sub(1)]).max(1e-9);
        let fraction = ((line.along[i] - progress) / span).clamp(0.0, 1.0);
        let time_left_on_segment =
            (active.time_at[i] - active.time_at[i.saturating_sub(1)]) * fraction;
        let total = active.time_at.last().copied().unwrap_or(0.0);
        let time_remaining = total - active.time_at[i] + time_left_on_segment;
        GuidanceState {
            active: true,
            destination: active.destination.clone(),
            sender: active.sender.clone(),
            geometry: line.points.iter().map(|p| (p.lat(), p.lon())).collect(),
            maneuvers: route
                .maneuvers
                .iter()
                .map(|m| UpcomingManeuver {
                    kind: m.kind,
                    road: m.road.clone(),
                    at: m.at_m.round(),
                    exit: m.exit,
                })
                .collect(),
            next: next.map_or_else(NextManeuver::default, |m| NextManeuver {
                kind: m.kind,
                road: m.road.clone(),
                distance: shown_distance(m.at_m - progress),
                exit: m.exit,
            }),
            distance_remaining_m: (((line.length_m() - progress) / 10.0).round() * 10.0).max(0.0),
            time_remaining_s: time_remaining.max(0.0).round(),
        }
    }

    /// A round trip from the car to a far street and back, for roaming without a route.
    pub fn roaming_loop(&self) -> Option<Handover> {
        let start = self.graph.nearest_node(self.position())?;
        let from = self.graph.point(start);
        let mut far: Vec<u32> = (0..self.graph.map.nodes.len() as u32)
            .filter(|&n| !self.graph.out[n as usize].is_empty())
            .collect();
        far.sort_by(|&a, &b| {
            let (da, db) = (
                self.graph.point(a).distance_m(from),
                self.graph.point(b).distance_m(from),
            );
            db.total_cmp(&da)
        });
        for &turn in far.iter().step_by(7).take(20) {
            let (Ok(out), Ok(back)) = (
                self.graph.route_nodes(start, turn),
                self.graph.route_nodes(turn, start),
            ) else {
                continue;
            };
            let mut points = out.line.points;
            points.extend_from_slice(&back.line.points[1..]);
            if points.len() >= 3 {
                return Some(Handover {
                    points,
                    looping: true,
                });
            }
        }
        None
    }

    pub fn add_favourite(&mut self, label: &str, id: &str) -> Result<(), NavigationRefusal> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 40 {
            return Err(NavigationRefusal::InvalidArgument(
                "label: 1 to 40 characters, e.g. \"home\" or \"work\"".into(),
            ));
        }
        let known = self.places.favourites.iter().any(|f| f.label == label);
        if !known && self.places.favourites.len() >= FAVOURITES_MOST {
            return Err(NavigationRefusal::InvalidArgument(format!(
                "favourites: at most {FAVOURITES_MOST}; remove one first"
            )));
        }
        let mut place = self.place(id)?;
        place.distance = 0.0;
        let favourites = &mut self.places.favourites;
        favourites.retain(|f| f.label != label);
        favourites.push(Favourite {
            label: label.to_string(),
            place,
        });
        Ok(())
    }

    pub fn remove_favourite(&mut self, label: &str) -> Result<(), NavigationRefusal> {
        let before = self.places.favourites.len();
        self.places.favourites.retain(|f| f.label != label);
        if self.places.favourites.len() == before {
            let labels: Vec<&str> = self
                .places
                .favourites
                .iter()
                .map(|f| f.label.as_str())
                .collect();
            // Named when they are few enough to read; counted otherwise.
            let listed = format!("{labels:?}");
            let favourites = if listed.len() <= 300 {
                listed
            } else {
                format!("{} labels (the Favourites property)", labels.len())
            };
            return Err(NavigationRefusal::UnknownFavourite(format!(
                "label: no favourite {:?}; favourites: {favourites}",
                excerpt(label)
            )));
        }
        Ok(())
    }
}
