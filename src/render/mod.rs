//! Headless rendering: `opencabin screenshot` draws a page with the software renderer, with live
//! data when the services are on the bus (read once through the client) and their "unavailable"
//! state when they are not.

mod headless;

pub use headless::{Headless, Image, render_app, render_cluster};

use std::path::PathBuf;
use std::time::Duration;

use slint::ComponentHandle;

use crate::bus::BusChoice;
use crate::client::mpris::MprisClient;
use crate::client::navigation::fetch_map;
use crate::client::{Followed, Live, fetch};
use crate::contract::companion;
use crate::contract::shell::{Language, Page, Theme};
use crate::contract::vehicle;
use crate::ivi::ShellSettings;
use crate::size::Size;
use crate::ui::{SettingsAdapter, ShellAdapter};
use crate::views::{MediaView, Parts, UiState, sample};

/// How long a screenshot waits for the bus and the services before showing them unavailable.
const DATA_TIMEOUT: Duration = Duration::from_secs(2);

/// What `opencabin screenshot` renders.
#[derive(Debug, Clone)]
pub struct ScreenshotOptions {
    pub page: Page,
    /// The driver's display instead of the IVI window (`page` is then unused).
    pub cluster: bool,
    pub size: Size,
    pub out: PathBuf,
    pub theme: Theme,
    pub language: Language,
    /// Minutes since midnight shown in the status bar; None for now.
    pub time: Option<i32>,
    /// User settings for this image, as `opencabin settings set` takes them.
    pub settings: Vec<(String, String)>,
    /// The fixed sample state instead of the bus.
    pub sample: bool,
    /// With `sample`: parked instead of driving.
    pub parked: bool,
    /// With `sample`: a call ringing or in progress.
    pub call: Option<sample::SampleCall>,
}

/// `opencabin screenshot`.
pub fn screenshot(bus: BusChoice, options: ScreenshotOptions) -> anyhow::Result<()> {
    // Fail on an unwritable path before rendering anything.
    std::fs::File::create(&options.out)
        .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", options.out.display()))?;
    let state = if options.sample {
        sample::state(sample_cover(), options.parked, options.call)
    } else {
        fetch_state(&bus)
    };
    let mut settings = ShellSettings {
        page: options.page,
        ..ShellSettings::default()
    };
    let user = &mut settings.user;
    user.theme = options.theme;
    user.language = options.language;
    for (key, value) in &options.settings {
        user.set(key, value).map_err(anyhow::Error::msg)?;
    }
    let minutes = options.time.unwrap_or_else(crate::shell::minutes_now);
    let image = if options.cluster {
        render_cluster(options.size, |cluster| {
            crate::cluster::show(cluster, &state, Parts::ALL);
            crate::cluster::apply_settings(cluster, &settings.user);
            cluster
                .global::<crate::ui::ClusterAdapter>()
                .set_clock_minutes(minutes);
        })?
    } else {
        render_ivi(options.size, &state, &settings, minutes)?
    };
    crate::png::write_rgb(
        &options.out,
        image.size.width,
        image.size.height,
        &image.pixels,
    )?;
    tracing::info!(out = %options.out.display(), size = %options.size, vehicle = state.vehicle_available(), media = state.media.available(), "screenshot written");
    Ok(())
}

/// One frame of the IVI window.
fn render_ivi(
    size: crate::size::Size,
    state: &UiState,
    settings: &ShellSettings,
    minutes: i32,
) -> anyhow::Result<Image> {
    render_app(size, |window| {
        crate::ivi::show(window, state, Parts::ALL);
        crate::ivi::show_settings(window, settings);
        window.global::<ShellAdapter>().set_clock_minutes(minutes);
        window
            .global::<SettingsAdapter>()
            .set_version(env!("CARGO_PKG_VERSION").into());
    })
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
        let navigation = crate::contract::navigation::bus_name();
        let map = async {
            match tokio::time::timeout(DATA_TIMEOUT, fetch_map(&connection)).await {
                Ok(Ok(map)) => Some(map),
                _ => None,
            }
        };
        let (.., map) = tokio::join!(
            fetch_live(&connection, vehicle::bus_name(), &mut state.location),
            fetch_live(&connection, navigation, &mut state.navigation),
            fetch_live(&connection, vehicle::bus_name(), &mut state.drive),
            fetch_live(&connection, vehicle::bus_name(), &mut state.battery),
            fetch_live(&connection, vehicle::bus_name(), &mut state.climate),
            fetch_live(&connection, vehicle::bus_name(), &mut state.alerts),
            fetch_live(&connection, vehicle::bus_name(), &mut state.body),
            fetch_live(&connection, vehicle::bus_name(), &mut state.tires),
            fetch_live(&connection, companion::bus_name(), &mut state.companion),
            map,
        );
        state.map = map;
        state.media = fetch_media(connection).await;
        state
    })
}

async fn fetch_live<V: Followed>(connection: &zbus::Connection, service: &str, live: &mut Live<V>) {
    match tokio::time::timeout(DATA_TIMEOUT, fetch::<V>(connection, service)).await {
        Ok(Ok(view)) => live.update(Some(&view)),
        Ok(Err(err)) => tracing::info!(service, %err, "service unavailable"),
        Err(_) => tracing::info!(service, "service did not answer in time"),
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
    let deadline = tokio::time::Instant::now() + DATA_TIMEOUT;
    let mut changes = client.subscribe();
    // Each player's follower reads its properties and track list once it has appeared.
    let ready = |state: &crate::client::mpris::MprisState| {
        !state.players.is_empty()
            && state
                .players
                .iter()
                .all(|p| !p.track.title.is_empty() && !p.identity.is_empty())
    };
    while !ready(&changes.borrow_and_update()) {
        if tokio::time::timeout_at(deadline, changes.changed())
            .await
            .is_err()
        {
            break;
        }
    }
    MediaView::from_mpris(&client.state())
}
