//! Draws a map view into an RGBA image with tiny-skia, off the UI thread: roads styled by
//! class, the route, the car's arrow, north-up or heading-up at any zoom, day and night. Street
//! names come back as positioned labels that do not overlap, for the front end to draw with the
//! bundled fonts (tiny-skia draws no text).

use tiny_skia::{Color, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform};

use super::geo::Point;
pub use super::labels::Label;
use super::labels::place_labels;
use super::model::{MapData, RoadClass};

/// What part of the map to draw and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Camera {
    /// The point at the view's anchor (the car, or the centre of a dragged view).
    pub centre: Point,
    /// Metres per pixel.
    pub metres_per_px: f64,
    /// The direction that is up, degrees clockwise from north (0 is north-up).
    pub up_deg: f64,
    /// Where `centre` sits, as fractions of the width and height (0.5, 0.5 is the middle;
    /// heading-up puts the car lower to show more ahead).
    pub anchor: (f64, f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Day,
    Night,
}

impl Camera {
    /// Where `point` lands in an image of `size` pixels drawn with this camera.
    pub fn to_screen(&self, size: (u32, u32), point: Point) -> (f32, f32) {
        Projection::new(self, size.0, size.1).px(point)
    }

    /// The map point under pixel `(x, y)` of an image of `size` pixels.
    pub fn point_at(&self, size: (u32, u32), (x, y): (f64, f64)) -> Point {
        let projection = Projection::new(self, size.0, size.1);
        let (sx, sy) = (
            (x - projection.origin.0) / projection.scale,
            (projection.origin.1 - y) / projection.scale,
        );
        // Undo the rotation of `Projection::px`.
        let east = sx * projection.cos_up + sy * projection.sin_up;
        let north = -sx * projection.sin_up + sy * projection.cos_up;
        Point::from_degrees(
            self.centre.lat() + north / METRES_PER_DEGREE,
            self.centre.lon() + east / (METRES_PER_DEGREE * projection.cos_lat),
        )
    }
}

/// What the view shows besides the streets.
pub struct Overlay<'a> {
    pub route: &'a [Point],
    /// The car's position and heading, degrees.
    pub car: Option<(Point, f64)>,
}

struct Palette {
    ground: Color,
    casing: Color,
    road: [Color; 3],
    route: Color,
    route_casing: Color,
    car: Color,
}

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn palette(style: Style) -> Palette {
    match style {
        Style::Day => Palette {
            ground: rgb(0xEC, 0xEE, 0xF1),
            casing: rgb(0xC4, 0xC9, 0xD1),
            road: [
                rgb(0xFF, 0xD9, 0x8C),
                rgb(0xFF, 0xFF, 0xFF),
                rgb(0xF7, 0xF8, 0xFA),
            ],
            route: rgb(0x1F, 0x7A, 0xF0),
            route_casing: rgb(0x0B, 0x4F, 0xB0),
            car: rgb(0x11, 0x18, 0x27),
        },
        Style::Night => Palette {
            ground: rgb(0x14, 0x18, 0x1F),
            casing: rgb(0x0A, 0x0C, 0x10),
            road: [
                rgb(0x8A, 0x6A, 0x2E),
                rgb(0x3A, 0x41, 0x4D),
                rgb(0x2B, 0x31, 0x3A),
            ],
            route: rgb(0x3D, 0x9B, 0xFF),
            route_casing: rgb(0x0B, 0x3F, 0x8A),
            car: rgb(0xF5, 0xF7, 0xFA),
        },
    }
}

/// Drawn width of a road class in metres, and its colour's index in the palette.
fn road_look(class: RoadClass) -> (f64, usize) {
    use RoadClass::*;
    match class {
        Motorway | Trunk => (16.0, 0),
        Primary | MotorwayLink | TrunkLink => (13.0, 0),
        Secondary | PrimaryLink => (11.0, 1),
        Tertiary | SecondaryLink | TertiaryLink => (10.0, 1),
        Unclassified | Residential => (8.0, 2),
        LivingStreet => (6.0, 2),
        Service => (4.0, 2),
    }
}

