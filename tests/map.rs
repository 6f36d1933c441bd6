//! The shipped maps and what is computed on them, without a bus: the converter regenerates the
//! assets from the committed extracts, routes keep to one-way streets and turn restrictions,
//! maneuvers cover turns, ramps and arrival, and search finds what a driver types.

use opencabin::contract::navigation::{Category, ManeuverKind};
use opencabin::map::model::MapData;
use opencabin::map::search::search;
use opencabin::map::{Graph, MapChoice, Point, load};

fn built_in(name: &str) -> MapData {
    load(&MapChoice::BuiltIn(name.into())).expect("the built-in map loads")
}

/// A small deterministic generator, so a failing pair can be reproduced.
fn pseudo_random(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 33) as usize
}

#[test]
fn the_converter_regenerates_the_shipped_maps_from_the_committed_extracts() {
    let dir = std::env::temp_dir().join(format!("opencabin-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, title) in [("helsinki", "Helsinki"), ("kouvola", "Kouvola")] {
        let root = env!("CARGO_MANIFEST_DIR");
        let source = format!("{root}/assets/maps/source/{name}.osm.pbf");
        let output = dir.join(format!("{name}.ocmap"));
        opencabin::map::import_file(source.as_ref(), &output, title).expect("the extract converts");
        let shipped = std::fs::read(format!("{root}/assets/maps/{name}.ocmap")).unwrap();
        assert!(
            std::fs::read(&output).unwrap() == shipped,
            "assets/maps/{name}.ocmap is not what `opencabin map import` makes of its extract; \
             regenerate it"
        );
    }
}

#[test]
fn the_shipped_maps_hold_streets_one_way_roads_places_and_restrictions() {
    let helsinki = built_in("helsinki");
    assert_eq!(helsinki.name, "Helsinki");
    let one_way = helsinki.roads.iter().filter(|r| r.one_way).count();
    let named: std::collections::BTreeSet<&str> = helsinki
        .roads
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    assert!(helsinki.roads.len() > 500, "{} roads", helsinki.roads.len());
    assert!(one_way > 100, "{one_way} one-way roads");
    assert!(named.len() > 60, "{} named streets", named.len());
    for category in [Category::Parking, Category::Cafe, Category::Restaurant] {
        assert!(
            helsinki.places.iter().any(|p| p.category == category),
            "{category}"
        );
    }
    assert!(!helsinki.restrictions.is_empty(), "turn restrictions");
    let kouvola = built_in("kouvola");
    assert!(
        kouvola.roads.iter().any(|r| r.class.is_motorway()),
        "a motorway"
    );
    assert!(kouvola.roads.iter().any(|r| r.class.is_ramp()), "its ramps");
}

#[test]
fn a_file_that_is_not_a_map_is_refused_with_the_reason() {
    let err = MapData::from_bytes(b"PK\x03\x04 a zip file").unwrap_err();
    assert!(err.to_string().contains("opencabin map import"), "{err}");
    let mut bytes = built_in("kouvola").to_bytes();
    bytes.truncate(bytes.len() / 2);
    let err = MapData::from_bytes(&bytes).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    bytes[5] = 9;
    let err = MapData::from_bytes(&bytes).unwrap_err();
    assert!(err.to_string().contains("format 9"), "{err}");
}

#[test]
fn no_route_drives_a_one_way_street_backwards_or_breaks_a_turn_restriction() {
    let graph = Graph::new(built_in("helsinki"));
    let map = &graph.map;
    let drivable: Vec<u32> = (0..map.nodes.len() as u32)
        .filter(|&n| !graph.out[n as usize].is_empty())
        .collect();
    let mut seed = 7;
    let mut routes = 0;
    let mut one_way_edges = 0;
    for _ in 0..300 {
        let a = drivable[pseudo_random(&mut seed) % drivable.len()];
        let b = drivable[pseudo_random(&mut seed) % drivable.len()];
        let Ok(route) = graph.route_nodes(a, b) else {
            continue;
        };
        routes += 1;
        for pair in route.edges.windows(2) {
            let (e, f) = (
                &graph.edges[pair[0] as usize],
                &graph.edges[pair[1] as usize],
            );
            for r in map
                .restrictions
                .iter()
                .filter(|r| r.from == e.road && r.via == e.to)
            {
                assert!(
                    if r.only {
                        f.road == r.to
                    } else {
                        f.road != r.to
                    },
                    "route {a}->{b} breaks the restriction {r:?}"
                );
            }
        }
        for &e in &route.edges {
            let edge = &graph.edges[e as usize];
            let road = &map.roads[edge.road as usize];
            if road.one_way {
                one_way_edges += 1;
                let forward = road
                    .nodes
                    .windows(2)
                    .any(|w| w[0] == edge.from && w[1] == edge.to);
                assert!(forward, "route {a}->{b} drives {:?} backwards", road.name);
            }
        }
    }
    assert!(routes > 200, "only {routes} of 300 pairs routed");
    assert!(
        one_way_edges > 100,
        "the routes used {one_way_edges} one-way segments"
    );
}

#[test]
fn maneuvers_run_from_departure_to_destination_with_turns_and_ramps() {
    let graph = Graph::new(built_in("kouvola"));
    let map = &graph.map;
    let mut kinds = std::collections::HashSet::new();
    let mut seed = 11;
    let drivable: Vec<u32> = (0..map.nodes.len() as u32)
        .filter(|&n| !graph.out[n as usize].is_empty())
        .collect();
    for _ in 0..200 {
        let a = drivable[pseudo_random(&mut seed) % drivable.len()];
        let b = drivable[pseudo_random(&mut seed) % drivable.len()];
        let Ok(route) = graph.route_nodes(a, b) else {
            continue;
        };
        if route.edges.is_empty() {
            continue;
        }
        let m = &route.maneuvers;
        assert_eq!(m.first().map(|m| m.kind), Some(ManeuverKind::Depart));
        assert_eq!(m.last().map(|m| m.kind), Some(ManeuverKind::Destination));
        assert!(
            m.windows(2).all(|w| w[0].at_m <= w[1].at_m),
            "in order: {m:?}"
        );
        assert!((m.last().unwrap().at_m - route.line.length_m()).abs() < 1e-6);
        kinds.extend(m.iter().map(|m| m.kind));
    }
    for kind in [ManeuverKind::Left, ManeuverKind::Right] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let ramps = [
        ManeuverKind::OnRampLeft,
        ManeuverKind::OnRampRight,
        ManeuverKind::OffRampLeft,
        ManeuverKind::OffRampRight,
    ];
    assert!(
        ramps.iter().any(|k| kinds.contains(k)),
        "a ramp in {kinds:?}"
    );
}

#[test]
fn search_forgives_accents_case_and_one_typo_and_finds_categories_nearest_first() {
    let map = built_in("helsinki");
    let near = Point::from_degrees(60.1699, 24.9384);
    for typed in [
        "Lonnrotinkatu",
        "lönnrotinkatu",
        "LONNROTINKATU",
        "Lonnrotinaktu",
        "Lönnrotinkat",
    ] {
        let found = search(&map, typed, near);
        assert_eq!(
            found.first().map(|f| f.name.as_str()),
            Some("Lönnrotinkatu"),
            "{typed:?} found {:?}",
            found.iter().map(|f| &f.name).collect::<Vec<_>>()
        );
    }
    for typed in ["parking", "停车"] {
        let found = search(&map, typed, near);
        assert!(!found.is_empty(), "{typed}");
        assert!(
            found.iter().all(|f| f.category == Category::Parking),
            "{typed}: {found:?}"
        );
        assert!(
            found.windows(2).all(|w| w[0].distance_m <= w[1].distance_m),
            "nearest first"
        );
    }
    assert!(search(&map, "zzzzqqqq", near).is_empty());
}

#[test]
fn a_drawn_view_shows_the_route_and_the_car_and_labels_that_do_not_overlap() {
    use opencabin::map::draw::{Camera, Overlay, Style, draw};
    let graph = Graph::new(built_in("helsinki"));
    let route = graph
        .route(
            Point::from_degrees(60.1765, 24.9500),
            Point::from_degrees(60.1660, 24.9370),
        )
        .expect("a route across the centre");
    let (car, heading) = route.line.at(route.line.length_m() / 3.0);
    for (style, up) in [(Style::Day, 0.0), (Style::Night, heading)] {
        let camera = Camera {
            centre: car,
            metres_per_px: 2.0,
            up_deg: up,
            anchor: (0.5, 0.5),
        };
        let overlay = Overlay {
            route: &route.line.points,
            car: Some((car, heading)),
        };
        let (pixmap, labels) = draw(&graph.map, &camera, style, (800, 480), &overlay);
        let pixels = pixmap.pixels();
        // The route's blue, and the pixels under the car's arrow at the centre.
        let route_blue = pixels
            .iter()
            .filter(|p| p.blue() > 200 && p.red() < 90 && p.green() > 100 && p.green() < 180)
            .count();
        assert!(route_blue > 1500, "{style:?}: {route_blue} route pixels");
        let centre = pixels[240 * 800 + 400].demultiply();
        let ground = pixels[5].demultiply();
        assert_ne!(
            (centre.red(), centre.green()),
            (ground.red(), ground.green()),
            "the car at the centre"
        );
        assert!(labels.len() >= 3, "{style:?}: {} labels", labels.len());
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                // The text boxes at the 13 px the map draws labels in (a glyph is at most 0.58 em).
                let chars = (a.text.chars().count() + b.text.chars().count()) as f32;
                let apart = (a.x - b.x).abs() > chars * 13.0 * 0.29 || (a.y - b.y).abs() > 20.0;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }
}
