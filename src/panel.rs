//! The simulator panel of `opencabin sim`: a second window that drives the mock car through
//! `org.opencabin.Vehicle1.Simulation` only, and plays scenarios. The car's state reaches
//! `PanelAdapter` the way it reaches the IVI window: followed through the client into the shared
//! state, coalesced across the crossing (`shell::Shared`); the panel's calls go out over a
//! channel to one task that sends them.

use std::sync::Arc;
use std::time::Duration;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use tokio::sync::mpsc;

use crate::bus::BusChoice;
use crate::scenario::{self, Call, Scenario};
use crate::shell::{Shared, follow_vehicle};
use crate::size::Size;
use crate::ui::{PanelAdapter, ScenarioEntry, SimulatorPanel};
use crate::views::{Parts, UiState};

/// How many lines of the scenario log the panel shows.
const LOG_LINES: usize = 10;

enum Request {
    Call(Call),
    Play(Box<Scenario>),
    /// The IVI window's size, through `org.opencabin.Shell1.WindowSize`.
    Resize(Size),
}

/// Opens the panel beside the IVI window (of `ivi_size`) on the UI thread; `scenario`, if any,
/// starts playing as soon as the vehicle service is on the bus. `set_cluster` starts or stops
/// the driver's display and says whether it runs now. Keep the returned window while the
/// simulator runs.
pub fn open(
    runtime: &tokio::runtime::Handle,
    bus: BusChoice,
    ivi_size: Size,
    scenario: Option<Scenario>,
    set_cluster: impl Fn(bool) -> bool + 'static,
) -> anyhow::Result<SimulatorPanel> {
    let panel = SimulatorPanel::new()?;
    let adapter = panel.global::<PanelAdapter>();
    let entries: Vec<ScenarioEntry> = scenario::builtin_names()
        .filter_map(|name| scenario::builtin(name).ok())
        .map(|s| ScenarioEntry {
            name: s.name.as_str().into(),
            title: s.title.as_str().into(),
            description: s.description.replace('\n', " ").into(),
        })
        .collect();
    adapter.set_scenarios(ModelRc::new(VecModel::from(entries)));
    adapter.set_ivi_size(ivi_size.to_string().into());

    let (requests, received) = mpsc::unbounded_channel();
    let weak = panel.as_weak();
    let calls = requests.clone();
    adapter.on_call(move |method, args| {
        let args: Vec<SharedString> = slint::Model::iter(&args).collect();
        let args: Vec<&str> = args.iter().map(|a| a.as_str()).collect();
        match Call::from_text(&method, &args) {
            Ok(call) => {
                let _ = calls.send(Request::Call(call));
            }
            Err(err) => show_error(&weak, err),
        }
    });
    let plays = requests.clone();
    let weak = panel.as_weak();
    adapter.on_play_scenario(move |name| match scenario::builtin(&name) {
        Ok(scenario) => {
            let _ = plays.send(Request::Play(Box::new(scenario)));
        }
        Err(err) => show_error(&weak, err.to_string()),
    });
    let resizes = requests.clone();
    adapter.on_resize_ivi(move |size| {
        if let Ok(size) = size.parse::<Size>() {
            let _ = resizes.send(Request::Resize(size));
        }
    });
    let weak = panel.as_weak();
    adapter.on_set_cluster(move |on| {
        let running = set_cluster(on);
        if let Some(panel) = weak.upgrade() {
            panel.global::<PanelAdapter>().set_cluster_on(running);
        }
    });
    if let Some(scenario) = scenario {
        let _ = requests.send(Request::Play(Box::new(scenario)));
    }
    let shared = Shared::new(panel.as_weak(), show_state);
    runtime.spawn(drive(bus, shared, panel.as_weak(), received));
    panel.show()?;
    // Beside the IVI window (window managers that place windows themselves may ignore this).
    panel.window().set_position(slint::LogicalPosition::new(
        ivi_size.width as f32 + 16.0,
        0.0,
    ));
    Ok(panel)
}

fn show_error(panel: &slint::Weak<SimulatorPanel>, error: String) {
    tracing::warn!("simulator panel: {error}");
    let shown = panel.upgrade_in_event_loop(move |panel| {
        panel.global::<PanelAdapter>().set_error(error.into());
    });
    if shown.is_err() {
        tracing::debug!("panel gone");
    }
}

