//! Converts an OpenStreetMap extract (PBF) into the map asset: the roads cars drive on, named
//! places and points of interest, and turn restrictions. `opencabin map import` runs it; the
//! shipped maps in `assets/maps/` are its output.

use std::collections::HashMap;
use std::io::Read;

use anyhow::Context;
use osmpbf::{Element, ElementReader, RelMemberType};

use super::geo::Point;
use super::model::{MapData, Place, Restriction, Road, RoadClass};
use crate::contract::navigation::Category;

/// What the first pass keeps of a way.
struct Way {
    id: i64,
    tags: HashMap<String, String>,
    refs: Vec<i64>,
}

struct Relation {
    tags: HashMap<String, String>,
    /// (role, type, id)
    members: Vec<(String, RelMemberType, i64)>,
}

/// Everything the extract holds that the map may use.
#[derive(Default)]
struct Extract {
    coords: HashMap<i64, Point>,
    tagged_nodes: Vec<(Point, HashMap<String, String>)>,
    ways: Vec<Way>,
    relations: Vec<Relation>,
}

fn tags<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<String, String> {
    pairs.map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Reads an extract in the PBF format and converts it; `name` names the map.
pub fn import(reader: impl Read + Send, name: &str) -> anyhow::Result<MapData> {
    let mut extract = Extract::default();
    ElementReader::new(reader)
        .for_each(|element| match element {
            Element::Node(node) => {
                let at = Point::from_degrees(node.lat(), node.lon());
                extract.coords.insert(node.id(), at);
                let tags = tags(node.tags());
                if !tags.is_empty() {
                    extract.tagged_nodes.push((at, tags));
                }
            }
            Element::DenseNode(node) => {
                let at = Point::from_degrees(node.lat(), node.lon());
                extract.coords.insert(node.id(), at);
                let tags = tags(node.tags());
                if !tags.is_empty() {
                    extract.tagged_nodes.push((at, tags));
                }
            }
            Element::Way(way) => extract.ways.push(Way {
                id: way.id(),
                tags: tags(way.tags()),
                refs: way.refs().collect(),
            }),
            Element::Relation(relation) => extract.relations.push(Relation {
                tags: tags(relation.tags()),
                members: relation
                    .members()
                    .map(|m| {
                        let role = m.role().unwrap_or_default().to_string();
                        (role, m.member_type, m.member_id)
                    })
                    .collect(),
            }),
        })
        .context("cannot read the OpenStreetMap extract (is it a .osm.pbf file?)")?;
    Ok(convert(extract, name))
}

fn convert(extract: Extract, name: &str) -> MapData {
    let mut map = MapData {
        name: name.to_string(),
        nodes: Vec::new(),
        roads: Vec::new(),
        places: Vec::new(),
        restrictions: Vec::new(),
    };
    let mut node_index: HashMap<i64, u32> = HashMap::new();
    let mut road_of_way: HashMap<i64, u32> = HashMap::new();
    for way in &extract.ways {
        if let Some(road) = road(way, &extract.coords, &mut node_index, &mut map.nodes) {
            road_of_way.insert(way.id, map.roads.len() as u32);
            map.roads.push(road);
        } else if let Some(place) = area_place(way, &extract.coords) {
            map.places.push(place);
        }
    }
    for (at, tags) in &extract.tagged_nodes {
        if let Some(place) = place(*at, tags) {
            map.places.push(place);
        }
    }
    for relation in &extract.relations {
        if let Some(r) = restriction(relation, &road_of_way, &node_index) {
            map.restrictions.push(r);
        }
    }
    map
}

/// A way cars may drive on, as a road; its nodes are added to the map's nodes.
fn road(
    way: &Way,
    coords: &HashMap<i64, Point>,
    node_index: &mut HashMap<i64, u32>,
    nodes: &mut Vec<Point>,
) -> Option<Road> {
    let tag = |key: &str| way.tags.get(key).map(String::as_str);
    let class = RoadClass::from_highway(tag("highway")?)?;
    if matches!(tag("access"), Some("no" | "private"))
        || matches!(tag("motor_vehicle"), Some("no" | "private"))
        || matches!(
            tag("service"),
            Some("parking_aisle" | "driveway" | "drive-through")
        )
        || tag("area") == Some("yes")
    {
        return None;
    }
    let roundabout = matches!(tag("junction"), Some("roundabout" | "circular"));
    let mut refs: Vec<i64> = way
        .refs
        .iter()
        .copied()
        .filter(|r| coords.contains_key(r))
        .collect();
    let one_way = match tag("oneway") {
        Some("yes" | "true" | "1") => true,
        Some("-1" | "reverse") => {
            refs.reverse();
            true
        }
        Some("no" | "false" | "0") => false,
        _ => roundabout || class == RoadClass::Motorway || class == RoadClass::MotorwayLink,
    };
    if refs.len() < 2 {
        return None;
    }
    let indices = refs
        .iter()
        .map(|r| {
            *node_index.entry(*r).or_insert_with(|| {
                nodes.push(coords[r]);
                (nodes.len() - 1) as u32
            })
        })
        .collect();
    Some(Road {
        name: tag("name").unwrap_or_default().to_string(),
        class,
        one_way,
        roundabout,
        nodes: indices,
    })
}

/// The category of a tagged node or area, if it is a place worth finding.
fn category(tags: &HashMap<String, String>) -> Option<Category> {
    let tag = |key: &str| tags.get(key).map(String::as_str);
    if let Some(amenity) = tag("amenity") {
        return Some(match amenity {
            "charging_station" => Category::Charging,
            "parking" | "parking_entrance" => Category::Parking,
            "fuel" => Category::Fuel,
            "cafe" => Category::Cafe,
            "restaurant" | "bar" | "pub" => Category::Restaurant,
            "fast_food" => Category::FastFood,
            "pharmacy" => Category::Pharmacy,
            "hospital" | "clinic" => Category::Hospital,
            "toilets" => Category::Toilets,
            _ => Category::Other,
        });
    }
    if tag("shop").is_some() {
        return Some(Category::Shop);
    }
    if let Some(tourism) = tag("tourism") {
        return Some(match tourism {
            "hotel" | "hostel" | "guest_house" | "motel" => Category::Hotel,
            "attraction" | "museum" | "viewpoint" | "gallery" | "artwork" => Category::Sight,
            _ => Category::Other,
        });
    }
    if tag("historic").is_some() {
        return Some(Category::Sight);
    }
    if let Some("neighbourhood" | "suburb" | "quarter" | "square" | "locality") = tag("place") {
        return Some(Category::Neighbourhood);
    }
    None
}

/// A named place, or an unnamed one a driver looks for by category (a charger, a car park).
fn place(at: Point, tags: &HashMap<String, String>) -> Option<Place> {
    let category = category(tags)?;
    let name = tags
        .get("name")
        .or_else(|| tags.get("operator"))
        .or_else(|| tags.get("brand"))
        .cloned()
        .unwrap_or_default();
    let wanted_unnamed = matches!(
        category,
        Category::Charging | Category::Parking | Category::Fuel | Category::Toilets
    );
    (!name.is_empty() || wanted_unnamed).then_some(Place { name, category, at })
}

/// A place drawn as an area (a car park, a museum), found at the middle of its outline.
fn area_place(way: &Way, coords: &HashMap<i64, Point>) -> Option<Place> {
    let points: Vec<Point> = way
        .refs
        .iter()
        .filter_map(|r| coords.get(r))
        .copied()
        .collect();
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let lat = points.iter().map(|p| p.lat()).sum::<f64>() / n;
    let lon = points.iter().map(|p| p.lon()).sum::<f64>() / n;
    place(Point::from_degrees(lat, lon), &way.tags)
}

/// A `type=restriction` relation from a road over a node to a road.
fn restriction(
    relation: &Relation,
    road_of_way: &HashMap<i64, u32>,
    node_index: &HashMap<i64, u32>,
) -> Option<Restriction> {
    if relation.tags.get("type").map(String::as_str) != Some("restriction") {
        return None;
    }
    let kind = relation.tags.get("restriction")?;
    let member = |role: &str, kind: RelMemberType| {
        relation
            .members
            .iter()
            .find(|(r, t, _)| r == role && *t == kind)
            .map(|(_, _, id)| *id)
    };
    Some(Restriction {
        from: *road_of_way.get(&member("from", RelMemberType::Way)?)?,
        via: *node_index.get(&member("via", RelMemberType::Node)?)?,
        to: *road_of_way.get(&member("to", RelMemberType::Way)?)?,
        only: kind.starts_with("only_"),
    })
}
