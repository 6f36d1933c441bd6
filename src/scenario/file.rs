//! Reading scenario files. A scenario is TOML:
//!
//! ```toml
//! title = "Door left open"
//! description = "..."
//! [[step]]
//! at = 0            # seconds after the start
//! call = "SetDoor"  # a method of org.opencabin.Vehicle1.Simulation, or "SpeedFactor"
//! args = ["rear-left", true]
//! [[expect]]
//! at = 4
//! alert = "door-open-while-moving"
//! active = true     # the default; false expects the alert gone
//! [[expect]]
//! at = 60
//! navigation = "arrived"  # or "guiding": a route is being guided
//! [[expect]]
//! at = 7
//! phone = "ringing"  # or "in-call", "idle": the phone's calls (`scenario::phone`)
//! ```
//!
//! The methods and their argument types are read from the committed introspection XML, so a
//! scenario is checked against the real interface before anything runs. Every mistake names the
//! file and line.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::calls::{describe, simulation_methods};
pub use super::expect::{Expect, Expected};
use crate::config::files;

/// The most a scenario file is read: the built-in ones are about 2 KB.
const LIMIT: u64 = 1_000_000;

/// The scenarios shipped in `assets/scenarios/`, embedded so an installed binary has them.
const BUILTIN: &[(&str, &str)] = &[
    (
        "cold-morning-commute",
        include_str!("../../assets/scenarios/cold-morning-commute.toml"),
    ),
    (
        "highway-low-battery",
        include_str!("../../assets/scenarios/highway-low-battery.toml"),
    ),
    (
        "door-left-open",
        include_str!("../../assets/scenarios/door-left-open.toml"),
    ),
    (
        "puncture",
        include_str!("../../assets/scenarios/puncture.toml"),
    ),
    (
        "charging-stop",
        include_str!("../../assets/scenarios/charging-stop.toml"),
    ),
    (
        "drive-to-destination",
        include_str!("../../assets/scenarios/drive-to-destination.toml"),
    ),
    (
        "call-while-driving",
        include_str!("../../assets/scenarios/call-while-driving.toml"),
    ),
];

/// A scenario ready to play.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The built-in name or the file's path.
    pub name: String,
    pub title: String,
    pub description: String,
    /// In time order.
    pub steps: Vec<Step>,
    /// In time order.
    pub expects: Vec<Expect>,
}

impl Scenario {
    /// When the last step or check is due.
    pub fn duration(&self) -> Duration {
        let steps = self.steps.iter().map(|s| s.at);
        let expects = self.expects.iter().map(|e| e.at);
        steps.chain(expects).max().unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub at: Duration,
    pub call: Call,
}

/// One Simulation method call, or setting the `SpeedFactor` property.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub method: String,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    Flag(bool),
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Text(t) => format!("\"{t}\""),
                Arg::Number(n) => n.to_string(),
                Arg::Flag(b) => b.to_string(),
            })
            .collect();
        write!(f, "{}({})", self.method, args.join(", "))
    }
}

impl Call {
    /// A call from its method name and arguments as text (from the simulator panel), typed as
    /// the interface declares them.
    pub fn from_text(method: &str, args: &[&str]) -> Result<Call, String> {
        let methods = simulation_methods();
        let (_, kinds) = methods
            .iter()
            .find(|(name, _)| name == method)
            .ok_or_else(|| format!("{method} is not a Simulation method"))?;
        if kinds.len() != args.len() {
            return Err(format!("{method} takes {}", describe(kinds)));
        }
        let args = args
            .iter()
            .zip(kinds)
            .map(|(text, kind)| match kind {
                'd' => text
                    .parse()
                    .map(Arg::Number)
                    .map_err(|_| format!("{method}: {text} is not a number")),
                'b' => text
                    .parse()
                    .map(Arg::Flag)
                    .map_err(|_| format!("{method}: {text} is not true or false")),
                _ => Ok(Arg::Text(text.to_string())),
            })
            .collect::<Result<_, _>>()?;
        Ok(Call {
            method: method.to_string(),
            args,
        })
    }
}

/// Why a scenario cannot be used: which file, which line, what is wrong and what is allowed.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("scenario \"{name}\" is not known; built in: {}; or give a .toml file", builtin_names().collect::<Vec<_>>().join(", "))]
    Unknown { name: String },
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
}

pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(name, _)| *name)
}

/// A built-in scenario by name.
pub fn builtin(name: &str) -> Result<Scenario, ScenarioError> {
    let (_, text) =
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| ScenarioError::Unknown {
                name: name.to_string(),
            })?;
    parse(name, text)
}

/// A built-in name, or a path to a `.toml` file.
pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioError> {
    if !name_or_path.ends_with(".toml") && !name_or_path.contains('/') {
        return builtin(name_or_path);
    }
    let text = files::read_text(Path::new(name_or_path), LIMIT).map_err(|e| {
        ScenarioError::Unreadable {
            path: name_or_path.to_string(),
            reason: e.to_string(),
        }
    })?;
    parse(name_or_path, &text)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
    #[serde(default)]
    expect: Vec<Spanned<RawExpect>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    at: Spanned<f64>,
    call: Spanned<String>,
    #[serde(default)]
    args: Option<Spanned<Vec<toml::Value>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    at: Spanned<f64>,
    #[serde(default)]
    alert: Option<Spanned<String>>,
    #[serde(default = "active_by_default")]
    active: bool,
    #[serde(default)]
    navigation: Option<Spanned<String>>,
    #[serde(default)]
    phone: Option<Spanned<String>>,
}