/// Turns map positions into pixels for a camera and an image size.
struct Projection {
    centre: Point,
    cos_lat: f64,
    scale: f64,
    sin_up: f64,
    cos_up: f64,
    origin: (f64, f64),
}

const METRES_PER_DEGREE: f64 = 111_320.0;

impl Projection {
    fn new(camera: &Camera, width: u32, height: u32) -> Projection {
        let up = camera.up_deg.to_radians();
        Projection {
            centre: camera.centre,
            cos_lat: camera.centre.lat().to_radians().cos(),
            scale: 1.0 / camera.metres_per_px.max(1e-3),
            sin_up: up.sin(),
            cos_up: up.cos(),
            origin: (
                camera.anchor.0 * f64::from(width),
                camera.anchor.1 * f64::from(height),
            ),
        }
    }

    fn px(&self, p: Point) -> (f32, f32) {
        let east = (p.lon() - self.centre.lon()) * self.cos_lat * METRES_PER_DEGREE;
        let north = (p.lat() - self.centre.lat()) * METRES_PER_DEGREE;
        // Rotate so that `up` points up the screen.
        let x = east * self.cos_up - north * self.sin_up;
        let y = east * self.sin_up + north * self.cos_up;
        (
            (self.origin.0 + x * self.scale) as f32,
            (self.origin.1 - y * self.scale) as f32,
        )
    }
}

fn stroke(width: f32) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Round,
        // Bevel joins: at these widths they look the same as round ones and stroke faster.
        line_join: LineJoin::Bevel,
        ..Stroke::default()
    }
}

fn paint(color: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color);
    paint.anti_alias = true;
    paint
}

/// Draws the view; returns the image and the street labels placed on it.
pub fn draw(
    map: &MapData,
    camera: &Camera,
    style: Style,
    size: (u32, u32),
    overlay: &Overlay,
) -> (Pixmap, Vec<Label>) {
    let (width, height) = (size.0.max(1), size.1.max(1));
    let mut pixmap = Pixmap::new(width, height).expect("a non-empty image");
    let colours = palette(style);
    pixmap.fill(colours.ground);
    let projection = Projection::new(camera, width, height);
    let scale = projection.scale;
    // Anything drawn reaches at most this far past the image's edge (half the widest road).
    let margin = 40.0;
    let view = [
        -margin,
        -margin,
        width as f32 + margin,
        height as f32 + margin,
    ];
    // Slowest classes first, so faster roads are drawn over them.
    let mut order: Vec<usize> = (0..map.roads.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(map.roads[i].class));
    let mut screen: Vec<Option<Vec<(f32, f32)>>> = vec![None; map.roads.len()];
    for &i in &order {
        let points: Vec<(f32, f32)> = map.roads[i]
            .nodes
            .iter()
            .map(|&n| projection.px(map.nodes[n as usize]))
            .collect();
        if points.windows(2).any(|w| crosses(&view, w[0], w[1])) {
            screen[i] = Some(points);
        }
    }
    // One path per look (width and colour), casings of every road first and then the fills, so
    // junctions join cleanly: a few large strokes cost far less than one per road.
    let mut looks: Vec<((f64, usize), PathBuilder)> = Vec::new();
    for &i in &order {
        let Some(points) = &screen[i] else { continue };
        let look = road_look(map.roads[i].class);
        let builder = match looks.iter().position(|(l, _)| *l == look) {
            Some(at) => &mut looks[at].1,
            None => {
                looks.push((look, PathBuilder::new()));
                &mut looks.last_mut().expect("just pushed").1
            }
        };
        add_visible_runs(builder, points, &view);
    }
    let paths: Vec<((f64, usize), tiny_skia::Path)> = looks
        .into_iter()
        .filter_map(|(look, builder)| Some((look, builder.finish()?)))
        .collect();
    for casing in [true, false] {
        for ((metres, colour), path) in &paths {
            let width = (metres * scale).max(1.0) as f32;
            let (colour, width) = if casing {
                (colours.casing, width + 2.0)
            } else {
                (colours.road[*colour], width)
            };
            // The casing shows only as a thin edge under the fill: it needs no anti-aliasing.
            let mut paint = paint(colour);
            paint.anti_alias = !casing;
            let mut stroke = stroke(width);
            if casing {
                stroke.line_cap = LineCap::Butt;
            }
            pixmap.stroke_path(path, &paint, &stroke, Transform::identity(), None);
        }
    }
    if overlay.route.len() >= 2 {
        let points: Vec<(f32, f32)> = overlay.route.iter().map(|&p| projection.px(p)).collect();
        if let Some(path) = polyline(&points) {
            let width = (7.0 * scale).clamp(4.0, 14.0) as f32;
            pixmap.stroke_path(
                &path,
                &paint(colours.route_casing),
                &stroke(width + 3.0),
                Transform::identity(),
                None,
            );
            pixmap.stroke_path(
                &path,
                &paint(colours.route),
                &stroke(width),
                Transform::identity(),
                None,
            );
        }
    }
    if let Some((at, heading)) = overlay.car {
        draw_car(
            &mut pixmap,
            projection.px(at),
            (heading - camera.up_deg) as f32,
            &colours,
        );
    }
    let labels = place_labels(map, &screen, (width, height));
    (pixmap, labels)
}

