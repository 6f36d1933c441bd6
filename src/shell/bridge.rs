//! The one crossing between tokio (all D-Bus I/O) and Slint (the main thread).
//! Service events update a shared `UiState`; at most one update is queued to the event loop at a
//! time, so a 100 Hz signal costs at most one UI update per frame. User intents leave Slint as
//! `UiAction`s over a channel to the tokio side. The UI thread never waits on D-Bus.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use tokio::sync::mpsc;

use super::energy::EnergyHistory;
use super::restrictions;
use super::state::{
    AlertsView, BatteryView, BodyView, ClimateView, DriveView, MediaView, ServiceView, TiresView,
    UiState,
};
use crate::bus::BusChoice;
use crate::media::client::{Command, MprisClient};
use crate::mirror;
use crate::ui::{
    AlertEntry, AppWindow, ClimateAdapter, MediaAdapter, PlayerEntry, QueueEntry,
    RestrictionsAdapter, ShellAdapter, VehicleAdapter,
};
use crate::vehicle;

/// How long to wait before connecting again when the bus is unreachable or was lost.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);
/// How long a message about a refused change stays up.
const TOAST_DURATION: Duration = Duration::from_secs(4);

/// What the user asked for, on its way to a service.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Set a writable property of `org.opencabin.Vehicle1.Climate`.
    SetClimate(&'static str, ClimateValue),
    Media(Command),
    SelectPlayer(String),
    /// Set `org.opencabin.Vehicle1.Battery.ChargeLimit`, %.
    SetChargeLimit(u8),
    /// Call `org.opencabin.Vehicle1.Drive.ResetTrip`.
    ResetTrip,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClimateValue {
    Temperature(f64),
    Level(u8),
    Switch(bool),
}

thread_local! {
    /// The state last written to the window: models (lists, paths) are rebuilt only when their
    /// part changed, so a 20 Hz speed does not re-create the queue's rows.
    static SHOWN: RefCell<Option<UiState>> = const { RefCell::new(None) };
}

/// Writes `state` into the window's adapter globals. Runs on the UI thread (one window per
/// thread, as in the UI process and the screenshot command).
pub fn apply(window: &AppWindow, state: &UiState) {
    let previous = SHOWN.with(|shown| shown.replace(Some(state.clone())));
    let previous = previous.as_ref();
    let vehicle = window.global::<VehicleAdapter>();
    let (drive, battery) = (&state.drive, &state.battery);
    vehicle.set_available(drive.available);
    vehicle.set_speed_kmh(drive.speed_kmh as f32);
    vehicle.set_gear(drive.gear.as_str().into());
    vehicle.set_driving_state(drive.driving_state.as_str().into());
    vehicle.set_trip_distance_km(drive.trip_distance_m as f32 / 1000.0);
    vehicle.set_trip_time_s(drive.trip_time_s as i32);
    vehicle.set_trip_consumption(drive.trip_consumption as f32);
    vehicle.set_power_kw(drive.power_kw as f32);
    vehicle.set_state_of_charge(battery.state_of_charge as f32);
    vehicle.set_range_km(battery.range_m as f32 / 1000.0);
    vehicle.set_charging(battery.is_charging);
    if previous.is_none_or(|p| p.alerts != state.alerts) {
        vehicle.set_alerts(ModelRc::new(VecModel::from(alert_entries(state))));
    }
    apply_car(&vehicle, state, previous);

    // Without the vehicle service the car's motion is unknown: restrict, as when moving.
    let rules = restrictions::for_state(if drive.available {
        &drive.driving_state
    } else {
        ""
    });
    let limits = window.global::<RestrictionsAdapter>();
    limits.set_active(rules.active);
    limits.set_max_list_items(rules.max_list_items as i32);
    limits.set_browse_sources(rules.browse_sources);
    limits.set_deep_settings(rules.deep_settings);

    let climate = window.global::<ClimateAdapter>();
    let c = &state.climate;
    climate.set_driver_target(c.driver_target as f32);
    climate.set_passenger_target(c.passenger_target as f32);
    climate.set_cabin_temperature(c.cabin_temperature as f32);
    climate.set_outside_temperature(c.outside_temperature as f32);
    climate.set_fan_level(i32::from(c.fan_level));
    climate.set_auto_mode(c.auto_mode);
    climate.set_air_conditioning(c.air_conditioning);
    climate.set_recirculation(c.recirculation);
    climate.set_front_defrost(c.front_defrost);
    climate.set_rear_defrost(c.rear_defrost);
    climate.set_driver_seat_heating(i32::from(c.driver_seat_heating));
    climate.set_passenger_seat_heating(i32::from(c.passenger_seat_heating));
    climate.set_sync(c.sync);

    if previous.is_none_or(|p| p.media != state.media) {
        apply_media(window, &state.media);
    }
}

/// Body, tires, charging details, trip and energy plots.
fn apply_car(vehicle: &VehicleAdapter, state: &UiState, previous: Option<&UiState>) {
    let (body, tires, battery, drive) = (&state.body, &state.tires, &state.battery, &state.drive);
    vehicle.set_front_left_open(body.front_left_open);
    vehicle.set_front_right_open(body.front_right_open);
    vehicle.set_rear_left_open(body.rear_left_open);
    vehicle.set_rear_right_open(body.rear_right_open);
    vehicle.set_trunk_open(body.trunk_open);
    vehicle.set_frunk_open(body.frunk_open);
    vehicle.set_locked(body.locked);
    vehicle.set_child_lock(body.child_lock);
    if previous.is_none_or(|p| p.tires != *tires) {
        vehicle.set_tire_pressure(ModelRc::new(VecModel::from(
            tires.pressures_kpa().map(i32::from).to_vec(),
        )));
        vehicle.set_tire_low(ModelRc::new(VecModel::from(tires.low().to_vec())));
    }
    vehicle.set_charging_power_kw(battery.charging_power_kw as f32);
    vehicle.set_time_to_full_min((battery.time_to_full_s / 60) as i32);
    vehicle.set_charge_limit(i32::from(battery.charge_limit));
    vehicle.set_average_speed(drive.average_speed as f32);
    vehicle.set_recent_consumption(drive.recent_consumption as f32);
    if previous.is_none_or(|p| p.energy != state.energy) {
        vehicle.set_consumption_path(state.energy.consumption_path().into());
        vehicle.set_power_path(state.energy.power_path().into());
    }
    vehicle.set_average_y(EnergyHistory::consumption_y(drive.trip_consumption) as f32);
    vehicle.set_power_zero_y(EnergyHistory::power_y(0.0) as f32);
}

/// The active alerts, most severe first (then oldest first); none while the service is away.
fn alert_entries(state: &UiState) -> Vec<AlertEntry> {
    if !state.alerts.available {
        return Vec::new();
    }
    let rank = |severity: &str| match severity {
        "critical" => 0,
        "warning" => 1,
        _ => 2,
    };
    let mut alerts = state.alerts.active.clone();
    alerts.sort_by_key(|(_, severity, _, since)| (rank(severity), *since));
    alerts
        .into_iter()
        .map(|(id, severity, text_key, _)| AlertEntry {
            id: id.into(),
            severity: severity.into(),
            text_key: text_key.into(),
        })
        .collect()
}

fn apply_media(window: &AppWindow, m: &MediaView) {
    let media = window.global::<MediaAdapter>();
    media.set_available(m.available);
    media.set_player_identity(m.identity.as_str().into());
    let players: Vec<PlayerEntry> = m
        .players
        .iter()
        .map(|(bus_name, identity, playing)| PlayerEntry {
            bus_name: bus_name.into(),
            identity: identity.into(),
            playing: *playing,
        })
        .collect();
    media.set_players(ModelRc::new(VecModel::from(players)));
    media.set_active_player(m.active.as_str().into());
    media.set_title(m.title.as_str().into());
    media.set_artist(m.artist.as_str().into());
    media.set_album(m.album.as_str().into());
    let cover = cover_image(m.art_path.as_deref());
    media.set_has_cover(cover.is_some());
    media.set_cover(cover.unwrap_or_default());
    media.set_playing(m.playing);
    media.set_position(m.position_s(Instant::now()) as f32);
    media.set_length((m.length_us as f64 / 1e6) as f32);
    media.set_can_seek(m.can_seek);
    media.set_can_go_next(m.can_go_next);
    media.set_can_go_previous(m.can_go_previous);
    media.set_shuffle(m.shuffle);
    media.set_loop_status(m.loop_status.as_str().into());
    media.set_volume(m.volume as f32);
    let queue: Vec<QueueEntry> = m
        .queue
        .iter()
        .map(|(id, title, artist, length_us)| QueueEntry {
            id: id.into(),
            title: title.into(),
            artist: artist.into(),
            length: if *length_us > 0 {
                format!(
                    "{}:{:02}",
                    length_us / 60_000_000,
                    length_us / 1_000_000 % 60
                )
                .into()
            } else {
                SharedString::default()
            },
        })
        .collect();
    media.set_queue(ModelRc::new(VecModel::from(queue)));
    media.set_current_id(m.track_id.as_str().into());
    media.set_source(m.source.as_str().into());
}

thread_local! {
    /// The last cover decoded, by path: covers change with the track, not with every update.
    static COVER: RefCell<Option<(String, Option<slint::Image>)>> = const { RefCell::new(None) };
}

fn cover_image(path: Option<&str>) -> Option<slint::Image> {
    let path = path?;
    COVER.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((cached, image)) = cache.as_ref()
            && cached == path
        {
            return image.clone();
        }
        let image = slint::Image::load_from_path(std::path::Path::new(path))
            .inspect_err(|err| tracing::warn!(path, ?err, "cannot load cover art"))
            .ok();
        *cache = Some((path.to_string(), image.clone()));
        image
    })
}

