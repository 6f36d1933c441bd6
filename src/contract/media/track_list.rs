//! `org.mpris.MediaPlayer2.TrackList`: the items of the current source.

use zbus::object_server::SignalEmitter;
use zbus::{ObjectPath, OwnedObjectPath};

use super::{Jump, MediaBackend, MediaCommand, Metadata, Player, Track, Wire, mpris_interface};

/// `org.mpris.MediaPlayer2.TrackList` over a backend.
pub struct TrackList<B>(pub Wire<B>);

/// Track ids as object paths.
pub fn object_paths(ids: impl IntoIterator<Item = String>) -> Vec<OwnedObjectPath> {
    ids.into_iter()
        .filter_map(|id| OwnedObjectPath::try_from(id).ok())
        .collect()
}

mpris_interface!(
    "org.mpris.MediaPlayer2.TrackList",
    impl<B: MediaBackend> TrackList<B> {
        /// Metadata of each known track id, in the order asked; unknown ids are left out.
        fn get_tracks_metadata(&self, track_ids: Vec<OwnedObjectPath>) -> Vec<Metadata> {
            let tracks = self.0.backend.tracks();
            track_ids
                .iter()
                .filter_map(|id| tracks.iter().find(|track| track.id == id.as_str()))
                .map(|track| Track::metadata(Some(track)))
                .collect()
        }

        /// `CanEditTracks` is false, so this has no effect.
        fn add_track(&self, _uri: &str, _after_track: ObjectPath<'_>, _set_as_current: bool) {}

        /// `CanEditTracks` is false, so this has no effect.
        fn remove_track(&self, _track_id: ObjectPath<'_>) {}

        /// Plays the track `track_id`; an unknown id is ignored.
        async fn go_to(
            &self,
            track_id: ObjectPath<'_>,
            #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
        ) {
            let jump = self
                .0
                .backend
                .apply(MediaCommand::GoTo(track_id.to_string()));
            self.0.published.ring();
            if let Jump::Seeked(position) = jump
                && let Err(err) = Player::<B>::seeked(&emitter, position).await
            {
                tracing::warn!(%err, "cannot signal Seeked");
            }
        }

        /// The track list was replaced (another source): its ids and the current track.
        #[zbus(signal)]
        pub async fn track_list_replaced(
            emitter: &SignalEmitter<'_>,
            tracks: Vec<OwnedObjectPath>,
            current_track: ObjectPath<'_>,
        ) -> zbus::Result<()>;

        /// A track's metadata changed (a station's now-playing text).
        #[zbus(signal)]
        pub async fn track_metadata_changed(
            emitter: &SignalEmitter<'_>,
            track_id: ObjectPath<'_>,
            metadata: Metadata,
        ) -> zbus::Result<()>;

        /// Ids of the current source's tracks. Signalled by `TrackListReplaced`.
        #[zbus(property(emits_changed_signal = "invalidates"))]
        fn tracks(&self) -> Vec<OwnedObjectPath> {
            object_paths(self.0.backend.tracks().into_iter().map(|track| track.id))
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn can_edit_tracks(&self) -> bool {
            false
        }
    }
);
