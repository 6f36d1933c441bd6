//! Headless rendering: `opencabin screenshot` draws a page with the software renderer, with live
//! data when the services are on the bus and their "unavailable" state when they are not.

mod headless;

pub use headless::{Image, render_app};

use std::io::BufWriter;
use std::time::Duration;

use anyhow::Context;

use crate::bus::BusChoice;
use crate::cli::ScreenshotArgs;
use crate::mirror::{self, Presence};
use crate::shell::state::{ServiceView, UiState};
use crate::ui::StatusAdapter;

/// How long a screenshot waits for the bus and the services before showing them unavailable.
const DATA_TIMEOUT: Duration = Duration::from_secs(2);

/// `opencabin screenshot`.
pub fn screenshot(bus: BusChoice, args: ScreenshotArgs) -> anyhow::Result<()> {
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let state = fetch_state(&bus);
    let image = render_app(args.size, |window| {
        crate::shell::bridge::apply(window, &state);
        slint::ComponentHandle::global::<StatusAdapter>(window)
            .set_time(crate::shell::now_text().into());
    })?;
    write_png(file, &image).with_context(|| format!("cannot write {}", args.out.display()))?;
    tracing::info!(out = %args.out.display(), size = %args.size, vehicle = state.vehicle.available, media = state.media.available, "screenshot written");
    Ok(())
}

/// The current state of every service, read once; unreachable ones are left unavailable.
fn fetch_state(bus: &BusChoice) -> UiState {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            tracing::warn!(%err, "cannot start the D-Bus runtime; rendering without data");
            return UiState::default();
        }
    };
    runtime.block_on(async {
        let mut state = UiState::default();
        let Ok(Ok(connection)) = tokio::time::timeout(DATA_TIMEOUT, bus.connect()).await else {
            tracing::warn!(%bus, "bus unreachable; rendering services as unavailable");
            return state;
        };
        tokio::join!(
            fetch_view(&connection, &mut state.vehicle),
            fetch_view(&connection, &mut state.media)
        );
        state
    })
}

async fn fetch_view<V: ServiceView>(connection: &zbus::Connection, view: &mut V) {
    match tokio::time::timeout(DATA_TIMEOUT, mirror::fetch(connection, &V::REMOTE)).await {
        Ok(Ok(properties)) => view.update(&Presence::Appeared(properties)),
        Ok(Err(err)) => tracing::info!(service = %V::REMOTE.service, %err, "service unavailable"),
        Err(_) => tracing::info!(
            service = %V::REMOTE.service,
            "service did not answer in time"
        ),
    }
}

/// Encodes `image` as an 8-bit RGB PNG.
pub fn write_png(file: std::fs::File, image: &Image) -> anyhow::Result<()> {
    let mut encoder = png::Encoder::new(BufWriter::new(file), image.size.width, image.size.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|p| [p.r, p.g, p.b]).collect();
    writer.write_image_data(&bytes)?;
    writer.finish()?;
    Ok(())
}
