//! The calls of the mock hands-free phone and oFono's call control over them
//! (voicecallmanager-api.txt, voicecall-api.txt, and src/voicecall.c where the docs are silent):
//! ids are the lowest free from 1, a second call during one is `waiting`, and each operation
//! refuses with the error oFono gives. Time is passed in, so the rules are tested without a clock.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::contract::phone::{CallState, OfonoRefusal, number};

/// oFono's limit (MAX_VOICE_CALLS).
pub const MAX_CALLS: usize = 16;
/// An outgoing call rings at the other side this long after dialling.
pub const ALERTING_AFTER: Duration = Duration::from_millis(500);

/// Who ended a call: oFono's `DisconnectReason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Local,
    Remote,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Local => "local",
            Reason::Remote => "remote",
        }
    }
}

/// One call.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub number: String,
    pub incoming: bool,
    pub state: CallState,
    /// Whether the caller id is hidden (`Dial`'s "enabled").
    pub hidden: bool,
    /// When it became active (for `StartTime`), wall clock.
    pub started: Option<chrono::DateTime<chrono::Local>>,
    /// Set when it ended, until the service has announced it and removes it.
    pub ended: Option<Reason>,
    /// The other side's next move and when: answering an outgoing call, or hanging up.
    pub remote: Option<(Instant, RemoteMove)>,
}

/// What the simulated other side does when its time comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteMove {
    StartRinging,
    Answer,
    HangUp,
}

/// All calls, by id, and how the other side behaves.
#[derive(Debug, Clone)]
pub struct Calls {
    pub calls: BTreeMap<u32, Call>,
    /// How long the other side takes to answer an outgoing call; `None`: it never answers.
    pub answer_after: Option<Duration>,
}

impl Default for Calls {
    fn default() -> Self {
        Calls {
            calls: BTreeMap::new(),
            answer_after: Some(Duration::from_secs(2)),
        }
    }
}

impl Calls {
    /// Calls not yet ended, with their ids.
    pub fn live(&self) -> impl Iterator<Item = (u32, &Call)> {
        self.calls
            .iter()
            .filter(|(_, c)| c.ended.is_none())
            .map(|(id, c)| (*id, c))
    }

    fn with(&self, state: CallState) -> Vec<u32> {
        self.live()
            .filter(|(_, c)| c.state == state)
            .map(|(id, _)| id)
            .collect()
    }

    fn has(&self, state: CallState) -> bool {
        !self.with(state).is_empty()
    }

    fn next_id(&self) -> Result<u32, OfonoRefusal> {
        (1..=MAX_CALLS as u32)
            .find(|id| !self.calls.contains_key(id))
            .ok_or_else(|| OfonoRefusal::Failed(format!("there are {MAX_CALLS} calls already")))
    }

    fn call(&mut self, id: u32) -> Result<&mut Call, OfonoRefusal> {
        self.calls
            .get_mut(&id)
            .filter(|c| c.ended.is_none())
            .ok_or_else(|| OfonoRefusal::NotFound(format!("no call {id}")))
    }

    fn set_state(&mut self, id: u32, state: CallState) {
        if let Some(call) = self.calls.get_mut(&id) {
            if state == CallState::Active && call.started.is_none() {
                call.started = Some(chrono::Local::now());
            }
            call.state = state;
        }
    }

    fn end(&mut self, id: u32, reason: Reason) {
        if let Some(call) = self.calls.get_mut(&id) {
            call.ended = Some(reason);
            call.state = CallState::Disconnected;
            call.remote = None;
        }
        // With no other call left, a waiting call rings as an incoming one (as a real AG does).
        let others = self
            .live()
            .any(|(_, c)| c.state != CallState::Waiting && c.state != CallState::Disconnected);
        if !others {
            for waiting in self.with(CallState::Waiting) {
                self.set_state(waiting, CallState::Incoming);
            }
        }
    }

