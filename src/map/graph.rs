//! The road graph and routing: the fastest route by road-class speeds, over edges so that one-way
//! streets are driven only forwards and turn restrictions hold, with a small cost for turning.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::geo::{Point, Polyline, turn_angle};
use super::maneuver::{Maneuver, maneuvers};
use super::model::{MapData, RoadClass};

/// A road segment between two consecutive nodes, in the direction it may be driven.
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: u32,
    pub to: u32,
    pub road: u32,
    pub length_m: f64,
    pub time_s: f64,
    /// Bearing from `from` to `to`, degrees.
    pub bearing: f64,
}

/// The map as a graph of directed edges.
pub struct Graph {
    pub map: MapData,
    pub edges: Vec<Edge>,
    /// Edges leaving each node.
    pub out: Vec<Vec<u32>>,
    /// (from road, via node) → (to road, only).
    restrictions: HashMap<(u32, u32), Vec<(u32, bool)>>,
}

/// A route: the edges driven, their line, and the maneuvers along it.
#[derive(Debug, Clone)]
pub struct Route {
    pub edges: Vec<u32>,
    pub line: Polyline,
    pub duration_s: f64,
    pub maneuvers: Vec<Maneuver>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RouteError {
    #[error("no road leads from the start to the destination")]
    Unreachable,
}

/// Seconds a turn costs on top of driving: slowing down, giving way.
fn turn_cost_s(angle: f64) -> f64 {
    match angle.abs() {
        a if a < 30.0 => 0.0,
        _ if angle > 0.0 && angle < 150.0 => 5.0,
        a if a < 150.0 => 10.0,
        _ => 30.0,
    }
}

impl Graph {
    pub fn new(map: MapData) -> Graph {
        let mut edges = Vec::new();
        let mut out = vec![Vec::new(); map.nodes.len()];
        for (road_index, road) in map.roads.iter().enumerate() {
            let speed_ms = road.class.speed_kmh() / 3.6;
            for pair in road.nodes.windows(2) {
                let mut add = |from: u32, to: u32| {
                    let (a, b) = (map.nodes[from as usize], map.nodes[to as usize]);
                    let length_m = a.distance_m(b);
                    out[from as usize].push(edges.len() as u32);
                    edges.push(Edge {
                        from,
                        to,
                        road: road_index as u32,
                        length_m,
                        time_s: length_m / speed_ms,
                        bearing: a.bearing_deg(b),
                    });
                };
                add(pair[0], pair[1]);
                if !road.one_way {
                    add(pair[1], pair[0]);
                }
            }
        }
        let mut restrictions: HashMap<(u32, u32), Vec<(u32, bool)>> = HashMap::new();
        for r in &map.restrictions {
            restrictions
                .entry((r.from, r.via))
                .or_default()
                .push((r.to, r.only));
        }
        Graph {
            map,
            edges,
            out,
            restrictions,
        }
    }

    pub fn point(&self, node: u32) -> Point {
        self.map.nodes[node as usize]
    }

