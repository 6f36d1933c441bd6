//! `org.opencabin.Media1`: sources (library, radio) beyond what MPRIS covers.

use zbus::{ObjectPath, OwnedObjectPath};

use super::track_list::object_paths;
use super::{MediaBackend, Source, TrackList, Wire, mpris_interface};

/// Errors of `org.opencabin.Media1`.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Media1.Error")]
pub enum MediaError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// A source name that does not exist.
    UnknownSource(String),
}

/// `org.opencabin.Media1` over a backend.
pub struct Sources<B>(pub Wire<B>);

mpris_interface!(
    "org.opencabin.Media1",
    impl<B: MediaBackend> Sources<B> {
        /// Names of the sources: "library" (the music files) and "radio" (preset stations).
        #[zbus(property(emits_changed_signal = "const"))]
        fn sources(&self) -> Vec<String> {
            Source::names().map(str::to_string).collect()
        }

        /// The source the track list shows.
        #[zbus(property)]
        fn active_source(&self) -> Source {
            self.0.backend.active_source()
        }

        /// The radio stations: (track id, station name, now-playing text).
        #[zbus(property)]
        fn radio_stations(&self) -> Vec<(OwnedObjectPath, String, String)> {
            self.0
                .backend
                .radio_stations()
                .into_iter()
                .filter_map(|station| {
                    Some((
                        OwnedObjectPath::try_from(station.id).ok()?,
                        station.title,
                        station.artists.join(", "),
                    ))
                })
                .collect()
        }

        /// Makes `source` the track list (stopped on its first item); the track list is replaced.
        async fn select_source(
            &self,
            source: &str,
            #[zbus(object_server)] server: &zbus::ObjectServer,
        ) -> Result<(), MediaError> {
            let source = Source::parse("source", source)
                .map_err(|err| MediaError::UnknownSource(err.to_string()))?;
            let (tracks, current) = self.0.backend.select_source(source);
            let list = server
                .interface::<_, TrackList<B>>(super::object_path())
                .await?;
            TrackList::<B>::track_list_replaced(
                list.signal_emitter(),
                object_paths(tracks),
                ObjectPath::try_from(current.as_str())?,
            )
            .await?;
            list.get()
                .await
                .tracks_invalidate(list.signal_emitter())
                .await?;
            self.0.published.ring();
            Ok(())
        }
    }
);