    /// `VoiceCallManager.Dial`: the new call's id. An active call is put on hold.
    pub fn dial(&mut self, number: &str, clir: &str, now: Instant) -> Result<u32, OfonoRefusal> {
        let hidden = match clir {
            "" | "default" | "disabled" => false,
            "enabled" => true,
            other => {
                return Err(OfonoRefusal::InvalidFormat(format!(
                    "hide_callerid {:?} is not one of \"\", \"default\", \"enabled\", \"disabled\"",
                    other.chars().take(24).collect::<String>()
                )));
            }
        };
        let id = self.next_id()?;
        number::check_dialable(number, self.live().next().is_some())?;
        if self.has(CallState::Incoming) {
            return Err(OfonoRefusal::Failed(
                "a call is ringing; answer or reject it".into(),
            ));
        }
        if self.has(CallState::Dialing) || self.has(CallState::Alerting) {
            return Err(OfonoRefusal::Failed("a call is being set up".into()));
        }
        if self.has(CallState::Active) && self.has(CallState::Held) {
            return Err(OfonoRefusal::Failed(
                "there are an active and a held call already".into(),
            ));
        }
        for active in self.with(CallState::Active) {
            self.set_state(active, CallState::Held);
        }
        self.calls.insert(
            id,
            Call {
                number: number.to_string(),
                incoming: false,
                state: CallState::Dialing,
                hidden,
                started: None,
                ended: None,
                remote: Some((now + ALERTING_AFTER, RemoteMove::StartRinging)),
            },
        );
        Ok(id)
    }

    /// A call arriving from `number`: `incoming`, or `waiting` beside another call.
    pub fn arrive(&mut self, number: &str) -> Result<u32, OfonoRefusal> {
        if self.has(CallState::Incoming) || self.has(CallState::Waiting) {
            return Err(OfonoRefusal::Failed("a call is ringing already".into()));
        }
        // The network sends digits; a number written for people ("+44 7700 900123") is taken too.
        let number: String = number
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        if !number.is_empty() {
            number::check_dialable(&number, false)?;
        }
        let id = self.next_id()?;
        let state = if self.live().next().is_some() {
            CallState::Waiting
        } else {
            CallState::Incoming
        };
        self.calls.insert(
            id,
            Call {
                number: number.clone(),
                incoming: true,
                state,
                hidden: number.is_empty(),
                started: None,
                ended: None,
                remote: None,
            },
        );
        Ok(id)
    }

    /// `VoiceCall.Answer`: only an incoming call.
    pub fn answer(&mut self, id: u32) -> Result<(), OfonoRefusal> {
        let call = self.call(id)?;
        if call.state != CallState::Incoming {
            return Err(OfonoRefusal::Failed(format!(
                "the call is {}; only an incoming call is answered (a waiting one with \
                 HoldAndAnswer or ReleaseAndAnswer)",
                call.state
            )));
        }
        call.remote = None;
        self.set_state(id, CallState::Active);
        Ok(())
    }

    /// `VoiceCall.Hangup`, or the other side hanging up with `Reason::Remote`.
    pub fn hang_up(&mut self, id: u32, reason: Reason) -> Result<(), OfonoRefusal> {
        self.call(id)?;
        self.end(id, reason);
        Ok(())
    }

    /// `HangupAll`: every call but a waiting one.
    pub fn hang_up_all(&mut self) {
        let ids: Vec<u32> = self
            .live()
            .filter(|(_, c)| c.state != CallState::Waiting)
            .map(|(id, _)| id)
            .collect();
        for id in ids {
            self.end(id, Reason::Local);
        }
    }

    fn refuse_if_waiting(&self, what: &str) -> Result<(), OfonoRefusal> {
        if self.has(CallState::Waiting) {
            return Err(OfonoRefusal::Failed(format!(
                "a call is waiting; {what} is refused until it is answered or rejected"
            )));
        }
        Ok(())
    }

    fn waiting(&self) -> Result<u32, OfonoRefusal> {
        self.with(CallState::Waiting)
            .first()
            .copied()
            .ok_or_else(|| OfonoRefusal::Failed("no call is waiting".into()))
    }

    /// `SwapCalls`: active calls held and held calls active.
    pub fn swap(&mut self) -> Result<(), OfonoRefusal> {
        self.refuse_if_waiting("SwapCalls")?;
        let (active, held) = (self.with(CallState::Active), self.with(CallState::Held));
        active
            .iter()
            .for_each(|id| self.set_state(*id, CallState::Held));
        held.iter()
            .for_each(|id| self.set_state(*id, CallState::Active));
        Ok(())
    }

