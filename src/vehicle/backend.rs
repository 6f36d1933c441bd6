//! The simulated car as a `VehicleBackend`: what each interface shows, read from the shared
//! `Simulation` and rounded to its published resolution, and commands handed to the rules.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::contract::vehicle::{
    Alert, AlertsState, BatteryState, BodyState, ClimateState, Command, DriveState, Indicator,
    LocationState, Refusal, SimulationState, Tire, TiresState, VehicleBackend,
};
use crate::publish::Published;

use super::physics::Simulation;
use super::{rules, scenarios};

/// The simulation shared by every interface and the service loop, and the bell that asks the
/// loop to publish after a change.
#[derive(Clone)]
pub struct SimHandle {
    sim: Arc<Mutex<Simulation>>,
    published: Published,
    /// Wall-clock time the simulation started, UNIX seconds (alerts carry UNIX times).
    started_unix_s: i64,
}

impl SimHandle {
    pub fn new(sim: Simulation, published: Published, started_unix_s: i64) -> Self {
        SimHandle {
            sim: Arc::new(Mutex::new(sim)),
            published,
            started_unix_s,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Simulation> {
        self.sim.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn read<T>(&self, read: impl FnOnce(&Simulation) -> T) -> T {
        read(&self.lock())
    }
}

/// Rounds to the published resolution of 0.1.
fn tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

impl VehicleBackend for SimHandle {
    fn drive(&self) -> DriveState {
        self.read(|sim| {
            let s = &sim.state;
            DriveState {
                speed_kmh: tenths(s.speed_kmh),
                gear: s.gear,
                odometer_m: (s.odometer_km * 1000.0) as u32,
                trip_distance_m: (s.trip_distance_km * 1000.0) as u32,
                trip_time_s: s.trip_time_s.floor(),
                average_speed_kmh: tenths(s.average_speed_kmh()),
                power_kw: tenths(s.power_kw),
                recent_consumption: tenths(s.recent_consumption),
                trip_consumption: tenths(s.trip_consumption()),
                is_moving: s.is_moving(),
                driving_state: s.driving_state(),
            }
        })
    }

    fn battery(&self) -> BatteryState {
        self.read(|sim| {
            let s = &sim.state;
            BatteryState {
                state_of_charge: tenths(s.state_of_charge_percent(&sim.params)),
                range_m: (s.range_km().round() * 1000.0) as u32,
                is_charging: s.is_charging,
                charging_power_kw: tenths(s.charging_power_kw),
                time_to_full_s: (sim.time_to_charge_limit_min().ceil() * 60.0) as u32,
                temperature_c: tenths(s.battery_temperature_c),
                charge_limit: s.charge_limit_percent as u8,
            }
        })
    }

    fn climate(&self) -> ClimateState {
        self.read(|sim| {
            let s = &sim.state;
            ClimateState {
                driver_target: s.driver_target_c,
                passenger_target: s.passenger_target_c,
                cabin_temperature: tenths(s.cabin_temperature_c),
                outside_temperature: tenths(s.outside_temperature_c),
                fan_level: s.fan_level,
                auto_mode: s.auto_mode,
                air_conditioning: s.air_conditioning,
                recirculation: s.recirculation,
                front_defrost: s.front_defrost,
                rear_defrost: s.rear_defrost,
                driver_seat_heating: s.seat_heating[0],
                passenger_seat_heating: s.seat_heating[1],
                sync: s.sync,
                preconditioning: s.preconditioning_left_s > 0.0,
                preconditioning_time_left_s: s.preconditioning_left_s.ceil() as u32,
            }
        })
    }

    fn body(&self) -> BodyState {
        self.read(|sim| {
            let s = &sim.state;
            BodyState {
                open: s.open,
                locked: s.locked,
                child_lock: s.child_lock,
                headlights: s.headlights,
                interior_light: s.interior_light,
                left_indicator: s.hazard || s.indicator == Indicator::Left,
                right_indicator: s.hazard || s.indicator == Indicator::Right,
                hazard: s.hazard,
                low_beam: s.beams().0,
                high_beam: s.beams().1,
                parking_brake: s.parking_brake,
                driver_belted: s.driver_belted,
            }
        })
    }

    fn tires(&self) -> TiresState {
        self.read(|sim| {
            let s = &sim.state;
            TiresState {
                pressure_kpa: [
                    Tire::FrontLeft,
                    Tire::FrontRight,
                    Tire::RearLeft,
                    Tire::RearRight,
                ]
                .map(|t| s.tire_pressure_kpa(t).round() as u16),
                temperature_c: s.tire_temperature_c.map(tenths),
                low: s.tire_low,
                low_pressure_threshold_kpa: sim.params.low_tire_pressure_kpa as u16,
            }
        })
    }

    fn alerts(&self) -> AlertsState {
        self.read(|sim| AlertsState {
            active: sim
                .state
                .alerts
                .iter()
                .map(|a| Alert {
                    id: a.id.clone(),
                    severity: a.severity,
                    text_key: a.text_key.clone(),
                    since: self.started_unix_s + a.since_s as i64,
                })
                .collect(),
        })
    }

    fn simulation(&self) -> SimulationState {
        self.read(|sim| SimulationState {
            cycle: sim.cycle().name().to_string(),
            cycle_time_s: sim.state.cycle_time_s.floor(),
            speed_factor: sim.speed_factor,
            paused: sim.state.paused,
            manual_speed_kmh: sim.state.manual_speed_kmh.unwrap_or(-1.0),
        })
    }

    fn location(&self) -> LocationState {
        self.read(|sim| match &sim.route {
            None => LocationState::default(),
            Some(route) => {
                let (at, heading) = route.position();
                let micro = |degrees: f64| (degrees * 1e6).round() / 1e6;
                LocationState {
                    latitude: micro(at.lat()),
                    longitude: micro(at.lon()),
                    heading: heading.round() % 360.0,
                    known: true,
                }
            }
        })
    }

    fn scenarios(&self) -> Vec<String> {
        scenarios::NAMES.iter().map(|n| n.to_string()).collect()
    }

    fn apply(&self, command: Command) -> Result<(), Refusal> {
        rules::apply(&mut self.lock(), command)?;
        self.published.ring();
        Ok(())
    }
}
