//! `org.opencabin.Vehicle1.Body`: doors, trunk and frunk, locks, lights.

use super::{Command, Headlights, Opening, VehicleBackend, VehicleError, Wire, vehicle_interface};

/// `org.opencabin.Vehicle1.Body` over a backend.
pub struct Body<B>(pub Wire<B>);

impl<B: VehicleBackend> Body<B> {
    fn is_open(&self, opening: Opening) -> bool {
        self.0.backend.body().open[opening.index()]
    }
}

vehicle_interface!(
    "org.opencabin.Vehicle1.Body",
    impl<B: VehicleBackend> Body<B> {
        /// Whether the driver's (front left) door is open.
        #[zbus(property)]
        fn front_left_door_open(&self) -> bool {
            self.is_open(Opening::FrontLeft)
        }

        /// Whether the front passenger's (front right) door is open.
        #[zbus(property)]
        fn front_right_door_open(&self) -> bool {
            self.is_open(Opening::FrontRight)
        }

        /// Whether the rear left door is open.
        #[zbus(property)]
        fn rear_left_door_open(&self) -> bool {
            self.is_open(Opening::RearLeft)
        }

        /// Whether the rear right door is open.
        #[zbus(property)]
        fn rear_right_door_open(&self) -> bool {
            self.is_open(Opening::RearRight)
        }

        /// Whether the trunk (rear) is open.
        #[zbus(property)]
        fn trunk_open(&self) -> bool {
            self.is_open(Opening::Trunk)
        }

        /// Whether the frunk (front trunk) is open.
        #[zbus(property)]
        fn frunk_open(&self) -> bool {
            self.is_open(Opening::Frunk)
        }

        /// Whether the doors are locked (central locking); settable. Unlocking is refused while the
        /// car moves.
        #[zbus(property)]
        fn locked(&self) -> bool {
            self.0.backend.body().locked
        }

        #[zbus(property)]
        fn set_locked(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("Locked", value, Command::SetLocked(value))
        }

        /// Whether the rear doors' child lock is on; settable. Turning it off is refused while the
        /// car moves.
        #[zbus(property)]
        fn child_lock(&self) -> bool {
            self.0.backend.body().child_lock
        }

        #[zbus(property)]
        fn set_child_lock(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("ChildLock", value, Command::SetChildLock(value))
        }

        /// Headlight mode: "off", "auto", "low" or "high"; settable.
        #[zbus(property)]
        fn headlights(&self) -> Headlights {
            self.0.backend.body().headlights
        }

        #[zbus(property)]
        fn set_headlights(&self, value: String) -> Result<(), VehicleError> {
            let mode = Headlights::parse("Headlights", &value)?;
            self.0
                .set::<Self>("Headlights", value, Command::SetHeadlights(mode))
        }

        /// Whether the left direction indicator is signalling (its stalk, or the hazard lights).
        /// The lamp blinks; this stays true while it does.
        #[zbus(property)]
        fn left_indicator_signaling(&self) -> bool {
            self.0.backend.body().left_indicator
        }

        /// Whether the right direction indicator is signalling (its stalk, or the hazard lights).
        #[zbus(property)]
        fn right_indicator_signaling(&self) -> bool {
            self.0.backend.body().right_indicator
        }

        /// Whether the hazard lights are signalling.
        #[zbus(property)]
        fn hazard_signaling(&self) -> bool {
            self.0.backend.body().hazard
        }

        /// Whether the low beam is on: headlights "low" or "high", or "auto" out of gear P.
        #[zbus(property)]
        fn low_beam_on(&self) -> bool {
            self.0.backend.body().low_beam
        }

        /// Whether the high beam is on: headlights "high".
        #[zbus(property)]
        fn high_beam_on(&self) -> bool {
            self.0.backend.body().high_beam
        }

        /// Whether the parking brake is engaged: applied on shifting to P and released on
        /// shifting out of it, or set through the simulation.
        #[zbus(property)]
        fn parking_brake_engaged(&self) -> bool {
            self.0.backend.body().parking_brake
        }

        /// Whether the driver's seat belt is fastened.
        #[zbus(property)]
        fn driver_seat_belted(&self) -> bool {
            self.0.backend.body().driver_belted
        }

        /// Whether the interior (dome) light is on; settable.
        #[zbus(property)]
        fn interior_light(&self) -> bool {
            self.0.backend.body().interior_light
        }

        #[zbus(property)]
        fn set_interior_light(&self, value: bool) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("InteriorLight", value, Command::SetInteriorLight(value))
        }
    }
);
