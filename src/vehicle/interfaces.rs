//! The zbus interfaces of `org.opencabin.Vehicle1`: thin wire wrappers over the shared
//! `Simulation`. Getters round to each value's published resolution; setters and methods
//! validate and answer with `VehicleError`. Documentation comments become the introspection docs.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use zbus::interface;
use zbus::object_server::SignalEmitter;

use super::error::{Result, VehicleError, check_level, check_number, parse_name};
use super::model::{Gear, Headlights, Opening, Tire, limits};
use super::physics::Simulation;
use super::{DriveCycle, scenarios};
use crate::publish::Published;

/// The simulation shared by every interface, and the record of what was published.
#[derive(Clone)]
pub struct SimHandle {
    sim: Arc<Mutex<Simulation>>,
    published: Published,
}

impl SimHandle {
    pub fn new(sim: Simulation) -> Self {
        SimHandle {
            sim: Arc::new(Mutex::new(sim)),
            published: Published::default(),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Simulation> {
        self.sim.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn published(&self) -> &Published {
        &self.published
    }

    fn read<T>(&self, read: impl FnOnce(&Simulation) -> T) -> T {
        read(&self.lock())
    }

    /// Applies a change made by a call and asks for its publication.
    fn change<T>(&self, change: impl FnOnce(&mut Simulation) -> Result<T>) -> Result<T> {
        let outcome = change(&mut self.lock());
        if outcome.is_ok() {
            self.published.ring();
        }
        outcome
    }

    /// Like `change`, for a property setter, whose new value zbus signals itself.
    fn set<V: Into<zbus::Variant<'static>>>(
        &self,
        interface: &'static str,
        property: &str,
        change: impl FnOnce(&mut Simulation) -> Result<V>,
    ) -> Result<()> {
        let value = self.change(change)?;
        self.published.record(interface, property, value.into());
        Ok(())
    }
}

fn tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn refuse_while_moving(sim: &Simulation, what: &str) -> Result<()> {
    if sim.state.is_moving() {
        return Err(VehicleError::NotAllowedWhileMoving(format!(
            "{what} is not allowed while the car moves ({:.1} km/h); allowed when standing still",
            sim.state.speed_kmh
        )));
    }
    Ok(())
}

/// `org.opencabin.Vehicle1.Drive`: motion, gear, distances, power and consumption.
pub struct Drive(pub SimHandle);

#[interface(name = "org.opencabin.Vehicle1.Drive")]
impl Drive {
    /// Vehicle speed, km/h, resolution 0.1.
    #[zbus(property)]
    fn speed(&self) -> f64 {
        self.0.read(|s| tenths(s.state.speed_kmh))
    }

    /// Selected gear: "P", "R", "N" or "D" (VSS encodes these as 127, -1, 0 and 126).
    #[zbus(property)]
    fn selected_gear(&self) -> String {
        self.0.read(|s| s.state.gear.to_string())
    }

    /// Total distance driven, m.
    #[zbus(property)]
    fn odometer(&self) -> u32 {
        self.0.read(|s| (s.state.odometer_km * 1000.0) as u32)
    }

    /// Distance since the trip was reset, m.
    #[zbus(property)]
    fn trip_distance(&self) -> u32 {
        self.0.read(|s| (s.state.trip_distance_km * 1000.0) as u32)
    }

    /// Driving time since the trip was reset (time in gear P not counted), s, resolution 1.
    #[zbus(property)]
    fn trip_time(&self) -> f64 {
        self.0.read(|s| s.state.trip_time_s.floor())
    }

    /// Trip distance over trip time, km/h, resolution 0.1.
    #[zbus(property)]
    fn average_speed(&self) -> f64 {
        self.0.read(|s| tenths(s.state.average_speed_kmh()))
    }

    /// Battery power, kW, resolution 0.1: positive while driving, negative while regenerating.
    #[zbus(property)]
    fn power(&self) -> f64 {
        self.0.read(|s| tenths(s.state.power_kw))
    }

    /// Energy consumption over about the last 5 km, kWh/100 km, resolution 0.1.
    #[zbus(property)]
    fn recent_consumption(&self) -> f64 {
        self.0.read(|s| tenths(s.state.recent_consumption))
    }

    /// Energy consumption since the trip was reset, kWh/100 km, resolution 0.1 (0 before 100 m).
    #[zbus(property)]
    fn trip_consumption(&self) -> f64 {
        self.0.read(|s| tenths(s.state.trip_consumption()))
    }

    /// Whether the car moves.
    #[zbus(property)]
    fn is_moving(&self) -> bool {
        self.0.read(|s| s.state.is_moving())
    }

    /// "parked" (gear P), "idling" (another gear, standing still) or "moving".
    #[zbus(property)]
    fn driving_state(&self) -> String {
        self.0.read(|s| s.state.driving_state().to_string())
    }

    /// Starts a new trip: distance, time and consumption from zero.
    fn reset_trip(&self) -> Result<()> {
        self.0.change(|s| {
            s.state.trip_distance_km = 0.0;
            s.state.trip_time_s = 0.0;
            s.state.trip_energy_kwh = 0.0;
            Ok(())
        })
    }
}

/// `org.opencabin.Vehicle1.Battery`: the traction battery and charging.
pub struct Battery(pub SimHandle);

const BATTERY: &str = "org.opencabin.Vehicle1.Battery";

#[interface(name = "org.opencabin.Vehicle1.Battery")]
impl Battery {
    /// State of charge as displayed, %, resolution 0.1.
    #[zbus(property)]
    fn state_of_charge(&self) -> f64 {
        self.0
            .read(|s| tenths(s.state.state_of_charge_percent(&s.params)))
    }

    /// Estimated range at the recent consumption, m, resolution 1000.
    #[zbus(property)]
    fn range(&self) -> u32 {
        self.0
            .read(|s| (s.state.range_km().round() * 1000.0) as u32)
    }

    /// Whether the battery is charging.
    #[zbus(property)]
    fn is_charging(&self) -> bool {
        self.0.read(|s| s.state.is_charging)
    }

    /// Power flowing into the battery while charging, kW, resolution 0.1.
    #[zbus(property)]
    fn charging_power(&self) -> f64 {
        self.0.read(|s| tenths(s.state.charging_power_kw))
    }

    /// Time until the charge limit is reached at the present charger, s, resolution 60; 0 when
    /// not charging.
    #[zbus(property)]
    fn time_to_full(&self) -> u32 {
        self.0
            .read(|s| (s.time_to_charge_limit_min().ceil() * 60.0) as u32)
    }

    /// Average battery temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn temperature(&self) -> f64 {
        self.0.read(|s| tenths(s.state.battery_temperature_c))
    }

    /// Charging stops at this state of charge, %; settable, 50 to 100.
    #[zbus(property)]
    fn charge_limit(&self) -> u8 {
        self.0.read(|s| s.state.charge_limit_percent as u8)
    }

    #[zbus(property)]
    fn set_charge_limit(&self, value: u8) -> Result<()> {
        self.0.set(BATTERY, "ChargeLimit", |s| {
            check_number(
                "ChargeLimit",
                f64::from(value),
                limits::CHARGE_LIMIT_PERCENT,
                None,
                "%",
            )?;
            s.state.charge_limit_percent = f64::from(value);
            Ok(value)
        })
    }
}

/// `org.opencabin.Vehicle1.Climate`: two-zone climate control and seat heating.
pub struct Climate(pub SimHandle);

const CLIMATE: &str = "org.opencabin.Vehicle1.Climate";

fn check_target(what: &str, value: f64) -> Result<f64> {
    check_number(
        what,
        value,
        limits::TARGET_TEMPERATURE_C,
        Some(limits::TARGET_TEMPERATURE_STEP_C),
        "°C",
    )
}

#[interface(name = "org.opencabin.Vehicle1.Climate")]
impl Climate {
    /// Driver zone target temperature, °C; settable, 16.0 to 28.0 in steps of 0.5. In sync mode
    /// the passenger zone follows.
    #[zbus(property)]
    fn driver_target_temperature(&self) -> f64 {
        self.0.read(|s| s.state.driver_target_c)
    }

