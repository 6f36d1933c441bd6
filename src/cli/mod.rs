//! The command line: sub-commands and their options (`args`), how they dispatch to the
//! library's commands, and how errors become one line and an exit code. The only module that
//! knows clap.

mod args;
mod cluster_args;
mod companion_args;
mod phone_args;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};

use args::{
    MapArgs, MediaServiceArgs, NavigationServiceArgs, ScenarioArgs, ScreenshotArgs, SettingsArgs,
    SimArgs, UiArgs, VehicleServiceArgs,
};
use cluster_args::ClusterArgs;
use companion_args::CompanionArgs;
use opencabin::bus::BusChoice;
use phone_args::PhoneServiceArgs;

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
    /// The driver's display (instrument cluster): its own window, a pure D-Bus client of the
    /// services, following the UI's settings file; serves `org.opencabin.Cluster1`.
    Cluster(ClusterArgs),
    /// The mock car: serves `org.opencabin.Vehicle1` and drives it along a standard drive cycle.
    VehicleService(VehicleServiceArgs),
    /// The mock media player: serves MPRIS2 as `org.mpris.MediaPlayer2.opencabin`.
    MediaService(MediaServiceArgs),
    /// The mock navigation: serves `org.opencabin.Navigation1` over an offline OpenStreetMap
    /// map and hands the car its route.
    NavigationService(NavigationServiceArgs),
    /// The mock hands-free phone: serves oFono's API as `org.ofono` (a modem of type hfp, its
    /// calls, network and battery) and `org.opencabin.PhoneSim1` for the simulated other side.
    PhoneService(PhoneServiceArgs),
    /// The companion page: serves a web page on the local network for a paired phone (the
    /// car's state, locks, cabin temperature) and `org.opencabin.Companion1` for pairing.
    Companion(CompanionArgs),
    /// Renders a page to a PNG with the software renderer; needs no display.
    Screenshot(ScreenshotArgs),
    /// Shows or changes the user's settings (the same file the UI reads and writes).
    Settings(SettingsArgs),
    /// Lists, checks or plays scenarios: timelines of simulation calls and expected alerts.
    Scenario(ScenarioArgs),
    /// Converts OpenStreetMap extracts into the map files navigation reads.
    Map(MapArgs),
}

impl Default for Command {
    fn default() -> Self {
        Command::Sim(SimArgs::default())
    }
}

/// Runs the command the command line names.
pub fn dispatch(cli: Cli) -> anyhow::Result<()> {
    let bus = cli.bus.clone().unwrap_or_default();
    match cli.command.unwrap_or_default() {
        Command::Sim(args) => opencabin::sim::run(cli.bus, cli.config, args.options()),
        Command::Ui(args) => opencabin::shell::run(bus, cli.config, args.options()),
        Command::Cluster(args) => opencabin::cluster::run(bus, cli.config, args.options()),
        Command::VehicleService(args) => opencabin::vehicle::run(bus, args.options()),
        Command::MediaService(args) => opencabin::media::run(bus, args.options()),
        Command::NavigationService(args) => opencabin::navigation::run(bus, args.options()),
        Command::PhoneService(args) => opencabin::phone::run(bus, args.options()),
        Command::Companion(args) => opencabin::companion::run(bus, args.options()),
        Command::Screenshot(args) => opencabin::render::screenshot(bus, args.options()),
        Command::Settings(args) => opencabin::config::run(cli.config, args.action()),
        Command::Scenario(args) => opencabin::scenario::run(bus, args.action()),
        Command::Map(args) => match args.action {
            args::MapAction::Import {
                input,
                output,
                name,
            } => {
                let name = name.unwrap_or_else(|| args::extract_name(&input));
                opencabin::map::import_file(&input, &output, &name)
            }
        },
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
