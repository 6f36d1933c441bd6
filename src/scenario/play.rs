//! Playing a scenario against the vehicle service on the bus: each step's Simulation call at its
//! time, and each expectation checked against `Alerts.ActiveAlerts` (or navigation's `Active`
//! and the car's gear) from its time on, for up to `GRACE`. Only what any D-Bus client may do.

use std::time::Duration;

use tokio::time::Instant;
use zbus::Connection;
use zbus::proxy::Proxy;

use super::calls::{HEADLIGHTS, NAVIGATE};
use super::file::{Arg, Call, Expected, Scenario};
use crate::client::CallError;
use crate::contract::navigation::{NavigationError, NavigationProxy};
use crate::contract::vehicle::{self, AlertsProxy, DriveProxy, Gear, SimulationProxy};

/// How long after its time an expectation may take to come true.
pub const GRACE: Duration = Duration::from_secs(3);
/// How long the vehicle service may take to appear on the bus.
const SERVICE_TIMEOUT: Duration = Duration::from_secs(10);

/// What happened while playing, for a log line or the simulator panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Called {
        at: Duration,
        call: String,
    },
    /// The service refused a call; its error names why. Playing goes on.
    Refused {
        at: Duration,
        call: String,
        error: String,
    },
    Checked {
        at: Duration,
        expected: Expected,
        met: bool,
    },
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Called { at, call } => write!(f, "{:>6.1} s  {call}", at.as_secs_f64()),
            Event::Refused { at, call, error } => {
                write!(f, "{:>6.1} s  {call} refused: {error}", at.as_secs_f64())
            }
            Event::Checked { at, expected, met } => write!(
                f,
                "{:>6.1} s  {} {expected}",
                at.as_secs_f64(),
                if *met { "ok  " } else { "FAIL" },
            ),
        }
    }
}

/// How the expectations went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Outcome {
    pub passed: usize,
    pub failed: usize,
    pub refused: usize,
}

/// Plays `scenario` on `connection`, reporting each event as it happens.
pub async fn play(
    connection: &Connection,
    scenario: &Scenario,
    mut report: impl FnMut(Event),
) -> anyhow::Result<Outcome> {
    let simulation = simulation_proxy(connection).await?;
    let alerts = AlertsProxy::new(connection).await?;
    wait_for_service(connection).await?;

    let start = Instant::now();
    let mut outcome = Outcome::default();
    let mut steps = scenario.steps.iter().peekable();
    let mut expects = scenario.expects.iter().peekable();
    loop {
        // Steps due at the same time as a check run first.
        let next_step = steps.peek().map(|s| s.at);
        let next_expect = expects.peek().map(|e| e.at);
        match (next_step, next_expect) {
            (None, None) => break,
            (Some(step_at), expect_at) if expect_at.is_none_or(|e| step_at <= e) => {
                let step = steps.next().expect("peeked");
                tokio::time::sleep_until(start + step.at).await;
                let call = step.call.to_string();
                match invoke(&simulation, &step.call).await {
                    Ok(()) => report(Event::Called { at: step.at, call }),
                    Err(error) => {
                        outcome.refused += 1;
                        report(Event::Refused {
                            at: step.at,
                            call,
                            error,
                        });
                    }
                }
            }
            _ => {
                let expect = expects.next().expect("peeked");
                tokio::time::sleep_until(start + expect.at).await;
                let deadline = Instant::now() + GRACE;
                let met = loop {
                    if holds(connection, &alerts, &expect.what).await? {
                        break true;
                    }
                    if Instant::now() >= deadline {
                        break false;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                };
                if met {
                    outcome.passed += 1;
                } else {
                    outcome.failed += 1;
                }
                report(Event::Checked {
                    at: expect.at,
                    expected: expect.what.clone(),
                    met,
                });
            }
        }
    }
    Ok(outcome)
}

/// Whether `expected` holds now. Navigation that is not on the bus guides nothing.
async fn holds(
    connection: &Connection,
    alerts: &AlertsProxy<'_>,
    expected: &Expected,
) -> zbus::Result<bool> {
    let guiding = async {
        let navigation = NavigationProxy::new(connection).await?;
        zbus::Result::Ok(navigation.active().await.unwrap_or(false))
    };
    Ok(match expected {
        Expected::Alert { id, active } => {
            alerts.active_alerts().await?.iter().any(|a| &a.id == id) == *active
        }
        Expected::Guiding => guiding.await?,
        Expected::Phone(state) => super::phone::holds(connection, *state).await,
        Expected::Arrived => {
            let gear = DriveProxy::new(connection).await?.selected_gear().await?;
            !guiding.await? && gear == Gear::Park
        }
    })
}

/// An untyped proxy for `org.opencabin.Vehicle1.Simulation`: scenario files name its methods.
pub async fn simulation_proxy(connection: &Connection) -> zbus::Result<Proxy<'static>> {
    Proxy::new(
        connection,
        vehicle::bus_name(),
        vehicle::object_path(),
        crate::contract::interface_of::<SimulationProxy<'_>>(),
    )
    .await
}

