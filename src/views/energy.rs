//! Energy history for the vehicle page: consumption over the last 50 km and battery power over the
//! last five minutes, sampled from the drive view and turned into SVG path data for Slint's `Path`.
//! Plain Rust, no Slint.

use std::collections::VecDeque;

/// How far back the consumption plot reaches, km.
pub const CONSUMPTION_WINDOW_KM: f64 = 50.0;
/// How many one-second power samples the power plot keeps.
pub const POWER_SAMPLES: usize = 300;
/// Vertical ranges of the plots.
pub const CONSUMPTION_MAX: f64 = 40.0;
pub const POWER_MIN_KW: f64 = -60.0;
pub const POWER_MAX_KW: f64 = 120.0;

/// The recorded history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnergyHistory {
    /// (odometer km, recent consumption kWh/100 km).
    consumption: VecDeque<(f64, f64)>,
    power: VecDeque<f64>,
}

impl EnergyHistory {
    /// Records one sample (call once a second).
    pub fn sample(&mut self, odometer_km: f64, recent_consumption: f64, power_kw: f64) {
        let moved = self
            .consumption
            .back()
            .is_none_or(|(km, _)| odometer_km - km >= 0.05);
        if moved {
            self.consumption
                .push_back((odometer_km, recent_consumption));
            while self
                .consumption
                .front()
                .is_some_and(|(km, _)| odometer_km - km > CONSUMPTION_WINDOW_KM)
            {
                self.consumption.pop_front();
            }
        }
        self.power.push_back(power_kw);
        while self.power.len() > POWER_SAMPLES {
            self.power.pop_front();
        }
    }

    /// Consumption as path data in a 1000 x 100 box (x: distance, newest at the right; y: 0 at
    /// the bottom, `CONSUMPTION_MAX` at the top). Empty with fewer than two samples.
    pub fn consumption_path(&self) -> String {
        let Some(&(newest, _)) = self.consumption.back() else {
            return String::new();
        };
        let points = self.consumption.iter().map(|&(km, value)| {
            let x = 1000.0 * (1.0 - (newest - km) / CONSUMPTION_WINDOW_KM);
            let y = 100.0 * (1.0 - (value / CONSUMPTION_MAX).clamp(0.0, 1.0));
            (x, y)
        });
        polyline(points)
    }

    /// Where a consumption value lies in the same box, for the average line.
    pub fn consumption_y(value: f64) -> f64 {
        100.0 * (1.0 - (value / CONSUMPTION_MAX).clamp(0.0, 1.0))
    }

    /// Power as path data in a 1000 x 100 box (x: time, newest at the right).
    pub fn power_path(&self) -> String {
        let count = self.power.len();
        let points = self.power.iter().enumerate().map(|(i, &kw)| {
            let x = 1000.0 * (1.0 - (count - 1 - i) as f64 / (POWER_SAMPLES - 1) as f64);
            (x, Self::power_y(kw))
        });
        polyline(points)
    }

    /// Where a power value lies in the power box (0 kW for the zero line).
    pub fn power_y(kw: f64) -> f64 {
        100.0 * (1.0 - ((kw - POWER_MIN_KW) / (POWER_MAX_KW - POWER_MIN_KW)).clamp(0.0, 1.0))
    }
}

fn polyline(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut path = String::new();
    let mut count = 0;
    for (x, y) in points {
        path.push_str(&format!(
            "{} {x:.1} {y:.1} ",
            if count == 0 { "M" } else { "L" }
        ));
        count += 1;
    }
    if count < 2 {
        String::new()
    } else {
        path.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consumption_keeps_the_last_50_km_and_maps_into_the_box() {
        let mut history = EnergyHistory::default();
        for km in 0..=120 {
            history.sample(f64::from(km), 20.0, 10.0);
        }
        assert_eq!(
            history.consumption.len(),
            51,
            "samples within 50 km of the newest"
        );
        let path = history.consumption_path();
        assert!(path.starts_with("M 0.0 50.0 L 20.0 50.0"), "{path}");
        assert!(path.ends_with("L 1000.0 50.0"), "{path}");
        assert_eq!(EnergyHistory::power_y(0.0), 100.0 * (1.0 - 60.0 / 180.0));
    }

    #[test]
    fn power_keeps_five_minutes() {
        let mut history = EnergyHistory::default();
        for s in 0..400 {
            history.sample(0.0, 0.0, f64::from(s % 50));
        }
        assert_eq!(history.power.len(), POWER_SAMPLES);
        assert!(
            history
                .power_path()
                .ends_with(&format!("L 1000.0 {:.1}", EnergyHistory::power_y(49.0)))
        );
    }
}
