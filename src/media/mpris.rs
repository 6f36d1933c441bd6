//! The MPRIS2 wire layer (freedesktop MPRIS D-Bus Interface Specification v2.2).
//! So far the root interface `org.mpris.MediaPlayer2`; `.Player` and `.TrackList` come next.

use zbus::interface;

use super::IDENTITY;

/// `org.mpris.MediaPlayer2`: who the player is and what it can do as an application.
pub struct Root;

#[interface(name = "org.mpris.MediaPlayer2")]
impl Root {
    /// Brings the player's UI to the front; ours has none, so `CanRaise` is false and this does
    /// nothing, as the spec allows.
    fn raise(&self) {}

    /// Asks the player to quit; `CanQuit` is false, so this does nothing, as the spec allows.
    fn quit(&self) {}

    #[zbus(property)]
    fn can_quit(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_raise(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn has_track_list(&self) -> bool {
        false
    }

    /// Human-readable name of the player.
    #[zbus(property)]
    fn identity(&self) -> &str {
        IDENTITY
    }

    #[zbus(property)]
    fn supported_uri_schemes(&self) -> Vec<String> {
        Vec::new()
    }

    #[zbus(property)]
    fn supported_mime_types(&self) -> Vec<String> {
        Vec::new()
    }
}
