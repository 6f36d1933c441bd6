//! The mock media service: a player served over MPRIS2 as `org.mpris.MediaPlayer2.opencabin`.

mod mpris;

use anyhow::Context;

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
/// The name our player reports as its `Identity`.
pub const IDENTITY: &str = "OpenCabin Player";

/// `opencabin media-service`: serves the player until SIGTERM or SIGINT.
pub fn run(bus: BusChoice, _args: MediaServiceArgs) -> anyhow::Result<()> {
    crate::process::run_until_terminated(async move {
        let _connection = bus
            .builder()
            .name(BUS_NAME)
            .serve_at(OBJECT_PATH, mpris::Root)
            .build()
            .await
            .with_context(|| format!("cannot serve {BUS_NAME} on the {bus} bus"))?;
        tracing::info!(bus = %bus, "media service ready");
        std::future::pending::<anyhow::Result<()>>().await
    })
}
