//! Offline maps from OpenStreetMap: the asset format (`model`), the converter from an extract
//! (`import`), geometry (`geo`), the road graph and routing (`graph`), maneuvers (`maneuver`),
//! search (`search`) and drawing a view (`draw`). Plain Rust, no bus: the navigation service
//! serves it, the front ends draw it.

pub mod draw;
pub mod geo;
pub mod graph;
pub mod import;
mod labels;
pub mod maneuver;
pub mod model;
pub mod search;

use std::path::{Path, PathBuf};

use anyhow::Context;

pub use geo::{Point, Polyline};
pub use graph::{Graph, Route, RouteError};
pub use model::{ATTRIBUTION, MapData};

/// The maps the binary ships, converted from `assets/maps/source/` by `opencabin map import`.
const BUILT_IN: &[(&str, &[u8])] = &[
    (
        "helsinki",
        include_bytes!("../../assets/maps/helsinki.ocmap"),
    ),
    ("kouvola", include_bytes!("../../assets/maps/kouvola.ocmap")),
];

/// The most a map file is read: a city is about 100 KB, a small country tens of MB.
const LIMIT: u64 = 128_000_000;

/// The names of the built-in maps.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(name, _)| *name).collect()
}

/// Which map to use: a built-in one by name, or a file `opencabin map import` wrote.
#[derive(Debug, Clone, PartialEq)]
pub enum MapChoice {
    BuiltIn(String),
    File(PathBuf),
}

impl Default for MapChoice {
    fn default() -> Self {
        MapChoice::BuiltIn("helsinki".into())
    }
}

impl std::str::FromStr for MapChoice {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(if BUILT_IN.iter().any(|(name, _)| *name == text) {
            MapChoice::BuiltIn(text.to_string())
        } else {
            MapChoice::File(PathBuf::from(text))
        })
    }
}

/// Loads the chosen map; a file that is not a map is reported with its path.
pub fn load(choice: &MapChoice) -> anyhow::Result<MapData> {
    match choice {
        MapChoice::BuiltIn(name) => {
            let (_, bytes) = BUILT_IN
                .iter()
                .find(|(n, _)| n == name)
                .with_context(|| format!("no built-in map {name:?}"))?;
            Ok(MapData::from_bytes(bytes)?)
        }
        MapChoice::File(path) => {
            let bytes = crate::config::files::read_limited(path, LIMIT)
                .with_context(|| format!("cannot read the map {}", path.display()))?;
            MapData::from_bytes(&bytes).with_context(|| format!("{}", path.display()))
        }
    }
}

/// `opencabin map import`: converts an OpenStreetMap extract into a map file and says what is
/// in it.
pub fn import_file(input: &Path, output: &Path, name: &str) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(input).with_context(|| format!("cannot open {}", input.display()))?;
    let map = import::import(std::io::BufReader::new(file), name)
        .with_context(|| format!("{}", input.display()))?;
    if map.roads.is_empty() {
        anyhow::bail!("{} has no road cars can drive on", input.display());
    }
    let bytes = map.to_bytes();
    std::fs::write(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    println!(
        "{}: {} roads, {} nodes, {} places, {} turn restrictions, {} bytes",
        output.display(),
        map.roads.len(),
        map.nodes.len(),
        map.places.len(),
        map.restrictions.len(),
        bytes.len()
    );
    Ok(())
}
