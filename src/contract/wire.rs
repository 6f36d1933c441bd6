//! What every served interface object holds: its backend, and the record of what was published
//! (so a value zbus signalled after a write is not signalled again).

use zbus::object_server::Interface;

use crate::publish::Published;

/// An interface's backend and publication record.
#[derive(Clone)]
pub struct Wire<B> {
    pub backend: B,
    pub published: Published,
}

impl<B> Wire<B> {
    pub fn new(backend: B, published: Published) -> Self {
        Wire { backend, published }
    }

    /// Notes that zbus signalled `property` of interface `I` with `value` after a write.
    pub fn record<I: Interface>(&self, property: &str, value: impl Into<zbus::Variant<'static>>) {
        self.published
            .record(I::name().as_str(), property, value.into());
    }
}
