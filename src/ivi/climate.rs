//! `ClimateAdapter`: both zones, the fan, the switches and the seats.

use slint::ComponentHandle;

use crate::client::Live;
use crate::contract::vehicle::ClimateState;
use crate::ui::{AppWindow, ClimateAdapter};

pub fn show(window: &AppWindow, c: &Live<ClimateState>) {
    let climate = window.global::<ClimateAdapter>();
    climate.set_driver_target(c.driver_target as f32);
    climate.set_passenger_target(c.passenger_target as f32);
    climate.set_cabin_temperature(c.cabin_temperature as f32);
    climate.set_outside_temperature(c.outside_temperature as f32);
    climate.set_fan_level(i32::from(c.fan_level));
    climate.set_auto_mode(c.auto_mode);
    climate.set_air_conditioning(c.air_conditioning);
    climate.set_recirculation(c.recirculation);
    climate.set_front_defrost(c.front_defrost);
    climate.set_rear_defrost(c.rear_defrost);
    climate.set_driver_seat_heating(i32::from(c.driver_seat_heating));
    climate.set_passenger_seat_heating(i32::from(c.passenger_seat_heating));
    climate.set_sync(c.sync);
}