    #[zbus(property)]
    fn set_driver_target_temperature(&self, value: f64) -> Result<()> {
        self.0.set(CLIMATE, "DriverTargetTemperature", |s| {
            s.state.driver_target_c = check_target("DriverTargetTemperature", value)?;
            Ok(value)
        })
    }

    /// Passenger zone target temperature, °C; settable, 16.0 to 28.0 in steps of 0.5. Setting it
    /// turns sync mode off.
    #[zbus(property)]
    fn passenger_target_temperature(&self) -> f64 {
        self.0.read(|s| s.state.passenger_target_c)
    }

    #[zbus(property)]
    fn set_passenger_target_temperature(&self, value: f64) -> Result<()> {
        self.0.set(CLIMATE, "PassengerTargetTemperature", |s| {
            s.state.passenger_target_c = check_target("PassengerTargetTemperature", value)?;
            s.state.sync = false;
            Ok(value)
        })
    }

    /// Cabin air temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn cabin_temperature(&self) -> f64 {
        self.0.read(|s| tenths(s.state.cabin_temperature_c))
    }

    /// Outside air temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn outside_temperature(&self) -> f64 {
        self.0.read(|s| tenths(s.state.outside_temperature_c))
    }

    /// Fan level, 0 (off) to 7; settable. Setting it turns auto mode off.
    #[zbus(property)]
    fn fan_level(&self) -> u8 {
        self.0.read(|s| s.state.fan_level)
    }

    #[zbus(property)]
    fn set_fan_level(&self, value: u8) -> Result<()> {
        self.0.set(CLIMATE, "FanLevel", |s| {
            s.state.fan_level = check_level("FanLevel", value, limits::FAN_LEVEL)?;
            s.state.auto_mode = false;
            Ok(value)
        })
    }

    /// Whether the fan level follows the difference between cabin and target; settable.
    #[zbus(property)]
    fn auto_mode(&self) -> bool {
        self.0.read(|s| s.state.auto_mode)
    }

    #[zbus(property)]
    fn set_auto_mode(&self, value: bool) -> Result<()> {
        self.0.set(CLIMATE, "AutoMode", |s| {
            s.state.auto_mode = value;
            Ok(value)
        })
    }

    /// Whether the air conditioning (cooling) is on; settable.
    #[zbus(property)]
    fn air_conditioning(&self) -> bool {
        self.0.read(|s| s.state.air_conditioning)
    }

    #[zbus(property)]
    fn set_air_conditioning(&self, value: bool) -> Result<()> {
        self.0.set(CLIMATE, "AirConditioning", |s| {
            s.state.air_conditioning = value;
            Ok(value)
        })
    }

    /// Whether cabin air is recirculated instead of drawn from outside; settable.
    #[zbus(property)]
    fn recirculation(&self) -> bool {
        self.0.read(|s| s.state.recirculation)
    }

    #[zbus(property)]
    fn set_recirculation(&self, value: bool) -> Result<()> {
        self.0.set(CLIMATE, "Recirculation", |s| {
            s.state.recirculation = value;
            Ok(value)
        })
    }

    /// Whether the windscreen defroster is on (fan at least 4); settable.
    #[zbus(property)]
    fn front_defrost(&self) -> bool {
        self.0.read(|s| s.state.front_defrost)
    }

    #[zbus(property)]
    fn set_front_defrost(&self, value: bool) -> Result<()> {
        self.0.set(CLIMATE, "FrontDefrost", |s| {
            s.state.front_defrost = value;
            Ok(value)
        })
    }

    /// Whether the rear window heater is on; settable.
    #[zbus(property)]
    fn rear_defrost(&self) -> bool {
        self.0.read(|s| s.state.rear_defrost)
    }

    #[zbus(property)]
    fn set_rear_defrost(&self, value: bool) -> Result<()> {
        self.0.set(CLIMATE, "RearDefrost", |s| {
            s.state.rear_defrost = value;
            Ok(value)
        })
    }

    /// Driver seat heating, 0 (off) to 3; settable.
    #[zbus(property)]
    fn driver_seat_heating(&self) -> u8 {
        self.0.read(|s| s.state.seat_heating[0])
    }

    #[zbus(property)]
    fn set_driver_seat_heating(&self, value: u8) -> Result<()> {
        self.0.set(CLIMATE, "DriverSeatHeating", |s| {
            s.state.seat_heating[0] =
                check_level("DriverSeatHeating", value, limits::SEAT_HEATING)?;
            Ok(value)
        })
    }

    /// Passenger seat heating, 0 (off) to 3; settable.
    #[zbus(property)]
    fn passenger_seat_heating(&self) -> u8 {
        self.0.read(|s| s.state.seat_heating[1])
    }

    #[zbus(property)]
    fn set_passenger_seat_heating(&self, value: u8) -> Result<()> {
        self.0.set(CLIMATE, "PassengerSeatHeating", |s| {
            s.state.seat_heating[1] =
                check_level("PassengerSeatHeating", value, limits::SEAT_HEATING)?;
            Ok(value)
        })
    }

    /// Whether the passenger zone follows the driver's target (dual zone when false); settable.
    #[zbus(property)]
    fn sync(&self) -> bool {
        self.0.read(|s| s.state.sync)
    }

    #[zbus(property)]
    fn set_sync(&self, value: bool) -> Result<()> {
        self.0.set(CLIMATE, "Sync", |s| {
            s.state.sync = value;
            if value {
                s.state.passenger_target_c = s.state.driver_target_c;
            }
            Ok(value)
        })
    }
}

