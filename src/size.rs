//! A window or image size in pixels, written `WIDTHxHEIGHT` or as a preset of a common car
//! display.

use std::str::FromStr;

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
    /// The largest window another process may ask for over the bus (`Shell1.WindowSize`): a
    /// bigger one would hold the UI thread for seconds a frame with the software renderer.
    pub const LARGEST_ON_REQUEST: Size = Size {
        width: 3840,
        height: 2160,
    };

    /// Whether this size fits inside `other`.
    pub fn fits_in(self, other: Size) -> bool {
        self.width <= other.width && self.height <= other.height
    }
    /// Named sizes of common car displays.
    pub const PRESETS: &[(&str, u32, u32)] =
        &[("7inch", 800, 480), ("hd", 1280, 720), ("wide", 1920, 720)];
}

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let quoted = crate::contract::excerpt(text);
        if let Some((_, width, height)) = Self::PRESETS.iter().find(|(name, ..)| *name == text) {
            return Ok(Size {
                width: *width,
                height: *height,
            });
        }
        let (width, height) = text.split_once(['x', 'X']).ok_or_else(|| {
            format!("'{quoted}' is not a size: write WIDTHxHEIGHT, e.g. 1280x720, or a preset: 7inch, hd, wide")
        })?;
        let side = |value: &str| -> Result<u32, String> {
            match value.trim().parse::<u32>() {
                Ok(n) if (1..=Self::MAX_SIDE).contains(&n) => Ok(n),
                _ => Err(format!(
                    "'{quoted}' is not a size: width and height must be whole numbers from 1 to {}",
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
