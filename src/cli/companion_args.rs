//! `opencabin companion`'s options.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct CompanionArgs {
    /// Address and port to serve the page on. Default: loopback only; give the car's LAN
    /// address (or 0.0.0.0) explicitly to let phones on the network reach it.
    #[arg(long, default_value = opencabin::companion::DEFAULT_LISTEN, value_name = "ADDR:PORT")]
    pub listen: SocketAddr,

    /// The paired phones (TOML). Default: $XDG_STATE_HOME/opencabin/companion.toml.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// A host name the page may be reached by besides its IP address, e.g. car.local
    /// (repeatable); any other name in a request's Host is refused.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,
}

impl CompanionArgs {
    pub fn options(self) -> opencabin::companion::Options {
        opencabin::companion::Options {
            listen: self.listen,
            state: self.state,
            allowed_hosts: self.allowed_hosts,
        }
    }
}
