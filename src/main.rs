//! The `opencabin` binary: parses the command line and hands over to the command it names.

use std::process::ExitCode;

use opencabin::cli::{self, Command};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    opencabin::logging::init();
    let outcome = match cli.command.unwrap_or_default() {
        Command::Sim(args) => opencabin::sim::run(cli.bus, cli.config, args),
        Command::Ui(args) => opencabin::shell::run(cli.bus.unwrap_or_default(), cli.config, args),
        Command::VehicleService(args) => opencabin::vehicle::run(cli.bus.unwrap_or_default(), args),
        Command::MediaService(args) => opencabin::media::run(cli.bus.unwrap_or_default(), args),
        Command::Screenshot(args) => {
            opencabin::render::screenshot(cli.bus.unwrap_or_default(), args)
        }
        Command::Settings(args) => opencabin::config::run(cli.config, args),
        Command::Scenario(args) => opencabin::scenario::run(cli.bus.unwrap_or_default(), args),
    };
    cli::exit_code(outcome)
}
