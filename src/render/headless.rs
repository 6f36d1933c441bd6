//! A Slint platform with no display: one software-rendered window whose pixels we read back.

use std::rc::Rc;

use slint::PhysicalSize;
use slint::Rgb8Pixel;
use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};

use crate::cli::Size;
use crate::ui::AppWindow;

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

/// Creates the app window on the headless platform, lets `prepare` fill it, and renders one frame
/// of `size` pixels. Installs the platform, so it can run once per process.
pub fn render_app(size: Size, prepare: impl FnOnce(&AppWindow)) -> anyhow::Result<Image> {
    let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
    slint::platform::set_platform(Box::new(HeadlessPlatform {
        window: window.clone(),
    }))
    .map_err(|err| anyhow::anyhow!("cannot set up headless rendering: {err}"))?;
    let app = AppWindow::new()?;
    prepare(&app);
    window.set_size(PhysicalSize::new(size.width, size.height));
    slint::ComponentHandle::show(&app)?;
    // Runs change handlers (the theme's scale follows the window size) before drawing.
    slint::platform::update_timers_and_animations();
    let mut pixels = vec![Rgb8Pixel::default(); size.width as usize * size.height as usize];
    window.draw_if_needed(|renderer| {
        renderer.render(&mut pixels, size.width as usize);
    });
    Ok(Image { size, pixels })
}
