//! Headless rendering: `opencabin screenshot` draws a page with the software renderer, with live
//! data when the services are on the bus and their "unavailable" state when they are not.

mod headless;
pub mod sample;

pub use headless::{Headless, Image, render_app};

use std::io::BufWriter;
use std::time::Duration;

use anyhow::Context;

use crate::bus::BusChoice;
use crate::cli::ScreenshotArgs;
use crate::media::client::MprisClient;
use crate::mirror::{self, Presence};
use crate::shell::settings::ShellSettings;
use crate::shell::state::{
    AlertsView, BatteryView, BodyView, ClimateView, DriveView, MediaView, ServiceView, TiresView,
    UiState,
};
use crate::ui::{SettingsAdapter, ShellAdapter};

/// How long a screenshot waits for the bus and the services before showing them unavailable.
const DATA_TIMEOUT: Duration = Duration::from_secs(2);

/// `opencabin screenshot`.
pub fn screenshot(bus: BusChoice, args: ScreenshotArgs) -> anyhow::Result<()> {
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let state = if args.sample {
        sample::state(sample_cover(), args.parked)
    } else {
        fetch_state(&bus)
    };
    let mut settings = ShellSettings {
        page: args.page.as_str().to_string(),
        ..ShellSettings::default()
    };
    let user = &mut settings.user;
    user.theme = args.theme.as_str().to_string();
    user.language = args.lang.as_str().to_string();
    for (key, value) in &args.settings {
        user.set(key, value).map_err(anyhow::Error::msg)?;
    }
    let image = render_app(args.size, |window| {
        crate::shell::bridge::apply(window, &state);
        crate::shell::settings::apply(window, &settings);
        let minutes = args.time.unwrap_or_else(crate::shell::minutes_now);
        slint::ComponentHandle::global::<ShellAdapter>(window).set_clock_minutes(minutes);
        slint::ComponentHandle::global::<SettingsAdapter>(window)
            .set_version(env!("CARGO_PKG_VERSION").into());
    })?;
    write_png(file, &image).with_context(|| format!("cannot write {}", args.out.display()))?;
    tracing::info!(out = %args.out.display(), size = %args.size, vehicle = state.vehicle_available(), media = state.media.available, "screenshot written");
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
            fetch_view::<DriveView>(&connection, &mut state.drive),
            fetch_view::<BatteryView>(&connection, &mut state.battery),
            fetch_view::<ClimateView>(&connection, &mut state.climate),
            fetch_view::<AlertsView>(&connection, &mut state.alerts),
            fetch_view::<BodyView>(&connection, &mut state.body),
            fetch_view::<TiresView>(&connection, &mut state.tires),
        );
        state.media = fetch_media(connection).await;
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

/// The demo library's first cover, written to the cover cache, for the sample state.
pub fn sample_cover() -> Option<String> {
    let cache = std::env::temp_dir().join("opencabin-sample-covers");
    let tracks = crate::media::library::load_demo(&cache).ok()?;
    let url = tracks
        .into_iter()
        .find(|t| t.title == "Morning Drive")?
        .art_url?;
    url.strip_prefix("file://").map(str::to_string)
}

/// The active player as the MPRIS client sees it once every player on the bus answered.
async fn fetch_media(connection: zbus::Connection) -> MediaView {
    let Ok(client) = MprisClient::start(connection).await else {
        return MediaView::default();
    };
    // Give each player's follower a moment to read its properties and track list.
    let deadline = tokio::time::Instant::now() + DATA_TIMEOUT;
    let mut changes = client.subscribe();
    while tokio::time::timeout_at(deadline, changes.changed())
        .await
        .is_ok_and(|r| r.is_ok())
    {
        let state = client.state();
        if state
            .players
            .iter()
            .all(|p| !p.title.is_empty() && !p.identity.is_empty())
            && !state.players.is_empty()
        {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            break;
        }
    }
    MediaView::from_mpris(&client.state())
}

/// Writes a captured window (RGBA) as a PNG.
pub fn write_rgba_png(
    path: &str,
    buffer: &slint::SharedPixelBuffer<slint::Rgba8Pixel>,
) -> anyhow::Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot write {path}"))?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), buffer.width(), buffer.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(buffer.as_bytes())?;
    writer.finish()?;
    Ok(())
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
