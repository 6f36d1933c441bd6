//! `org.opencabin.Vehicle1.Location`: where the car is, as the VSS `Vehicle.CurrentLocation`
//! branch has it (WGS 84 degrees, heading clockwise from north).

use super::{VehicleBackend, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Location` over a backend.
pub struct Location<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Location",
    impl<B: VehicleBackend> Location<B> {
        /// Latitude, degrees, resolution 1e-6 (about 10 cm).
        #[zbus(property)]
        fn latitude(&self) -> f64 {
            self.0.backend.location().latitude
        }

        /// Longitude, degrees, resolution 1e-6.
        #[zbus(property)]
        fn longitude(&self) -> f64 {
            self.0.backend.location().longitude
        }

        /// Direction of travel, degrees clockwise from north (0 to 360), resolution 1.
        #[zbus(property)]
        fn heading(&self) -> f64 {
            self.0.backend.location().heading
        }

        /// Whether the position is known: false until navigation hands the car a line to drive.
        #[zbus(property)]
        fn is_known(&self) -> bool {
            self.0.backend.location().known
        }
    }
);
