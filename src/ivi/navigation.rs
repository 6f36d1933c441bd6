//! `NavigationAdapter`: guidance, search results, favourites and recent destinations, and the
//! driver's navigation requests; the map view itself is `map_screen`.

use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::map_screen;
use crate::client::navigation::Request;
use crate::contract::navigation::{NavigationState, Place};
use crate::ui::{AppWindow, NavigationAdapter, PlaceEntry};
use crate::views::{Parts, UiState};

/// Shows the parts of navigation that changed.
pub fn show(window: &AppWindow, state: &UiState, parts: Parts) {
    let adapter = window.global::<NavigationAdapter>();
    if parts.contains(Parts::NAVIGATION) {
        let navigation = &state.navigation;
        adapter.set_available(navigation.available);
        show_guidance(&adapter, navigation.available.then_some(&navigation.view));
        let favourites: Vec<PlaceEntry> = navigation
            .favourites
            .iter()
            .map(|f| entry(&f.place, &f.label))
            .collect();
        // Guidance changes these parts several times a second; the lists' rows are rebuilt
        // only when the places themselves changed.
        if !same(&adapter.get_favourites(), &favourites) {
            adapter.set_favourites(model(favourites));
        }
        let recent: Vec<PlaceEntry> = navigation.recent.iter().map(|p| entry(p, "")).collect();
        if !same(&adapter.get_recent(), &recent) {
            adapter.set_recent(model(recent));
        }
    }
    if parts.contains(Parts::SEARCH) {
        let search = &state.search;
        adapter.set_query(search.query.as_str().into());
        adapter.set_results(model(search.results.iter().map(|p| entry(p, "")).collect()));
        adapter.set_previewing(search.preview.is_some());
        if let Some(preview) = &search.preview {
            adapter.set_preview_id(preview.id.as_str().into());
            adapter.set_preview_name(preview.name.as_str().into());
            adapter.set_preview_m(preview.metres as f32);
            adapter.set_preview_s(preview.seconds as f32);
        }
    }
    if parts.contains(Parts::MAP) {
        let attribution = state.map.as_ref().map(|m| m.attribution.as_str());
        adapter.set_attribution(attribution.unwrap_or_default().into());
    }
    if parts.intersects(Parts::MAP | Parts::NAVIGATION | Parts::LOCATION | Parts::DRIVE) {
        map_screen::show(window, state, parts);
    }
}

/// The next maneuver and what is left of the route; the "no route" state without one.
fn show_guidance(adapter: &NavigationAdapter, navigation: Option<&NavigationState>) {
    let guided = navigation.filter(|n| n.active);
    adapter.set_active(guided.is_some());
    let Some(guided) = guided else {
        adapter.set_destination(SharedString::default());
        adapter.set_sender(SharedString::default());
        return;
    };
    adapter.set_destination(guided.destination.name.as_str().into());
    adapter.set_sender(guided.sender.as_str().into());
    adapter.set_next_kind(guided.next.kind.as_str().into());
    adapter.set_next_road(guided.next.road.as_str().into());
    adapter.set_next_distance_m(guided.next.distance as f32);
    adapter.set_next_exit(i32::from(guided.next.exit));
    adapter.set_remaining_m(guided.distance_remaining_m as f32);
    adapter.set_remaining_s(guided.time_remaining_s as f32);
}

fn entry(place: &Place, label: &str) -> PlaceEntry {
    PlaceEntry {
        id: place.id.as_str().into(),
        name: place.name.as_str().into(),
        category: place.category.as_str().into(),
        distance_m: place.distance as f32,
        label: label.into(),
    }
}

/// Whether a shown list already holds `entries`.
fn same(shown: &ModelRc<PlaceEntry>, entries: &[PlaceEntry]) -> bool {
    shown.row_count() == entries.len() && shown.iter().zip(entries).all(|(a, b)| a == *b)
}

fn model(entries: Vec<PlaceEntry>) -> ModelRc<PlaceEntry> {
    ModelRc::new(VecModel::from(entries))
}

/// Connects the adapter's callbacks: requests go to `send`, the map view's gestures to the
/// map screen, which draws on a thread of its own from now on.
pub fn wire(window: &AppWindow, send: impl Fn(Request) + Clone + 'static) {
    map_screen::wire(window);
    map_screen::start_painter(window);
    let adapter = window.global::<NavigationAdapter>();
    let s = send.clone();
    adapter.on_search(move |query| s(Request::Search(query.trim().to_string())));
    let s = send.clone();
    adapter.on_preview(move |id, name| s(Request::Preview(id.into(), name.into())));
    let s = send.clone();
    adapter.on_start(move |id| s(Request::Start(id.into())));
    adapter.on_cancel(move || send(Request::Cancel));
}
