//! The driver profiles in the UI process: the switcher's and the offer's callbacks, the paired
//! phones followed as drivers, and the offer. When Companion1's connected phone (its page open
//! with its token) is a paired phone whose profile is not active, the car offers it ("Switch the
//! driver to <name>?", Switch / Not now) while the car stands; while it moves nothing is asked
//! and nothing changes (`restrictions::prompts`): the offer is prepared and shows once the car
//! stands. "Not now" leaves that phone alone until it connects again. A driver's climate
//! set-points follow the car's (each change saved in the active driver's file) and are sent to
//! the car when the profile is activated or the vehicle service appears.

use std::sync::{Arc, Mutex, PoisonError};

use slint::ComponentHandle;

use super::handle::ShellHandle;
use crate::config::Profile;
use crate::contract::restrictions;
use crate::ui::{AppWindow, ProfilesAdapter};
use crate::views::UiState;

/// What the offer depends on, from the UI state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// The paired phones (id, name), as drivers.
    phones: Vec<(String, String)>,
    /// The connected phone's id; empty when none is.
    connected: String,
    /// Whether the car may ask (it stands).
    prompts: bool,
    /// The car's climate set-points (driver, passenger) in °C, while the vehicle is there.
    climate: Option<(f64, f64)>,
}

impl Seen {
    pub fn of(state: &UiState) -> Self {
        let drive = &state.drive;
        let rules = restrictions::for_state(drive.available.then_some(drive.driving_state));
        let companion = &state.companion;
        let (phones, connected) = if companion.available {
            let phones = companion.phones.iter();
            let phones = phones.map(|p| (p.id.clone(), p.name.clone())).collect();
            (phones, companion.connected.clone())
        } else {
            (Vec::new(), String::new())
        };
        let climate = &state.climate;
        Seen {
            phones,
            connected,
            prompts: rules.prompts,
            climate: climate
                .available
                .then_some((climate.driver_target, climate.passenger_target)),
        }
    }
}

/// The offer's memory: what was last seen and the phone the driver said "Not now" to.
#[derive(Debug, Default)]
pub struct Offers {
    seen: Seen,
    declined: Option<String>,
}

/// The profile to offer now, if any.
fn offer_for(offers: &Offers, active: &str) -> Option<Profile> {
    let seen = &offers.seen;
    let connected = seen.connected.as_str();
    if !seen.prompts || connected == active || offers.declined.as_deref() == Some(connected) {
        return None;
    }
    let (id, name) = seen.phones.iter().find(|(id, _)| id == connected)?;
    Some(Profile {
        id: id.clone(),
        name: name.clone(),
    })
}

/// Follows the UI state for the profiles: cheap enough for the crossing's observer (it only
/// compares); the rest runs on a blocking thread.
pub struct PhoneWatch {
    handle: ShellHandle,
    offers: Arc<Mutex<Offers>>,
}

impl PhoneWatch {
    pub fn new(handle: &ShellHandle) -> Self {
        PhoneWatch {
            handle: handle.clone(),
            offers: handle.offers.clone(),
        }
    }

    pub fn observe(&self, state: &UiState) {
        let seen = Seen::of(state);
        let appeared = {
            let mut offers = self.offers.lock().unwrap_or_else(PoisonError::into_inner);
            if offers.seen == seen {
                return;
            }
            let appeared = offers.seen.climate.is_none() && seen.climate.is_some();
            if offers.seen.connected != seen.connected {
                // A phone that connects again is asked again.
                offers.declined = None;
            }
            offers.seen = seen;
            appeared
        };
        let handle = self.handle.clone();
        self.handle.runtime.spawn_blocking(move || {
            let seen = lock(&handle.offers).seen.clone();
            handle.follow_phones(&seen.phones);
            if appeared {
                handle.send_climate(&handle.settings().user);
            } else if let Some(climate) = seen.climate {
                keep_climate(&handle, climate);
            }
            refresh_offer(&handle);
        });
    }
}

/// Saves the car's climate set-points in the active driver's file when they differ from it; the
/// guest keeps none (the car's climate stays as it is when the guest is chosen).
fn keep_climate(handle: &ShellHandle, (driver, passenger): (f64, f64)) {
    let settings = handle.settings();
    if settings.active_profile() == crate::config::GUEST {
        return;
    }
    let user = &settings.user;
    for (key, now, kept) in [
        (
            "driver_target_temperature",
            driver,
            user.driver_target_temperature,
        ),
        (
            "passenger_target_temperature",
            passenger,
            user.passenger_target_temperature,
        ),
    ] {
        if kept != Some(now)
            && let Err(err) = handle.set_user(key, &now.to_string())
        {
            tracing::warn!("{err}");
        }
    }
}

fn lock(offers: &Mutex<Offers>) -> std::sync::MutexGuard<'_, Offers> {
    offers.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Shows or hides the offer as the state, the active profile and the driver's answers say.
pub fn refresh_offer(handle: &ShellHandle) {
    let active = handle.settings().active_profile().to_string();
    let offer = offer_for(&lock(&handle.offers), &active);
    if handle.settings().offer != offer {
        handle.change(|s| s.offer = offer);
    }
}

/// Activates profile `id` off the UI thread.
fn activate(handle: &ShellHandle, id: String) {
    let handle = handle.clone();
    handle.runtime.clone().spawn_blocking(move || {
        if let Err(err) = handle.activate_profile(&id) {
            tracing::warn!("{err}");
        }
        refresh_offer(&handle);
    });
}

/// Connects the switcher and the offer to the profiles. Call on the UI thread.
pub fn wire(window: &AppWindow, handle: &ShellHandle) {
    let adapter = window.global::<ProfilesAdapter>();
    let switcher = handle.clone();
    adapter.on_activate(move |id| activate(&switcher, id.to_string()));
    let answer = handle.clone();
    adapter.on_answer_offer(move |switch| {
        let offered = answer.settings().offer;
        let Some(offered) = offered else { return };
        if switch {
            activate(&answer, offered.id);
        } else {
            lock(&answer.offers).declined = Some(offered.id);
            let handle = answer.clone();
            answer
                .runtime
                .spawn_blocking(move || refresh_offer(&handle));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offers(connected: &str, prompts: bool) -> Offers {
        Offers {
            seen: Seen {
                phones: vec![("a1".into(), "Aino".into())],
                connected: connected.into(),
                prompts,
                climate: None,
            },
            declined: None,
        }
    }

    #[test]
    fn the_connected_phones_profile_is_offered_only_while_standing_and_not_active() {
        let name = |o: Option<Profile>| o.map(|p| p.name);
        assert_eq!(
            name(offer_for(&offers("a1", true), "guest")).as_deref(),
            Some("Aino")
        );
        assert_eq!(
            offer_for(&offers("a1", false), "guest"),
            None,
            "moving: no prompt"
        );
        assert_eq!(offer_for(&offers("a1", true), "a1"), None, "active already");
        assert_eq!(
            offer_for(&offers("", true), "guest"),
            None,
            "none connected"
        );
        assert_eq!(offer_for(&offers("zz", true), "guest"), None, "not paired");
        let mut declined = offers("a1", true);
        declined.declined = Some("a1".into());
        assert_eq!(offer_for(&declined, "guest"), None, "Not now");
    }
}
