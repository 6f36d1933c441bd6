//! The `opencabin` binary: parses the command line and hands over to the command it names.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    opencabin::logging::init();
    cli::exit_code(cli::dispatch(cli))
}
