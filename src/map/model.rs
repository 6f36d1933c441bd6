//! The map asset: roads with class, name and direction, named places, turn restrictions, all
//! from an OpenStreetMap extract. Stored as `OCMAP` + a format version + postcard bytes, so a
//! file from another tool or an older format is refused with a clear error.

use serde::{Deserialize, Serialize};

use super::geo::Point;
use crate::contract::navigation::Category;

/// The first bytes of every map file; the byte after them is the format version.
const MAGIC: &[u8; 5] = b"OCMAP";
const FORMAT_VERSION: u8 = 1;

/// What every map shows: the extract's licence requires it (ODbL 1.0).
pub const ATTRIBUTION: &str = "© OpenStreetMap contributors";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    /// The extract's name, e.g. "Helsinki".
    pub name: String,
    /// Every node a road passes through, indexed by the roads.
    pub nodes: Vec<Point>,
    pub roads: Vec<Road>,
    pub places: Vec<Place>,
    pub restrictions: Vec<Restriction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Road {
    /// The street's name, empty for an unnamed road.
    pub name: String,
    pub class: RoadClass,
    /// Drivable only from the first node to the last (OpenStreetMap's `oneway=-1` is stored
    /// reversed, so one direction is enough).
    pub one_way: bool,
    pub roundabout: bool,
    /// Indices into `MapData::nodes`, in drawing order.
    pub nodes: Vec<u32>,
}

/// OpenStreetMap's `highway` classes that cars drive on, fastest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RoadClass {
    Motorway,
    MotorwayLink,
    Trunk,
    TrunkLink,
    Primary,
    PrimaryLink,
    Secondary,
    SecondaryLink,
    Tertiary,
    TertiaryLink,
    Unclassified,
    Residential,
    LivingStreet,
    Service,
}

impl RoadClass {
    /// The class of an OpenStreetMap `highway` value, or None for one cars do not use.
    pub fn from_highway(value: &str) -> Option<RoadClass> {
        use RoadClass::*;
        Some(match value {
            "motorway" => Motorway,
            "motorway_link" => MotorwayLink,
            "trunk" => Trunk,
            "trunk_link" => TrunkLink,
            "primary" => Primary,
            "primary_link" => PrimaryLink,
            "secondary" => Secondary,
            "secondary_link" => SecondaryLink,
            "tertiary" => Tertiary,
            "tertiary_link" => TertiaryLink,
            "unclassified" => Unclassified,
            "residential" => Residential,
            "living_street" => LivingStreet,
            "service" => Service,
            _ => return None,
        })
    }

    /// The speed a route assumes on this class, km/h (typical urban Nordic limits).
    pub fn speed_kmh(self) -> f64 {
        use RoadClass::*;
        match self {
            Motorway => 100.0,
            Trunk => 80.0,
            MotorwayLink | TrunkLink => 60.0,
            Primary => 50.0,
            Secondary | PrimaryLink => 40.0,
            Tertiary | SecondaryLink | TertiaryLink | Unclassified => 35.0,
            Residential => 30.0,
            LivingStreet => 20.0,
            Service => 15.0,
        }
    }

    /// A ramp onto or off a motorway or trunk road.
    pub fn is_ramp(self) -> bool {
        matches!(self, RoadClass::MotorwayLink | RoadClass::TrunkLink)
    }

    /// A motorway or trunk road itself.
    pub fn is_motorway(self) -> bool {
        matches!(self, RoadClass::Motorway | RoadClass::Trunk)
    }
}

/// A named point of interest or place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub category: Category,
    pub at: Point,
}

/// A turn restriction: at node `via`, from road `from` onto road `to` is forbidden (`only` false)
/// or the only turn allowed (`only` true).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Restriction {
    pub from: u32,
    pub via: u32,
    pub to: u32,
    pub only: bool,
}

/// Why a map file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MapFileError {
    #[error("not an OpenCabin map (convert an OpenStreetMap extract with `opencabin map import`)")]
    NotAMap,
    #[error(
        "map format {found} is not supported (this version reads format {FORMAT_VERSION}); convert the extract again"
    )]
    Version { found: u8 },
    #[error("the map is damaged: {0}")]
    Damaged(String),
}

impl MapData {
    /// The map as the bytes of a map file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.push(FORMAT_VERSION);
        bytes.extend(postcard::to_allocvec(self).expect("a map always serialises"));
        bytes
    }

    /// Reads a map file's bytes, checking that every index points at something.
    pub fn from_bytes(bytes: &[u8]) -> Result<MapData, MapFileError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(MapFileError::NotAMap)?;
        let (&version, body) = body.split_first().ok_or(MapFileError::NotAMap)?;
        if version != FORMAT_VERSION {
            return Err(MapFileError::Version { found: version });
        }
        let map: MapData =
            postcard::from_bytes(body).map_err(|e| MapFileError::Damaged(e.to_string()))?;
        map.check()?;
        Ok(map)
    }

    fn check(&self) -> Result<(), MapFileError> {
        let nodes = self.nodes.len() as u32;
        let roads = self.roads.len() as u32;
        if let Some(road) = self
            .roads
            .iter()
            .find(|r| r.nodes.len() < 2 || r.nodes.iter().any(|&n| n >= nodes))
        {
            return Err(MapFileError::Damaged(format!(
                "road {:?} has {} nodes, some not in the map",
                road.name,
                road.nodes.len()
            )));
        }
        if self
            .restrictions
            .iter()
            .any(|r| r.from >= roads || r.to >= roads || r.via >= nodes)
        {
            return Err(MapFileError::Damaged(
                "a turn restriction names a road or node not in the map".into(),
            ));
        }
        Ok(())
    }
}
