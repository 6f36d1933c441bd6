//! `org.mpris.MediaPlayer2.Player`: playback.

use zbus::ObjectPath;
use zbus::fdo;
use zbus::object_server::SignalEmitter;

use super::{
    Jump, LoopStatus, MAXIMUM_RATE, MINIMUM_RATE, MediaBackend, MediaCommand, Metadata,
    PlaybackStatus, Track, Wire, mpris_interface,
};

/// `org.mpris.MediaPlayer2.Player` over a backend.
pub struct Player<B>(pub Wire<B>);

impl<B: MediaBackend> Player<B> {
    /// Carries out a command, asks for publication, and signals `Seeked` if the position jumped.
    async fn command(&self, emitter: &SignalEmitter<'_>, command: MediaCommand) {
        let jump = self.0.backend.apply(command);
        self.0.published.ring();
        if let Jump::Seeked(position) = jump
            && let Err(err) = Self::seeked(emitter, position).await
        {
            tracing::warn!(%err, "cannot signal Seeked");
        }
    }

    /// A property write: carried out, recorded as signalled by zbus, published.
    fn write(&self, property: Option<(&str, zbus::Variant<'static>)>, command: MediaCommand) {
        self.0.backend.apply(command);
        if let Some((name, value)) = property {
            self.0.record::<Self>(name, value);
        }
        self.0.published.ring();
    }
}

mpris_interface!(
    "org.mpris.MediaPlayer2.Player",
    impl<B: MediaBackend> Player<B> {
        async fn next(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::Next).await
        }

        async fn previous(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::Previous).await
        }

        async fn pause(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::Pause).await
        }

        async fn play_pause(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::PlayPause).await
        }

        async fn stop(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::Stop).await
        }

        async fn play(&self, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::Play).await
        }

        /// Moves by `offset` µs; before the start goes to the start, past the end to the next track.
        async fn seek(&self, offset: i64, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
            self.command(&emitter, MediaCommand::Seek(offset)).await
        }

        /// Moves to `position` µs in track `track_id`; a stale id or a position outside the track is
        /// ignored.
        async fn set_position(
            &self,
            track_id: ObjectPath<'_>,
            position: i64,
            #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
        ) {
            let command = MediaCommand::SetPosition(track_id.to_string(), position);
            self.command(&emitter, command).await
        }

        /// No URI scheme is supported (`SupportedUriSchemes` is empty).
        fn open_uri(&self, uri: &str) -> fdo::Result<()> {
            Err(fdo::Error::NotSupported(format!(
                "cannot open {}: this player opens no URIs",
                crate::contract::excerpt(uri)
            )))
        }

        /// The position jumped (a seek, a set position, a looped track), in µs.
        #[zbus(signal)]
        pub async fn seeked(emitter: &SignalEmitter<'_>, position: i64) -> zbus::Result<()>;

        #[zbus(property)]
        fn playback_status(&self) -> PlaybackStatus {
            self.0.backend.player().status
        }

        /// "None", "Track" or "Playlist".
        #[zbus(property)]
        fn loop_status(&self) -> LoopStatus {
            self.0.backend.player().loop_status
        }

        #[zbus(property)]
        fn set_loop_status(&self, value: String) -> fdo::Result<()> {
            let status = LoopStatus::parse("LoopStatus", &value)
                .map_err(|err| fdo::Error::InvalidArgs(err.to_string()))?;
            self.write(
                Some(("LoopStatus", value.into())),
                MediaCommand::SetLoopStatus(status),
            );
            Ok(())
        }

        /// Playback rate, 0.5 to 2.0; a value outside is clamped, 0 pauses.
        #[zbus(property)]
        fn rate(&self) -> f64 {
            self.0.backend.player().rate
        }

        #[zbus(property)]
        fn set_rate(&self, value: f64) {
            self.write(None, MediaCommand::SetRate(value));
        }

        #[zbus(property)]
        fn shuffle(&self) -> bool {
            self.0.backend.player().shuffle
        }

        #[zbus(property)]
        fn set_shuffle(&self, value: bool) {
            self.write(
                Some(("Shuffle", value.into())),
                MediaCommand::SetShuffle(value),
            );
        }

        #[zbus(property)]
        fn metadata(&self) -> Metadata {
            Track::metadata(self.0.backend.player().current.as_ref())
        }

        /// Volume, 0.0 to 1.0; below 0 is taken as 0, above 1 as 1.
        #[zbus(property)]
        fn volume(&self) -> f64 {
            self.0.backend.player().volume
        }

        #[zbus(property)]
        fn set_volume(&self, value: f64) {
            self.write(None, MediaCommand::SetVolume(value));
        }

        /// Position in the track, µs. Not signalled: clients extrapolate with `Rate`.
        #[zbus(property(emits_changed_signal = "false"))]
        fn position(&self) -> i64 {
            self.0.backend.position_us()
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn minimum_rate(&self) -> f64 {
            MINIMUM_RATE
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn maximum_rate(&self) -> f64 {
            MAXIMUM_RATE
        }

        #[zbus(property)]
        fn can_go_next(&self) -> bool {
            self.0.backend.player().can_go_next
        }

        #[zbus(property)]
        fn can_go_previous(&self) -> bool {
            self.0.backend.player().can_go_previous
        }

        #[zbus(property)]
        fn can_play(&self) -> bool {
            self.0.backend.player().can_play
        }

        #[zbus(property)]
        fn can_pause(&self) -> bool {
            self.0.backend.player().can_pause
        }

        #[zbus(property)]
        fn can_seek(&self) -> bool {
            self.0.backend.player().can_seek
        }

        #[zbus(property(emits_changed_signal = "const"))]
        fn can_control(&self) -> bool {
            true
        }
    }
);