/// `org.opencabin.Vehicle1.Body`: doors, trunk and frunk, locks, lights.
pub struct Body(pub SimHandle);

const BODY: &str = "org.opencabin.Vehicle1.Body";

impl Body {
    fn is_open(&self, opening: Opening) -> bool {
        self.0.read(|s| s.state.open[opening.index()])
    }
}

#[interface(name = "org.opencabin.Vehicle1.Body")]
impl Body {
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
        self.0.read(|s| s.state.locked)
    }

    #[zbus(property)]
    fn set_locked(&self, value: bool) -> Result<()> {
        self.0.set(BODY, "Locked", |s| {
            if !value {
                refuse_while_moving(s, "Locked = false (unlocking)")?;
            }
            s.state.locked = value;
            Ok(value)
        })
    }

    /// Whether the rear doors' child lock is on; settable. Turning it off is refused while the
    /// car moves.
    #[zbus(property)]
    fn child_lock(&self) -> bool {
        self.0.read(|s| s.state.child_lock)
    }

    #[zbus(property)]
    fn set_child_lock(&self, value: bool) -> Result<()> {
        self.0.set(BODY, "ChildLock", |s| {
            if !value {
                refuse_while_moving(s, "ChildLock = false")?;
            }
            s.state.child_lock = value;
            Ok(value)
        })
    }

    /// Headlight mode: "off", "auto", "low" or "high"; settable.
    #[zbus(property)]
    fn headlights(&self) -> String {
        self.0.read(|s| s.state.headlights.to_string())
    }

    #[zbus(property)]
    fn set_headlights(&self, value: String) -> Result<()> {
        self.0.set(BODY, "Headlights", |s| {
            s.state.headlights = parse_name("Headlights", &value, Headlights::allowed())?;
            Ok(value)
        })
    }

    /// Whether the interior (dome) light is on; settable.
    #[zbus(property)]
    fn interior_light(&self) -> bool {
        self.0.read(|s| s.state.interior_light)
    }

    #[zbus(property)]
    fn set_interior_light(&self, value: bool) -> Result<()> {
        self.0.set(BODY, "InteriorLight", |s| {
            s.state.interior_light = value;
            Ok(value)
        })
    }
}

