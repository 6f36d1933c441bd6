//! The simulated car's state and fixed characteristics. Pure data: no zbus, no clock;
//! `physics.rs` advances it, `rules.rs` changes it on request and `backend.rs` shows it.

use crate::contract::vehicle::{
    DrivingState, Gear, Headlights, Indicator, Opening, Severity, Tire,
};

/// An active alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Stable identifier, e.g. `battery-low`, `tire-pressure-low-front-left`.
    pub id: String,
    pub severity: Severity,
    /// Translation key of the text the UI shows, e.g. `alert.battery-low`.
    pub text_key: String,
    /// When it was raised, in simulated seconds since the service started.
    pub since_s: f64,
}

/// The car's whole state. Units: km/h, km, s, kW, kWh, %, °C, kPa.
#[derive(Debug, Clone, PartialEq)]
pub struct VehicleState {
    // Drive
    pub speed_kmh: f64,
    pub gear: Gear,
    pub odometer_km: f64,
    pub trip_distance_km: f64,
    pub trip_time_s: f64,
    /// Battery power: positive while driving, negative while regenerating, kW.
    pub power_kw: f64,
    /// Consumption over roughly the last 5 km, kWh/100 km.
    pub recent_consumption: f64,
    /// Battery energy used since the trip reset, kWh (regeneration subtracted).
    pub trip_energy_kwh: f64,

    // Battery
    pub battery_energy_kwh: f64,
    pub is_charging: bool,
    pub charging_power_kw: f64,
    pub battery_temperature_c: f64,
    pub charge_limit_percent: f64,
    /// Power of the connected charger while charging, kW.
    pub charger_power_kw: f64,

    // Climate
    pub driver_target_c: f64,
    pub passenger_target_c: f64,
    pub cabin_temperature_c: f64,
    pub outside_temperature_c: f64,
    pub fan_level: u8,
    pub auto_mode: bool,
    pub air_conditioning: bool,
    pub recirculation: bool,
    pub front_defrost: bool,
    pub rear_defrost: bool,
    pub seat_heating: [u8; 2],
    pub sync: bool,
    /// Seconds of preconditioning left; 0 when it is off.
    pub preconditioning_left_s: f64,

    // Body
    pub open: [bool; 6],
    pub locked: bool,
    pub child_lock: bool,
    pub headlights: Headlights,
    pub interior_light: bool,
    pub indicator: Indicator,
    pub hazard: bool,
    pub parking_brake: bool,
    pub driver_belted: bool,

    // Tires
    /// Pressure each tire holds when cold (20 °C), kPa; a leak lowers it.
    pub tire_cold_pressure_kpa: [f64; 4],
    /// Where a leaking tire's cold pressure is heading, kPa.
    pub tire_leak_target_kpa: [Option<f64>; 4],
    pub tire_temperature_c: [f64; 4],
    /// Whether each tire is reported low (with hysteresis: `physics::evaluate_alerts`).
    pub tire_low: [bool; 4],

    // Alerts
    pub alerts: Vec<Alert>,

    // Simulation
    /// Seconds into the drive cycle.
    pub cycle_time_s: f64,
    /// Simulated seconds since the service started.
    pub clock_s: f64,
    pub paused: bool,
    /// A speed the simulator holds instead of following the cycle, km/h.
    pub manual_speed_kmh: Option<f64>,
}

/// The car's fixed characteristics. Values for a mid-size electric saloon; see docs/vehicle-model.md.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VehicleParams {
    /// Test mass with driver, kg.
    pub mass_kg: f64,
    /// Extra effective mass of rotating parts, as a fraction of the mass.
    pub rotating_mass_factor: f64,
    pub drag_coefficient: f64,
    pub frontal_area_m2: f64,
    pub rolling_resistance: f64,
    pub air_density: f64,
    /// Battery to wheel efficiency while driving.
    pub drive_efficiency: f64,
    /// Wheel to battery efficiency while regenerating.
    pub regen_efficiency: f64,
    /// Largest regenerative power the battery takes, kW.
    pub max_regen_kw: f64,
    /// Electronics, pumps, infotainment, kW.
    pub auxiliary_kw: f64,
    /// Usable battery energy, kWh.
    pub battery_capacity_kwh: f64,
    /// Largest charging power the car accepts, kW.
    pub max_charge_kw: f64,
    /// Nominal cold tire pressure, kPa.
    pub nominal_tire_pressure_kpa: f64,
    /// Below this (at the tire's temperature) a tire is reported low, kPa.
    pub low_tire_pressure_kpa: f64,
}

impl Default for VehicleParams {
    fn default() -> Self {
        VehicleParams {
            mass_kg: 1900.0,
            rotating_mass_factor: 0.05,
            drag_coefficient: 0.23,
            frontal_area_m2: 2.22,
            rolling_resistance: 0.0085,
            air_density: 1.2,
            drive_efficiency: 0.88,
            regen_efficiency: 0.75,
            max_regen_kw: 60.0,
            auxiliary_kw: 0.35,
            battery_capacity_kwh: 75.0,
            max_charge_kw: 170.0,
            nominal_tire_pressure_kpa: 290.0,
            low_tire_pressure_kpa: 240.0,
        }
    }
}

