//! `org.mpris.MediaPlayer2`: who the player is.

use super::{MediaBackend, Wire, mpris_interface};

/// `org.mpris.MediaPlayer2` over a backend.
pub struct MediaPlayer2<B>(pub Wire<B>);

mpris_interface!(
    "org.mpris.MediaPlayer2",
    impl<B: MediaBackend> MediaPlayer2<B> {
        /// Brings the player's UI to the front; it has none (`CanRaise` is false), so nothing happens.
        fn raise(&self) {}

        /// Asks the player to quit; `CanQuit` is false, so nothing happens.
        fn quit(&self) {}

        #[zbus(property(emits_changed_signal = "const"))]
        fn can_quit(&self) -> bool {
            false
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn can_raise(&self) -> bool {
            false
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn has_track_list(&self) -> bool {
            true
        }

        /// Human-readable name of the player.
        #[zbus(property(emits_changed_signal = "const"))]
        fn identity(&self) -> String {
            self.0.backend.identity()
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn supported_uri_schemes(&self) -> Vec<String> {
            Vec::new()
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn supported_mime_types(&self) -> Vec<String> {
            Vec::new()
        }
    }
);