/// `org.opencabin.Vehicle1.Tires`: pressures and temperatures of the four tires.
pub struct Tires(pub SimHandle);

impl Tires {
    fn pressure(&self, tire: Tire) -> u16 {
        self.0
            .read(|s| s.state.tire_pressure_kpa(tire).round() as u16)
    }

    fn temperature(&self, tire: Tire) -> f64 {
        self.0
            .read(|s| tenths(s.state.tire_temperature_c[tire.index()]))
    }

    fn is_low(&self, tire: Tire) -> bool {
        self.0.read(|s| {
            s.state
                .alerts
                .iter()
                .any(|a| a.id == format!("tire-pressure-low-{tire}"))
        })
    }
}

#[interface(name = "org.opencabin.Vehicle1.Tires")]
impl Tires {
    /// Front left tire pressure, kPa, resolution 1.
    #[zbus(property)]
    fn front_left_pressure(&self) -> u16 {
        self.pressure(Tire::FrontLeft)
    }

    /// Front right tire pressure, kPa, resolution 1.
    #[zbus(property)]
    fn front_right_pressure(&self) -> u16 {
        self.pressure(Tire::FrontRight)
    }

    /// Rear left tire pressure, kPa, resolution 1.
    #[zbus(property)]
    fn rear_left_pressure(&self) -> u16 {
        self.pressure(Tire::RearLeft)
    }

