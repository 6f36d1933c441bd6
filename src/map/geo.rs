//! Positions on the earth and the little geometry routing needs: distances, bearings, and points
//! along a polyline. Small areas only (a city), so a local flat projection is exact enough.

use serde::{Deserialize, Serialize};

const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A position in units of 1e-7 degrees, as OpenStreetMap stores it (about 1 cm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Point {
    pub lat_e7: i32,
    pub lon_e7: i32,
}

impl Point {
    pub fn from_degrees(lat: f64, lon: f64) -> Point {
        Point {
            lat_e7: (lat * 1e7).round() as i32,
            lon_e7: (lon * 1e7).round() as i32,
        }
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e7) / 1e7
    }

    pub fn lon(self) -> f64 {
        f64::from(self.lon_e7) / 1e7
    }

    /// Great-circle distance, m.
    pub fn distance_m(self, other: Point) -> f64 {
        let (la1, la2) = (self.lat().to_radians(), other.lat().to_radians());
        let dla = la2 - la1;
        let dlo = (other.lon() - self.lon()).to_radians();
        let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * h.sqrt().asin()
    }

    /// Initial bearing towards `other`, degrees clockwise from north, 0 to 360.
    pub fn bearing_deg(self, other: Point) -> f64 {
        let (la1, la2) = (self.lat().to_radians(), other.lat().to_radians());
        let dlo = (other.lon() - self.lon()).to_radians();
        let y = dlo.sin() * la2.cos();
        let x = la1.cos() * la2.sin() - la1.sin() * la2.cos() * dlo.cos();
        y.atan2(x).to_degrees().rem_euclid(360.0)
    }

    /// The point `fraction` (0 to 1) of the way to `other`.
    pub fn towards(self, other: Point, fraction: f64) -> Point {
        Point::from_degrees(
            self.lat() + (other.lat() - self.lat()) * fraction,
            self.lon() + (other.lon() - self.lon()) * fraction,
        )
    }
}

/// The signed change of direction from bearing `from` to bearing `to`, degrees: positive to the
/// right, negative to the left, -180 to 180.
pub fn turn_angle(from: f64, to: f64) -> f64 {
    let angle = (to - from).rem_euclid(360.0);
    if angle > 180.0 { angle - 360.0 } else { angle }
}

/// A polyline with the distance from its start to each point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Polyline {
    pub points: Vec<Point>,
    /// `along[i]`: metres from the first point to `points[i]`.
    pub along: Vec<f64>,
}

impl Polyline {
    pub fn new(points: Vec<Point>) -> Polyline {
        let mut along = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, point) in points.iter().enumerate() {
            if i > 0 {
                total += points[i - 1].distance_m(*point);
            }
            along.push(total);
        }
        Polyline { points, along }
    }

    pub fn length_m(&self) -> f64 {
        self.along.last().copied().unwrap_or(0.0)
    }

    /// The index of the first point beyond `distance` metres from the start.
    pub fn partition_point_after(&self, distance: f64) -> usize {
        self.along.partition_point(|&d| d <= distance)
    }

    /// The position and heading (degrees) `distance` metres from the start, clamped to the line.
    pub fn at(&self, distance: f64) -> (Point, f64) {
        let Some(&first) = self.points.first() else {
            return (Point::from_degrees(0.0, 0.0), 0.0);
        };
        if self.points.len() == 1 {
            return (first, 0.0);
        }
        let distance = distance.clamp(0.0, self.length_m());
        let i = self
            .along
            .partition_point(|&d| d <= distance)
            .clamp(1, self.points.len() - 1);
        let (a, b) = (self.points[i - 1], self.points[i]);
        let span = self.along[i] - self.along[i - 1];
        let fraction = if span > 0.0 {
            (distance - self.along[i - 1]) / span
        } else {
            0.0
        };
        (a.towards(b, fraction), a.bearing_deg(b))
    }

    /// The distance along the line of the point on it nearest to `point`, looking only between
    /// `from` and `to` metres (a car's progress moves forward, so a loop does not confuse it).
    pub fn project(&self, point: Point, from: f64, to: f64) -> f64 {
        let mut best = (f64::INFINITY, from.clamp(0.0, self.length_m()));
        for i in 1..self.points.len() {
            if self.along[i] < from || self.along[i - 1] > to {
                continue;
            }
            let (a, b) = (self.points[i - 1], self.points[i]);
            let span = self.along[i] - self.along[i - 1];
            // Flat projection around `a`, metres.
            let scale = a.lat().to_radians().cos();
            let (bx, by) = ((b.lon() - a.lon()) * scale, b.lat() - a.lat());
            let (px, py) = ((point.lon() - a.lon()) * scale, point.lat() - a.lat());
            let len2 = bx * bx + by * by;
            let t = if len2 > 0.0 {
                ((px * bx + py * by) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let gap = a.towards(b, t).distance_m(point);
            let along = self.along[i - 1] + t * span;
            if gap < best.0 && (from..=to).contains(&along) {
                best = (gap, along);
            }
        }
        best.1
    }
}
