//! Serves the player: owns its MPRIS name, ends tracks on time, rotates the radio's now-playing
//! texts, and signals what changed.

use std::time::Duration;

use anyhow::Context;
use zbus::{Connection, ObjectPath};

use super::backend::MediaHandle;
use super::radio;
use crate::bus::BusChoice;
use crate::contract::media::{
    self, Jump, MediaPlayer2, NAME_PREFIX, Player, Source, Sources, Track, TrackList, Wire,
};

/// How often the radio's now-playing texts are checked.
const RADIO_CHECK: Duration = Duration::from_secs(1);

/// Properties MPRIS signals otherwise: `Position` not at all (clients extrapolate, `Seeked`
/// tells of jumps), `Tracks` by `TrackListReplaced`.
const NOT_SIGNALLED: &[&str] = &["Position", "Tracks"];

/// Serves `media` as `org.mpris.MediaPlayer2.<name>` until the process stops.
pub async fn serve(bus: BusChoice, name: String, media: MediaHandle) -> anyhow::Result<()> {
    let bus_name = format!("{NAME_PREFIX}{name}");
    let wire = Wire::new(media.clone(), media.published.clone());
    let path = media::object_path();
    let connection = bus
        .builder()
        .name(bus_name.as_str())
        .serve_at(path, MediaPlayer2(wire.clone()))
        .serve_at(path, Player(wire.clone()))
        .serve_at(path, TrackList(wire.clone()))
        .serve_at(path, Sources(wire))
        .build()
        .await
        .with_context(|| format!("cannot serve {bus_name} on the {bus} bus"))?;
    tracing::info!(bus = %bus, name = %bus_name, tracks = media.lock().library.len(), "media service ready");
    crate::systemd::ready(&connection, &bus_name);

    publish(&connection, &media).await?;
    let mut radio_check = tokio::time::interval(RADIO_CHECK);
    loop {
        let end = {
            let now = media.now();
            media
                .lock()
                .player
                .ends_at(now)
                .map(|at| at.saturating_sub(now))
        };
        tokio::select! {
            _ = tokio::time::sleep(end.unwrap_or(Duration::from_secs(3600))), if end.is_some() => {
                end_of_track(&connection, &media).await?;
            }
            _ = media.published.rung() => {}
            _ = radio_check.tick() => update_radio(&connection, &media).await?,
        }
        publish(&connection, &media).await?;
    }
}

async fn publish(connection: &Connection, media: &MediaHandle) -> zbus::Result<()> {
    let (published, path) = (&media.published, media::object_path());
    published
        .publish::<MediaPlayer2<MediaHandle>>(connection, path, NOT_SIGNALLED)
        .await?;
    published
        .publish::<Player<MediaHandle>>(connection, path, NOT_SIGNALLED)
        .await?;
    published
        .publish::<TrackList<MediaHandle>>(connection, path, NOT_SIGNALLED)
        .await?;
    published
        .publish::<Sources<MediaHandle>>(connection, path, NOT_SIGNALLED)
        .await
}

/// The current track played out: loop it, go on, or stop.
async fn end_of_track(connection: &Connection, media: &MediaHandle) -> zbus::Result<()> {
    let jump = {
        let now = media.now();
        media.lock().player.end_of_item(now, false)
    };
    if let Jump::Seeked(position) = jump {
        let iface = connection
            .object_server()
            .interface::<_, Player<MediaHandle>>(media::object_path())
            .await?;
        Player::<MediaHandle>::seeked(iface.signal_emitter(), position).await?;
    }
    Ok(())
}

/// Moves each radio station on to its next now-playing text when its time comes.
async fn update_radio(connection: &Connection, media: &MediaHandle) -> zbus::Result<()> {
    let now_s = media.now().as_secs();
    let changed: Vec<_> = {
        let mut state = media.lock();
        if state.source != Source::Radio {
            return Ok(());
        }
        let mut changed = Vec::new();
        for n in 0..state.player.items().len() {
            let text = radio::now_playing(n, now_s).to_string();
            if let Some(item) = state.player.item_mut(n)
                && item.artists != [text.clone()]
            {
                item.artists = vec![text];
                changed.push((item.id.clone(), Track::metadata(Some(item))));
            }
        }
        changed
    };
    if changed.is_empty() {
        return Ok(());
    }
    let list = connection
        .object_server()
        .interface::<_, TrackList<MediaHandle>>(media::object_path())
        .await?;
    for (id, meta) in changed {
        TrackList::<MediaHandle>::track_metadata_changed(
            list.signal_emitter(),
            ObjectPath::try_from(id.as_str())?,
            meta,
        )
        .await?;
    }
    Ok(())
}