/// Shows a short message over the dock for a few seconds.
pub fn show_toast(window: &AppWindow, message: &str) {
    let shell = window.global::<ShellAdapter>();
    shell.set_toast(message.into());
    let weak = window.as_weak();
    let shown: SharedString = message.into();
    slint::Timer::single_shot(TOAST_DURATION, move || {
        if let Some(window) = weak.upgrade()
            && window.global::<ShellAdapter>().get_toast() == shown
        {
            window
                .global::<ShellAdapter>()
                .set_toast(SharedString::default());
        }
    });
}

/// Something told of every state change.
type StateObserver = Box<dyn Fn(&UiState) + Send>;

/// The state shared by the tokio side and the UI thread.
pub struct Shared {
    state: Mutex<UiState>,
    /// True while an update is queued to the event loop and not yet applied.
    queued: AtomicBool,
    window: slint::Weak<AppWindow>,
    /// Called after every state change (the Shell1 service signals availability flips).
    on_change: Mutex<Option<StateObserver>>,
}

impl Shared {
    /// The media position extrapolated to `now`, s, read without copying the state.
    fn media_position(&self, now: Instant) -> f64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .media
            .position_s(now)
    }

    pub fn state(&self) -> UiState {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Registers the one observer of state changes.
    pub fn on_change(&self, observer: impl Fn(&UiState) + Send + 'static) {
        *self
            .on_change
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Box::new(observer));
    }

    fn update(self: &Arc<Self>, change: impl FnOnce(&mut UiState)) {
        {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            change(&mut state);
            // The observer only compares and rings: call it under the lock rather than copy the
            // whole state on every (up to 100 Hz) change.
            if let Some(observer) = &*self
                .on_change
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
            {
                observer(&state);
            }
        }
        if self.queued.swap(true, Ordering::AcqRel) {
            return; // the queued update will read this change too
        }
        let shared = self.clone();
        let queued = self.window.upgrade_in_event_loop(move |window| {
            // Clear first: a change that lands while we read queues a fresh update.
            shared.queued.store(false, Ordering::Release);
            apply(&window, &shared.state());
        });
        if let Err(err) = queued {
            tracing::debug!(%err, "UI event loop gone; update dropped");
        }
    }

    fn toast(&self, message: String) {
        let shown = self
            .window
            .upgrade_in_event_loop(move |window| show_toast(&window, &message));
        if let Err(err) = shown {
            tracing::debug!(%err, "UI event loop gone; message dropped");
        }
    }
}

