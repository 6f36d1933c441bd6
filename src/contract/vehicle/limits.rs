//! The allowed values of the settable properties and the arguments of the vehicle's methods.

use std::ops::RangeInclusive;

pub const TARGET_TEMPERATURE_C: RangeInclusive<f64> = 16.0..=28.0;
pub const TARGET_TEMPERATURE_STEP_C: f64 = 0.5;
pub const FAN_LEVEL: RangeInclusive<u8> = 0..=7;
pub const SEAT_HEATING: RangeInclusive<u8> = 0..=3;
pub const CHARGE_LIMIT_PERCENT: RangeInclusive<f64> = 50.0..=100.0;
pub const STATE_OF_CHARGE_PERCENT: RangeInclusive<f64> = 0.0..=100.0;
pub const SPEED_FACTOR: RangeInclusive<f64> = 0.1..=100.0;
pub const MANUAL_SPEED_KMH: RangeInclusive<f64> = 0.0..=200.0;
pub const OUTSIDE_TEMPERATURE_C: RangeInclusive<f64> = -40.0..=55.0;
pub const CHARGER_POWER_KW: RangeInclusive<f64> = 1.0..=350.0;
pub const TIRE_PRESSURE_KPA: RangeInclusive<f64> = 0.0..=400.0;
