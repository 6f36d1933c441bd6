//! oFono's errors: `OfonoRefusal` is plain Rust, `OfonoError` its D-Bus form
//! `org.ofono.Error.<Kind>` with oFono's own message texts (src/dbus.c), so a client written
//! for a real oFono matches them by name. The detail after the text says what was wrong.

/// A request the phone cannot carry out, by oFono's kinds.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OfonoRefusal {
    /// A value of the right type that is not allowed (an unknown property, a bad strength).
    #[error("Invalid arguments in method call: {0}")]
    InvalidArguments(String),
    /// A number or tone string oFono would not send.
    #[error("Argument format is not recognized: {0}")]
    InvalidFormat(String),
    /// A call or object that does not exist, or is not in a state for the operation.
    #[error("Object is not found or not valid for this operation: {0}")]
    NotFound(String),
    /// What a hands-free modem does not do.
    #[error("Implementation not provided: {0}")]
    NotImplemented(String),
    /// The operation is not possible with the calls there are.
    #[error("Operation failed: {0}")]
    Failed(String),
    /// The modem is off or offline.
    #[error("Operation currently not available: {0}")]
    NotAvailable(String),
    /// A property that cannot be written.
    #[error("Operation is not allowed: {0}")]
    NotAllowed(String),
}

/// An error a client of the phone can match by name, `org.ofono.Error.<Kind>`.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.ofono.Error")]
pub enum OfonoError {
    #[zbus(error)]
    ZBus(zbus::Error),
    InvalidArguments(String),
    InvalidFormat(String),
    NotFound(String),
    NotImplemented(String),
    Failed(String),
    NotAvailable(String),
    NotAllowed(String),
}

impl From<OfonoRefusal> for OfonoError {
    fn from(refusal: OfonoRefusal) -> Self {
        let message = refusal.to_string();
        match refusal {
            OfonoRefusal::InvalidArguments(_) => OfonoError::InvalidArguments(message),
            OfonoRefusal::InvalidFormat(_) => OfonoError::InvalidFormat(message),
            OfonoRefusal::NotFound(_) => OfonoError::NotFound(message),
            OfonoRefusal::NotImplemented(_) => OfonoError::NotImplemented(message),
            OfonoRefusal::Failed(_) => OfonoError::Failed(message),
            OfonoRefusal::NotAvailable(_) => OfonoError::NotAvailable(message),
            OfonoRefusal::NotAllowed(_) => OfonoError::NotAllowed(message),
        }
    }
}