/// The running bridge: the shared state, and the UI-thread timer that moves the media position.
pub struct Bridge {
    pub shared: Arc<Shared>,
    _position_ticker: slint::Timer,
}

/// Starts following every service on `bus` for `window`, on `runtime`, and wires the window's
/// callbacks to the services. The tasks end with the runtime; keep the `Bridge` while the window
/// lives.
pub fn start(runtime: &tokio::runtime::Handle, bus: BusChoice, window: &AppWindow) -> Bridge {
    let shared = Arc::new(Shared {
        state: Mutex::default(),
        queued: AtomicBool::new(false),
        window: window.as_weak(),
        on_change: Mutex::new(None),
    });
    apply(window, &UiState::default());
    let (actions, requests) = mpsc::unbounded_channel();
    wire_callbacks(window, actions);
    let position_ticker = start_position_ticker(window, shared.clone());
    runtime.spawn(follow_services(bus, shared.clone(), requests));
    Bridge {
        shared,
        _position_ticker: position_ticker,
    }
}

/// The media position moves between updates: extrapolate it on the UI thread twice a second.
fn start_position_ticker(window: &AppWindow, shared: Arc<Shared>) -> slint::Timer {
    let weak = window.as_weak();
    let timer = slint::Timer::default();
    timer.start(
        slint::TimerMode::Repeated,
        Duration::from_millis(500),
        move || {
            if let Some(window) = weak.upgrade() {
                let position = shared.media_position(Instant::now());
                window
                    .global::<MediaAdapter>()
                    .set_position(position as f32);
            }
        },
    );
    timer
}

