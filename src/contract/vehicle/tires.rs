//! `org.opencabin.Vehicle1.Tires`: pressures and temperatures of the four tires.

use super::{Tire, VehicleBackend, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Tires` over a backend.
pub struct Tires<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Tires",
    impl<B: VehicleBackend> Tires<B> {
        /// Front left tire pressure, kPa, resolution 1.
        #[zbus(property)]
        fn front_left_pressure(&self) -> u16 {
            self.0.backend.tires().pressure_kpa[Tire::FrontLeft.index()]
        }

        /// Front right tire pressure, kPa, resolution 1.
        #[zbus(property)]
        fn front_right_pressure(&self) -> u16 {
            self.0.backend.tires().pressure_kpa[Tire::FrontRight.index()]
        }

        /// Rear left tire pressure, kPa, resolution 1.
        #[zbus(property)]
        fn rear_left_pressure(&self) -> u16 {
            self.0.backend.tires().pressure_kpa[Tire::RearLeft.index()]
        }

        /// Rear right tire pressure, kPa, resolution 1.
        #[zbus(property)]
        fn rear_right_pressure(&self) -> u16 {
            self.0.backend.tires().pressure_kpa[Tire::RearRight.index()]
        }

        /// Front left tire temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn front_left_temperature(&self) -> f64 {
            self.0.backend.tires().temperature_c[Tire::FrontLeft.index()]
        }

        /// Front right tire temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn front_right_temperature(&self) -> f64 {
            self.0.backend.tires().temperature_c[Tire::FrontRight.index()]
        }

        /// Rear left tire temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn rear_left_temperature(&self) -> f64 {
            self.0.backend.tires().temperature_c[Tire::RearLeft.index()]
        }

        /// Rear right tire temperature, °C, resolution 0.1.
        #[zbus(property)]
        fn rear_right_temperature(&self) -> f64 {
            self.0.backend.tires().temperature_c[Tire::RearRight.index()]
        }

        /// Whether the front left tire's pressure is below the threshold.
        #[zbus(property)]
        fn front_left_pressure_low(&self) -> bool {
            self.0.backend.tires().low[Tire::FrontLeft.index()]
        }

        /// Whether the front right tire's pressure is below the threshold.
        #[zbus(property)]
        fn front_right_pressure_low(&self) -> bool {
            self.0.backend.tires().low[Tire::FrontRight.index()]
        }

        /// Whether the rear left tire's pressure is below the threshold.
        #[zbus(property)]
        fn rear_left_pressure_low(&self) -> bool {
            self.0.backend.tires().low[Tire::RearLeft.index()]
        }

        /// Whether the rear right tire's pressure is below the threshold.
        #[zbus(property)]
        fn rear_right_pressure_low(&self) -> bool {
            self.0.backend.tires().low[Tire::RearRight.index()]
        }

        /// Below this pressure a tire is reported low, kPa (5 kPa more to clear).
        #[zbus(property(emits_changed_signal = "const"))]
        fn low_pressure_threshold(&self) -> u16 {
            self.0.backend.tires().low_pressure_threshold_kpa
        }
    }
);
