//! Each sub-command's options as clap parses them, and how they become the plain option structs
//! the library's commands take.

use std::path::PathBuf;
use std::str::FromStr;

use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};

use opencabin::bus::BusChoice;
use opencabin::contract::WireName;
use opencabin::contract::shell::{Language, Page, Theme};
use opencabin::size::Size;
use opencabin::views::sample::SampleCall;

#[derive(Debug, Args)]
pub struct ScenarioArgs {
    #[command(subcommand)]
    pub action: ScenarioAction,
}

#[derive(Debug, Subcommand)]
pub enum ScenarioAction {
    /// Lists the built-in scenarios.
    List,
    /// Reads a scenario and reports the first mistake with its line.
    Check {
        /// A built-in name or a .toml file.
        scenario: String,
    },
    /// Plays a scenario against the vehicle service on the bus; fails if an expected alert
    /// does not come (or go).
    Play {
        /// A built-in name or a .toml file.
        scenario: String,
    },
}

#[derive(Debug, Args)]
pub struct MapArgs {
    #[command(subcommand)]
    pub action: MapAction,
}

#[derive(Debug, Subcommand)]
pub enum MapAction {
    /// Converts an OpenStreetMap extract (.osm.pbf) into a map file for `--map`.
    Import {
        /// The extract, e.g. one cut with osmium or downloaded from Geofabrik.
        input: PathBuf,
        /// The map file to write.
        output: PathBuf,
        /// The map's name, shown to the driver. Default: the extract's file name.
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    pub action: SettingsAction,
}

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// Prints every setting and the file it comes from.
    Show,
    /// Sets one setting, e.g. `set theme day`; the file is replaced atomically.
    Set { key: String, value: String },
}

#[derive(Debug, Args, Default)]
pub struct SimArgs {
    /// How many times faster than real time the mock car drives its cycle (0.1 to 100).
    #[arg(long, default_value_t = SpeedFactor::default(), value_name = "X")]
    pub speed_factor: SpeedFactor,

    /// Size of the IVI window: WxH, or a preset: 7inch (800x480), hd (1280x720), wide (1920x720).
    #[arg(long, default_value_t = Size::DEFAULT_WINDOW, value_name = "WxH|PRESET")]
    pub size: Size,

    /// Plays a scenario once the services are up: a built-in name (see `opencabin scenario
    /// list`) or a .toml file. A bad file is refused, naming the line, before anything starts.
    #[arg(long, value_name = "NAME|FILE", value_parser = parse_scenario)]
    pub scenario: Option<opencabin::scenario::Scenario>,

    /// Opens no simulator panel beside the IVI window.
    #[arg(long)]
    pub no_panel: bool,

    /// Starts no driver's display (`opencabin cluster`) beside the IVI window.
    #[arg(long)]
    pub no_cluster: bool,

    /// The map navigation routes over: a built-in one (helsinki, kouvola) or a file `opencabin
    /// map import` wrote.
    #[arg(long, default_value = "helsinki", value_name = "helsinki|kouvola|FILE")]
    pub map: opencabin::map::MapChoice,
}

fn parse_scenario(text: &str) -> Result<opencabin::scenario::Scenario, String> {
    opencabin::scenario::load(text).map_err(|e| e.to_string())
}

#[derive(Debug, Args)]
pub struct UiArgs {
    /// Size of the IVI window: WxH, or a preset: 7inch (800x480), hd (1280x720), wide (1920x720).
    #[arg(long, default_value_t = Size::DEFAULT_WINDOW, value_name = "WxH|PRESET")]
    pub size: Size,

    /// Kiosk mode for a car display: full screen, no decorations, no cursor, the window cannot
    /// be closed, and the brightness setting drives the backlight (/sys/class/backlight).
    #[arg(long)]
    pub kiosk: bool,

    /// The bus the phone (oFono) is on, when it is not the services' bus: `system` for a real
    /// oFono behind BlueZ, or a D-Bus address.
    #[arg(long, value_name = "session|system|ADDRESS")]
    pub phone_bus: Option<BusChoice>,
}

