//! Following one remote interface: its owner on the bus, its view when it appears, each change,
//! and its going away. The kind of interface (freedesktop properties, oFono's `GetProperties`
//! and `PropertyChanged`, a player's several interfaces) only decides how a view is opened.

use std::future::Future;
use std::time::Duration;

use futures_util::stream::BoxStream;
use futures_util::{FutureExt, StreamExt};
use zbus::Connection;
use zbus::fdo::DBusProxy;
use zbus::names::BusName;

/// One change to a view.
pub type Update<V> = Box<dyn FnOnce(&mut V) + Send>;
/// The changes of a view, as the service signals them.
pub type Updates<V> = BoxStream<'static, Update<V>>;

/// A view of a remote interface that can be followed.
pub trait Followed: Clone + Default + Send + Sync + 'static {
    /// Reads the interface of `service` as it is now, and subscribes to its changes (before
    /// reading, so none is lost).
    fn open(
        connection: &Connection,
        service: &str,
    ) -> impl Future<Output = zbus::Result<(Self, Updates<Self>)>> + Send;
}

/// The last view of a service and whether it is live; a service that left keeps its last view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Live<V> {
    pub available: bool,
    pub view: V,
}

impl<V: Clone> Live<V> {
    /// Takes what a follower reported: a view while the service is there, None when it left.
    pub fn update(&mut self, view: Option<&V>) {
        match view {
            Some(view) => {
                self.available = true;
                self.view = view.clone();
            }
            None => self.available = false,
        }
    }
}

impl<V> std::ops::Deref for Live<V> {
    type Target = V;

    fn deref(&self) -> &V {
        &self.view
    }
}

/// Reads `service`'s view once.
pub async fn fetch<V: Followed>(connection: &Connection, service: &str) -> zbus::Result<V> {
    Ok(V::open(connection, service).await?.0)
}

/// How long to wait before reading a service again that is on the bus but could not be read;
/// doubled after every failure up to [`RETRY_MAX`].
const RETRY_FIRST: Duration = Duration::from_millis(250);
const RETRY_MAX: Duration = Duration::from_secs(8);

/// Reports `service`'s view to `sink` after it appears and after every change, and None while it
/// is not on the bus (or cannot be read), until the connection closes.
pub async fn follow<V: Followed>(
    connection: &Connection,
    service: &str,
    mut sink: impl FnMut(Option<&V>),
) -> zbus::Result<()> {
    let name = BusName::try_from(service.to_string())?;
    let dbus = DBusProxy::new(connection).await?;
    let mut owners = dbus
        .receive_name_owner_changed_with_args(&[(0, service)])
        .await?;
    let mut present = dbus.name_has_owner(name).await?;
    let mut retry = RETRY_FIRST;
    loop {
        if !present {
            sink(None);
            loop {
                let Some(change) = owners.next().await else {
                    return Ok(());
                };
                if change.args()?.new_owner().is_some() {
                    tracing::info!(service, "service appeared");
                    break;
                }
            }
        }
        let (mut view, mut updates) = match V::open(connection, service).await {
            Ok(opened) => opened,
            Err(err) => {
                tracing::warn!(service, %err, ?retry, "cannot read the service; trying again");
                sink(None);
                // Read again after a while, or at once when the owner changes.
                tokio::select! {
                    () = tokio::time::sleep(retry) => present = true,
                    change = owners.next() => {
                        let Some(change) = change else { return Ok(()) };
                        present = change.args()?.new_owner().is_some();
                    }
                }
                retry = (retry * 2).min(RETRY_MAX);
                continue;
            }
        };
        retry = RETRY_FIRST;
        sink(Some(&view));
        loop {
            tokio::select! {
                change = owners.next() => {
                    let Some(change) = change else { return Ok(()) };
                    let args = change.args()?;
                    if args.new_owner().is_none() {
                        tracing::info!(service, "service vanished");
                        present = false;
                    } else {
                        tracing::info!(service, "service replaced");
                    }
                    break;
                }
                update = updates.next() => match update {
                    Some(update) => {
                        update(&mut view);
                        // A tick signals several properties at once: apply all that already
                        // arrived, then report the view once.
                        let mut ended = false;
                        while let Some(next) = updates.next().now_or_never() {
                            match next {
                                Some(update) => update(&mut view),
                                None => {
                                    ended = true;
                                    break;
                                }
                            }
                        }
                        sink(Some(&view));
                        if ended {
                            present = false;
                            break;
                        }
                    }
                    None => {
                        present = false;
                        break;
                    }
                },
            }
        }
    }
}
