//! The map on screen: one view (the navigation page's map or the home page's card, whichever is
//! shown), drawn with tiny-skia on a painter thread of its own and handed back to the UI thread
//! as an image with its street labels. The car's arrow is a Slint element over the image, moved
//! at every position update; the image is drawn again only when `MapView` says the view moved
//! past its threshold, the zoom, route or theme changed, or a drag ended. Without a painter
//! thread (the headless renderer) the image is drawn at once.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::mpsc;

use slint::{ComponentHandle, ModelRc, Rgba8Pixel, SharedPixelBuffer, VecModel};

use crate::client::navigation::ServedMap;
use crate::contract::vehicle::Gear;
use crate::map::draw::{self, Camera, Label, Overlay, Style};
use crate::map::{MapData, Point, Polyline};
use crate::ui::{AppWindow, MapLabel, NavigationAdapter, Theme};
use crate::views::map_view::MapView;
use crate::views::{Parts, UiState};

/// What the painter draws.
struct Job {
    map: Arc<MapData>,
    camera: Camera,
    style: Style,
    size: (u32, u32),
    route: Arc<Polyline>,
    /// How far along the route the car is, m: the part behind it is not drawn.
    progress_m: f64,
}

/// A drawn view.
struct Drawn {
    camera: Camera,
    image: SharedPixelBuffer<Rgba8Pixel>,
    labels: Vec<Label>,
}

#[derive(Default)]
struct MapScreen {
    view: MapView,
    map: Option<ServedMap>,
    /// The middle of the map, shown while the car's position is not known.
    home: Option<Point>,
    route: Arc<Polyline>,
    progress_m: f64,
    car: Option<(Point, f64)>,
    driving: bool,
    /// The style of the last image asked for; another style draws again.
    style: Option<Style>,
    /// The camera of the image on screen, for placing the car's arrow over it.
    shown: Option<Camera>,
    painter: Option<mpsc::Sender<Job>>,
}

thread_local! {
    /// The map screen of the UI thread's window.
    static SCREEN: RefCell<MapScreen> = RefCell::default();
}

/// Takes the car, route and map from the `parts` of `state` that changed; draws or moves the
/// arrow as needed.
pub fn show(window: &AppWindow, state: &UiState, parts: Parts) {
    SCREEN.with_borrow_mut(|screen| {
        if parts.contains(Parts::MAP) && screen.map != state.map {
            screen.home = state.map.as_ref().map(|m| middle(&m.data));
            screen.map = state.map.clone();
            screen.style = None;
        }
        let location = &state.location;
        screen.car = (location.available && location.known).then(|| {
            let at = Point::from_degrees(location.latitude, location.longitude);
            (at, location.heading)
        });
        screen.driving = state.drive.available && state.drive.gear != Gear::Park;
        let navigation = &state.navigation;
        if parts.contains(Parts::NAVIGATION) {
            let route: Vec<Point> = if navigation.available && navigation.active {
                let points = navigation.geometry.iter();
                points
                    .map(|&(lat, lon)| Point::from_degrees(lat, lon))
                    .collect()
            } else {
                Vec::new()
            };
            if screen.route.points != route {
                screen.route = Arc::new(Polyline::new(route));
                screen.style = None;
            }
            screen.progress_m = screen.route.length_m() - navigation.distance_remaining_m;
        }
        screen.refresh(window);
    });
}

/// Draws again if the theme changed (called when the settings are shown).
pub fn show_theme(window: &AppWindow) {
    SCREEN.with_borrow_mut(|screen| screen.refresh(window));
}

impl MapScreen {
    fn camera(&self) -> Option<Camera> {
        let home = self.home?;
        Some(self.view.camera(self.car, self.driving, home))
    }

    /// Asks for a new image if the view needs one, and places the car's arrow.
    fn refresh(&mut self, window: &AppWindow) {
        let adapter = window.global::<NavigationAdapter>();
        adapter.set_follows_car(self.view.follows_car());
        let style = if window.global::<Theme>().get_night() {
            Style::Night
        } else {
            Style::Day
        };
        if let (Some(map), Some(camera)) = (&self.map, self.camera())
            && (self.view.needs_drawing(&camera) || self.style != Some(style))
            && self.view.size.0 > 0
            && self.view.size.1 > 0
        {
            self.view.drawn_with(camera.clone());
            self.style = Some(style);
            let job = Job {
                map: map.data.clone(),
                camera,
                style,
                size: self.view.size,
                route: self.route.clone(),
                progress_m: self.progress_m,
            };
            match &self.painter {
                Some(painter) => {
                    if painter.send(job).is_err() {
                        tracing::warn!("the map painter stopped");
                    }
                }
                None => {
                    let drawn = paint(job);
                    self.apply(window, drawn);
                }
            }
        }
        self.place_car(&adapter);
    }

    /// A scale bar of a round distance between about 50 and 125 pixels long.
    fn show_scale(&self, adapter: &NavigationAdapter) {
        let metres_per_px = self.view.metres_per_px();
        let round = [
            10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10_000.0,
        ];
        let metres = round
            .into_iter()
            .find(|m| m / metres_per_px >= 50.0)
            .unwrap_or(10_000.0);
        adapter.set_scale_m(metres as f32);
        adapter.set_scale_length((metres / metres_per_px) as f32);
    }

