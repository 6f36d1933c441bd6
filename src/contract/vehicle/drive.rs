//! `org.opencabin.Vehicle1.Drive`: motion, gear, distances, power and consumption.

use super::{Command, DrivingState, Gear, VehicleBackend, VehicleError, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Drive` over a backend.
pub struct Drive<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Drive",
    impl<B: VehicleBackend> Drive<B> {
        /// Vehicle speed, km/h, resolution 0.1.
        #[zbus(property)]
        fn speed(&self) -> f64 {
            self.0.backend.drive().speed_kmh
        }

        /// Selected gear: "P", "R", "N" or "D" (VSS encodes these as 127, -1, 0 and 126).
        #[zbus(property)]
        fn selected_gear(&self) -> Gear {
            self.0.backend.drive().gear
        }

        /// Total distance driven, m.
        #[zbus(property)]
        fn odometer(&self) -> u32 {
            self.0.backend.drive().odometer_m
        }

        /// Distance since the trip was reset, m.
        #[zbus(property)]
        fn trip_distance(&self) -> u32 {
            self.0.backend.drive().trip_distance_m
        }

        /// Driving time since the trip was reset (time in gear P not counted), s, resolution 1.
        #[zbus(property)]
        fn trip_time(&self) -> f64 {
            self.0.backend.drive().trip_time_s
        }

        /// Trip distance over trip time, km/h, resolution 0.1.
        #[zbus(property)]
        fn average_speed(&self) -> f64 {
            self.0.backend.drive().average_speed_kmh
        }

        /// Battery power, kW, resolution 0.1: positive while driving, negative while regenerating.
        #[zbus(property)]
        fn power(&self) -> f64 {
            self.0.backend.drive().power_kw
        }

        /// Energy consumption over about the last 5 km, kWh/100 km, resolution 0.1.
        #[zbus(property)]
        fn recent_consumption(&self) -> f64 {
            self.0.backend.drive().recent_consumption
        }

        /// Energy consumption since the trip was reset, kWh/100 km, resolution 0.1 (0 before 100 m).
        #[zbus(property)]
        fn trip_consumption(&self) -> f64 {
            self.0.backend.drive().trip_consumption
        }

        /// Whether the car moves.
        #[zbus(property)]
        fn is_moving(&self) -> bool {
            self.0.backend.drive().is_moving
        }

        /// "parked" (gear P), "idling" (another gear, standing still) or "moving".
        #[zbus(property)]
        fn driving_state(&self) -> DrivingState {
            self.0.backend.drive().driving_state
        }

        /// Starts a new trip: distance, time and consumption from zero.
        fn reset_trip(&self) -> Result<(), VehicleError> {
            self.0.apply(Command::ResetTrip)
        }
    }
);
