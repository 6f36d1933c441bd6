//! The mock media service: a player served over MPRIS2 as `org.mpris.MediaPlayer2.opencabin`,
//! playing (by a clock, without sound) a library of real audio files (the built-in demo library
//! by default) and a few radio stations.
//! `client` is the other half: the MPRIS client the UI uses to follow and drive any player.

pub mod client;
pub mod library;
mod mpris;
pub mod player;
mod radio;
mod service;

use crate::bus::BusChoice;
use crate::cli::MediaServiceArgs;

/// Well-known bus name of our player (MPRIS2 names are `org.mpris.MediaPlayer2.<player>`).
pub const BUS_NAME: &str = "org.mpris.MediaPlayer2.opencabin";
/// Prefix every MPRIS2 player's bus name starts with.
pub const MPRIS_NAME_PREFIX: &str = "org.mpris.MediaPlayer2.";
/// Object path every MPRIS2 player serves.
pub const OBJECT_PATH: &str = "/org/mpris/MediaPlayer2";
/// The MPRIS2 root interface (identity, capabilities).
pub const ROOT_INTERFACE: &str = "org.mpris.MediaPlayer2";
/// The MPRIS2 playback interface.
pub const PLAYER_INTERFACE: &str = "org.mpris.MediaPlayer2.Player";
/// The name our player reports as its `Identity`.
pub const IDENTITY: &str = "OpenCabin Player";

/// `opencabin media-service`: serves the player until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, args: MediaServiceArgs) -> anyhow::Result<()> {
    // Under systemd the unit's CacheDirectory= (readable by the UI's user); else the user's
    // runtime folder.
    let cover_cache = std::env::var_os("CACHE_DIRECTORY")
        .and_then(|dirs| {
            std::env::split_paths(&dirs)
                .next()
                .filter(|d| d.is_absolute())
        })
        .or_else(|| std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from))
        .unwrap_or_else(std::env::temp_dir)
        .join("opencabin-covers");
    let tracks = match &args.library {
        Some(dir) => {
            let tracks = library::load(dir, &cover_cache)?;
            anyhow::ensure!(!tracks.is_empty(), "no audio files in {}", dir.display());
            tracks
        }
        None => library::load_demo(&cover_cache)?,
    };
    let (name, identity) = match &args.instance {
        Some(instance) => (
            format!("opencabin.{instance}"),
            format!("{IDENTITY} ({instance})"),
        ),
        None => ("opencabin".to_string(), IDENTITY.to_string()),
    };
    let mut player = player::Player::new(tracks.clone());
    if args.play {
        player.play(std::time::Duration::ZERO);
    } else {
        player.cue();
    }
    let media = mpris::MediaHandle::new(mpris::MediaState {
        player,
        source: mpris::Source::Library,
        library: tracks,
        identity,
    });
    crate::process::run_until_terminated(service::serve(bus, name, media))
}
