//! `ProfilesAdapter`: the driver profiles, the active one and the offer of the connected phone's
//! profile, from the shell's settings into the window.

use slint::{ComponentHandle, ModelRc, VecModel};

use super::ShellSettings;
use crate::config::GUEST;
use crate::ui::{AppWindow, ProfileEntry, ProfilesAdapter};

/// A profile's name for the window: empty for the guest, whose name Slint translates.
fn shown_name(id: &str, name: &str) -> slint::SharedString {
    if id == GUEST { "".into() } else { name.into() }
}

/// Shows the profiles of `settings` in the window. Runs on the UI thread.
pub fn show_profiles(window: &AppWindow, settings: &ShellSettings) {
    let adapter = window.global::<ProfilesAdapter>();
    let active = settings.active_profile();
    let mut entries: Vec<ProfileEntry> = settings
        .profiles
        .iter()
        .map(|p| ProfileEntry {
            id: p.id.as_str().into(),
            name: shown_name(&p.id, &p.name),
        })
        .collect();
    if entries.is_empty() {
        entries.push(ProfileEntry {
            id: GUEST.into(),
            name: "".into(),
        });
    }
    let active_name = settings
        .profiles
        .iter()
        .find(|p| p.id == active)
        .map_or_else(
            || shown_name(active, active),
            |p| shown_name(&p.id, &p.name),
        );
    adapter.set_profiles(ModelRc::new(VecModel::from(entries)));
    adapter.set_active(active.into());
    adapter.set_active_name(active_name);
    adapter.set_offer_name(
        settings
            .offer
            .as_ref()
            .map_or_else(Default::default, |p| p.name.as_str().into()),
    );
}
