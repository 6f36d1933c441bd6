//! Media during a call: every playing MPRIS player is paused when a call rings or is set up, and
//! when the last call ends only the players this paused are resumed (one the driver paused
//! before, or started again during the call, is left as it is).

use crate::client::mpris::{Command, MprisClient};
use crate::contract::media::PlaybackStatus;

/// Which players a call paused.
#[derive(Debug, Default)]
pub struct CallPause {
    in_call: bool,
    paused: Vec<String>,
}

impl CallPause {
    /// Follows the phone: `in_call` is whether any call exists (ringing, set up, active or
    /// held). Pauses or resumes on a change only.
    pub async fn follow(&mut self, in_call: bool, client: &MprisClient) {
        if in_call == std::mem::replace(&mut self.in_call, in_call) {
            return;
        }
        if in_call {
            for player in client.state().players.iter().filter(|p| p.is_playing()) {
                match client
                    .send_to(player.bus_name.clone(), Command::Pause)
                    .await
                {
                    Ok(()) => self.paused.push(player.bus_name.clone()),
                    Err(err) => {
                        tracing::warn!(player = %player.bus_name, %err, "cannot pause for a call")
                    }
                }
            }
            tracing::info!(paused = ?self.paused, "a call: media paused");
        } else {
            let players = client.state().players;
            for name in std::mem::take(&mut self.paused) {
                let still_paused = players
                    .iter()
                    .any(|p| p.bus_name == name && p.status == PlaybackStatus::Paused);
                if still_paused && let Err(err) = client.send_to(name.clone(), Command::Play).await
                {
                    tracing::warn!(player = %name, %err, "cannot resume after a call");
                }
            }
            tracing::info!("calls over: media resumed");
        }
    }
}
