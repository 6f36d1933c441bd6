//! `org.opencabin.Vehicle1.Climate`: two-zone climate control and seat heating.

use super::{Command, VehicleBackend, VehicleError, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Climate` over a backend.
pub struct Climate<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Climate",
    impl<B: VehicleBackend> Climate<B> {
        /// Driver zone target temperature, °C; settable, 16.0 to 28.0 in steps of 0.5. In sync mode
        /// the passenger zone follows.
        #[zbus(property)]
        fn driver_target_temperature(&self) -> f64 {
            self.0.backend.climate().driver_target
        }

        #[zbus(property)]
        fn set_driver_target_temperature(&self, value: f64) -> Result<(), VehicleError> {
            self.0.set::<Self>(
                "DriverTargetTemperature",
                value,
                Command::SetDriverTarget(value),
            )
        }

        /// Passenger zone target temperature, °C; settable, 16.0 to 28.0 in steps of 0.5. Setting it
        /// turns sync mode off.
        #[zbus(property)]
        fn passenger_target_temperature(&self) -> f64 {
            self.0.backend.climate().passenger_target
        }

        #[zbus(property)]
        fn set_passenger_target_temperature(&self, value: f64) -> Result<(), VehicleError> {
            self.0.set::<Self>(
                "PassengerTargetTemperature",
                value,
                Command::SetPassengerTarget(value),
            )
        }

        /// Cabin air temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn cabin_temperature(&self) -> f64 {
            self.0.backend.climate().cabin_temperature
        }

        /// Outside air temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn outside_temperature(&self) -> f64 {
            self.0.backend.climate().outside_temperature
        }

        /// Fan level, 0 (off) to 7; settable. Setting it turns auto mode off.
        #[zbus(property)]
        fn fan_level(&self) -> u8 {
            self.0.backend.climate().fan_level
        }

        #[zbus(property)]
        fn set_fan_level(&self, value: u8) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("FanLevel", value, Command::SetFanLevel(value))
        }

        /// Whether the fan level follows the difference between cabin and target; settable.
        #[zbus(property)]
        fn auto_mode(&self) -> bool {
            self.0.backend.climate().auto_mode
        }

        #[zbus(property)]
        fn set_auto_mode(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("AutoMode", value, Command::SetAutoMode(value))
        }

        /// Whether the air conditioning (cooling) is on; settable.
        #[zbus(property)]
        fn air_conditioning(&self) -> bool {
            self.0.backend.climate().air_conditioning
        }

        #[zbus(property)]
        fn set_air_conditioning(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("AirConditioning", value, Command::SetAirConditioning(value))
        }

        /// Whether cabin air is recirculated instead of drawn from outside; settable.
        #[zbus(property)]
        fn recirculation(&self) -> bool {
            self.0.backend.climate().recirculation
        }

        #[zbus(property)]
        fn set_recirculation(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("Recirculation", value, Command::SetRecirculation(value))
        }

        /// Whether the windscreen defroster is on (fan at least 4); settable.
        #[zbus(property)]
        fn front_defrost(&self) -> bool {
            self.0.backend.climate().front_defrost
        }

        #[zbus(property)]
        fn set_front_defrost(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("FrontDefrost", value, Command::SetFrontDefrost(value))
        }

        /// Whether the rear window heater is on; settable.
        #[zbus(property)]
        fn rear_defrost(&self) -> bool {
            self.0.backend.climate().rear_defrost
        }

        #[zbus(property)]
        fn set_rear_defrost(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("RearDefrost", value, Command::SetRearDefrost(value))
        }

        /// Driver seat heating, 0 (off) to 3; settable.
        #[zbus(property)]
        fn driver_seat_heating(&self) -> u8 {
            self.0.backend.climate().driver_seat_heating
        }

        #[zbus(property)]
        fn set_driver_seat_heating(&self, value: u8) -> Result<(), VehicleError> {
            self.0.set::<Self>(
                "DriverSeatHeating",
                value,
                Command::SetDriverSeatHeating(value),
            )
        }

        /// Passenger seat heating, 0 (off) to 3; settable.
        #[zbus(property)]
        fn passenger_seat_heating(&self) -> u8 {
            self.0.backend.climate().passenger_seat_heating
        }

        #[zbus(property)]
        fn set_passenger_seat_heating(&self, value: u8) -> Result<(), VehicleError> {
            self.0.set::<Self>(
                "PassengerSeatHeating",
                value,
                Command::SetPassengerSeatHeating(value),
            )
        }

        /// Whether the passenger zone follows the driver's target (dual zone when false); settable.
        #[zbus(property)]
        fn sync(&self) -> bool {
            self.0.backend.climate().sync
        }

        #[zbus(property)]
        fn set_sync(&self, value: bool) -> Result<(), VehicleError> {
            self.0.set::<Self>("Sync", value, Command::SetSync(value))
        }

        /// Whether the cabin is being brought to the targets while the car stands parked (from
        /// the driver's phone, before a trip); settable. It runs even with the driver away, for
        /// at most 30 minutes, and ends when the car leaves P or the charge falls below 20 %.
        /// Turning it on needs gear P and at least 20 % charge (`NotAllowed` otherwise).
        #[zbus(property)]
        fn preconditioning(&self) -> bool {
            self.0.backend.climate().preconditioning
        }

        #[zbus(property)]
        fn set_preconditioning(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("Preconditioning", value, Command::SetPreconditioning(value))
        }

        /// Seconds until preconditioning ends by itself; 0 when it is off.
        #[zbus(property)]
        fn preconditioning_time_left(&self) -> u32 {
            self.0.backend.climate().preconditioning_time_left_s
        }
    }
);
