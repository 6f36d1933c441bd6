//! `org.opencabin.Vehicle1.Simulation`: how the simulator drives the car. A real back end does
//! not serve this interface.

use super::{
    Command, Gear, Indicator, Opening, Tire, VehicleBackend, VehicleError, Wire, vehicle_interface,
};

/// `org.opencabin.Vehicle1.Simulation` over a backend.
pub struct Simulation<B>(pub Wire<B>);

vehicle_interface!(
    "org.opencabin.Vehicle1.Simulation",
    impl<B: VehicleBackend> Simulation<B> {
        /// Name (or file) of the drive cycle being followed.
        #[zbus(property)]
        fn cycle(&self) -> String {
            self.0.backend.simulation().cycle
        }

        /// Seconds into the drive cycle, resolution 1.
        #[zbus(property)]
        fn cycle_time(&self) -> f64 {
            self.0.backend.simulation().cycle_time_s
        }

        /// Simulated seconds per real second; settable, 0.1 to 100.
        #[zbus(property)]
        fn speed_factor(&self) -> f64 {
            self.0.backend.simulation().speed_factor
        }

        #[zbus(property)]
        fn set_speed_factor(&self, value: f64) -> Result<(), VehicleError> {
            self.0
                .set::<Self>("SpeedFactor", value, Command::SetSpeedFactor(value))
        }

        /// Whether the simulation is paused (time stands still).
        #[zbus(property)]
        fn paused(&self) -> bool {
            self.0.backend.simulation().paused
        }

        /// The speed held instead of the cycle's, km/h; negative when the cycle is followed.
        #[zbus(property)]
        fn manual_speed(&self) -> f64 {
            self.0.backend.simulation().manual_speed_kmh
        }

        /// Names of the built-in scenarios RunScenario accepts.
        #[zbus(property(emits_changed_signal = "const"))]
        fn scenarios(&self) -> Vec<String> {
            self.0.backend.scenarios()
        }

        /// Follows a built-in drive cycle from its start: "udds", "hwfet", "us06" or "wltc_3b". A
        /// CSV file is given with `--cycle` when the service starts: no caller on the bus can make
        /// the service read a file.
        fn load_cycle(&self, name: &str) -> Result<(), VehicleError> {
            self.0.apply(Command::LoadCycle(name.to_string()))
        }

        /// Freezes the simulation.
        fn pause(&self) -> Result<(), VehicleError> {
            self.0.apply(Command::Pause)
        }

        /// Lets the simulation run again.
        fn resume(&self) -> Result<(), VehicleError> {
            self.0.apply(Command::Resume)
        }

        /// Holds this speed instead of the cycle's, km/h (0 to 200); needs gear D or R.
        fn set_manual_speed(&self, speed: f64) -> Result<(), VehicleError> {
            self.0.apply(Command::SetManualSpeed(speed))
        }

        /// Follows the drive cycle again.
        fn clear_manual_speed(&self) -> Result<(), VehicleError> {
            self.0.apply(Command::ClearManualSpeed)
        }

        /// Selects a gear: "P", "R", "N" or "D". P and R are refused while moving.
        fn set_gear(&self, gear: &str) -> Result<(), VehicleError> {
            self.0.apply(Command::SetGear(Gear::parse("gear", gear)?))
        }

        /// Sets the state of charge, % (0 to 100).
        fn set_state_of_charge(&self, percent: f64) -> Result<(), VehicleError> {
            self.0.apply(Command::SetStateOfCharge(percent))
        }

        /// Opens or closes a door, the trunk or the frunk: "front-left", "front-right", "rear-left",
        /// "rear-right", "trunk", "frunk".
        fn set_door(&self, door: &str, open: bool) -> Result<(), VehicleError> {
            self.0
                .apply(Command::SetDoor(Opening::parse("door", door)?, open))
        }

        /// Moves the turn indicator stalk: "off", "left" or "right".
        fn set_indicator(&self, side: &str) -> Result<(), VehicleError> {
            self.0
                .apply(Command::SetIndicator(Indicator::parse("side", side)?))
        }

        /// Turns the hazard lights on or off.
        fn set_hazard(&self, on: bool) -> Result<(), VehicleError> {
            self.0.apply(Command::SetHazard(on))
        }

        /// Engages or releases the parking brake; engaging it is refused while the car moves.
        fn set_parking_brake(&self, engaged: bool) -> Result<(), VehicleError> {
            self.0.apply(Command::SetParkingBrake(engaged))
        }

        /// Fastens or unfastens the driver's seat belt.
        fn set_seat_belt(&self, fastened: bool) -> Result<(), VehicleError> {
            self.0.apply(Command::SetSeatBelt(fastened))
        }

        /// Lets a tire leak down to this cold pressure, kPa (0 to 400), at 20 kPa a minute.
        fn deflate_tire(&self, tire: &str, pressure: f64) -> Result<(), VehicleError> {
            self.0
                .apply(Command::DeflateTire(Tire::parse("tire", tire)?, pressure))
        }

        /// Inflates every tire to the nominal pressure at once.
        fn inflate_tires(&self) -> Result<(), VehicleError> {
            self.0.apply(Command::InflateTires)
        }

        /// Plugs in a charger of this power, kW (1 to 350); needs gear P and a standing car.
        fn start_charging(&self, charger_power: f64) -> Result<(), VehicleError> {
            self.0.apply(Command::StartCharging(charger_power))
        }

        /// Unplugs the charger.
        fn stop_charging(&self) -> Result<(), VehicleError> {
            self.0.apply(Command::StopCharging)
        }

        /// Sets the outside air temperature, °C (-40 to 55).
        fn set_outside_temperature(&self, temperature: f64) -> Result<(), VehicleError> {
            self.0.apply(Command::SetOutsideTemperature(temperature))
        }

        /// Drives the car along a line of (latitude, longitude) points in degrees, at least 2, at
        /// the simulation's speed: a route stops and parks at its end, a loop (`looping`) starts
        /// again. Navigation hands over its routes with this.
        fn follow_route(&self, points: Vec<(f64, f64)>, looping: bool) -> Result<(), VehicleError> {
            self.0.apply(Command::FollowRoute { points, looping })
        }

        /// Puts the car into a named situation; see the Scenarios property.
        fn run_scenario(&self, name: &str) -> Result<(), VehicleError> {
            self.0.apply(Command::RunScenario(name.to_string()))
        }
    }
);
