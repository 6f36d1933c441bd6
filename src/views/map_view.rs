//! The map view's camera as the driver moves it, as plain data: following the car (heading-up
//! while driving, north-up when parked) or resting where a drag left it, the zoom from the +/-
//! buttons and pinches, and whether the shown image must be drawn again. The image is drawn
//! again only when the view has moved past a threshold (the car arrow moves over it in
//! between), so following a route at 20 Hz costs a redraw every few seconds, not 20 a second.

use crate::map::Point;
use crate::map::draw::Camera;
use crate::map::geo::turn_angle;

/// Metres per pixel at the start, and the range the zoom keeps to.
pub const START_METRES_PER_PX: f64 = 1.6;
const CLOSEST_METRES_PER_PX: f64 = 0.4;
const FARTHEST_METRES_PER_PX: f64 = 40.0;
/// One +/- press.
pub const ZOOM_STEP: f64 = 1.6;
/// The view is drawn again when the car is this far from where the image put it (pixels)...
const MOVE_THRESHOLD_PX: f32 = 20.0;
/// ...or heading-up has turned this far (degrees) since.
const TURN_THRESHOLD_DEG: f64 = 5.0;
/// Where the car sits while driving heading-up: low in the view, to show more ahead.
const DRIVING_ANCHOR: (f64, f64) = (0.5, 0.68);
const CENTRE: (f64, f64) = (0.5, 0.5);

/// The camera state of one map view.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// The view's size in pixels; (0, 0) until it is laid out.
    pub size: (u32, u32),
    metres_per_px: f64,
    /// Where a drag left the view's centre; None while the view follows the car.
    dragged: Option<Point>,
    /// The camera the shown image was drawn with.
    drawn: Option<Camera>,
}

impl Default for MapView {
    fn default() -> Self {
        MapView {
            size: (0, 0),
            metres_per_px: START_METRES_PER_PX,
            dragged: None,
            drawn: None,
        }
    }
}

impl MapView {
    /// The camera for the car at `car` (position, heading) or, without it, at `home` (the map's
    /// centre); heading-up while `driving`.
    pub fn camera(&self, car: Option<(Point, f64)>, driving: bool, home: Point) -> Camera {
        let north_up = |centre| Camera {
            centre,
            metres_per_px: self.metres_per_px,
            up_deg: 0.0,
            anchor: CENTRE,
        };
        match (self.dragged, car) {
            (Some(centre), _) => north_up(centre),
            (None, Some((at, heading))) if driving => Camera {
                centre: at,
                metres_per_px: self.metres_per_px,
                up_deg: heading,
                anchor: DRIVING_ANCHOR,
            },
            (None, Some((at, _))) => north_up(at),
            (None, None) => north_up(home),
        }
    }

    /// Whether the view follows the car (no drag since the last recentre).
    pub fn follows_car(&self) -> bool {
        self.dragged.is_none()
    }

    pub fn metres_per_px(&self) -> f64 {
        self.metres_per_px
    }

    /// Zooms in by `factor` (above 1) or out (below 1), within the zoom's range.
    pub fn zoom(&mut self, factor: f64) {
        if factor.is_finite() && factor > 0.0 {
            self.metres_per_px =
                (self.metres_per_px / factor).clamp(CLOSEST_METRES_PER_PX, FARTHEST_METRES_PER_PX);
        }
    }

    /// Moves the view by a drag of (dx, dy) pixels from `camera`, the view shown: the map
    /// follows the finger, and the view stops following the car, north-up.
    pub fn drag(&mut self, camera: &Camera, (dx, dy): (f64, f64)) {
        let (w, h) = (f64::from(self.size.0), f64::from(self.size.1));
        let centre = (w * CENTRE.0 - dx, h * CENTRE.1 - dy);
        self.dragged = Some(camera.point_at(self.size, centre));
    }

    /// Follows the car again.
    pub fn recentre(&mut self) {
        self.dragged = None;
    }

