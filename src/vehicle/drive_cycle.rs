//! Drive cycles: standard speed-over-time schedules (EPA UDDS, HWFET, US06, WLTC 3b) that the mock
//! car follows, looping. The built-in ones are embedded from `assets/drive-cycles/`.

use std::path::Path;

use crate::config::files;
use crate::contract::excerpt;

/// The most a drive cycle file is read: a day sampled at 10 Hz.
const LIMIT: u64 = 16_000_000;

/// The cycles compiled into the binary, by name.
const BUILTIN: &[(&str, &str)] = &[
    ("udds", include_str!("../../assets/drive-cycles/udds.csv")),
    ("hwfet", include_str!("../../assets/drive-cycles/hwfet.csv")),
    ("us06", include_str!("../../assets/drive-cycles/us06.csv")),
    (
        "wltc_3b",
        include_str!("../../assets/drive-cycles/wltc_3b.csv"),
    ),
];

/// Names of the built-in cycles.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(name, _)| *name)
}

#[derive(Debug, thiserror::Error)]
pub enum CycleError {
    #[error("cannot read drive cycle {path}: {reason}")]
    Io {
        path: String,
        reason: std::io::Error,
    },
    #[error("drive cycle {source_name}, line {line}: {reason}")]
    Parse {
        source_name: String,
        line: usize,
        reason: String,
    },
    #[error("drive cycle {source_name} has fewer than two samples")]
    TooShort { source_name: String },
}

/// A speed schedule: speed in m/s at strictly increasing times in s, starting at 0.
#[derive(Debug, Clone)]
pub struct DriveCycle {
    name: String,
    samples: Vec<(f64, f64)>,
}

impl DriveCycle {
    /// A built-in cycle by name, or else a CSV file at that path.
    pub fn load(name_or_file: &str) -> Result<Self, CycleError> {
        if let Some((name, text)) = BUILTIN.iter().find(|(name, _)| *name == name_or_file) {
            return Self::parse(name, text);
        }
        let path = Path::new(name_or_file);
        let text = files::read_text(path, LIMIT).map_err(|reason| CycleError::Io {
            path: name_or_file.to_string(),
            reason,
        })?;
        Self::parse(name_or_file, &text)
    }

    /// Parses CSV with the time (s) in the first column and the speed (m/s) in the second; a first
    /// line that is not numeric is a header.
    pub fn parse(source_name: &str, text: &str) -> Result<Self, CycleError> {
        let error = |line: usize, reason: String| CycleError::Parse {
            source_name: source_name.to_string(),
            line,
            reason,
        };
        let mut samples: Vec<(f64, f64)> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let mut fields = raw.split(',').map(str::trim);
            let (Some(time), Some(speed)) = (fields.next(), fields.next()) else {
                return Err(error(
                    line,
                    format!("expected 'time,speed', found '{}'", excerpt(raw)),
                ));
            };
            let (Ok(time), Ok(speed)) = (time.parse::<f64>(), speed.parse::<f64>()) else {
                if line == 1 {
                    continue; // header
                }
                return Err(error(
                    line,
                    format!("expected two numbers, found '{}'", excerpt(raw)),
                ));
            };
            if !time.is_finite() || !speed.is_finite() || speed < 0.0 {
                return Err(error(
                    line,
                    format!(
                        "speed must be a finite number >= 0, found '{}'",
                        excerpt(raw)
                    ),
                ));
            }
            match samples.last() {
                None if time != 0.0 => {
                    return Err(error(
                        line,
                        format!("the first sample must be at time 0, found {time}"),
                    ));
                }
                Some(&(previous, _)) if time <= previous => {
                    return Err(error(
                        line,
                        format!("time {time} is not after the previous {previous}"),
                    ));
                }
                _ => samples.push((time, speed)),
            }
        }
        if samples.len() < 2 {
            return Err(CycleError::TooShort {
                source_name: source_name.to_string(),
            });
        }
        Ok(DriveCycle {
            name: source_name.to_string(),
            samples,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Length of one loop, in seconds.
    pub fn duration_s(&self) -> f64 {
        self.samples.last().map_or(0.0, |&(time, _)| time)
    }

    /// Speed in m/s at `time` seconds since the start, looping and interpolating linearly.
    pub fn speed_mps_at(&self, time: f64) -> f64 {
        let time = time.rem_euclid(self.duration_s());
        let next = self.samples.partition_point(|&(t, _)| t <= time);
        let (t0, v0) = self.samples[next - 1];
        match self.samples.get(next) {
            Some(&(t1, v1)) => v0 + (v1 - v0) * (time - t0) / (t1 - t0),
            None => v0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_cycles_have_their_published_lengths() {
        let lengths: Vec<(String, f64)> = builtin_names()
            .map(|name| {
                (
                    name.to_string(),
                    DriveCycle::load(name).unwrap().duration_s(),
                )
            })
            .collect();
        assert_eq!(
            lengths,
            [
                ("udds", 1369.0),
                ("hwfet", 765.0),
                ("us06", 600.0),
                ("wltc_3b", 1800.0)
            ]
            .map(|(name, s)| (name.to_string(), s))
        );
    }

    #[test]
    fn speed_interpolates_between_samples_and_loops() {
        let cycle = DriveCycle::parse("t", "cycSecs,cycMps\n0,0\n10,10\n20,0\n").unwrap();
        assert_eq!(cycle.speed_mps_at(5.0), 5.0);
        assert_eq!(cycle.speed_mps_at(15.0), 5.0);
        assert_eq!(cycle.speed_mps_at(25.0), 5.0);
    }

    #[test]
    fn udds_peaks_at_its_published_top_speed() {
        let udds = DriveCycle::load("udds").unwrap();
        let top_kmh = (0..1370)
            .map(|t| udds.speed_mps_at(t as f64) * 3.6)
            .fold(0.0, f64::max);
        // EPA publishes 56.7 mph (91.2 km/h) as the UDDS maximum.
        assert!((top_kmh - 91.2).abs() < 0.2, "top speed {top_kmh}");
    }

    #[test]
    fn bad_lines_are_named() {
        let err = DriveCycle::parse("bad.csv", "cycSecs,cycMps\n0,0\n1,fast\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "drive cycle bad.csv, line 3: expected two numbers, found '1,fast'"
        );
        let err = DriveCycle::parse("bad.csv", "0,0\n2,1\n1,1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "drive cycle bad.csv, line 3: time 1 is not after the previous 2"
        );
        let err = DriveCycle::load("/nonexistent/cycle.csv").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot read drive cycle /nonexistent/cycle.csv")
        );
    }
}
