//! The maneuvers along a route: where the driver turns, keeps to a side at a fork, takes a
//! roundabout exit or a ramp, and arrives; each with the road it leads onto and its distance
//! from the start.

use super::geo::{Polyline, turn_angle};
use super::graph::{Edge, Graph};
use crate::contract::navigation::ManeuverKind;

/// One instruction: at `at_m` metres from the start, do `kind` onto `road`.
#[derive(Debug, Clone, PartialEq)]
pub struct Maneuver {
    pub kind: ManeuverKind,
    /// The road's name after the maneuver, empty when it has none.
    pub road: String,
    pub at_m: f64,
    /// The exit to take at a roundabout, counted from 1; 0 otherwise.
    pub exit: u8,
}

/// How far before and after a junction the directions are measured, m: one short segment at a
/// junction would otherwise decide the angle.
const LOOK_M: f64 = 15.0;
/// A second maneuver onto the same road this close after the first is part of it, m.
const MERGE_WITHIN_M: f64 = 40.0;

/// The change of direction at `at_m` along the line, degrees (positive to the right).
fn angle_at(line: &Polyline, at_m: f64) -> f64 {
    let (before, _) = line.at(at_m - LOOK_M);
    let (here, _) = line.at(at_m);
    let (after, _) = line.at(at_m + LOOK_M);
    turn_angle(before.bearing_deg(here), here.bearing_deg(after))
}

fn turn(angle: f64) -> ManeuverKind {
    use ManeuverKind::*;
    let left = angle < 0.0;
    match angle.abs() {
        a if a < 45.0 => {
            if left {
                SlightLeft
            } else {
                SlightRight
            }
        }
        a if a < 135.0 => {
            if left {
                Left
            } else {
                Right
            }
        }
        a if a < 170.0 => {
            if left {
                SharpLeft
            } else {
                SharpRight
            }
        }
        _ => UTurn,
    }
}

/// The maneuvers for driving `edges` (whose line is `line`), from departure to destination.
pub fn maneuvers(graph: &Graph, edges: &[u32], line: &Polyline) -> Vec<Maneuver> {
    let edge = |i: usize| &graph.edges[edges[i] as usize];
    let road = |e: &Edge| &graph.map.roads[e.road as usize];
    let mut list = Vec::new();
    if edges.is_empty() {
        return list;
    }
    list.push(Maneuver {
        kind: ManeuverKind::Depart,
        road: road(edge(0)).name.clone(),
        at_m: 0.0,
        exit: 0,
    });
    let mut i = 1;
    while i < edges.len() {
        let (a, b) = (edge(i - 1), edge(i));
        let (from, onto) = (road(a), road(b));
        let at_m = line.along[i];
        if onto.roundabout && !from.roundabout {
            let (exit, leave) = roundabout_exit(graph, edges, i);
            let after = leave.map_or(String::new(), |j| road(edge(j)).name.clone());
            list.push(Maneuver {
                kind: ManeuverKind::Roundabout,
                road: after,
                at_m,
                exit,
            });
            i = leave.map_or(edges.len(), |j| j + 1);
            continue;
        }
        i += 1;
        if a.road == b.road || from.roundabout {
            continue;
        }
        let angle = angle_at(line, at_m);
        // The other ways on from here, with their change of direction.
        let others: Vec<f64> = graph.out[a.to as usize]
            .iter()
            .map(|&e| &graph.edges[e as usize])
            .filter(|e| e.to != a.from && e.to != b.to)
            .map(|e| turn_angle(a.bearing, e.bearing))
            .collect();
        let kind = if onto.class.is_ramp() && !from.class.is_ramp() {
            match (from.class.is_motorway(), angle < 0.0) {
                (true, true) => ManeuverKind::OffRampLeft,
                (true, false) => ManeuverKind::OffRampRight,
                (false, true) => ManeuverKind::OnRampLeft,
                (false, false) => ManeuverKind::OnRampRight,
            }
        } else if from.class.is_ramp() && onto.class.is_motorway() {
            ManeuverKind::Merge
        } else if angle.abs() < 30.0 {
            let fork = others.iter().any(|o| o.abs() < 50.0);
            match (fork, angle < 0.0) {
                (true, true) => ManeuverKind::KeepLeft,
                (true, false) => ManeuverKind::KeepRight,
                // The same street under another way, or a new name straight on.
                (false, _) if onto.name == from.name || others.is_empty() => continue,
                (false, _) => ManeuverKind::Straight,
            }
        } else if others.is_empty() && onto.name == from.name {
            // The street bends and there is nowhere else to go.
            continue;
        } else {
            turn(angle)
        };
        // A junction drawn as several ways (a divided road) reads as one maneuver.
        let previous = list.last().filter(|m| m.kind != ManeuverKind::Depart);
        if previous.is_some_and(|m| m.road == onto.name && at_m - m.at_m < MERGE_WITHIN_M) {
            continue;
        }
        list.push(Maneuver {
            kind,
            road: onto.name.clone(),
            at_m,
            exit: 0,
        });
    }
    list.push(Maneuver {
        kind: ManeuverKind::Destination,
        road: String::new(),
        at_m: line.length_m(),
        exit: 0,
    });
    list
}

/// Entering a roundabout at edge `enter`: the exit number taken and the index of the first edge
/// after the roundabout (None when the route ends on it).
fn roundabout_exit(graph: &Graph, edges: &[u32], enter: usize) -> (u8, Option<usize>) {
    let on_roundabout = |e: u32| graph.map.roads[graph.edges[e as usize].road as usize].roundabout;
    let mut exits = 0u8;
    for (j, &e) in edges.iter().enumerate().skip(enter) {
        if !on_roundabout(e) {
            return (exits.saturating_add(1), Some(j));
        }
        let node = graph.edges[e as usize].to;
        let leaves = graph.out[node as usize].iter().any(|&o| !on_roundabout(o));
        let next_leaves = edges.get(j + 1).is_some_and(|&n| !on_roundabout(n));
        if leaves && !next_leaves {
            exits = exits.saturating_add(1);
        }
    }
    (exits.saturating_add(1), None)
}
