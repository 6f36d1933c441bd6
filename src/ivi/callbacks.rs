//! The adapters' callbacks, turned into `UiAction`s for the tokio side: what the user asked
//! for, on its way to a service. Controls show only the service's value, so nothing is undone
//! here when a service refuses.

use slint::ComponentHandle;
use tokio::sync::mpsc;

use crate::client::mpris::Command as MediaCommand;
use crate::client::navigation::Request as NavigationRequest;
use crate::contract::media::Source;
use crate::contract::vehicle::Command;
use crate::ui::{self, AppWindow, ClimateAdapter, MediaAdapter, VehicleAdapter};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// A command or property write of the vehicle.
    Vehicle(Command),
    /// A command for the active media player.
    Media(MediaCommand),
    /// Makes a player the active one.
    SelectPlayer(String),
    /// Search, preview, start or cancel a route.
    Navigation(NavigationRequest),
    /// Answer, decline, hang up, mute or dial a call.
    Phone(crate::client::phone::Request),
    /// Search the phone's contacts (the text typed so far).
    SearchContacts(String),
    /// Offer a pairing, end it, or forget a paired phone.
    Companion(crate::client::companion::Request),
}

/// Connects the window's callbacks to `actions`.
pub fn wire(window: &AppWindow, actions: mpsc::UnboundedSender<UiAction>) {
    let send = move |action: UiAction| {
        if actions.send(action).is_err() {
            tracing::warn!("D-Bus side gone; action dropped");
        }
    };
    let vehicle = |make: fn(f32) -> Command| {
        let send = send.clone();
        move |value: f32| send(UiAction::Vehicle(make(value)))
    };
    let level = |make: fn(u8) -> Command| {
        let send = send.clone();
        move |value: i32| send(UiAction::Vehicle(make(value.clamp(0, 255) as u8)))
    };
    let switch = |make: fn(bool) -> Command| {
        let send = send.clone();
        move |on: bool| send(UiAction::Vehicle(make(on)))
    };
    let climate = window.global::<ClimateAdapter>();
    climate.on_set_driver_target(vehicle(|v| Command::SetDriverTarget(f64::from(v))));
    climate.on_set_passenger_target(vehicle(|v| Command::SetPassengerTarget(f64::from(v))));
    climate.on_set_fan_level(level(Command::SetFanLevel));
    climate.on_set_driver_seat_heating(level(Command::SetDriverSeatHeating));
    climate.on_set_passenger_seat_heating(level(Command::SetPassengerSeatHeating));
    climate.on_set_auto_mode(switch(Command::SetAutoMode));
    climate.on_set_air_conditioning(switch(Command::SetAirConditioning));
    climate.on_set_recirculation(switch(Command::SetRecirculation));
    climate.on_set_front_defrost(switch(Command::SetFrontDefrost));
    climate.on_set_rear_defrost(switch(Command::SetRearDefrost));
    climate.on_set_sync(switch(Command::SetSync));

    let car = window.global::<VehicleAdapter>();
    car.on_set_charge_limit(level(Command::SetChargeLimit));
    let s = send.clone();
    car.on_reset_trip(move || s(UiAction::Vehicle(Command::ResetTrip)));

    let media = window.global::<MediaAdapter>();
    let command = |make: fn() -> MediaCommand| {
        let send = send.clone();
        move || send(UiAction::Media(make()))
    };
    media.on_play_pause(command(|| MediaCommand::PlayPause));
    media.on_next(command(|| MediaCommand::Next));
    media.on_previous(command(|| MediaCommand::Previous));
    let s = send.clone();
    let weak = window.as_weak();
    media.on_seek_to(move |seconds| {
        let Some(window) = weak.upgrade() else { return };
        let track = window.global::<MediaAdapter>().get_current_id().to_string();
        let position = (f64::from(seconds) * 1e6) as i64;
        s(UiAction::Media(MediaCommand::SetPosition(track, position)));
    });
    let s = send.clone();
    media.on_set_volume(move |volume| {
        s(UiAction::Media(MediaCommand::SetVolume(f64::from(volume))))
    });
    let s = send.clone();
    media.on_set_shuffle(move |on| s(UiAction::Media(MediaCommand::SetShuffle(on))));
    let s = send.clone();
    media.on_set_loop_status(move |status| {
        let status = super::media::loop_status_of(status);
        s(UiAction::Media(MediaCommand::SetLoopStatus(status)))
    });
    let s = send.clone();
    media.on_go_to(move |id| s(UiAction::Media(MediaCommand::GoTo(id.to_string()))));
    let s = send.clone();
    media.on_select_source(move |source| {
        let source = match source {
            ui::MediaSource::Radio => Source::Radio,
            ui::MediaSource::Library | ui::MediaSource::Other => Source::Library,
        };
        s(UiAction::Media(MediaCommand::SelectSource(source)))
    });
    let s = send.clone();
    media.on_select_player(move |bus_name| s(UiAction::SelectPlayer(bus_name.to_string())));

    use crate::client::phone::Request as PhoneRequest;
    let phone = window.global::<ui::PhoneAdapter>();
    let s = send.clone();
    phone.on_answer(move |path| s(UiAction::Phone(PhoneRequest::Answer(path.into()))));
    let s = send.clone();
    phone.on_hang_up(move |path| s(UiAction::Phone(PhoneRequest::Hangup(path.into()))));
    let s = send.clone();
    phone.on_set_muted(move |muted| s(UiAction::Phone(PhoneRequest::SetMuted(muted))));
    let s = send.clone();
    phone.on_dial(move |number| s(UiAction::Phone(PhoneRequest::Dial(number.into()))));
    let s = send.clone();
    phone.on_search(move |query| s(UiAction::SearchContacts(query.into())));
    window.global::<ui::ShellAdapter>().on_without_last(|text| {
        let mut text = text.to_string();
        text.pop();
        text.into()
    });
    let s = send.clone();
    super::companion::wire(window, move |request| s(UiAction::Companion(request)));
    super::navigation::wire(window, move |request| send(UiAction::Navigation(request)));
}
