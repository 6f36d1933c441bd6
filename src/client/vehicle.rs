//! The vehicle's interfaces as followed views: each state struct of the contract, filled through
//! its typed proxy.

use crate::contract::vehicle::{
    AlertsProxy, AlertsState, BatteryProxy, BatteryState, BodyProxy, BodyState, ClimateProxy,
    ClimateState, DriveProxy, DriveState, LocationProxy, LocationState, SimulationProxy,
    SimulationState, TiresProxy, TiresState,
};

followed_properties!(
    DriveState,
    DriveProxy {
        speed_kmh: speed / receive_speed_changed,
        gear: selected_gear / receive_selected_gear_changed,
        odometer_m: odometer / receive_odometer_changed,
        trip_distance_m: trip_distance / receive_trip_distance_changed,
        trip_time_s: trip_time / receive_trip_time_changed,
        average_speed_kmh: average_speed / receive_average_speed_changed,
        power_kw: power / receive_power_changed,
        recent_consumption: recent_consumption / receive_recent_consumption_changed,
        trip_consumption: trip_consumption / receive_trip_consumption_changed,
        is_moving: is_moving / receive_is_moving_changed,
        driving_state: driving_state / receive_driving_state_changed,
    }
);

followed_properties!(
    BatteryState,
    BatteryProxy {
        state_of_charge: state_of_charge / receive_state_of_charge_changed,
        range_m: range / receive_range_changed,
        is_charging: is_charging / receive_is_charging_changed,
        charging_power_kw: charging_power / receive_charging_power_changed,
        time_to_full_s: time_to_full / receive_time_to_full_changed,
        temperature_c: temperature / receive_temperature_changed,
        charge_limit: charge_limit / receive_charge_limit_changed,
    }
);

followed_properties!(
    ClimateState,
    ClimateProxy {
        driver_target: driver_target_temperature / receive_driver_target_temperature_changed,
        passenger_target: passenger_target_temperature
            / receive_passenger_target_temperature_changed,
        cabin_temperature: cabin_temperature / receive_cabin_temperature_changed,
        outside_temperature: outside_temperature / receive_outside_temperature_changed,
        fan_level: fan_level / receive_fan_level_changed,
        auto_mode: auto_mode / receive_auto_mode_changed,
        air_conditioning: air_conditioning / receive_air_conditioning_changed,
        recirculation: recirculation / receive_recirculation_changed,
        front_defrost: front_defrost / receive_front_defrost_changed,
        rear_defrost: rear_defrost / receive_rear_defrost_changed,
        driver_seat_heating: driver_seat_heating / receive_driver_seat_heating_changed,
        passenger_seat_heating: passenger_seat_heating / receive_passenger_seat_heating_changed,
        sync: sync / receive_sync_changed,
        preconditioning: preconditioning / receive_preconditioning_changed,
        preconditioning_time_left_s: preconditioning_time_left
            / receive_preconditioning_time_left_changed,
    }
);

followed_properties!(BodyState, BodyProxy {
    open[0]: front_left_door_open / receive_front_left_door_open_changed,
    open[1]: front_right_door_open / receive_front_right_door_open_changed,
    open[2]: rear_left_door_open / receive_rear_left_door_open_changed,
    open[3]: rear_right_door_open / receive_rear_right_door_open_changed,
    open[4]: trunk_open / receive_trunk_open_changed,
    open[5]: frunk_open / receive_frunk_open_changed,
    locked: locked / receive_locked_changed,
    child_lock: child_lock / receive_child_lock_changed,
    headlights: headlights / receive_headlights_changed,
    interior_light: interior_light / receive_interior_light_changed,
    left_indicator: left_indicator_signaling / receive_left_indicator_signaling_changed,
    right_indicator: right_indicator_signaling / receive_right_indicator_signaling_changed,
    hazard: hazard_signaling / receive_hazard_signaling_changed,
    low_beam: low_beam_on / receive_low_beam_on_changed,
    high_beam: high_beam_on / receive_high_beam_on_changed,
    parking_brake: parking_brake_engaged / receive_parking_brake_engaged_changed,
    driver_belted: driver_seat_belted / receive_driver_seat_belted_changed,
});

followed_properties!(TiresState, TiresProxy {
    pressure_kpa[0]: front_left_pressure / receive_front_left_pressure_changed,
    pressure_kpa[1]: front_right_pressure / receive_front_right_pressure_changed,
    pressure_kpa[2]: rear_left_pressure / receive_rear_left_pressure_changed,
    pressure_kpa[3]: rear_right_pressure / receive_rear_right_pressure_changed,
    temperature_c[0]: front_left_temperature / receive_front_left_temperature_changed,
    temperature_c[1]: front_right_temperature / receive_front_right_temperature_changed,
    temperature_c[2]: rear_left_temperature / receive_rear_left_temperature_changed,
    temperature_c[3]: rear_right_temperature / receive_rear_right_temperature_changed,
    low[0]: front_left_pressure_low / receive_front_left_pressure_low_changed,
    low[1]: front_right_pressure_low / receive_front_right_pressure_low_changed,
    low[2]: rear_left_pressure_low / receive_rear_left_pressure_low_changed,
    low[3]: rear_right_pressure_low / receive_rear_right_pressure_low_changed,
});

followed_properties!(
    AlertsState,
    AlertsProxy {
        active: active_alerts / receive_active_alerts_changed,
    }
);

followed_properties!(
    SimulationState,
    SimulationProxy {
        cycle: cycle / receive_cycle_changed,
        cycle_time_s: cycle_time / receive_cycle_time_changed,
        speed_factor: speed_factor / receive_speed_factor_changed,
        paused: paused / receive_paused_changed,
        manual_speed_kmh: manual_speed / receive_manual_speed_changed,
    }
);

followed_properties!(
    LocationState,
    LocationProxy {
        latitude: latitude / receive_latitude_changed,
        longitude: longitude / receive_longitude_changed,
        heading: heading / receive_heading_changed,
        known: is_known / receive_is_known_changed,
    }
);
