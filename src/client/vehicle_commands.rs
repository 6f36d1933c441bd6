//! Commands to the vehicle through its typed proxies: the client half of
//! `contract::vehicle::Command`, for every front end that changes the car.

use super::CallError;
use crate::contract::vehicle::{
    BatteryProxy, BodyProxy, ClimateProxy, Command, DriveProxy, SimulationProxy, VehicleError,
};

/// Sends `command` to the vehicle service on `connection`; its refusal comes back as the
/// service's named error.
pub async fn send(connection: &zbus::Connection, command: Command) -> Result<(), CallError> {
    use Command::*;
    match command {
        ResetTrip => DriveProxy::new(connection).await?.reset_trip().await?,
        SetChargeLimit(v) => {
            BatteryProxy::new(connection)
                .await?
                .set_charge_limit(v)
                .await?
        }
        SetDriverTarget(_)
        | SetPassengerTarget(_)
        | SetFanLevel(_)
        | SetAutoMode(_)
        | SetAirConditioning(_)
        | SetRecirculation(_)
        | SetFrontDefrost(_)
        | SetRearDefrost(_)
        | SetDriverSeatHeating(_)
        | SetPassengerSeatHeating(_)
        | SetSync(_)
        | SetPreconditioning(_) => climate(&ClimateProxy::new(connection).await?, command).await?,
        SetLocked(v) => BodyProxy::new(connection).await?.set_locked(v).await?,
        SetChildLock(v) => BodyProxy::new(connection).await?.set_child_lock(v).await?,
        SetHeadlights(mode) => {
            let body = BodyProxy::new(connection).await?;
            body.set_headlights(mode.as_str().to_string()).await?
        }
        SetInteriorLight(v) => {
            BodyProxy::new(connection)
                .await?
                .set_interior_light(v)
                .await?
        }
        _ => simulation(&SimulationProxy::new(connection).await?, command).await?,
    }
    Ok(())
}

async fn climate(climate: &ClimateProxy<'_>, command: Command) -> Result<(), CallError> {
    use Command::*;
    match command {
        SetDriverTarget(v) => climate.set_driver_target_temperature(v).await?,
        SetPassengerTarget(v) => climate.set_passenger_target_temperature(v).await?,
        SetFanLevel(v) => climate.set_fan_level(v).await?,
        SetAutoMode(v) => climate.set_auto_mode(v).await?,
        SetAirConditioning(v) => climate.set_air_conditioning(v).await?,
        SetRecirculation(v) => climate.set_recirculation(v).await?,
        SetFrontDefrost(v) => climate.set_front_defrost(v).await?,
        SetRearDefrost(v) => climate.set_rear_defrost(v).await?,
        SetDriverSeatHeating(v) => climate.set_driver_seat_heating(v).await?,
        SetPassengerSeatHeating(v) => climate.set_passenger_seat_heating(v).await?,
        SetSync(v) => climate.set_sync(v).await?,
        SetPreconditioning(v) => climate.set_preconditioning(v).await?,
        other => {
            return Err(
                VehicleError::NotAllowed(format!("{other:?} is not a climate setting")).into(),
            );
        }
    }
    Ok(())
}

async fn simulation(sim: &SimulationProxy<'_>, command: Command) -> Result<(), CallError> {
    use Command::*;
    match command {
        SetSpeedFactor(v) => sim.set_speed_factor(v).await?,
        LoadCycle(name) => sim.load_cycle(&name).await?,
        Pause => sim.pause().await?,
        Resume => sim.resume().await?,
        SetManualSpeed(v) => sim.set_manual_speed(v).await?,
        ClearManualSpeed => sim.clear_manual_speed().await?,
        SetGear(gear) => sim.set_gear(gear.as_str()).await?,
        SetStateOfCharge(v) => sim.set_state_of_charge(v).await?,
        SetDoor(door, open) => sim.set_door(door.as_str(), open).await?,
        DeflateTire(tire, kpa) => sim.deflate_tire(tire.as_str(), kpa).await?,
        InflateTires => sim.inflate_tires().await?,
        StartCharging(kw) => sim.start_charging(kw).await?,
        StopCharging => sim.stop_charging().await?,
        SetOutsideTemperature(c) => sim.set_outside_temperature(c).await?,
        RunScenario(name) => sim.run_scenario(&name).await?,
        SetIndicator(side) => sim.set_indicator(side.as_str()).await?,
        SetHazard(on) => sim.set_hazard(on).await?,
        SetParkingBrake(on) => sim.set_parking_brake(on).await?,
        SetSeatBelt(on) => sim.set_seat_belt(on).await?,
        other => {
            return Err(
                VehicleError::NotAllowed(format!("{other:?} is not a simulation command")).into(),
            );
        }
    }
    Ok(())
}
