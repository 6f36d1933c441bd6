//! The D-Bus contract, written once: bus names, object paths, the typed wire enumerations, the
//! forward-only zbus interface blocks over backend traits, and the typed client proxies zbus
//! generates from those same blocks. The services implement the backends, every front end and
//! test uses the proxies; neither writes an interface or property name again.

mod excerpt;
mod not_known;
#[macro_use]
mod wire_enum;
mod wire;

pub mod cluster;
pub mod companion;
pub mod media;
pub mod navigation;
pub mod phone;
pub mod restrictions;
pub mod shell;
pub mod vehicle;

pub use excerpt::excerpt;
pub use not_known::NotKnown;
pub use wire::Wire;
pub use wire_enum::WireName;

use zbus::proxy::Defaults;

/// The interface a typed proxy was generated for, e.g. `org.opencabin.Vehicle1.Drive`.
pub fn interface_of<P: Defaults>() -> &'static str {
    P::INTERFACE.as_ref().map_or("", |name| name.as_str())
}

/// The default destination of a typed proxy: the service's well-known name.
pub fn destination_of<P: Defaults>() -> &'static str {
    P::DESTINATION.as_ref().map_or("", |name| name.as_str())
}

/// The default object path of a typed proxy.
pub fn path_of<P: Defaults>() -> &'static str {
    P::PATH.as_ref().map_or("", |path| path.as_str())
}