    /// Rear right tire pressure, kPa, resolution 1.
    #[zbus(property)]
    fn rear_right_pressure(&self) -> u16 {
        self.pressure(Tire::RearRight)
    }

    /// Front left tire temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn front_left_temperature(&self) -> f64 {
        self.temperature(Tire::FrontLeft)
    }

    /// Front right tire temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn front_right_temperature(&self) -> f64 {
        self.temperature(Tire::FrontRight)
    }

    /// Rear left tire temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn rear_left_temperature(&self) -> f64 {
        self.temperature(Tire::RearLeft)
    }

    /// Rear right tire temperature, °C, resolution 0.1.
    #[zbus(property)]
    fn rear_right_temperature(&self) -> f64 {
        self.temperature(Tire::RearRight)
    }

    /// Whether the front left tire's pressure is below the threshold.
    #[zbus(property)]
    fn front_left_pressure_low(&self) -> bool {
        self.is_low(Tire::FrontLeft)
    }

    /// Whether the front right tire's pressure is below the threshold.
    #[zbus(property)]
    fn front_right_pressure_low(&self) -> bool {
        self.is_low(Tire::FrontRight)
    }

    /// Whether the rear left tire's pressure is below the threshold.
    #[zbus(property)]
    fn rear_left_pressure_low(&self) -> bool {
        self.is_low(Tire::RearLeft)
    }

    /// Whether the rear right tire's pressure is below the threshold.
    #[zbus(property)]
    fn rear_right_pressure_low(&self) -> bool {
        self.is_low(Tire::RearRight)
    }

    /// Below this pressure a tire is reported low, kPa (5 kPa more to clear).
    #[zbus(property(emits_changed_signal = "const"))]
    fn low_pressure_threshold(&self) -> u16 {
        self.0.read(|s| s.params.low_tire_pressure_kpa as u16)
    }
}

/// `org.opencabin.Vehicle1.Alerts`: what the driver should know now.
pub struct Alerts {
    pub sim: SimHandle,
    /// Wall-clock time the simulation started, UNIX seconds.
    pub started_unix_s: i64,
}

/// An alert on the wire: id, severity ("info", "warning", "critical"), text key, since (UNIX s).
pub type AlertTuple = (String, String, String, i64);

impl Alerts {
    pub fn tuples(&self) -> Vec<AlertTuple> {
        self.sim.read(|s| {
            s.state
                .alerts
                .iter()
                .map(|a| {
                    let since = self.started_unix_s + a.since_s as i64;
                    (
                        a.id.clone(),
                        a.severity.to_string(),
                        a.text_key.clone(),
                        since,
                    )
                })
                .collect()
        })
    }
}

#[interface(name = "org.opencabin.Vehicle1.Alerts")]
impl Alerts {
    /// Active alerts: (id, severity, text key, since as UNIX time in s). Severity is "info",
    /// "warning" or "critical"; ids: battery-low, battery-critical, tire-pressure-low-<tire>,
    /// door-open-while-moving.
    #[zbus(property)]
    fn active_alerts(&self) -> Vec<AlertTuple> {
        self.tuples()
    }