#[derive(Debug, Args)]
pub struct VehicleServiceArgs {
    /// Drive cycle to follow, looping: a built-in name or a CSV file with the columns
    /// `cycSecs,cycMps` (time in s, speed in m/s).
    #[arg(
        long,
        default_value = "udds",
        value_name = "udds|hwfet|us06|wltc_3b|FILE"
    )]
    pub cycle: String,

    /// How many times faster than real time the car drives its cycle (0.1 to 100).
    #[arg(long, default_value_t = SpeedFactor::default(), value_name = "X")]
    pub speed_factor: SpeedFactor,

    /// How often continuous values are published, in Hz (1 to 100).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100), value_name = "HZ")]
    pub rate: u32,

    /// Seed for the simulation's start-up variation: the same seed, speed factor and rate give
    /// the same run.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct NavigationServiceArgs {
    /// The map: a built-in one (helsinki, kouvola) or a file `opencabin map import` wrote.
    #[arg(long, default_value = "helsinki", value_name = "helsinki|kouvola|FILE")]
    pub map: opencabin::map::MapChoice,

    /// Where favourites and recent destinations are kept (TOML). Default:
    /// $XDG_STATE_HOME/opencabin/places.toml.
    #[arg(long, value_name = "PATH")]
    pub places: Option<PathBuf>,
}

impl NavigationServiceArgs {
    pub fn options(self) -> opencabin::navigation::Options {
        opencabin::navigation::Options {
            map: self.map,
            places: self.places,
        }
    }
}

#[derive(Debug, Args)]
pub struct MediaServiceArgs {
    /// Folder of audio files to play (Ogg, Opus, FLAC, MP3, M4A, WAV); tags give title, artist,
    /// album, duration and cover art. Default: the demo library built into the binary.
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Start playing at once instead of paused on the first track.
    #[arg(long)]
    pub play: bool,

    /// Serve a second player as org.mpris.MediaPlayer2.opencabin.NAME.
    #[arg(long, value_name = "NAME")]
    pub instance: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScreenshotArgs {
    /// Page to render, or "cluster" for the driver's display.
    #[arg(long, default_value = "home", value_parser = pages())]
    pub page: String,

    /// Size of the image in pixels.
    #[arg(long, default_value_t = Size::DEFAULT_WINDOW, value_name = "WxH")]
    pub size: Size,

    /// Where to write the PNG.
    #[arg(long, value_name = "FILE.png")]
    pub out: PathBuf,

    /// Colour theme.
    #[arg(long, default_value = "night", value_parser = ["night", "day"])]
    pub theme: String,

    /// Language of the text.
    #[arg(long, default_value = "en", value_parser = names::<Language>())]
    pub lang: String,

    /// Time shown in the status bar, e.g. 09:41 (default: now), for reproducible images.
    #[arg(long, value_name = "HH:MM", value_parser = opencabin::shell::parse_minutes)]
    pub time: Option<i32>,

    /// A user setting for this image, as `opencabin settings set` takes it, e.g.
    /// `distance_unit=mi`; may be given several times.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_setting)]
    pub settings: Vec<(String, String)>,

    /// Show a fixed sample state instead of reading the bus (for reference images).
    #[arg(long)]
    pub sample: bool,

    /// With --sample: the car stands parked instead of driving at 57 km/h.
    #[arg(long, requires = "sample")]
    pub parked: bool,

    /// With --sample: a call ringing (incoming) or in progress (active).
    #[arg(long, requires = "sample", value_parser = ["incoming", "active"])]
    pub call: Option<String>,
}

/// How many times faster than real time the simulation runs: 0.1 to 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeedFactor(pub f64);

impl SpeedFactor {
    pub const RANGE: std::ops::RangeInclusive<f64> =
        opencabin::contract::vehicle::limits::SPEED_FACTOR;
}

impl Default for SpeedFactor {
    fn default() -> Self {
        SpeedFactor(1.0)
    }
}

impl FromStr for SpeedFactor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.parse::<f64>() {
            Ok(x) if Self::RANGE.contains(&x) => Ok(SpeedFactor(x)),
            _ => Err(format!(
                "'{text}' is not a speed factor: give a number from 0.1 to 100"
            )),
        }
    }
}