fn wire_callbacks(window: &AppWindow, actions: mpsc::UnboundedSender<UiAction>) {
    let send = move |action: UiAction| {
        if actions.send(action).is_err() {
            tracing::warn!("D-Bus side gone; action dropped");
        }
    };
    let climate = window.global::<ClimateAdapter>();
    let temperature = |property: &'static str| {
        let send = send.clone();
        move |value: f32| {
            send(UiAction::SetClimate(
                property,
                ClimateValue::Temperature(f64::from(value)),
            ))
        }
    };
    let level = |property: &'static str| {
        let send = send.clone();
        move |value: i32| {
            send(UiAction::SetClimate(
                property,
                ClimateValue::Level(value.clamp(0, 255) as u8),
            ))
        }
    };
    let switch = |property: &'static str| {
        let send = send.clone();
        move |value: bool| send(UiAction::SetClimate(property, ClimateValue::Switch(value)))
    };
    climate.on_set_driver_target(temperature("DriverTargetTemperature"));
    climate.on_set_passenger_target(temperature("PassengerTargetTemperature"));
    climate.on_set_fan_level(level("FanLevel"));
    climate.on_set_driver_seat_heating(level("DriverSeatHeating"));
    climate.on_set_passenger_seat_heating(level("PassengerSeatHeating"));
    climate.on_set_auto_mode(switch("AutoMode"));
    climate.on_set_air_conditioning(switch("AirConditioning"));
    climate.on_set_recirculation(switch("Recirculation"));
    climate.on_set_front_defrost(switch("FrontDefrost"));
    climate.on_set_rear_defrost(switch("RearDefrost"));
    climate.on_set_sync(switch("Sync"));

    let vehicle = window.global::<VehicleAdapter>();
    let s = send.clone();
    vehicle.on_set_charge_limit(move |percent| {
        s(UiAction::SetChargeLimit(percent.clamp(0, 255) as u8))
    });
    let s = send.clone();
    vehicle.on_reset_trip(move || s(UiAction::ResetTrip));

    let media = window.global::<MediaAdapter>();
    let command = |make: fn() -> Command| {
        let send = send.clone();
        move || send(UiAction::Media(make()))
    };
    media.on_play_pause(command(|| Command::PlayPause));
    media.on_next(command(|| Command::Next));
    media.on_previous(command(|| Command::Previous));
    let s = send.clone();
    let weak = window.as_weak();
    media.on_seek_to(move |seconds| {
        let Some(window) = weak.upgrade() else { return };
        let track = window.global::<MediaAdapter>().get_current_id().to_string();
        s(UiAction::Media(Command::SetPosition(
            track,
            (f64::from(seconds) * 1e6) as i64,
        )));
    });
    let s = send.clone();
    media.on_set_volume(move |volume| s(UiAction::Media(Command::SetVolume(f64::from(volume)))));
    let s = send.clone();
    media.on_set_shuffle(move |on| s(UiAction::Media(Command::SetShuffle(on))));
    let s = send.clone();
    media.on_set_loop_status(move |status| {
        s(UiAction::Media(Command::SetLoopStatus(status.to_string())))
    });
    let s = send.clone();
    media.on_go_to(move |id| s(UiAction::Media(Command::GoTo(id.to_string()))));
    let s = send.clone();
    media.on_select_source(move |source| {
        s(UiAction::Media(Command::SelectSource(source.to_string())))
    });
    media.on_select_player(move |bus_name| send(UiAction::SelectPlayer(bus_name.to_string())));
}