/// Sends the panel's calls, plays scenarios and keeps the panel's readout current, reconnecting
/// to the bus when needed.
async fn drive(
    bus: BusChoice,
    shared: Arc<Shared<SimulatorPanel>>,
    panel: slint::Weak<SimulatorPanel>,
    mut requests: mpsc::UnboundedReceiver<Request>,
) {
    let connection = loop {
        match bus.connect().await {
            Ok(connection) => break connection,
            Err(err) => {
                tracing::debug!(%err, "panel: bus not reachable yet");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    let Ok(simulation) = scenario::simulation_proxy(&connection).await else {
        return;
    };
    let calls = async {
        while let Some(request) = requests.recv().await {
            match request {
                Request::Call(call) => {
                    let error = scenario::invoke(&simulation, &call)
                        .await
                        .err()
                        .unwrap_or_default();
                    if !error.is_empty() {
                        tracing::info!(%call, %error, "refused");
                    }
                    let shown = panel.upgrade_in_event_loop(move |panel| {
                        panel.global::<PanelAdapter>().set_error(error.into());
                    });
                    if shown.is_err() {
                        return;
                    }
                }
                Request::Play(scenario) => {
                    tokio::spawn(play(connection.clone(), *scenario, panel.clone()));
                }
                Request::Resize(size) => resize(&connection, size, &panel).await,
            }
        }
    };
    tokio::select! {
        () = calls => {}
        () = follow_vehicle(&connection, &shared, true) => {}
    }
}

/// Asks the IVI window for a new size through Shell1; the panel shows it once it is done.
async fn resize(connection: &zbus::Connection, size: Size, panel: &slint::Weak<SimulatorPanel>) {
    let asked = async {
        let shell = crate::contract::shell::ShellProxy::new(connection).await?;
        shell.set_window_size(size.to_string()).await
    };
    let error = match asked.await {
        Ok(()) => String::new(),
        Err(err) => format!("cannot resize the IVI window: {err}"),
    };
    let _ = panel.upgrade_in_event_loop(move |panel| {
        let adapter = panel.global::<PanelAdapter>();
        if error.is_empty() {
            adapter.set_ivi_size(size.to_string().into());
        }
        adapter.set_error(error.into());
    });
}

/// Plays `scenario`, logging each event and showing the latest in the panel.
async fn play(
    connection: zbus::Connection,
    scenario: Scenario,
    panel: slint::Weak<SimulatorPanel>,
) {
    let name = scenario.name.clone();
    let set = |panel: &slint::Weak<SimulatorPanel>, playing: String, log: String| {
        let _ = panel.upgrade_in_event_loop(move |panel| {
            let adapter = panel.global::<PanelAdapter>();
            adapter.set_playing(playing.into());
            adapter.set_log(log.into());
        });
    };
    tracing::info!(scenario = %name, title = %scenario.title, "playing");
    let mut lines = vec![format!("{}:", scenario.title)];
    lines.push(scenario.description.replace('\n', " "));
    let header = lines.len();
    set(&panel, name.clone(), lines.join("\n"));
    let outcome = scenario::play(&connection, &scenario, |event| {
        tracing::info!(scenario = %name, "{event}");
        lines.push(event.to_string());
        if lines.len() > header + LOG_LINES {
            lines.remove(header);
        }
        set(&panel, name.clone(), lines.join("\n"));
    })
    .await;
    let summary = match outcome {
        Ok(o) => format!(
            "done: {} of {} expectations met",
            o.passed,
            o.passed + o.failed
        ),
        Err(err) => format!("stopped: {err}"),
    };
    tracing::info!(scenario = %name, "{summary}");
    lines.push(summary);
    set(&panel, String::new(), lines.join("\n"));
}

/// The car's state in the panel's readout. Runs on the UI thread.
fn show_state(panel: &SimulatorPanel, state: &UiState, _parts: Parts) {
    let adapter = panel.global::<PanelAdapter>();
    adapter.set_available(state.drive.available);
    adapter.set_speed_kmh(state.drive.speed_kmh as f32);
    adapter.set_gear(state.drive.gear.as_str().into());
    adapter.set_state_of_charge(state.battery.state_of_charge as f32);
    adapter.set_charging(state.battery.is_charging);
    adapter.set_outside_temperature(state.climate.outside_temperature as f32);
    adapter.set_cycle(state.simulation.cycle.as_str().into());
    adapter.set_speed_factor(state.simulation.speed_factor as f32);
    adapter.set_paused(state.simulation.paused);
    adapter.set_manual_speed(state.simulation.manual_speed_kmh as f32);
    let open = state.body.open;
    // Lists are replaced only when they change: a new model rebuilds the buttons it feeds.
    if !same(&adapter.get_open(), &open) {
        adapter.set_open(ModelRc::new(VecModel::from(open.to_vec())));
    }
    let kpa = state.tires.pressure_kpa.map(i32::from);
    if !same(&adapter.get_tire_kpa(), &kpa) {
        adapter.set_tire_kpa(ModelRc::new(VecModel::from(kpa.to_vec())));
    }
    let low = state.tires.low;
    if !same(&adapter.get_tire_low(), &low) {
        adapter.set_tire_low(ModelRc::new(VecModel::from(low.to_vec())));
    }
    let body = &state.body;
    let indicator = match (body.hazard, body.left_indicator, body.right_indicator) {
        (false, true, _) => "left",
        (false, _, true) => "right",
        _ => "off",
    };
    adapter.set_indicator(indicator.into());
    adapter.set_hazard(body.hazard);
    adapter.set_headlights(body.headlights.as_str().into());
    adapter.set_parking_brake(body.parking_brake);
    adapter.set_belted(body.driver_belted);
    let alerts: Vec<&str> = state.alerts.active.iter().map(|a| a.id.as_str()).collect();
    adapter.set_alerts(alerts.join(", ").into());
}

/// Whether `model` holds exactly `values`.
fn same<T: Clone + PartialEq + 'static>(model: &ModelRc<T>, values: &[T]) -> bool {
    use slint::Model;
    model.row_count() == values.len() && model.iter().zip(values).all(|(a, b)| a == *b)
}
