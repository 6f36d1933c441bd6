//! A Slint platform with no display: one software-rendered window whose pixels we read back.
//! Used for `opencabin screenshot` (one frame) and the frame-time benchmark (many).

use std::rc::Rc;

use slint::PhysicalSize;
use slint::Rgb8Pixel;
use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};

use crate::size::Size;
use slint::ComponentHandle;

use crate::ui::{AppWindow, ClusterWindow};

struct HeadlessPlatform {
    window: Rc<MinimalSoftwareWindow>,
}

impl Platform for HeadlessPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, slint::PlatformError> {
        Ok(self.window.clone())
    }
}

/// An RGB image, row by row.
pub struct Image {
    pub size: Size,
    pub pixels: Vec<Rgb8Pixel>,
}

/// A window (the IVI window unless said otherwise) on the headless platform, with its pixel
/// buffer.
pub struct Headless<C: ComponentHandle = AppWindow> {
    window: Rc<MinimalSoftwareWindow>,
    pub app: C,
    size: Size,
    pixels: Vec<Rgb8Pixel>,
}

impl Headless<AppWindow> {
    /// Creates the app window and lets `prepare` fill it. Installs the platform, so it can run
    /// once per process. `ReusedBuffer` redraws only what changed, as a display would;
    /// `NewBuffer` draws the whole frame.
    pub fn new(
        size: Size,
        buffer: RepaintBufferType,
        prepare: impl FnOnce(&AppWindow),
    ) -> anyhow::Result<Self> {
        Self::with_window(size, buffer, || {
            let app = AppWindow::new()?;
            // The map view draws on this thread, at once (no painter thread).
            crate::ivi::wire_map_view(&app);
            prepare(&app);
            Ok(app)
        })
    }
}

impl<C: ComponentHandle> Headless<C> {
    /// Installs the platform (once per process) and shows the window `create` makes and fills.
    pub fn with_window(
        size: Size,
        buffer: RepaintBufferType,
        create: impl FnOnce() -> anyhow::Result<C>,
    ) -> anyhow::Result<Self> {
        let window = MinimalSoftwareWindow::new(buffer);
        slint::platform::set_platform(Box::new(HeadlessPlatform {
            window: window.clone(),
        }))
        .map_err(|err| anyhow::anyhow!("cannot set up headless rendering: {err}"))?;
        crate::fonts::install();
        let app = create()?;
        let mut headless = Headless {
            window,
            app,
            size,
            pixels: Vec::new(),
        };
        headless.resize(size);
        headless.app.show()?;
        Ok(headless)
    }

    pub fn resize(&mut self, size: Size) {
        self.size = size;
        self.pixels = vec![Rgb8Pixel::default(); size.width as usize * size.height as usize];
        self.window
            .set_size(PhysicalSize::new(size.width, size.height));
    }

    /// Runs timers, animations and change handlers, then draws what changed; whether anything
    /// was drawn.
    pub fn draw(&mut self) -> bool {
        slint::platform::update_timers_and_animations();
        let width = self.size.width as usize;
        let pixels = &mut self.pixels;
        self.window.draw_if_needed(|renderer| {
            renderer.render(pixels, width);
        })
    }

    /// Draws every pixel, as after a page change or on the first frame.
    pub fn draw_full(&mut self) {
        slint::platform::update_timers_and_animations();
        self.window.request_redraw();
        let width = self.size.width as usize;
        let pixels = &mut self.pixels;
        self.window.draw_if_needed(|renderer| {
            let kept = renderer.repaint_buffer_type();
            renderer.set_repaint_buffer_type(RepaintBufferType::NewBuffer);
            renderer.render(pixels, width);
            renderer.set_repaint_buffer_type(kept);
        });
    }

    pub fn into_image(self) -> Image {
        Image {
            size: self.size,
            pixels: self.pixels,
        }
    }
}

/// Creates the app window on the headless platform, lets `prepare` fill it, and renders one frame
/// of `size` pixels. Installs the platform, so it can run once per process.
pub fn render_app(size: Size, prepare: impl FnOnce(&AppWindow)) -> anyhow::Result<Image> {
    let mut headless = Headless::new(size, RepaintBufferType::NewBuffer, prepare)?;
    headless.draw();
    // What the first layout's change handlers set (the map view's size, so its image) shows in
    // a second frame.
    headless.draw_full();
    Ok(headless.into_image())
}

/// Renders one frame of the driver's display that `prepare` filled, like `render_app`.
pub fn render_cluster(size: Size, prepare: impl FnOnce(&ClusterWindow)) -> anyhow::Result<Image> {
    let mut headless = Headless::with_window(size, RepaintBufferType::NewBuffer, || {
        let cluster = ClusterWindow::new()?;
        prepare(&cluster);
        Ok(cluster)
    })?;
    headless.draw();
    // The dials glide to their values (120 ms): draw them where they settle.
    std::thread::sleep(std::time::Duration::from_millis(150));
    headless.draw_full();
    Ok(headless.into_image())
}
