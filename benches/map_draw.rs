//! The map view's cost in a release build: drawing central Helsinki with a route, heading-up
//! while the car drives it, at 800x480, 1920x720 and 1448x532 (the navigation page's map in a
//! 1920x720 window), at the UI's starting zoom (tiny-skia, one thread). Writes the last
//! frame of each size to target/map-draw-*.png to look at. Run with
//! `cargo bench --bench map_draw`; the figures go to docs/PERFORMANCE.md.

use std::time::Instant;

use opencabin::map::draw::{Camera, Overlay, Style, draw};
use opencabin::map::{Graph, MapChoice, Point, load};

fn main() {
    let graph = Graph::new(load(&MapChoice::default()).expect("the built-in map"));
    let route = graph
        .route(
            Point::from_degrees(60.1765, 24.9500),
            Point::from_degrees(60.1660, 24.9370),
        )
        .expect("a route across the centre");
    let frames = if std::env::args().any(|a| a == "--quick") {
        5
    } else {
        300
    };
    let sizes = [
        ((800, 480), Style::Day),
        ((1920, 720), Style::Night),
        ((1448, 532), Style::Night),
    ];
    for (size, style) in sizes {
        let mut times = Vec::new();
        let mut last = None;
        for frame in 0..frames {
            let along = route.line.length_m() * f64::from(frame) / f64::from(frames);
            let (car, heading) = route.line.at(along);
            let camera = Camera {
                centre: car,
                metres_per_px: opencabin::views::map_view::START_METRES_PER_PX,
                up_deg: heading,
                anchor: (0.5, 0.7),
            };
            let overlay = Overlay {
                route: &route.line.points,
                car: Some((car, heading)),
            };
            let started = Instant::now();
            let drawn = draw(&graph.map, &camera, style, size, &overlay);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            last = Some(drawn);
        }
        times.sort_by(f64::total_cmp);
        let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        let (pixmap, labels) = last.expect("a frame");
        println!(
            "map draw {}x{}: median {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} frames; {} labels",
            size.0,
            size.1,
            pick(0.5),
            pick(0.99),
            pick(1.0),
            times.len(),
            labels.len()
        );
        let out = format!("target/map-draw-{}x{}.png", size.0, size.1);
        let image = slint::SharedPixelBuffer::<slint::Rgba8Pixel>::clone_from_slice(
            pixmap.data(),
            size.0,
            size.1,
        );
        opencabin::png::write_rgba(&out, &image).expect("the PNG is written");
    }
}
