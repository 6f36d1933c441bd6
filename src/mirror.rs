//! Follows one interface of a remote D-Bus service: whether its owner is on the bus, all its
//! properties when it appears, and each `PropertiesChanged` after that. Plain zbus, no Slint.

use std::borrow::Cow;
use std::collections::HashMap;

use futures_util::StreamExt;
use zbus::fdo::{DBusProxy, PropertiesProxy};
use zbus::names::{BusName, InterfaceName};
use zbus::proxy::CacheProperties;
use zbus::{Connection, OwnedVariant};

/// Property name to value, as `GetAll` and `PropertiesChanged` carry them.
pub type Properties = HashMap<String, OwnedVariant>;

/// Where an interface lives: bus name, object path, interface name.
#[derive(Debug, Clone)]
pub struct RemoteInterface {
    pub service: Cow<'static, str>,
    pub path: Cow<'static, str>,
    pub interface: Cow<'static, str>,
}

impl RemoteInterface {
    /// A remote interface known at compile time.
    pub const fn fixed(service: &'static str, path: &'static str, interface: &'static str) -> Self {
        RemoteInterface {
            service: Cow::Borrowed(service),
            path: Cow::Borrowed(path),
            interface: Cow::Borrowed(interface),
        }
    }
}

/// What happened to the followed interface.
#[derive(Debug)]
pub enum Presence {
    /// The service is on the bus; these are all its properties.
    Appeared(Properties),
    /// These properties changed.
    Changed(Properties),
    /// The service left the bus (or its properties cannot be read).
    Vanished,
}

/// Reads all properties of `remote` once.
pub async fn fetch(connection: &Connection, remote: &RemoteInterface) -> zbus::Result<Properties> {
    get_all(&properties_proxy(connection, remote).await?, remote).await
}

/// Reports `remote`'s presence and property changes to `on_event` until the connection closes.
/// Subscribes before reading, so no change between the two is lost.
pub async fn follow(
    connection: &Connection,
    remote: &RemoteInterface,
    mut on_event: impl FnMut(Presence),
) -> zbus::Result<()> {
    let properties = properties_proxy(connection, remote).await?;
    let mut owner_changes = properties.inner().receive_owner_changed().await?;
    let mut changes = properties.receive_properties_changed().await?;
    let service = BusName::try_from(remote.service.as_ref())?;
    let present = DBusProxy::new(connection)
        .await?
        .name_has_owner(service)
        .await?;
    if present {
        on_event(snapshot(&properties, remote).await);
    } else {
        on_event(Presence::Vanished);
    }
    loop {
        tokio::select! {
            owner = owner_changes.next() => match owner {
                Some(Some(owner)) => {
                    tracing::info!(service = %remote.service, %owner, "service appeared");
                    on_event(snapshot(&properties, remote).await);
                }
                Some(None) => {
                    tracing::info!(service = %remote.service, "service vanished");
                    on_event(Presence::Vanished);
                }
                None => return Ok(()),
            },
            signal = changes.next() => {
                let Some(signal) = signal else { return Ok(()) };
                let args = signal.args()?;
                if args.interface_name().as_str() != remote.interface {
                    continue;
                }
                let changed = args
                    .changed_properties()
                    .iter()
                    .filter_map(|(name, value)| Some((name.to_string(), value.try_to_owned().ok()?)))
                    .collect();
                on_event(Presence::Changed(changed));
            }
        }
    }
}

async fn snapshot(properties: &PropertiesProxy<'_>, remote: &RemoteInterface) -> Presence {
    match get_all(properties, remote).await {
        Ok(all) => Presence::Appeared(all),
        Err(err) => {
            tracing::warn!(service = %remote.service, interface = %remote.interface, %err, "cannot read properties");
            Presence::Vanished
        }
    }
}

async fn get_all(
    properties: &PropertiesProxy<'_>,
    remote: &RemoteInterface,
) -> zbus::Result<Properties> {
    Ok(properties
        .get_all(InterfaceName::try_from(remote.interface.as_ref())?)
        .await?)
}

async fn properties_proxy<'a>(
    connection: &Connection,
    remote: &RemoteInterface,
) -> zbus::Result<PropertiesProxy<'a>> {
    PropertiesProxy::builder(connection)
        .destination(remote.service.to_string())
        .path(remote.path.to_string())
        .cache_properties(CacheProperties::No)
        .build()
        .await
}
