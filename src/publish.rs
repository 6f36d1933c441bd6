//! Change signalling for the services: after the state changed, each served interface's values
//! are read through its own getters and compared with those last published; one
//! `PropertiesChanged` per interface carries the difference. Setters that zbus already signals
//! record their value here so it is not signalled twice.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::Notify;
use zbus::ObjectPath;
use zbus::object_server::Interface;
use zbus::{Connection, OwnedVariant};

type Values = HashMap<String, HashMap<String, OwnedVariant>>;

/// The values last published per interface, and a bell that asks for a publication now.
#[derive(Clone, Default)]
pub struct Published {
    values: Arc<Mutex<Values>>,
    changed: Arc<Notify>,
}

impl Published {
    fn values(&self) -> MutexGuard<'_, Values> {
        self.values.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes that `interface.property` was signalled with `value` (by zbus, after a setter).
    pub fn record(&self, interface: &str, property: &str, value: zbus::Variant<'static>) {
        if let Ok(value) = OwnedVariant::try_from(value) {
            self.values()
                .entry(interface.to_string())
                .or_default()
                .insert(property.to_string(), value);
        }
    }

    /// Asks the service loop to publish now.
    pub fn ring(&self) {
        self.changed.notify_one();
    }

    /// Resolves when a publication was asked for.
    pub async fn rung(&self) {
        self.changed.notified().await
    }

    /// Emits one `PropertiesChanged` for the interface `I` served at `path` with the properties
    /// whose values differ from the last published, leaving out `unsignalled` ones (MPRIS's
    /// `Position`, say).
    pub async fn publish<I: Interface>(
        &self,
        connection: &Connection,
        path: &str,
        unsignalled: &[&str],
    ) -> zbus::Result<()> {
        let server = connection.object_server();
        let path = ObjectPath::try_from(path)?;
        let iface = server.interface::<_, I>(&path).await?;
        let emitter = iface.signal_emitter();
        let now = iface
            .get()
            .await
            .get_all(server, connection, None, emitter)
            .await?;
        let changed: HashMap<String, OwnedVariant> = {
            let mut values = self.values();
            let last = values.entry(I::name().to_string()).or_default();
            let changed: HashMap<String, OwnedVariant> = now
                .into_iter()
                .filter(|(name, value)| {
                    !unsignalled.contains(&name.as_str()) && last.get(name) != Some(value)
                })
                .collect();
            for (name, value) in &changed {
                last.insert(name.clone(), value.try_clone()?);
            }
            changed
        };
        if changed.is_empty() {
            return Ok(());
        }
        let values = changed
            .iter()
            .map(|(name, value)| Ok((name.as_str(), value.try_to_owned()?.into())))
            .collect::<zbus::Result<_>>()?;
        zbus::fdo::Properties::properties_changed(emitter, I::name(), values, Cow::Borrowed(&[]))
            .await
    }
}
