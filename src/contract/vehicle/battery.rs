//! `org.opencabin.Vehicle1.Battery`: the traction battery and charging.

use super::{Command, VehicleBackend, VehicleError, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Battery` over a backend.
pub struct Battery<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Battery",
    impl<B: VehicleBackend> Battery<B> {
        /// State of charge as displayed, %, resolution 0.1.
        #[zbus(property)]
        fn state_of_charge(&self) -> f64 {
            self.0.backend.battery().state_of_charge
        }

        /// Estimated range at the recent consumption, m, resolution 1000.
        #[zbus(property)]
        fn range(&self) -> u32 {
            self.0.backend.battery().range_m
        }

        /// Whether the battery is charging.
        #[zbus(property)]
        fn is_charging(&self) -> bool {
            self.0.backend.battery().is_charging
        }

        /// Power flowing into the battery while charging, kW, resolution 0.1.
        #[zbus(property)]
        fn charging_power(&self) -> f64 {
            self.0.backend.battery().charging_power_kw
        }

        /// Time until the charge limit is reached at the present charger, s, resolution 60; 0 when
        /// not charging.
        #[zbus(property)]
        fn time_to_full(&self) -> u32 {
            self.0.backend.battery().time_to_full_s
        }

        /// Average battery temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn temperature(&self) -> f64 {
            self.0.backend.battery().temperature_c
        }

        /// Charging stops at this state of charge, %; settable, 50 to 100.
        #[zbus(property)]
        fn charge_limit(&self) -> u8 {
            self.0.backend.battery().charge_limit
        }

        #[zbus(property)]
        fn set_charge_limit(&self, value: u8) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("ChargeLimit", value, Command::SetChargeLimit(value))
        }
    }
);
