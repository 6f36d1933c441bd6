//! The user's settings: theme, language, units, clock, brightness and home cards, with the names
//! and values `settings.toml` and `opencabin settings` use. `store` keeps them in the file
//! (`$XDG_CONFIG_HOME/opencabin/settings.toml`, or `--config`): writes are atomic (a temporary
//! file in the same folder, synced, then renamed over), so a setting survives the process being
//! killed at any moment; a file that cannot be read or parsed is reported, renamed aside
//! untouched, and the defaults are used; keys this version does not know (from a newer one) are
//! kept. `profiles` keeps one such file per driver (the settings file itself is the guest's)
//! and which one is active.

mod command;
pub mod files;
mod profiles;
mod store;

pub use command::{SettingsAction, run};
pub use profiles::{GUEST, Profile, ProfilePaths, Profiles, is_valid_id};
pub use store::{Loaded, SettingsStore, default_path};

use crate::contract::WireName;
use crate::contract::shell::{
    DistanceUnit, HomeCard, Language, TemperatureUnit, Theme, TimeFormat,
};

/// Display brightness in percent: allowed range and default.
pub const BRIGHTNESS: (u8, u8, u8) = (10, 100, 100);

/// Every setting's name, as the file and `opencabin settings` spell it.
pub const KEYS: &[&str] = &[
    "theme",
    "language",
    "distance_unit",
    "temperature_unit",
    "time_format",
    "brightness",
    "home_cards",
    "driver_target_temperature",
    "passenger_target_temperature",
];

/// The user's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct UserSettings {
    pub theme: Theme,
    pub language: Language,
    pub distance_unit: DistanceUnit,
    pub temperature_unit: TemperatureUnit,
    pub time_format: TimeFormat,
    /// Percent, within `BRIGHTNESS`.
    pub brightness: u8,
    /// In the order the home page shows them.
    pub home_cards: Vec<HomeCard>,
    /// A driver profile's climate set-points in °C (on the vehicle's 0.5 °C grid), applied when
    /// the profile is activated; None until the driver sets one (and always for the guest).
    pub driver_target_temperature: Option<f64>,
    pub passenger_target_temperature: Option<f64>,
}

impl Default for UserSettings {
    fn default() -> Self {
        UserSettings {
            theme: Theme::default(),
            language: Language::default(),
            distance_unit: DistanceUnit::default(),
            temperature_unit: TemperatureUnit::default(),
            time_format: TimeFormat::default(),
            brightness: BRIGHTNESS.2,
            home_cards: HomeCard::ALL.to_vec(),
            driver_target_temperature: None,
            passenger_target_temperature: None,
        }
    }
}

/// The value of a setting with a fixed set of names, or what is allowed.
fn choice<T: WireName>(key: &str, value: &str) -> Result<T, String> {
    T::find(value).ok_or_else(|| {
        let allowed: Vec<&str> = T::ALL.iter().map(|v| v.as_str()).collect();
        format!(
            "{key}: '{value}' is not allowed; allowed: {}",
            allowed.join(", ")
        )
    })
}

/// A climate set-point in °C: within the vehicle's range, on its grid.
fn target(key: &str, value: &str) -> Result<f64, String> {
    use crate::contract::vehicle::limits::{TARGET_TEMPERATURE_C, TARGET_TEMPERATURE_STEP_C};
    match value.trim().parse::<f64>() {
        Ok(celsius)
            if TARGET_TEMPERATURE_C.contains(&celsius)
                && (celsius / TARGET_TEMPERATURE_STEP_C).fract() == 0.0 =>
        {
            Ok(celsius)
        }
        _ => Err(format!(
            "{key}: '{value}' is not allowed; allowed: {} to {} °C in steps of {TARGET_TEMPERATURE_STEP_C}",
            TARGET_TEMPERATURE_C.start(),
            TARGET_TEMPERATURE_C.end()
        )),
    }
}

impl UserSettings {
    /// Every setting as it is written to the file (a set-point only once there is one).
    pub fn to_toml(&self) -> Vec<(&'static str, toml::Value)> {
        let text = |v: &str| toml::Value::String(v.to_string());
        let targets = [
            ("driver_target_temperature", self.driver_target_temperature),
            (
                "passenger_target_temperature",
                self.passenger_target_temperature,
            ),
        ];
        let targets = targets
            .into_iter()
            .filter_map(|(key, value)| Some((key, toml::Value::Float(value?))));
        let mut all = vec![
            ("theme", text(self.theme.as_str())),
            ("language", text(self.language.as_str())),
            ("distance_unit", text(self.distance_unit.as_str())),
            ("temperature_unit", text(self.temperature_unit.as_str())),
            ("time_format", text(self.time_format.as_str())),
            ("brightness", toml::Value::Integer(self.brightness.into())),
            (
                "home_cards",
                toml::Value::Array(self.home_cards.iter().map(|c| text(c.as_str())).collect()),
            ),
        ];
        all.extend(targets);
        all
    }

