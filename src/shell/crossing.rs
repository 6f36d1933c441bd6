//! The one crossing from tokio (all D-Bus I/O) to Slint (the main thread). Service events change
//! a shared `UiState` and mark the parts they changed; at most one update is queued to the
//! event loop at a time, and it shows only the marked parts, so a 100 Hz signal costs at most
//! one UI update per frame and a changing speed never rebuilds the queue's rows.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::client::Live;
use crate::client::companion::CompanionState;
use crate::client::navigation::ServedMap;
use crate::client::phone::PhoneState;
use crate::contract::navigation::NavigationState;
use crate::contract::vehicle::{
    AlertsState, BatteryState, BodyState, ClimateState, DriveState, LocationState, SimulationState,
    TiresState,
};
use slint::ComponentHandle;

use crate::ui::AppWindow;
use crate::views::{ContactsView, EnergyHistory, MediaView, Parts, SearchView, UiState};

/// Something told of every state change (the Shell1 service signals availability flips).
type StateObserver = Box<dyn Fn(&UiState) + Send>;

/// The state and the parts changed since the window last showed it.
#[derive(Default)]
struct Pending {
    state: UiState,
    changed: Parts,
}

/// Writes the changed parts of the state into a window; runs on the UI thread.
pub type Show<W> = fn(&W, &UiState, Parts);

/// The state shared by the tokio side and the UI thread of one window (the IVI window, or the
/// simulator panel).
pub struct Shared<W: ComponentHandle = AppWindow> {
    pending: Mutex<Pending>,
    /// True while an update is queued to the event loop and not yet applied.
    queued: AtomicBool,
    window: slint::Weak<W>,
    show: Show<W>,
    /// Called after every state change.
    on_change: Mutex<Option<StateObserver>>,
}

