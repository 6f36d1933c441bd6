//! The mock media service: a player served over MPRIS2 as `org.mpris.MediaPlayer2.opencabin`
//! (the contract is `crate::contract::media`), playing (by a clock, without sound) a library of
//! real audio files (the built-in demo library by default) and a few radio stations.

mod backend;
pub mod library;
pub mod player;
mod radio;
mod service;

use std::path::PathBuf;

use crate::bus::BusChoice;
use crate::contract::media::Source;
use crate::publish::Published;

/// The name our player reports as its `Identity`.
pub const IDENTITY: &str = "OpenCabin Player";

/// How `opencabin media-service` runs the player.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A folder of audio files; None for the built-in demo library.
    pub library: Option<PathBuf>,
    /// Start playing at once instead of paused on the first track.
    pub play: bool,
    /// Serve a second player as `org.mpris.MediaPlayer2.opencabin.NAME`.
    pub instance: Option<String>,
}

/// `opencabin media-service`: serves the player until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, options: Options) -> anyhow::Result<()> {
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
    let tracks = match &options.library {
        Some(dir) => {
            let tracks = library::load(dir, &cover_cache)?;
            anyhow::ensure!(!tracks.is_empty(), "no audio files in {}", dir.display());
            tracks
        }
        None => library::load_demo(&cover_cache)?,
    };
    let (name, identity) = match &options.instance {
        Some(instance) => (
            format!("opencabin.{instance}"),
            format!("{IDENTITY} ({instance})"),
        ),
        None => ("opencabin".to_string(), IDENTITY.to_string()),
    };
    let mut player = player::Player::new(tracks.clone());
    if options.play {
        player.play(std::time::Duration::ZERO);
    } else {
        player.cue();
    }
    let media = backend::MediaHandle::new(
        backend::MediaState {
            player,
            source: Source::Library,
            library: tracks,
            identity,
        },
        Published::default(),
    );
    crate::process::run_until_terminated(service::serve(bus, name, media))
}
