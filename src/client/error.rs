//! What a call to a service gives back when it does not succeed: the D-Bus error's name and
//! its human message, whatever typed error the proxy returned.

use zbus::DBusError;

/// A refused or failed call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct CallError {
    /// The error's name, e.g. `org.opencabin.Vehicle1.Error.OutOfRange`.
    pub name: String,
    /// What the service said, e.g. `FanLevel: 9 is out of range; allowed: 0 to 7`.
    pub message: String,
}

impl CallError {
    fn of(err: &impl DBusError) -> Self {
        let name = err.name().to_string();
        CallError {
            message: err
                .description()
                .map_or_else(|| name.clone(), str::to_string),
            name,
        }
    }
}

impl From<zbus::Error> for CallError {
    fn from(err: zbus::Error) -> Self {
        match err {
            zbus::Error::MethodError(name, message, _) => CallError {
                message: message.unwrap_or_else(|| name.to_string()),
                name: name.to_string(),
            },
            zbus::Error::FDO(fdo) => CallError::of(&*fdo),
            other => CallError {
                name: "org.freedesktop.DBus.Error.Failed".into(),
                message: other.to_string(),
            },
        }
    }
}

/// The typed errors of our interfaces.
macro_rules! from_dbus_error {
    ($($error:ty),+) => {
        $(impl From<$error> for CallError {
            fn from(err: $error) -> Self {
                CallError::of(&err)
            }
        })+
    };
}

from_dbus_error!(
    zbus::fdo::Error,
    crate::contract::vehicle::VehicleError,
    crate::contract::media::MediaError,
    crate::contract::navigation::NavigationError,
    crate::contract::shell::ShellError,
    crate::contract::phone::OfonoError,
    crate::contract::companion::CompanionError
);