/// Connects to the bus (again and again if it is unreachable or lost), follows each service, and
/// carries out the user's actions.
async fn follow_services(
    bus: BusChoice,
    shared: Arc<Shared>,
    mut actions: mpsc::UnboundedReceiver<UiAction>,
) {
    let mut warned = false;
    loop {
        match bus.connect().await {
            Ok(connection) => {
                warned = false;
                tracing::info!(%bus, "connected to the bus");
                match MprisClient::start(connection.clone()).await {
                    Ok(client) => {
                        tokio::select! {
                            () = follow_all(&connection, &shared, &client) => {}
                            () = carry_out(&connection, &client, &shared, &mut actions) => {}
                        }
                    }
                    Err(err) => tracing::warn!(%err, "cannot follow media players"),
                }
                tracing::warn!(%bus, "lost the bus; reconnecting");
            }
            Err(err) if !warned => {
                warned = true;
                tracing::warn!(%bus, %err, "cannot connect to the bus; retrying every second");
            }
            Err(_) => {}
        }
        shared.update(|state| *state = UiState::default());
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

async fn follow_all(connection: &zbus::Connection, shared: &Arc<Shared>, client: &MprisClient) {
    let mut players = client.subscribe();
    let media = async {
        loop {
            let view = MediaView::from_mpris(&players.borrow_and_update());
            shared.update(|state| state.media = view);
            if players.changed().await.is_err() {
                break;
            }
        }
    };
    tokio::join!(
        follow::<DriveView>(connection, shared, |s| &mut s.drive),
        follow::<BatteryView>(connection, shared, |s| &mut s.battery),
        follow::<ClimateView>(connection, shared, |s| &mut s.climate),
        follow::<AlertsView>(connection, shared, |s| &mut s.alerts),
        follow::<BodyView>(connection, shared, |s| &mut s.body),
        follow::<TiresView>(connection, shared, |s| &mut s.tires),
        media,
        sample_energy(shared),
    );
}

/// Records consumption and power once a second while the car is live (for the vehicle page).
async fn sample_energy(shared: &Arc<Shared>) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    loop {
        ticks.tick().await;
        shared.update(|state| {
            let drive = &state.drive;
            if drive.available {
                let odometer_km = f64::from(drive.odometer_m) / 1000.0;
                state
                    .energy
                    .sample(odometer_km, drive.recent_consumption, drive.power_kw);
            }
        });
    }
}

/// Mirrors one service interface into its view until the connection ends.
async fn follow<V: ServiceView>(
    connection: &zbus::Connection,
    shared: &Arc<Shared>,
    view: fn(&mut UiState) -> &mut V,
) {
    let outcome = mirror::follow(connection, &V::REMOTE, |presence| {
        shared.update(|state| view(state).update(&presence));
    })
    .await;
    if let Err(err) = outcome {
        tracing::warn!(interface = %V::REMOTE.interface, %err, "stopped following");
    }
    shared.update(|state| view(state).set_available(false));
}

/// Sends each action to its service; a refused one becomes a short message, and the control
/// keeps showing the service's value.
async fn carry_out(
    connection: &zbus::Connection,
    client: &MprisClient,
    shared: &Arc<Shared>,
    actions: &mut mpsc::UnboundedReceiver<UiAction>,
) {
    while let Some(action) = actions.recv().await {
        tracing::debug!(?action, "user action");
        let outcome = match action {
            UiAction::SetClimate(property, value) => set_climate(connection, property, value).await,
            UiAction::Media(command) => client.send(command).await,
            UiAction::SelectPlayer(bus_name) => {
                client.select(&bus_name);
                Ok(())
            }
            UiAction::SetChargeLimit(percent) => {
                vehicle_call(
                    connection,
                    "org.opencabin.Vehicle1.Battery",
                    |p| async move {
                        p.set_property("ChargeLimit", percent)
                            .await
                            .map_err(Into::into)
                    },
                )
                .await
            }
            UiAction::ResetTrip => {
                vehicle_call(connection, vehicle::DRIVE_INTERFACE, |p| async move {
                    p.call_method("ResetTrip", &()).await.map(drop)
                })
                .await
            }
        };
        if let Err(err) = outcome {
            tracing::info!(%err, "action refused");
            shared.toast(refusal_text(&err));
        }
    }
}

/// Runs `call` on a proxy of one vehicle interface.
async fn vehicle_call<F, Fut>(
    connection: &zbus::Connection,
    interface: &'static str,
    call: F,
) -> zbus::Result<()>
where
    F: FnOnce(zbus::Proxy<'static>) -> Fut,
    Fut: std::future::Future<Output = zbus::Result<()>>,
{
    call(
        zbus::Proxy::new(
            connection,
            vehicle::BUS_NAME,
            vehicle::OBJECT_PATH,
            interface,
        )
        .await?,
    )
    .await
}

async fn set_climate(
    connection: &zbus::Connection,
    property: &str,
    value: ClimateValue,
) -> zbus::Result<()> {
    let climate = zbus::Proxy::new(
        connection,
        vehicle::BUS_NAME,
        vehicle::OBJECT_PATH,
        "org.opencabin.Vehicle1.Climate",
    )
    .await?;
    match value {
        ClimateValue::Temperature(v) => climate.set_property(property, v).await?,
        ClimateValue::Level(v) => climate.set_property(property, v).await?,
        ClimateValue::Switch(v) => climate.set_property(property, v).await?,
    }
    Ok(())
}

/// The human part of a D-Bus error: its message, without the error name.
fn refusal_text(err: &zbus::Error) -> String {
    match err {
        zbus::Error::MethodError(_, Some(message), _) => message.clone(),
        zbus::Error::FDO(fdo) => fdo.to_string(),
        other => other.to_string(),
    }
}
