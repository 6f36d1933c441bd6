//! Runs the companion: owns `org.opencabin.Companion1` (built with its object, so no call is
//! lost), follows the car and the media players, listens for the phone's HTTP, and publishes
//! the pairing's changes, including its expiry when its 2 minutes are up.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::Options;
use super::car::{CarParts, follow_car};
use super::handle::{CompanionHandle, unix_now};
use super::http::{self, AllowedHosts, App, router};
use super::store::{self, Store};
use crate::bus::BusChoice;
use crate::client::mpris::MprisClient;
use crate::contract::companion::{self, Companion};
use crate::publish::Published;

pub async fn serve(bus: BusChoice, options: Options) -> anyhow::Result<()> {
    let state_path = options.state.clone().unwrap_or_else(store::default_path);
    let store = Store::load(&state_path);
    let listener = TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("cannot listen on {}", options.listen))?;
    let listen = listener.local_addr()?;
    let hosts = AllowedHosts::new(listen, &options.allowed_hosts);
    let published = Published::default();
    let handle = CompanionHandle::new(store, page_origin(&options, listen), published.clone());

    let name = companion::bus_name();
    let connection = bus
        .builder()
        .name(name)
        .serve_at(
            companion::object_path(),
            Companion {
                backend: handle.clone(),
            },
        )
        .build()
        .await
        .with_context(|| format!("cannot serve {name} on the {bus} bus"))?;
    let (parts, car) = watch::channel(CarParts::default());
    let (driving_state, driving) = watch::channel(None);
    tokio::spawn(follow_car(connection.clone(), parts, driving_state));
    let media = MprisClient::start(connection.clone())
        .await
        .context("cannot follow the media players")?;
    let app = App {
        handle: handle.clone(),
        connection: connection.clone(),
        car,
        driving,
        media: Arc::new(media),
        hosts: Arc::new(hosts),
    };
    let http = http::serve(listener, router(app));
    let page = format!("http://{listen}/");
    tracing::info!(bus = %bus, %page, state = %state_path.display(), "companion ready");
    crate::systemd::ready(&connection, name);

    let publishing = publish_changes(&connection, &handle, &published);
    tokio::select! {
        served = http => served.context("the page's server stopped"),
        published = publishing => published,
    }
}

/// Publishes `Companion1`'s changes when asked, and when the offered pairing runs out.
async fn publish_changes(
    connection: &zbus::Connection,
    handle: &CompanionHandle,
    published: &Published,
) -> anyhow::Result<()> {
    loop {
        published
            .publish::<Companion<CompanionHandle>>(connection, companion::object_path(), &[])
            .await?;
        let expiry = handle.pairing_deadline().map(|at| {
            let seconds = u64::try_from(at - unix_now()).unwrap_or(0);
            Duration::from_secs(seconds) + Duration::from_millis(50)
        });
        tokio::select! {
            () = published.rung() => {}
            () = tokio::time::sleep(expiry.unwrap_or_default()), if expiry.is_some() => {}
        }
    }
}

/// The origin the pairing URL names: the listening address, or on all addresses the first
/// allowed host name (the car's LAN name).
fn page_origin(options: &Options, listen: std::net::SocketAddr) -> String {
    match options.allowed_hosts.first() {
        Some(name) if listen.ip().is_unspecified() => format!("http://{name}:{}", listen.port()),
        _ => format!("http://{listen}"),
    }
}