    /// Sets `key` from its text form if both are known and allowed; else says what is allowed.
    /// `brightness` takes a whole percent, `home_cards` a comma-separated list (may be empty).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "theme" => self.theme = choice(key, value)?,
            "language" => self.language = choice(key, value)?,
            "distance_unit" => self.distance_unit = choice(key, value)?,
            "temperature_unit" => self.temperature_unit = choice(key, value)?,
            "time_format" => self.time_format = choice(key, value)?,
            "brightness" => {
                let (min, max, _) = BRIGHTNESS;
                match value.trim().parse::<u8>() {
                    Ok(percent) if (min..=max).contains(&percent) => self.brightness = percent,
                    _ => {
                        return Err(format!(
                            "brightness: '{value}' is not allowed; allowed: a whole percent from {min} to {max}"
                        ));
                    }
                }
            }
            "driver_target_temperature" => {
                self.driver_target_temperature = Some(target(key, value)?)
            }
            "passenger_target_temperature" => {
                self.passenger_target_temperature = Some(target(key, value)?)
            }
            "home_cards" => {
                let mut cards = Vec::new();
                for card in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let Some(card) = HomeCard::find(card) else {
                        let all: Vec<&str> = HomeCard::names().collect();
                        return Err(format!(
                            "home_cards: '{card}' is not a card; allowed: any of {}, comma-separated",
                            all.join(", ")
                        ));
                    };
                    cards.push(card);
                }
                self.home_cards = HomeCard::ALL
                    .iter()
                    .copied()
                    .filter(|c| cards.contains(c))
                    .collect();
            }
            _ => {
                return Err(format!(
                    "unknown setting '{key}'; settings: {}",
                    KEYS.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// Sets `key` from its value in the file: a string, an integer (brightness) or an array of
    /// strings (home cards).
    fn set_from_toml(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        let text = match value {
            toml::Value::String(text) => text.clone(),
            toml::Value::Integer(number) => number.to_string(),
            toml::Value::Float(number) => number.to_string(),
            toml::Value::Array(items) => {
                let mut names = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(name) => names.push(name),
                        None => return Err(format!("{key}: {item} is not a string")),
                    }
                }
                names.join(",")
            }
            other => return Err(format!("{key}: {other} has the wrong type")),
        };
        self.set(key, &text)
    }

    /// Whether the home page shows `card`.
    pub fn shows(&self, card: HomeCard) -> bool {
        self.home_cards.contains(&card)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("opencabin-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("settings.toml")
    }

    #[test]
    fn settings_round_trip_and_unknown_keys_are_kept() {
        let path = scratch("round-trip");
        std::fs::write(&path, "theme = \"day\"\nfuture_feature = { level = 3 }\n").unwrap();
        let (mut store, mut settings, loaded) = SettingsStore::open(path.clone());
        assert_eq!(loaded, Loaded::FromFile);
        assert_eq!(settings.theme, Theme::Day);
        settings.set("language", "zh-CN").unwrap();
        settings.set("brightness", "40").unwrap();
        settings.set("home_cards", "trip, media").unwrap();
        assert_eq!(
            settings.home_cards,
            [HomeCard::Media, HomeCard::Trip],
            "kept in page order"
        );
        store.save(&settings).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("future_feature"),
            "unknown keys kept:\n{text}"
        );
        let (_, reread, _) = SettingsStore::open(path);
        assert_eq!(reread, settings);
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_defaults_are_used() {
        let path = scratch("corrupt");
        std::fs::write(&path, "theme = \"day\nthis is not toml").unwrap();
        let (_, settings, loaded) = SettingsStore::open(path.clone());
        assert_eq!(settings, UserSettings::default());
        let Loaded::Recovered { kept_as, .. } = loaded else {
            panic!("recovered expected")
        };
        assert_eq!(
            std::fs::read_to_string(kept_as).unwrap(),
            "theme = \"day\nthis is not toml"
        );
        assert!(!path.exists());
    }

    #[test]
    fn bad_values_name_what_is_allowed() {
        let mut settings = UserSettings::default();
        assert_eq!(
            settings.set("theme", "purple").unwrap_err(),
            "theme: 'purple' is not allowed; allowed: night, day, auto"
        );
        assert_eq!(
            settings.set("brightness", "5").unwrap_err(),
            "brightness: '5' is not allowed; allowed: a whole percent from 10 to 100"
        );
        assert!(
            settings
                .set("home_cards", "media,weather")
                .unwrap_err()
                .starts_with("home_cards: 'weather' is not a card")
        );
        assert_eq!(
            settings
                .set("driver_target_temperature", "19.3")
                .unwrap_err(),
            "driver_target_temperature: '19.3' is not allowed; allowed: 16 to 28 °C in steps of 0.5"
        );
        settings.set("driver_target_temperature", "19.5").unwrap();
        assert_eq!(settings.driver_target_temperature, Some(19.5));
        assert!(
            settings
                .set("volume", "11")
                .unwrap_err()
                .starts_with("unknown setting 'volume'")
        );
    }
}
