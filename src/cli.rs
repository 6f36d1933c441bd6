//! The command line: sub-commands, their options, and how errors become one line and an exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::bus::BusChoice;

/// OpenCabin: an open in-vehicle infotainment front end and the mock car and media player it drives.
#[derive(Debug, Parser)]
#[command(name = "opencabin", version, propagate_version = true)]
pub struct Cli {
    /// Which D-Bus bus to use: `session`, `system`, or a bus address such as
    /// `unix:path=/run/user/1000/bus`. Default: the session bus (`sim` starts a private bus when
    /// no session bus is reachable).
    #[arg(long, global = true, value_name = "session|system|ADDRESS")]
    pub bus: Option<BusChoice>,

    /// Settings file (TOML). Default: $XDG_CONFIG_HOME/opencabin/settings.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Desktop simulator (the default): starts the vehicle and media services and opens the IVI
    /// window; stops everything it started when the window closes or on Ctrl-C / SIGTERM.
    Sim(SimArgs),
    /// The IVI front end alone, a pure D-Bus client of the services.
    Ui(UiArgs),
    /// The mock car: serves `org.opencabin.Vehicle1` and drives it along a standard drive cycle.
    VehicleService(VehicleServiceArgs),
    /// The mock media player: serves MPRIS2 as `org.mpris.MediaPlayer2.opencabin`.
    MediaService(MediaServiceArgs),
    /// Renders a page to a PNG with the software renderer; needs no display.
    Screenshot(ScreenshotArgs),
    /// Shows or changes the user's settings (the same file the UI reads and writes).
    Settings(SettingsArgs),
    /// Lists, checks or plays scenarios: timelines of simulation calls and expected alerts.
    Scenario(ScenarioArgs),
}

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

impl Default for Command {
    fn default() -> Self {
        Command::Sim(SimArgs::default())
    }
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
    pub scenario: Option<crate::scenario::Scenario>,

    /// Opens no simulator panel beside the IVI window.
    #[arg(long)]
    pub no_panel: bool,
}

fn parse_scenario(text: &str) -> Result<crate::scenario::Scenario, String> {
    crate::scenario::load(text).map_err(|e| e.to_string())
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
    /// Page to render.
    #[arg(long, value_enum, default_value_t = Page::Home)]
    pub page: Page,

    /// Size of the image in pixels.
    #[arg(long, default_value_t = Size::DEFAULT_WINDOW, value_name = "WxH")]
    pub size: Size,

    /// Where to write the PNG.
    #[arg(long, value_name = "FILE.png")]
    pub out: PathBuf,

    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeChoice::Night)]
    pub theme: ThemeChoice,

    /// Language of the text.
    #[arg(long, value_enum, default_value_t = Language::En)]
    pub lang: Language,

    /// Time shown in the status bar, e.g. 09:41 (default: now), for reproducible images.
    #[arg(long, value_name = "HH:MM", value_parser = crate::shell::parse_minutes)]
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
}

/// A page of the IVI front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Page {
    Home,
    Media,
    Vehicle,
    Climate,
    Settings,
}

impl Page {
    pub fn as_str(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Media => "media",
            Page::Vehicle => "vehicle",
            Page::Climate => "climate",
            Page::Settings => "settings",
        }
    }
}

/// Day or night colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeChoice {
    Day,
    Night,
}

impl ThemeChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeChoice::Day => "day",
            ThemeChoice::Night => "night",
        }
    }
}

/// A language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Language {
    En,
    #[value(name = "zh-CN")]
    ZhCn,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::ZhCn => "zh-CN",
        }
    }
}

/// A size in pixels, written `WIDTHxHEIGHT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const DEFAULT_WINDOW: Size = Size {
        width: 1280,
        height: 720,
    };
    /// Larger than any car display (and than 2560x1440) by a margin; keeps buffers bounded.
    const MAX_SIDE: u32 = 8192;
    /// Named sizes of common car displays.
    pub const PRESETS: &[(&str, u32, u32)] =
        &[("7inch", 800, 480), ("hd", 1280, 720), ("wide", 1920, 720)];
}

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some((_, width, height)) = Self::PRESETS.iter().find(|(name, ..)| *name == text) {
            return Ok(Size {
                width: *width,
                height: *height,
            });
        }
        let (width, height) = text.split_once(['x', 'X']).ok_or_else(|| {
            format!("'{text}' is not a size: write WIDTHxHEIGHT, e.g. 1280x720, or a preset: 7inch, hd, wide")
        })?;
        let side = |value: &str| -> Result<u32, String> {
            match value.trim().parse::<u32>() {
                Ok(n) if (1..=Self::MAX_SIDE).contains(&n) => Ok(n),
                _ => Err(format!(
                    "'{text}' is not a size: width and height must be whole numbers from 1 to {}",
                    Self::MAX_SIDE
                )),
            }
        };
        Ok(Size {
            width: side(width)?,
            height: side(height)?,
        })
    }
}

impl Default for Size {
    fn default() -> Self {
        Size::DEFAULT_WINDOW
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// How many times faster than real time the simulation runs: 0.1 to 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeedFactor(pub f64);

impl SpeedFactor {
    pub const RANGE: std::ops::RangeInclusive<f64> = 0.1..=100.0;
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

/// Parses the command line. Help and version go to stdout; a usage error is printed as one line on
/// stderr and becomes exit code 2.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|err| match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("opencabin: {}", one_line(&err));
            ExitCode::from(2)
        }
    })
}

/// The first line of a clap error, plus the allowed values when clap knows them.
fn one_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or("invalid arguments");
    let mut line = first.trim_start_matches("error: ").to_string();
    if let Some(ContextValue::Strings(values)) = err.get(ContextKind::ValidValue) {
        line.push_str(&format!(" (expected one of: {})", values.join(", ")));
    }
    line
}

/// Turns a command's outcome into the process exit code, printing a failure as one line.
pub fn exit_code(outcome: anyhow::Result<()>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("opencabin: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `KEY=VALUE` for a user setting, checked against what the setting allows.
fn parse_setting(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("'{text}' is not KEY=VALUE, e.g. distance_unit=mi"))?;
    crate::config::UserSettings::default().set(key, value)?;
    Ok((key.to_string(), value.to_string()))
}