async fn wait_for_service(connection: &Connection) -> anyhow::Result<()> {
    let dbus = zbus::fdo::DBusProxy::new(connection).await?;
    let deadline = Instant::now() + SERVICE_TIMEOUT;
    let name = zbus::names::BusName::try_from(vehicle::bus_name())?;
    while !dbus.name_has_owner(name.clone()).await? {
        if Instant::now() >= deadline {
            anyhow::bail!("the vehicle service ({name}) is not on the bus");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Sends one call with its arguments typed as the interface declares them.
pub async fn invoke(simulation: &Proxy<'_>, call: &Call) -> Result<(), String> {
    use Arg::{Flag, Number, Text};
    let method = call.method.as_str();
    if let ([Text(query)], NAVIGATE) = (call.args.as_slice(), method) {
        return navigate(simulation.connection(), query)
            .await
            .map_err(|err| format!("{}: {}", err.name, err.message));
    }
    if let Some(outcome) = super::phone::invoke(simulation.connection(), call).await {
        return outcome;
    }
    let result: zbus::Result<()> = match call.args.as_slice() {
        [Number(value)] if method == "SpeedFactor" => simulation
            .set_property("SpeedFactor", *value)
            .await
            .map_err(zbus::Error::from),
        [Text(mode)] if method == HEADLIGHTS => {
            match vehicle::BodyProxy::new(simulation.connection()).await {
                Ok(body) => body.set_headlights(mode.clone()).await,
                Err(err) => Err(err),
            }
        }
        [] => simulation.call(method, &()).await,
        [Flag(a)] => simulation.call(method, &(*a,)).await,
        [Text(a)] => simulation.call(method, &(a.as_str(),)).await,
        [Number(a)] => simulation.call(method, &(*a,)).await,
        [Text(a), Flag(b)] => simulation.call(method, &(a.as_str(), *b)).await,
        [Text(a), Number(b)] => simulation.call(method, &(a.as_str(), *b)).await,
        _ => {
            return Err(format!(
                "{call}: this combination of arguments is not supported"
            ));
        }
    };
    result.map_err(|err| match err {
        zbus::Error::MethodError(name, Some(message), _) => format!("{name}: {message}"),
        err => err.to_string(),
    })
}

/// Sets the first place navigation finds for `query` as the destination; empty words end the
/// route.
async fn navigate(connection: &Connection, query: &str) -> Result<(), CallError> {
    let navigation = NavigationProxy::new(connection).await?;
    if query.trim().is_empty() {
        return Ok(navigation.cancel().await?);
    }
    let found = navigation.search(query).await?;
    let Some(place) = found.first() else {
        let message = format!("{NAVIGATE}: nothing found for \"{query}\"");
        return Err(NavigationError::UnknownPlace(message).into());
    };
    Ok(navigation.set_destination(&place.id).await?)
}