fn active_by_default() -> bool {
    true
}

/// Longest a scenario may run: one hour.
const LONGEST_S: f64 = 3600.0;

/// Reads a scenario from `text`; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Scenario, ScenarioError> {
    let invalid = |offset: usize, message: String| ScenarioError::Invalid {
        file: file.to_string(),
        line: text[..offset.min(text.len())].matches('\n').count() + 1,
        message,
    };
    let raw: RawScenario = toml::from_str(text).map_err(|err| {
        let offset = err.span().map_or(0, |s| s.start);
        invalid(offset, err.message().trim().to_string())
    })?;
    let at = |value: &Spanned<f64>| {
        let seconds = *value.get_ref();
        if (0.0..=LONGEST_S).contains(&seconds) {
            Ok(Duration::from_secs_f64(seconds))
        } else {
            Err(invalid(
                value.span().start,
                format!("at = {seconds} is out of range; allowed: 0 to {LONGEST_S} seconds"),
            ))
        }
    };
    let methods = simulation_methods();
    let mut steps = Vec::new();
    for step in &raw.step {
        let step = step.get_ref();
        let method = step.call.get_ref();
        let Some((_, kinds)) = methods.iter().find(|(name, _)| name == method) else {
            let names: Vec<&str> = methods.iter().map(|(n, _)| n.as_str()).collect();
            return Err(invalid(
                step.call.span().start,
                format!(
                    "call = \"{method}\" is not a Simulation method; allowed: {}",
                    names.join(", ")
                ),
            ));
        };
        let (values, args_at) = match &step.args {
            Some(args) => (args.get_ref().as_slice(), args.span().start),
            None => (&[][..], step.call.span().start),
        };
        if values.len() != kinds.len() {
            return Err(invalid(
                args_at,
                format!(
                    "{method} takes {} argument(s) ({}), not {}",
                    kinds.len(),
                    describe(kinds),
                    values.len()
                ),
            ));
        }
        let mut args = Vec::new();
        for (value, kind) in values.iter().zip(kinds) {
            let arg = match (kind, value) {
                ('s', toml::Value::String(text)) => Arg::Text(text.clone()),
                ('d', toml::Value::Float(number)) => Arg::Number(*number),
                ('d', toml::Value::Integer(number)) => Arg::Number(*number as f64),
                ('b', toml::Value::Boolean(flag)) => Arg::Flag(*flag),
                _ => {
                    return Err(invalid(
                        args_at,
                        format!(
                            "{method}: {value} is not {}; the arguments are {}",
                            describe(&[*kind]),
                            describe(kinds)
                        ),
                    ));
                }
            };
            args.push(arg);
        }
        steps.push(Step {
            at: at(&step.at)?,
            call: Call {
                method: method.clone(),
                args,
            },
        });
    }
    let alerts = crate::vehicle::physics::alert_ids();
    let mut expects = Vec::new();
    for spanned in &raw.expect {
        let expect = spanned.get_ref();
        let what = match (&expect.alert, &expect.navigation) {
            (None, None) if expect.phone.is_some() => {
                let state = expect.phone.as_ref().expect("a phone state");
                super::phone::expected(state.get_ref())
                    .map_err(|message| invalid(state.span().start, message))?
            }
            (Some(alert), None) if alerts.contains(alert.get_ref()) => Expected::Alert {
                id: alert.get_ref().clone(),
                active: expect.active,
            },
            (Some(alert), None) => {
                return Err(invalid(
                    alert.span().start,
                    format!(
                        "alert = \"{}\" is not an alert the car raises; allowed: {}",
                        alert.get_ref(),
                        alerts.join(", ")
                    ),
                ));
            }
            (None, Some(state)) => match state.get_ref().as_str() {
                "guiding" => Expected::Guiding,
                "arrived" => Expected::Arrived,
                other => {
                    return Err(invalid(
                        state.span().start,
                        format!("navigation = \"{other}\"; allowed: guiding, arrived"),
                    ));
                }
            },
            _ => {
                return Err(invalid(
                    spanned.span().start,
                    "an [[expect]] names one alert, one navigation state or one phone state".into(),
                ));
            }
        };
        expects.push(Expect {
            at: at(&expect.at)?,
            what,
        });
    }
    if steps.is_empty() {
        return Err(invalid(
            0,
            "no [[step]]: a scenario needs at least one".into(),
        ));
    }
    steps.sort_by_key(|s| s.at);
    expects.sort_by_key(|e| e.at);
    Ok(Scenario {
        name: file.to_string(),
        title: raw.title,
        description: raw.description.trim().to_string(),
        steps,
        expects,
    })
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