    /// `HoldAndAnswer`: the active call held, the waiting one answered.
    pub fn hold_and_answer(&mut self) -> Result<(), OfonoRefusal> {
        let waiting = self.waiting()?;
        if self.has(CallState::Active) && self.has(CallState::Held) {
            return Err(OfonoRefusal::Failed(
                "there are an active and a held call; only one call can be held".into(),
            ));
        }
        for active in self.with(CallState::Active) {
            self.set_state(active, CallState::Held);
        }
        self.set_state(waiting, CallState::Active);
        Ok(())
    }

    /// `ReleaseAndAnswer`: the active call ended, the waiting one answered.
    pub fn release_and_answer(&mut self) -> Result<(), OfonoRefusal> {
        let waiting = self.waiting()?;
        for active in self.with(CallState::Active) {
            self.end(active, Reason::Local);
        }
        self.set_state(waiting, CallState::Active);
        Ok(())
    }

    /// `ReleaseAndSwap`: the active call ended, the held one resumed.
    pub fn release_and_swap(&mut self) -> Result<(), OfonoRefusal> {
        self.refuse_if_waiting("ReleaseAndSwap")?;
        let held = self.with(CallState::Held);
        for active in self.with(CallState::Active) {
            self.end(active, Reason::Local);
        }
        held.iter()
            .for_each(|id| self.set_state(*id, CallState::Active));
        Ok(())
    }

    /// `SendTones`: DTMF during an active or alerting call.
    pub fn check_tones(&self, tones: &str) -> Result<(), OfonoRefusal> {
        if !self.has(CallState::Active) && !self.has(CallState::Alerting) {
            return Err(OfonoRefusal::Failed("tones need an active call".into()));
        }
        if tones.is_empty() {
            return Err(OfonoRefusal::InvalidFormat("no tones given".into()));
        }
        let allowed = |c: char| c.is_ascii_digit() || "*#pP".contains(c) || "ABCDabcd".contains(c);
        if let Some(bad) = tones.chars().find(|c| !allowed(*c)) {
            return Err(OfonoRefusal::InvalidFormat(format!(
                "tone {bad:?} is not one of 0-9 * # A-D p"
            )));
        }
        Ok(())
    }

    /// The other side hangs up `id` after `after` (now when zero).
    pub fn remote_hangs_up(
        &mut self,
        id: u32,
        after: Duration,
        now: Instant,
    ) -> Result<(), OfonoRefusal> {
        self.call(id)?.remote = Some((now + after, RemoteMove::HangUp));
        Ok(())
    }

    /// When the other side next moves.
    pub fn next_due(&self) -> Option<Instant> {
        self.live()
            .filter_map(|(_, c)| c.remote.map(|(at, _)| at))
            .min()
    }

    /// Carries out the other side's moves that are due by `now`, each at its own time (ringing
    /// and then answering, if both are due).
    pub fn advance(&mut self, now: Instant) {
        while let Some((id, at, remote)) = self
            .live()
            .filter_map(|(id, c)| c.remote.map(|(at, m)| (id, at, m)))
            .filter(|(_, at, _)| *at <= now)
            .min_by_key(|(_, at, _)| *at)
        {
            let call = self.calls.get_mut(&id).expect("live");
            call.remote = None;
            match remote {
                RemoteMove::StartRinging => {
                    call.state = CallState::Alerting;
                    let answer = |after: Duration| at + after.saturating_sub(ALERTING_AFTER);
                    call.remote = self.answer_after.map(|a| (answer(a), RemoteMove::Answer));
                }
                RemoteMove::Answer => self.set_state(id, CallState::Active),
                RemoteMove::HangUp => self.end(id, Reason::Remote),
            }
        }
    }

    /// Takes the ended calls out, once they have been announced.
    pub fn reap(&mut self) -> Vec<(u32, Call)> {
        let ended: Vec<u32> = self
            .calls
            .iter()
            .filter(|(_, c)| c.ended.is_some())
            .map(|(id, _)| *id)
            .collect();
        ended
            .into_iter()
            .filter_map(|id| self.calls.remove(&id).map(|c| (id, c)))
            .collect()
    }
}

#[cfg(test)]
#[path = "calls_tests.rs"]
mod tests;
