//! MPRIS's enumerations as the spec spells them, and our player's sources.

wire_enum!(
    /// `PlaybackStatus`.
    #[derive(Default)]
    pub enum PlaybackStatus("PlaybackStatus") {
        Playing = "Playing",
        Paused = "Paused",
        #[default]
        Stopped = "Stopped",
    }
);

wire_enum!(
    /// `LoopStatus`: none, the current track, or the whole list.
    #[derive(Default)]
    pub enum LoopStatus("LoopStatus") { #[default] None = "None", Track = "Track", Playlist = "Playlist" }
);

wire_enum!(
    /// Where our player's items come from (`org.opencabin.Media1`).
    #[derive(Default)]
    pub enum Source("source") { #[default] Library = "library", Radio = "radio" }
);
