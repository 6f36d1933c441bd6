//! `opencabin cluster`'s options.

use clap::Args;
use opencabin::size::Size;

#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Size of the window: WxH (800x300 to 1920x720 are designed for).
    #[arg(long, default_value_t = opencabin::cluster::DEFAULT_SIZE, value_name = "WxH")]
    pub size: Size,

    /// Full screen, no decorations, the window cannot be closed.
    #[arg(long)]
    pub kiosk: bool,

    /// Where the window goes, X,Y in logical pixels (e.g. on a second monitor).
    #[arg(long, value_name = "X,Y", value_parser = parse_position)]
    pub position: Option<(i32, i32)>,
}

fn parse_position(text: &str) -> Result<(i32, i32), String> {
    let (x, y) = text
        .split_once(',')
        .ok_or_else(|| format!("'{text}' is not a position: write X,Y, e.g. 0,760"))?;
    let number = |v: &str| {
        v.trim()
            .parse::<i32>()
            .map_err(|e| format!("'{text}': {e}"))
    };
    Ok((number(x)?, number(y)?))
}

impl ClusterArgs {
    pub fn options(self) -> opencabin::cluster::ClusterOptions {
        opencabin::cluster::ClusterOptions {
            size: self.size,
            kiosk: self.kiosk,
            position: self.position,
        }
    }
}