impl VehicleState {
    /// A parked car ready to drive: 80 % charged, 21 °C inside and out, doors closed and locked.
    pub fn new(params: &VehicleParams, tire_pressures_kpa: [f64; 4]) -> Self {
        VehicleState {
            speed_kmh: 0.0,
            gear: Gear::Drive,
            odometer_km: 12_480.0,
            trip_distance_km: 0.0,
            trip_time_s: 0.0,
            power_kw: 0.0,
            recent_consumption: 15.0,
            trip_energy_kwh: 0.0,
            battery_energy_kwh: params.battery_capacity_kwh * 0.8,
            is_charging: false,
            charging_power_kw: 0.0,
            battery_temperature_c: 21.0,
            charge_limit_percent: 90.0,
            charger_power_kw: 0.0,
            driver_target_c: 21.0,
            passenger_target_c: 21.0,
            cabin_temperature_c: 21.0,
            outside_temperature_c: 21.0,
            fan_level: 2,
            auto_mode: true,
            air_conditioning: true,
            recirculation: false,
            front_defrost: false,
            rear_defrost: false,
            seat_heating: [0, 0],
            sync: false,
            preconditioning_left_s: 0.0,
            open: [false; 6],
            locked: true,
            child_lock: false,
            headlights: Headlights::Auto,
            interior_light: false,
            indicator: Indicator::Off,
            hazard: false,
            parking_brake: false,
            driver_belted: true,
            tire_cold_pressure_kpa: tire_pressures_kpa,
            tire_leak_target_kpa: [None; 4],
            tire_temperature_c: [21.0; 4],
            tire_low: [false; 4],
            alerts: Vec::new(),
            cycle_time_s: 0.0,
            clock_s: 0.0,
            paused: false,
            manual_speed_kmh: None,
        }
    }

    /// In sync mode the passenger zone follows the driver's target.
    pub fn apply_sync(&mut self) {
        if self.sync {
            self.passenger_target_c = self.driver_target_c;
        }
    }

    /// Whether the driver has left the car: parked, locked, belt open. The climate system then
    /// sleeps, unless preconditioning.
    pub fn driver_away(&self) -> bool {
        self.gear == Gear::Park && self.locked && !self.driver_belted
    }

    /// Whether any door, the trunk or the frunk is open.
    pub fn any_open(&self) -> bool {
        Opening::ALL.iter().any(|o| self.open[o.index()])
    }

    pub fn state_of_charge_percent(&self, params: &VehicleParams) -> f64 {
        100.0 * self.battery_energy_kwh / params.battery_capacity_kwh
    }

    /// Selects `gear`. The parking brake is electric: applied on shifting to P, released on
    /// shifting out of it.
    pub fn shift(&mut self, gear: Gear) {
        if gear != self.gear {
            self.parking_brake = gear == Gear::Park;
        }
        self.gear = gear;
    }

    /// The beams the headlight switch gives, (low, high): "low" the low beam, "high" both, "auto"
    /// the low beam whenever the car is out of P (the model has no light sensor), "off" none.
    /// The one place the switch and the beams meet.
    pub fn beams(&self) -> (bool, bool) {
        match self.headlights {
            Headlights::Off => (false, false),
            Headlights::Auto => (self.gear != Gear::Park, false),
            Headlights::Low => (true, false),
            Headlights::High => (true, true),
        }
    }

    /// Moving means at least the published resolution of the speed (0.1 km/h): a car that shows
    /// 0.0 km/h is standing.
    pub fn is_moving(&self) -> bool {
        self.speed_kmh >= 0.05
    }

    pub fn driving_state(&self) -> DrivingState {
        match (self.gear, self.is_moving()) {
            (_, true) => DrivingState::Moving,
            (Gear::Park, false) => DrivingState::Parked,
            (_, false) => DrivingState::Idling,
        }
    }

    /// Average speed over the trip's driving time, km/h.
    pub fn average_speed_kmh(&self) -> f64 {
        if self.trip_time_s > 0.0 {
            self.trip_distance_km / (self.trip_time_s / 3600.0)
        } else {
            0.0
        }
    }

    /// Consumption over the trip, kWh/100 km.
    pub fn trip_consumption(&self) -> f64 {
        if self.trip_distance_km > 0.1 {
            100.0 * self.trip_energy_kwh / self.trip_distance_km
        } else {
            0.0
        }
    }

    /// Estimated range at the recent consumption, km.
    pub fn range_km(&self) -> f64 {
        (100.0 * self.battery_energy_kwh / self.recent_consumption.max(5.0)).max(0.0)
    }

    /// A tire's pressure now: its cold pressure scaled by its absolute temperature (gas law).
    pub fn tire_pressure_kpa(&self, tire: Tire) -> f64 {
        let i = tire.index();
        self.tire_cold_pressure_kpa[i] * (self.tire_temperature_c[i] + 273.15) / (20.0 + 273.15)
    }
}