    /// The node nearest to `point` on a road a route may start or end on (not a service road
    /// when another is near, so a destination is reached from the street).
    pub fn nearest_node(&self, point: Point) -> Option<u32> {
        let mut best: Option<(f64, u32)> = None;
        for edge in &self.edges {
            let class = self.map.roads[edge.road as usize].class;
            let penalty = if class == RoadClass::Service {
                50.0
            } else {
                0.0
            };
            let d = self.point(edge.from).distance_m(point) + penalty;
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, edge.from));
            }
        }
        best.map(|(_, node)| node)
    }

    /// The road passing nearest to `point` and its distance, m, measured to the road's line
    /// (not only its nodes); None for a map without roads.
    pub fn nearest_road(&self, point: Point) -> Option<(u32, f64)> {
        // Flat metres around `point`: exact enough over a city.
        let metres_per_degree = 111_195.0;
        let x_scale = point.lat().to_radians().cos() * metres_per_degree;
        let local = |p: Point| {
            (
                (p.lon() - point.lon()) * x_scale,
                (p.lat() - point.lat()) * metres_per_degree,
            )
        };
        let mut best: Option<(u32, f64)> = None;
        for edge in &self.edges {
            let ((ax, ay), (bx, by)) = (local(self.point(edge.from)), local(self.point(edge.to)));
            let (dx, dy) = (bx - ax, by - ay);
            let length2 = dx * dx + dy * dy;
            let t = if length2 > 0.0 {
                (-(ax * dx + ay * dy) / length2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let d = (ax + t * dx).hypot(ay + t * dy);
            if best.is_none_or(|(_, bd)| d < bd) {
                best = Some((edge.road, d));
            }
        }
        best
    }

    /// Whether turning from edge `a` onto edge `b` is allowed.
    fn may_turn(&self, a: &Edge, b: &Edge) -> bool {
        let u_turn = b.to == a.from && b.road == a.road;
        if u_turn && self.out[a.to as usize].len() > 1 {
            return false;
        }
        match self.restrictions.get(&(a.road, a.to)) {
            None => true,
            Some(rules) => rules
                .iter()
                .all(|&(to, only)| if only { b.road == to } else { b.road != to }),
        }
    }

    /// The fastest route from the node nearest `from` to the node nearest `to`.
    pub fn route(&self, from: Point, to: Point) -> Result<Route, RouteError> {
        let start = self.nearest_node(from).ok_or(RouteError::Unreachable)?;
        let goal = self.nearest_node(to).ok_or(RouteError::Unreachable)?;
        self.route_nodes(start, goal)
    }

    /// The fastest route between two nodes (Dijkstra over edges, so turns can be judged).
    pub fn route_nodes(&self, start: u32, goal: u32) -> Result<Route, RouteError> {
        let mut best = vec![f64::INFINITY; self.edges.len()];
        let mut came_from = vec![u32::MAX; self.edges.len()];
        let mut queue = BinaryHeap::new();
        for &e in &self.out[start as usize] {
            best[e as usize] = self.edges[e as usize].time_s;
            queue.push(Visit(best[e as usize], e));
        }
        let mut arrived = None;
        while let Some(Visit(time, e)) = queue.pop() {
            if time > best[e as usize] {
                continue;
            }
            let edge = &self.edges[e as usize];
            if edge.to == goal {
                arrived = Some(e);
                break;
            }
            for &f in &self.out[edge.to as usize] {
                let next = &self.edges[f as usize];
                if !self.may_turn(edge, next) {
                    continue;
                }
                let t = time + next.time_s + turn_cost_s(turn_angle(edge.bearing, next.bearing));
                if t < best[f as usize] {
                    best[f as usize] = t;
                    came_from[f as usize] = e;
                    queue.push(Visit(t, f));
                }
            }
        }
        let Some(mut e) = arrived else {
            return if start == goal {
                Ok(self.route_of(Vec::new(), start))
            } else {
                Err(RouteError::Unreachable)
            };
        };
        let mut edges = vec![e];
        while came_from[e as usize] != u32::MAX {
            e = came_from[e as usize];
            edges.push(e);
        }
        edges.reverse();
        Ok(self.route_of(edges, start))
    }

    /// The route that drives `edges` from `start`.
    pub fn route_of(&self, edges: Vec<u32>, start: u32) -> Route {
        let mut points = vec![self.point(start)];
        points.extend(edges.iter().map(|&e| self.point(self.edges[e as usize].to)));
        let line = Polyline::new(points);
        let duration_s = edges.iter().map(|&e| self.edges[e as usize].time_s).sum();
        let maneuvers = maneuvers(self, &edges, &line);
        Route {
            edges,
            line,
            duration_s,
            maneuvers,
        }
    }
}

/// A queue entry ordered so that the heap pops the smallest time first.
struct Visit(f64, u32);

impl PartialEq for Visit {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Visit {}
impl PartialOrd for Visit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Visit {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0)
    }
}