    /// An alert became active.
    #[zbus(signal)]
    pub async fn alert_raised(
        emitter: &SignalEmitter<'_>,
        id: &str,
        severity: &str,
        text_key: &str,
        since: i64,
    ) -> zbus::Result<()>;

    /// An alert is no longer active.
    #[zbus(signal)]
    pub async fn alert_cleared(emitter: &SignalEmitter<'_>, id: &str) -> zbus::Result<()>;
}

/// `org.opencabin.Vehicle1.Simulation`: how the simulator drives the car. A real back end does
/// not serve this interface.
pub struct SimulationControl(pub SimHandle);

const SIMULATION: &str = "org.opencabin.Vehicle1.Simulation";

#[interface(name = "org.opencabin.Vehicle1.Simulation")]
impl SimulationControl {
    /// Name (or file) of the drive cycle being followed.
    #[zbus(property)]
    fn cycle(&self) -> String {
        self.0.read(|s| s.cycle().name().to_string())
    }

    /// Seconds into the drive cycle, resolution 1.
    #[zbus(property)]
    fn cycle_time(&self) -> f64 {
        self.0.read(|s| s.state.cycle_time_s.floor())
    }

    /// Simulated seconds per real second; settable, 0.1 to 100.
    #[zbus(property)]
    fn speed_factor(&self) -> f64 {
        self.0.read(|s| s.speed_factor)
    }

    #[zbus(property)]
    fn set_speed_factor(&self, value: f64) -> Result<()> {
        self.0.set(SIMULATION, "SpeedFactor", |s| {
            s.speed_factor = check_number("SpeedFactor", value, limits::SPEED_FACTOR, None, "x")?;
            Ok(value)
        })
    }

    /// Whether the simulation is paused (time stands still).
    #[zbus(property)]
    fn paused(&self) -> bool {
        self.0.read(|s| s.state.paused)
    }

    /// The speed held instead of the cycle's, km/h; negative when the cycle is followed.
    #[zbus(property)]
    fn manual_speed(&self) -> f64 {
        self.0.read(|s| s.state.manual_speed_kmh.unwrap_or(-1.0))
    }

    /// Names of the built-in scenarios RunScenario accepts.
    #[zbus(property(emits_changed_signal = "const"))]
    fn scenarios(&self) -> Vec<String> {
        scenarios::NAMES.iter().map(|n| n.to_string()).collect()
    }

