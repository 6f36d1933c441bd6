//! The phone calls a scenario (or the simulator panel) may make, to the mock phone's
//! `org.opencabin.PhoneSim1`: a call arriving (`IncomingCall` with a number), the caller hanging
//! up after some seconds (`CallerHangsUp`, every call the phone has), the phone's signal
//! (`PhoneSignal`, 0-100) and battery (`PhoneBattery`, 0-5). What the driver does (answer, decline) is left to
//! the person at the UI.

use zbus::Connection;

use super::expect::{Expected, PhoneState};
use super::file::{Arg, Call};
use crate::contract::WireName;
use crate::contract::phone::{CallState, MODEM_PATH, PhoneSimProxy, VoiceCallManagerProxy};

pub const INCOMING_CALL: &str = "IncomingCall";
pub const CALLER_HANGS_UP: &str = "CallerHangsUp";
pub const PHONE_SIGNAL: &str = "PhoneSignal";
pub const PHONE_BATTERY: &str = "PhoneBattery";

/// The phone calls and their argument types, for checking scenario files.
pub fn methods() -> [(String, Vec<char>); 4] {
    [
        (INCOMING_CALL.to_string(), vec!['s']),
        (CALLER_HANGS_UP.to_string(), vec!['d']),
        (PHONE_SIGNAL.to_string(), vec!['d']),
        (PHONE_BATTERY.to_string(), vec!['d']),
    ]
}

/// Carries out `call` if it is one of the phone's (a refusal as its error's name and message);
/// None when it is not.
pub async fn invoke(connection: &Connection, call: &Call) -> Option<Result<(), String>> {
    let outcome = match (call.method.as_str(), call.args.as_slice()) {
        (INCOMING_CALL, [Arg::Text(number)]) => incoming(connection, number).await,
        (CALLER_HANGS_UP, [Arg::Number(seconds)]) => hang_up(connection, *seconds).await,
        (PHONE_SIGNAL | PHONE_BATTERY, [Arg::Number(level)]) => {
            radio(connection, call.method == PHONE_SIGNAL, *level).await
        }
        _ => return None,
    };
    Some(outcome)
}

/// `phone = "..."` of an `[[expect]]`.
pub fn expected(state: &str) -> Result<Expected, String> {
    Ok(Expected::Phone(match state {
        "ringing" => PhoneState::Ringing,
        "in-call" => PhoneState::InCall,
        "idle" => PhoneState::Idle,
        other => {
            return Err(format!(
                "phone = \"{other}\"; allowed: ringing, in-call, idle"
            ));
        }
    }))
}

/// Whether the phone is in `state` now; a phone that cannot be read is in none (so an expected
/// "idle" fails when the phone service is missing or crashed).
pub async fn holds(connection: &Connection, state: PhoneState) -> bool {
    let states = async {
        let calls = call_manager(connection)
            .await?
            .get_calls()
            .await
            .map_err(text)?;
        Ok::<_, String>(
            calls
                .iter()
                .filter_map(|(_, properties)| {
                    let state = properties.get("State")?;
                    CallState::find(<&str>::try_from(state).ok()?)
                })
                .collect::<Vec<_>>(),
        )
    };
    let Ok(states) = states.await else {
        return false;
    };
    match state {
        PhoneState::Ringing => states
            .iter()
            .any(|s| matches!(s, CallState::Incoming | CallState::Waiting)),
        PhoneState::InCall => states
            .iter()
            .any(|s| matches!(s, CallState::Active | CallState::Held)),
        PhoneState::Idle => states.is_empty(),
    }
}

fn text(err: impl std::fmt::Display) -> String {
    err.to_string()
}

async fn incoming(connection: &Connection, number: &str) -> Result<(), String> {
    let sim = PhoneSimProxy::new(connection).await.map_err(text)?;
    sim.incoming_call(number).await.map_err(text)?;
    Ok(())
}

/// The phone's signal strength (0-100 %) or battery (0-5).
async fn radio(connection: &Connection, signal: bool, level: f64) -> Result<(), String> {
    let sim = PhoneSimProxy::new(connection).await.map_err(text)?;
    let level = level.clamp(0.0, 255.0).round() as u8;
    let set = if signal {
        sim.set_signal_strength(level).await
    } else {
        sim.set_battery_charge_level(level).await
    };
    set.map_err(text)
}

async fn hang_up(connection: &Connection, seconds: f64) -> Result<(), String> {
    let sim = PhoneSimProxy::new(connection).await.map_err(text)?;
    for (path, _) in call_manager(connection)
        .await?
        .get_calls()
        .await
        .map_err(text)?
    {
        sim.remote_hangup(path, seconds).await.map_err(text)?;
    }
    Ok(())
}

async fn call_manager(connection: &Connection) -> Result<VoiceCallManagerProxy<'_>, String> {
    VoiceCallManagerProxy::builder(connection)
        .path(MODEM_PATH)
        .build()
        .await
        .map_err(text)
}