    fn place_car(&self, adapter: &NavigationAdapter) {
        let (Some(camera), Some((at, heading))) = (&self.shown, self.car) else {
            adapter.set_car_shown(false);
            return;
        };
        let (x, y) = camera.to_screen(self.view.size, at);
        adapter.set_car_shown(true);
        adapter.set_car_x(x);
        adapter.set_car_y(y);
        adapter.set_car_angle((heading - camera.up_deg) as f32);
    }

    /// Shows a drawn image; a drag or pinch shown so far is now in it.
    fn apply(&mut self, window: &AppWindow, drawn: Drawn) {
        let adapter = window.global::<NavigationAdapter>();
        adapter.set_map_image(slint::Image::from_rgba8_premultiplied(drawn.image));
        adapter.set_has_map(true);
        let labels: Vec<MapLabel> = drawn
            .labels
            .into_iter()
            .map(|label| MapLabel {
                text: label.text.into(),
                x: label.x,
                y: label.y,
            })
            .collect();
        adapter.set_labels(ModelRc::new(VecModel::from(labels)));
        adapter.set_shift_x(0.0);
        adapter.set_shift_y(0.0);
        adapter.set_pinch(1.0);
        self.shown = Some(drawn.camera);
        self.show_scale(&adapter);
        self.place_car(&adapter);
    }
}

/// The middle of the map's extent.
fn middle(map: &MapData) -> Point {
    let (mut lat, mut lon) = ((i32::MAX, i32::MIN), (i32::MAX, i32::MIN));
    for p in &map.nodes {
        lat = (lat.0.min(p.lat_e7), lat.1.max(p.lat_e7));
        lon = (lon.0.min(p.lon_e7), lon.1.max(p.lon_e7));
    }
    if map.nodes.is_empty() {
        return Point::from_degrees(0.0, 0.0);
    }
    Point {
        lat_e7: ((i64::from(lat.0) + i64::from(lat.1)) / 2) as i32,
        lon_e7: ((i64::from(lon.0) + i64::from(lon.1)) / 2) as i32,
    }
}

fn paint(job: Job) -> Drawn {
    let line = &job.route;
    let mut ahead = Vec::new();
    if line.points.len() >= 2 {
        ahead.push(line.at(job.progress_m).0);
        ahead.extend_from_slice(&line.points[line.partition_point_after(job.progress_m)..]);
    }
    let overlay = Overlay {
        route: &ahead,
        car: None,
    };
    let (pixmap, labels) = draw::draw(&job.map, &job.camera, job.style, job.size, &overlay);
    let image = SharedPixelBuffer::clone_from_slice(pixmap.data(), pixmap.width(), pixmap.height());
    Drawn {
        camera: job.camera,
        image,
        labels,
    }
}

/// Draws on a thread of its own from now on; of the jobs waiting, only the newest is drawn.
pub fn start_painter(window: &AppWindow) {
    let (jobs, received) = mpsc::channel::<Job>();
    let weak = window.as_weak();
    let started = std::thread::Builder::new()
        .name("opencabin-map".into())
        .spawn(move || {
            while let Ok(mut job) = received.recv() {
                while let Ok(newer) = received.try_recv() {
                    job = newer;
                }
                let drawn = paint(job);
                let shown = weak.upgrade_in_event_loop(move |window| {
                    SCREEN.with_borrow_mut(|screen| screen.apply(&window, drawn));
                });
                if shown.is_err() {
                    break; // the window is gone
                }
            }
        });
    match started {
        Ok(_) => SCREEN.with_borrow_mut(|screen| screen.painter = Some(jobs)),
        Err(err) => tracing::warn!(%err, "cannot start the map painter; drawing on the UI thread"),
    }
}

/// Connects a new window's map view (its size and gestures) to a fresh map screen.
pub fn wire(window: &AppWindow) {
    SCREEN.with_borrow_mut(|screen| *screen = MapScreen::default());
    let adapter = window.global::<NavigationAdapter>();
    let weak = window.as_weak();
    adapter.on_resize(move |width, height| {
        let Some(window) = weak.upgrade() else { return };
        SCREEN.with_borrow_mut(|screen| {
            screen
                .view
                .resize((width.max(1.0) as u32, height.max(1.0) as u32));
            screen.refresh(&window);
        });
    });
    let weak = window.as_weak();
    adapter.on_zoom(move |factor| {
        let Some(window) = weak.upgrade() else { return };
        SCREEN.with_borrow_mut(|screen| {
            screen.view.zoom(f64::from(factor));
            screen.refresh(&window);
            settle(screen, &window.global::<NavigationAdapter>());
        });
    });
    let weak = window.as_weak();
    adapter.on_dragged(move |dx, dy| {
        let Some(window) = weak.upgrade() else { return };
        SCREEN.with_borrow_mut(|screen| {
            if let Some(shown) = screen.shown.clone() {
                screen.view.drag(&shown, (f64::from(dx), f64::from(dy)));
            }
            screen.refresh(&window);
            settle(screen, &window.global::<NavigationAdapter>());
        });
    });
    let weak = window.as_weak();
    adapter.on_recentre(move || {
        let Some(window) = weak.upgrade() else { return };
        SCREEN.with_borrow_mut(|screen| {
            screen.view.recentre();
            screen.refresh(&window);
        });
    });
}

/// A gesture that asked for no new image (the zoom at its end) is undone on screen.
fn settle(screen: &MapScreen, adapter: &NavigationAdapter) {
    if screen.view.drawn() == screen.shown.as_ref() {
        adapter.set_shift_x(0.0);
        adapter.set_shift_y(0.0);
        adapter.set_pinch(1.0);
    }
}
