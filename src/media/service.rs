//! Serves the player: owns its MPRIS name, ends tracks on time, rotates the radio's now-playing
//! texts, and signals what changed.

use std::time::Duration;

use anyhow::Context;
use zbus::{Connection, ObjectPath};

use super::mpris::{MediaHandle, PlayerInterface, Root, Sources, TrackList, metadata};
use super::player::Jump;
use super::radio;
use super::{MPRIS_NAME_PREFIX, OBJECT_PATH};
use crate::bus::BusChoice;

/// How often the radio's now-playing texts are checked.
const RADIO_CHECK: Duration = Duration::from_secs(1);

/// Serves `media` as `org.mpris.MediaPlayer2.<name>` until the process stops.
pub async fn serve(bus: BusChoice, name: String, media: MediaHandle) -> anyhow::Result<()> {
    let bus_name = format!("{MPRIS_NAME_PREFIX}{name}");
    let connection = bus
        .builder()
        .name(bus_name.as_str())
        .serve_at(OBJECT_PATH, Root(media.clone()))
        .serve_at(OBJECT_PATH, PlayerInterface(media.clone()))
        .serve_at(OBJECT_PATH, TrackList(media.clone()))
        .serve_at(OBJECT_PATH, Sources(media.clone()))
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
    let published = &media.published;
    published
        .publish::<Root>(connection, OBJECT_PATH, &[])
        .await?;
    published
        .publish::<PlayerInterface>(connection, OBJECT_PATH, &["Position"])
        .await?;
    published
        .publish::<TrackList>(connection, OBJECT_PATH, &["Tracks"])
        .await?;
    published
        .publish::<Sources>(connection, OBJECT_PATH, &[])
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
            .interface::<_, PlayerInterface>(OBJECT_PATH)
            .await?;
        PlayerInterface::seeked(iface.signal_emitter(), position).await?;
    }
    Ok(())
}

/// Moves each radio station on to its next now-playing text when its time comes.
async fn update_radio(connection: &Connection, media: &MediaHandle) -> zbus::Result<()> {
    let now_s = media.now().as_secs();
    let changed: Vec<_> = {
        let mut state = media.lock();
        if state.source != super::mpris::Source::Radio {
            return Ok(());
        }
        let mut changed = Vec::new();
        for n in 0..state.player.items().len() {
            let text = radio::now_playing(n, now_s).to_string();
            if let Some(item) = state.player.item_mut(n)
                && item.artists != [text.clone()]
            {
                item.artists = vec![text];
                changed.push((item.id.clone(), metadata(Some(item))));
            }
        }
        changed
    };
    if changed.is_empty() {
        return Ok(());
    }
    let list = connection
        .object_server()
        .interface::<_, TrackList>(OBJECT_PATH)
        .await?;
    for (id, meta) in changed {
        TrackList::track_metadata_changed(
            list.signal_emitter(),
            ObjectPath::try_from(id.as_str())?,
            meta,
        )
        .await?;
    }
    Ok(())
}
