//! Where the simulated car is: it drives along the line navigation handed it (a route to a
//! destination, or a loop over the map's streets while there is none) at the speed the
//! simulation sets, brakes to stop at a route's end, and reports its position and heading.

use crate::map::{Point, Polyline};

/// Deceleration the car brakes with to stop at the end of a route, m/s².
const ARRIVAL_DECELERATION: f64 = 1.5;

/// The line the car follows and how far along it is.
#[derive(Debug, Clone)]
pub struct RouteFollower {
    line: Polyline,
    travelled_m: f64,
    /// Starts again from the beginning at the end (the roaming loop) instead of stopping.
    looping: bool,
    /// The car has parked at the end (once: shifted to D again, it stays put in D).
    parked: bool,
}

impl RouteFollower {
    pub fn new(points: Vec<Point>, looping: bool) -> RouteFollower {
        RouteFollower {
            line: Polyline::new(points),
            travelled_m: 0.0,
            looping,
            parked: false,
        }
    }

    /// Moves the car `distance` metres along the line (backwards when negative).
    pub fn advance(&mut self, distance: f64) {
        let length = self.line.length_m();
        self.travelled_m += distance;
        if self.looping && length > 0.0 {
            self.travelled_m = self.travelled_m.rem_euclid(length);
        } else {
            self.travelled_m = self.travelled_m.clamp(0.0, length);
        }
    }

    /// The highest speed, m/s, from which the car still stops at the end of a route by braking
    /// gently; unlimited on a loop.
    pub fn speed_limit_mps(&self) -> f64 {
        if self.looping {
            return f64::INFINITY;
        }
        let remaining = self.line.length_m() - self.travelled_m;
        (2.0 * ARRIVAL_DECELERATION * remaining.max(0.0)).sqrt()
    }

    /// Whether the car has just come to the end of a route and should park: true once per
    /// route, when it stands there (never on a loop).
    pub fn parks_now(&mut self, standing: bool) -> bool {
        let at_end = !self.looping && self.line.length_m() - self.travelled_m < 0.5;
        let parks = at_end && standing && !self.parked;
        self.parked |= parks;
        parks
    }

    /// The car's position and heading, degrees clockwise from north.
    pub fn position(&self) -> (Point, f64) {
        self.line.at(self.travelled_m)
    }
}