    /// Follows a drive cycle from its start: "udds", "hwfet", "us06", "wltc_3b", or a CSV file
    /// (columns time s, speed m/s).
    fn load_cycle(&self, name: &str) -> Result<()> {
        let cycle = DriveCycle::load(name).map_err(|err| match err {
            super::CycleError::Io { .. } if !name.contains('/') && !name.ends_with(".csv") => {
                VehicleError::UnknownName(format!(
                    "cycle: \"{name}\" is not known; allowed: {} or a CSV file",
                    super::builtin_names()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
            err => VehicleError::InvalidCycle(err.to_string()),
        })?;
        self.0.change(|s| {
            s.load_cycle(cycle);
            Ok(())
        })
    }

    /// Freezes the simulation.
    fn pause(&self) -> Result<()> {
        self.0.change(|s| {
            s.state.paused = true;
            Ok(())
        })
    }

    /// Lets the simulation run again.
    fn resume(&self) -> Result<()> {
        self.0.change(|s| {
            s.state.paused = false;
            Ok(())
        })
    }

    /// Holds this speed instead of the cycle's, km/h (0 to 200); needs gear D or R.
    fn set_manual_speed(&self, speed: f64) -> Result<()> {
        self.0.change(|s| {
            check_number("speed", speed, limits::MANUAL_SPEED_KMH, None, "km/h")?;
            if speed > 0.0 && !matches!(s.state.gear, Gear::Drive | Gear::Reverse) {
                return Err(VehicleError::NotAllowed(format!(
                    "speed {speed} km/h needs gear D or R; the gear is {}",
                    s.state.gear
                )));
            }
            s.state.manual_speed_kmh = Some(speed);
            Ok(())
        })
    }

    /// Follows the drive cycle again.
    fn clear_manual_speed(&self) -> Result<()> {
        self.0.change(|s| {
            s.state.manual_speed_kmh = None;
            Ok(())
        })
    }

    /// Selects a gear: "P", "R", "N" or "D". P and R are refused while moving.
    fn set_gear(&self, gear: &str) -> Result<()> {
        self.0.change(|s| {
            let gear: Gear = parse_name("gear", gear, Gear::allowed())?;
            if matches!(gear, Gear::Park | Gear::Reverse) && gear != s.state.gear {
                refuse_while_moving(s, &format!("gear {gear}"))?;
            }
            if gear != Gear::Park && s.state.is_charging {
                return Err(VehicleError::NotAllowed(format!(
                    "gear {gear} while charging; stop charging first"
                )));
            }
            s.state.gear = gear;
            Ok(())
        })
    }

    /// Sets the state of charge, % (0 to 100).
    fn set_state_of_charge(&self, percent: f64) -> Result<()> {
        self.0.change(|s| {
            check_number(
                "percent",
                percent,
                limits::STATE_OF_CHARGE_PERCENT,
                None,
                "%",
            )?;
            s.state.battery_energy_kwh = percent / 100.0 * s.params.battery_capacity_kwh;
            Ok(())
        })
    }

    /// Opens or closes a door, the trunk or the frunk: "front-left", "front-right", "rear-left",
    /// "rear-right", "trunk", "frunk".
    fn set_door(&self, door: &str, open: bool) -> Result<()> {
        self.0.change(|s| {
            let door: Opening = parse_name("door", door, Opening::allowed())?;
            s.state.open[door.index()] = open;
            Ok(())
        })
    }

    /// Lets a tire leak down to this cold pressure, kPa (0 to 400), at 20 kPa a minute.
    fn deflate_tire(&self, tire: &str, pressure: f64) -> Result<()> {
        self.0.change(|s| {
            let tire: Tire = parse_name("tire", tire, Tire::allowed())?;
            check_number("pressure", pressure, limits::TIRE_PRESSURE_KPA, None, "kPa")?;
            s.state.tire_leak_target_kpa[tire.index()] = Some(pressure);
            Ok(())
        })
    }

    /// Inflates every tire to the nominal pressure at once.
    fn inflate_tires(&self) -> Result<()> {
        self.0.change(|s| {
            s.state.tire_cold_pressure_kpa = [s.params.nominal_tire_pressure_kpa; 4];
            s.state.tire_leak_target_kpa = [None; 4];
            Ok(())
        })
    }

    /// Plugs in a charger of this power, kW (1 to 350); needs gear P and a standing car.
    fn start_charging(&self, charger_power: f64) -> Result<()> {
        self.0.change(|s| {
            check_number(
                "charger_power",
                charger_power,
                limits::CHARGER_POWER_KW,
                None,
                "kW",
            )?;
            refuse_while_moving(s, "StartCharging")?;
            if s.state.gear != Gear::Park {
                return Err(VehicleError::NotAllowed(format!(
                    "charging in gear {}; shift to P first",
                    s.state.gear
                )));
            }
            s.state.is_charging = true;
            s.state.charger_power_kw = charger_power;
            Ok(())
        })
    }

    /// Unplugs the charger.
    fn stop_charging(&self) -> Result<()> {
        self.0.change(|s| {
            s.state.is_charging = false;
            Ok(())
        })
    }

    /// Sets the outside air temperature, °C (-40 to 55).
    fn set_outside_temperature(&self, temperature: f64) -> Result<()> {
        self.0.change(|s| {
            s.state.outside_temperature_c = check_number(
                "temperature",
                temperature,
                limits::OUTSIDE_TEMPERATURE_C,
                None,
                "°C",
            )?;
            Ok(())
        })
    }

    /// Puts the car into a named situation; see the Scenarios property.
    fn run_scenario(&self, name: &str) -> Result<()> {
        let scenario = scenarios::find(name).ok_or_else(|| {
            VehicleError::UnknownName(format!(
                "scenario: \"{name}\" is not known; allowed: {}",
                scenarios::NAMES
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        self.0.change(|s| {
            scenario(s);
            Ok(())
        })
    }
}