impl<W: ComponentHandle + 'static> Shared<W> {
    pub fn new(window: slint::Weak<W>, show: Show<W>) -> Arc<Self> {
        Arc::new(Shared {
            pending: Mutex::default(),
            queued: AtomicBool::new(false),
            window,
            show,
            on_change: Mutex::new(None),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads the state without copying it.
    pub fn read<T>(&self, read: impl FnOnce(&UiState) -> T) -> T {
        read(&self.lock().state)
    }

    /// Registers the one observer of state changes.
    pub fn on_change(&self, observer: impl Fn(&UiState) + Send + 'static) {
        *self
            .on_change
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Box::new(observer));
    }

    /// Changes the state; `parts` are the parts `change` may touch, and those that really
    /// changed are shown at the next update.
    pub fn update(self: &Arc<Self>, parts: Parts, change: impl FnOnce(&mut UiState)) {
        {
            let mut pending = self.lock();
            let before = Before::take(&pending.state, parts);
            change(&mut pending.state);
            let changed = before.changed(&pending.state);
            if changed == Parts::NONE {
                return;
            }
            pending.changed |= changed;
            // The observer only compares and rings: call it under the lock rather than copy the
            // state once more.
            if let Some(observer) = &*self
                .on_change
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
            {
                observer(&pending.state);
            }
        }
        if self.queued.swap(true, Ordering::AcqRel) {
            return; // the queued update will show this change too
        }
        let shared = self.clone();
        let queued = self.window.upgrade_in_event_loop(move |window| {
            // Clear first: a change that lands while we read queues a fresh update.
            shared.queued.store(false, Ordering::Release);
            let (state, changed) = {
                let mut pending = shared.lock();
                (
                    pending.state.clone(),
                    std::mem::replace(&mut pending.changed, Parts::NONE),
                )
            };
            (shared.show)(&window, &state, changed);
        });
        if let Err(err) = queued {
            tracing::debug!(%err, "UI event loop gone; update dropped");
        }
    }

    /// Runs `run` on the UI thread with the window.
    pub fn on_ui(&self, run: impl FnOnce(W) + Send + 'static) {
        if let Err(err) = self.window.upgrade_in_event_loop(run) {
            tracing::debug!(%err, "UI event loop gone");
        }
    }
}

/// The parts an update may touch, as they were before it (only those are copied).
struct Before {
    drive: Option<Live<DriveState>>,
    battery: Option<Live<BatteryState>>,
    body: Option<Live<BodyState>>,
    tires: Option<Live<TiresState>>,
    climate: Option<Live<ClimateState>>,
    alerts: Option<Live<AlertsState>>,
    simulation: Option<Live<SimulationState>>,
    energy: Option<EnergyHistory>,
    media: Option<MediaView>,
    location: Option<Live<LocationState>>,
    navigation: Option<Live<NavigationState>>,
    map: Option<Option<ServedMap>>,
    search: Option<SearchView>,
    phone: Option<Live<PhoneState>>,
    contacts: Option<ContactsView>,
    companion: Option<Live<CompanionState>>,
}

impl Before {
    fn take(state: &UiState, parts: Parts) -> Self {
        let copy = |part: Parts| parts.contains(part);
        Before {
            drive: copy(Parts::DRIVE).then(|| state.drive.clone()),
            battery: copy(Parts::BATTERY).then(|| state.battery.clone()),
            body: copy(Parts::BODY).then(|| state.body.clone()),
            tires: copy(Parts::TIRES).then(|| state.tires.clone()),
            climate: copy(Parts::CLIMATE).then(|| state.climate.clone()),
            alerts: copy(Parts::ALERTS).then(|| state.alerts.clone()),
            simulation: copy(Parts::SIMULATION).then(|| state.simulation.clone()),
            energy: copy(Parts::ENERGY).then(|| state.energy.clone()),
            media: parts
                .intersects(Parts::MEDIA | Parts::COVER)
                .then(|| state.media.clone()),
            location: copy(Parts::LOCATION).then(|| state.location.clone()),
            navigation: copy(Parts::NAVIGATION).then(|| state.navigation.clone()),
            map: copy(Parts::MAP).then(|| state.map.clone()),
            search: copy(Parts::SEARCH).then(|| state.search.clone()),
            phone: copy(Parts::PHONE).then(|| state.phone.clone()),
            contacts: copy(Parts::CONTACTS).then(|| state.contacts.clone()),
            companion: copy(Parts::COMPANION).then(|| state.companion.clone()),
        }
    }

    /// The parts that now differ.
    fn changed(&self, after: &UiState) -> Parts {
        fn differs<T: PartialEq>(before: &Option<T>, after: &T) -> bool {
            before.as_ref().is_some_and(|b| b != after)
        }
        let mut changed = Parts::NONE;
        let mut mark = |part: Parts, differs: bool| {
            if differs {
                changed |= part;
            }
        };
        mark(Parts::DRIVE, differs(&self.drive, &after.drive));
        mark(Parts::BATTERY, differs(&self.battery, &after.battery));
        mark(Parts::BODY, differs(&self.body, &after.body));
        mark(Parts::TIRES, differs(&self.tires, &after.tires));
        mark(Parts::CLIMATE, differs(&self.climate, &after.climate));
        mark(Parts::ALERTS, differs(&self.alerts, &after.alerts));
        mark(
            Parts::SIMULATION,
            differs(&self.simulation, &after.simulation),
        );
        mark(Parts::ENERGY, differs(&self.energy, &after.energy));
        mark(Parts::MEDIA, differs(&self.media, &after.media));
        mark(Parts::LOCATION, differs(&self.location, &after.location));
        mark(
            Parts::NAVIGATION,
            differs(&self.navigation, &after.navigation),
        );
        mark(Parts::MAP, differs(&self.map, &after.map));
        mark(Parts::SEARCH, differs(&self.search, &after.search));
        mark(Parts::PHONE, differs(&self.phone, &after.phone));
        mark(Parts::CONTACTS, differs(&self.contacts, &after.contacts));
        mark(Parts::COMPANION, differs(&self.companion, &after.companion));
        mark(
            Parts::COVER,
            self.media
                .as_ref()
                .is_some_and(|m| m.cover_path() != after.media.cover_path()),
        );
        changed
    }
}

/// The media position moves between updates: extrapolate it on the UI thread twice a second.
/// Keep the timer while the window lives.
pub fn start_position_ticker(window: &AppWindow, shared: Arc<Shared>) -> slint::Timer {
    let weak = window.as_weak();
    let timer = slint::Timer::default();
    timer.start(
        slint::TimerMode::Repeated,
        Duration::from_millis(500),
        move || {
            if let Some(window) = weak.upgrade() {
                shared
                    .read(|state| crate::ivi::show_position(&window, &state.media, Instant::now()));
            }
        },
    );
    timer
}