    /// Whether the image must be drawn again to show `camera`.
    pub fn needs_drawing(&self, camera: &Camera) -> bool {
        let Some(drawn) = &self.drawn else {
            return self.size.0 > 0 && self.size.1 > 0;
        };
        if drawn.metres_per_px != camera.metres_per_px || drawn.anchor != camera.anchor {
            return true;
        }
        if turn_angle(drawn.up_deg, camera.up_deg).abs() > TURN_THRESHOLD_DEG {
            return true;
        }
        let (x, y) = drawn.to_screen(self.size, camera.centre);
        let anchor = (
            drawn.anchor.0 as f32 * self.size.0 as f32,
            drawn.anchor.1 as f32 * self.size.1 as f32,
        );
        (x - anchor.0).hypot(y - anchor.1) > MOVE_THRESHOLD_PX
    }

    /// Records the camera of the image now shown.
    pub fn drawn_with(&mut self, camera: Camera) {
        self.drawn = Some(camera);
    }

    /// The camera of the image shown, if any.
    pub fn drawn(&self) -> Option<&Camera> {
        self.drawn.as_ref()
    }

    /// Takes the view's size; a new size draws again.
    pub fn resize(&mut self, size: (u32, u32)) {
        if size != self.size {
            self.size = size;
            self.drawn = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: (f64, f64) = (60.17, 24.94);

    fn view() -> MapView {
        let mut view = MapView::default();
        view.resize((800, 400));
        view
    }

    fn home() -> Point {
        Point::from_degrees(HOME.0, HOME.1)
    }

    #[test]
    fn following_a_car_redraws_only_past_the_threshold() {
        let mut view = view();
        let car = home();
        let camera = view.camera(Some((car, 90.0)), true, home());
        assert_eq!(camera.up_deg, 90.0, "heading-up while driving");
        assert!(view.needs_drawing(&camera), "nothing drawn yet");
        view.drawn_with(camera);
        // 10 m east at 1.6 m/px is about 6 px: no redraw.
        let near = Point::from_degrees(HOME.0, HOME.1 + 10.0 / (111_320.0 * 0.4976));
        assert!(!view.needs_drawing(&view.camera(Some((near, 91.0)), true, home())));
        // 50 m is about 31 px: redraw.
        let far = Point::from_degrees(HOME.0, HOME.1 + 50.0 / (111_320.0 * 0.4976));
        assert!(view.needs_drawing(&view.camera(Some((far, 90.0)), true, home())));
        // Turning 10 degrees on the spot redraws heading-up.
        assert!(view.needs_drawing(&view.camera(Some((car, 100.0)), true, home())));
    }

    #[test]
    fn parked_is_north_up_and_a_drag_moves_the_map_with_the_finger() {
        let mut view = view();
        let parked = view.camera(Some((home(), 135.0)), false, home());
        assert_eq!(parked.up_deg, 0.0);
        view.drag(&parked, (100.0, 0.0));
        assert!(!view.follows_car());
        let dragged = view.camera(Some((home(), 135.0)), true, home());
        assert_eq!(dragged.up_deg, 0.0, "a dragged view stays north-up");
        // Dragging right shows what was west: the car is now 100 px right of the centre.
        let (x, y) = dragged.to_screen(view.size, home());
        assert!(
            (x - 500.0).abs() < 0.5 && (y - 200.0).abs() < 0.5,
            "{x},{y}"
        );
        view.recentre();
        assert!(view.follows_car());
    }

    #[test]
    fn zoom_keeps_to_its_range() {
        let mut view = view();
        view.zoom(ZOOM_STEP);
        assert!((view.metres_per_px() - START_METRES_PER_PX / ZOOM_STEP).abs() < 1e-9);
        for _ in 0..20 {
            view.zoom(ZOOM_STEP);
        }
        assert_eq!(view.metres_per_px(), CLOSEST_METRES_PER_PX);
        view.zoom(0.0);
        view.zoom(f64::NAN);
        assert_eq!(
            view.metres_per_px(),
            CLOSEST_METRES_PER_PX,
            "nonsense ignored"
        );
        for _ in 0..40 {
            view.zoom(1.0 / ZOOM_STEP);
        }
        assert_eq!(view.metres_per_px(), FARTHEST_METRES_PER_PX);
    }
}