fn polyline(points: &[(f32, f32)]) -> Option<tiny_skia::Path> {
    let mut builder = PathBuilder::new();
    add_polyline(&mut builder, points);
    builder.finish()
}

/// Whether the segment from `a` to `b` may cross the rectangle `[x0, y0, x1, y1]` (its bounding
/// box overlaps it).
fn crosses(view: &[f32; 4], a: (f32, f32), b: (f32, f32)) -> bool {
    a.0.max(b.0) >= view[0]
        && a.0.min(b.0) <= view[2]
        && a.1.max(b.1) >= view[1]
        && a.1.min(b.1) <= view[3]
}

/// Adds the runs of a polyline's segments that may show in `view`; the parts far off the image
/// are left out, so neither the stroker nor the rasteriser spends time on them.
fn add_visible_runs(builder: &mut PathBuilder, points: &[(f32, f32)], view: &[f32; 4]) {
    let mut run_open = false;
    for w in points.windows(2) {
        if crosses(view, w[0], w[1]) {
            if !run_open {
                builder.move_to(w[0].0, w[0].1);
                run_open = true;
            }
            builder.line_to(w[1].0, w[1].1);
        } else {
            run_open = false;
        }
    }
}

fn add_polyline(builder: &mut PathBuilder, points: &[(f32, f32)]) {
    let Some((&(x, y), rest)) = points.split_first() else {
        return;
    };
    builder.move_to(x, y);
    for &(x, y) in rest {
        builder.line_to(x, y);
    }
}

/// The car as an arrowhead pointing along its heading (degrees on screen, 0 up).
fn draw_car(pixmap: &mut Pixmap, (x, y): (f32, f32), heading: f32, colours: &Palette) {
    let mut builder = PathBuilder::new();
    builder.move_to(0.0, -16.0);
    builder.line_to(11.0, 12.0);
    builder.line_to(0.0, 6.0);
    builder.line_to(-11.0, 12.0);
    builder.close();
    let Some(arrow) = builder.finish() else {
        return;
    };
    let transform = Transform::from_rotate(heading).post_translate(x, y);
    pixmap.fill_path(
        &arrow,
        &paint(colours.route),
        tiny_skia::FillRule::Winding,
        transform,
        None,
    );
    pixmap.stroke_path(&arrow, &paint(colours.car), &stroke(2.5), transform, None);
}
