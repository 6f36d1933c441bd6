//! Why the car refuses: `Refusal` is plain Rust (the backend's rules return it), `VehicleError`
//! is its D-Bus form, `org.opencabin.Vehicle1.Error.<Kind>`. Each message names the property or
//! argument, the value, and what is allowed.

use std::ops::RangeInclusive;

use crate::contract::NotKnown;

/// A value or command the car does not accept, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// A number outside its allowed range.
    #[error("{0}")]
    OutOfRange(String),
    /// A value of the right type that is still not allowed: NaN, infinite, off-step.
    #[error("{0}")]
    InvalidValue(String),
    /// A name (gear, door, tire, cycle, scenario) that does not exist.
    #[error("{0}")]
    UnknownName(String),
    /// A command the car refuses while it moves.
    #[error("{0}")]
    NotAllowedWhileMoving(String),
    /// A command the car refuses in its present state (e.g. charging while in gear).
    #[error("{0}")]
    NotAllowed(String),
    /// A drive cycle file that cannot be read or parsed.
    #[error("{0}")]
    InvalidCycle(String),
}

impl From<NotKnown> for Refusal {
    fn from(err: NotKnown) -> Self {
        Refusal::UnknownName(err.to_string())
    }
}

/// An error a caller of `org.opencabin.Vehicle1` can match by name.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Vehicle1.Error")]
pub enum VehicleError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// A number outside its allowed range.
    OutOfRange(String),
    /// A value of the right type that is still not allowed: NaN, infinite, off-step.
    InvalidValue(String),
    /// A name (gear, door, tire, cycle, scenario) that does not exist.
    UnknownName(String),
    /// A command the car refuses while it moves.
    NotAllowedWhileMoving(String),
    /// A command the car refuses in its present state (e.g. charging while in gear).
    NotAllowed(String),
    /// A drive cycle file that cannot be read or parsed.
    InvalidCycle(String),
}

impl From<Refusal> for VehicleError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::OutOfRange(m) => VehicleError::OutOfRange(m),
            Refusal::InvalidValue(m) => VehicleError::InvalidValue(m),
            Refusal::UnknownName(m) => VehicleError::UnknownName(m),
            Refusal::NotAllowedWhileMoving(m) => VehicleError::NotAllowedWhileMoving(m),
            Refusal::NotAllowed(m) => VehicleError::NotAllowed(m),
            Refusal::InvalidCycle(m) => VehicleError::InvalidCycle(m),
        }
    }
}

impl From<NotKnown> for VehicleError {
    fn from(err: NotKnown) -> Self {
        Refusal::from(err).into()
    }
}

/// Checks a number against its range and, if given, its step.
pub fn check_number(
    what: &str,
    value: f64,
    range: RangeInclusive<f64>,
    step: Option<f64>,
    unit: &str,
) -> Result<f64, Refusal> {
    let allowed = match step {
        Some(step) => format!(
            "{} to {} {unit} in steps of {step}",
            range.start(),
            range.end()
        ),
        None => format!("{} to {} {unit}", range.start(), range.end()),
    };
    if !value.is_finite() {
        return Err(Refusal::InvalidValue(format!(
            "{what}: {value} is not a finite number; allowed: {allowed}"
        )));
    }
    if !range.contains(&value) {
        return Err(Refusal::OutOfRange(format!(
            "{what}: {value} is out of range; allowed: {allowed}"
        )));
    }
    if let Some(step) = step {
        let steps = (value - range.start()) / step;
        if (steps - steps.round()).abs() > 1e-9 {
            return Err(Refusal::InvalidValue(format!(
                "{what}: {value} is not on a step; allowed: {allowed}"
            )));
        }
    }
    Ok(value)
}

/// Checks a whole number against its range.
pub fn check_level(what: &str, value: u8, range: RangeInclusive<u8>) -> Result<u8, Refusal> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(Refusal::OutOfRange(format!(
            "{what}: {value} is out of range; allowed: {} to {}",
            range.start(),
            range.end()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zbus::DBusError;

    fn dbus(refusal: Refusal) -> VehicleError {
        refusal.into()
    }

    #[test]
    fn messages_name_the_property_the_value_and_what_is_allowed() {
        let err = dbus(
            check_number(
                "DriverTargetTemperature",
                30.0,
                16.0..=28.0,
                Some(0.5),
                "°C",
            )
            .unwrap_err(),
        );
        assert_eq!(
            err.name().as_str(),
            "org.opencabin.Vehicle1.Error.OutOfRange"
        );
        assert_eq!(
            err.description(),
            Some(
                "DriverTargetTemperature: 30 is out of range; allowed: 16 to 28 °C in steps of 0.5"
            )
        );
        let err = dbus(
            check_number(
                "DriverTargetTemperature",
                21.3,
                16.0..=28.0,
                Some(0.5),
                "°C",
            )
            .unwrap_err(),
        );
        assert_eq!(
            err.name().as_str(),
            "org.opencabin.Vehicle1.Error.InvalidValue"
        );
        let err = dbus(check_number("ChargeLimit", f64::NAN, 50.0..=100.0, None, "%").unwrap_err());
        assert_eq!(
            err.description(),
            Some("ChargeLimit: NaN is not a finite number; allowed: 50 to 100 %")
        );
        assert_eq!(
            check_number("ChargeLimit", 80.0, 50.0..=100.0, None, "%").unwrap(),
            80.0
        );
    }

    #[test]
    fn an_unknown_name_is_an_unknown_name_error() {
        let err: VehicleError = crate::contract::vehicle::Gear::parse("gear", "X")
            .unwrap_err()
            .into();
        assert_eq!(
            err.name().as_str(),
            "org.opencabin.Vehicle1.Error.UnknownName"
        );
    }
}