impl std::fmt::Display for SpeedFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// `KEY=VALUE` for a user setting, checked against what the setting allows.
fn parse_setting(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("'{text}' is not KEY=VALUE, e.g. distance_unit=mi"))?;
    opencabin::config::UserSettings::default().set(key, value)?;
    Ok((key.to_string(), value.to_string()))
}

/// The names of a wire enumeration, for clap to check and list in `--help`.
fn names<T: WireName>() -> PossibleValuesParser {
    PossibleValuesParser::new(T::ALL.iter().map(|value| value.as_str()))
}

/// The IVI window's pages and the driver's display.
fn pages() -> PossibleValuesParser {
    let pages = Page::ALL.iter().map(|page| page.as_str());
    PossibleValuesParser::new(pages.chain([CLUSTER]))
}

/// `--page`'s name of the driver's display.
const CLUSTER: &str = "cluster";

/// A name clap already checked against `names`.
fn known<T: WireName>(name: &str) -> T {
    T::find(name).expect("clap checked the name")
}

impl SimArgs {
    pub fn options(self) -> opencabin::sim::SimOptions {
        opencabin::sim::SimOptions {
            speed_factor: self.speed_factor.0,
            size: self.size,
            scenario: self.scenario,
            no_panel: self.no_panel,
            no_cluster: self.no_cluster,
            map: self.map,
        }
    }
}

impl UiArgs {
    pub fn options(self) -> opencabin::shell::WindowOptions {
        opencabin::shell::WindowOptions {
            size: self.size,
            phone_bus: self.phone_bus,
            kiosk: self.kiosk,
        }
    }
}

impl VehicleServiceArgs {
    pub fn options(self) -> opencabin::vehicle::Options {
        opencabin::vehicle::Options {
            cycle: self.cycle,
            speed_factor: self.speed_factor.0,
            rate_hz: self.rate,
            seed: self.seed,
        }
    }
}

impl MediaServiceArgs {
    pub fn options(self) -> opencabin::media::Options {
        opencabin::media::Options {
            library: self.library,
            play: self.play,
            instance: self.instance,
        }
    }
}

impl ScreenshotArgs {
    pub fn options(self) -> opencabin::render::ScreenshotOptions {
        opencabin::render::ScreenshotOptions {
            cluster: self.page == CLUSTER,
            page: Page::find(&self.page).unwrap_or_default(),
            size: self.size,
            out: self.out,
            theme: known::<Theme>(&self.theme),
            language: known::<Language>(&self.lang),
            time: self.time,
            settings: self.settings,
            sample: self.sample,
            parked: self.parked,
            call: self.call.as_deref().map(|call| match call {
                "incoming" => SampleCall::Incoming,
                _ => SampleCall::Active,
            }),
        }
    }
}

impl ScenarioArgs {
    pub fn action(self) -> opencabin::scenario::ScenarioAction {
        use opencabin::scenario::ScenarioAction as Action;
        match self.action {
            ScenarioAction::List => Action::List,
            ScenarioAction::Check { scenario } => Action::Check { scenario },
            ScenarioAction::Play { scenario } => Action::Play { scenario },
        }
    }
}

impl SettingsArgs {
    pub fn action(self) -> opencabin::config::SettingsAction {
        use opencabin::config::SettingsAction as Action;
        match self.action {
            SettingsAction::Show => Action::Show,
            SettingsAction::Set { key, value } => Action::Set { key, value },
        }
    }
}

/// A map's default name: the extract's file name without `.osm.pbf`, capitalised.
pub fn extract_name(input: &std::path::Path) -> String {
    let file = input
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let mut chars = stem.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
