//! `org.opencabin.Navigation1` through real clients on a private bus, with the real vehicle
//! service: the committed introspection, search, a destination the car then drives to arrival
//! (maneuvers and distance counting down, the car parked at the end), a destination sent by
//! coordinates with its sender, named errors, and favourites kept in their file (a broken
//! file kept aside).

mod common;

use std::path::Path;
use std::time::Duration;

use common::{TestBus, temp_dir, wait_for};
use opencabin::process::ChildProcess;

const NAV: &str = "org.opencabin.Navigation1";
const PATH: &str = "/org/opencabin/Navigation1";
const COMMITTED_XML: &str = include_str!("../assets/dbus/org.opencabin.Navigation1.xml");

fn navigation(bus: &TestBus, places: &Path, args: &[&str]) -> ChildProcess {
    let places = places.display().to_string();
    let mut all = vec!["navigation-service", "--places", &places];
    all.extend_from_slice(args);
    let service = bus.spawn(&all);
    wait_for(Duration::from_secs(10), "the navigation service", || {
        bus.get_property(NAV, PATH, NAV, "MapName")
    });
    service
}

fn property(bus: &TestBus, name: &str) -> String {
    bus.get_property(NAV, PATH, NAV, name)
        .unwrap_or_else(|| panic!("{name} readable"))
}

/// A property as gdbus prints it (text unescaped), e.g. `(<'Helsinki'>,)`.
fn printed(bus: &TestBus, name: &str) -> String {
    let get = "org.freedesktop.DBus.Properties.Get";
    bus.gdbus_call(NAV, PATH, get, &[NAV, name])
        .unwrap_or_else(|err| panic!("{name} readable: {err}"))
}

fn number(bus: &TestBus, name: &str) -> f64 {
    let text = property(bus, name);
    text.split_once(' ')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"))
}

fn call(bus: &TestBus, method: &str, args: &[&str]) -> Result<String, String> {
    bus.gdbus_call(NAV, PATH, &format!("{NAV}.{method}"), args)
}

/// The first `'id'` in gdbus output of search results.
fn first_id(results: &str) -> String {
    results.split('\'').nth(1).expect("a result").to_string()
}

#[test]
fn the_live_service_matches_the_committed_introspection() {
    let bus = TestBus::start();
    let _nav = navigation(&bus, &temp_dir("nav-xml").join("places.toml"), &[]);
    let output = bus.busctl(&["introspect", "--xml-interface", NAV, PATH]);
    let live = String::from_utf8(output.stdout).unwrap();
    if live != COMMITTED_XML {
        let path = std::env::temp_dir().join("org.opencabin.Navigation1.xml");
        std::fs::write(&path, &live).unwrap();
        panic!(
            "the served API differs from assets/dbus/org.opencabin.Navigation1.xml; if the change \
             is intended, copy {} over it",
            path.display()
        );
    }
    assert_eq!(
        printed(&bus, "Attribution"),
        "(<'© OpenStreetMap contributors'>,)"
    );
}

#[test]
fn busctl_searches_a_street_sets_it_and_the_car_drives_there_and_parks() {
    let bus = TestBus::start();
    let _car = bus.spawn(&[
        "vehicle-service",
        "--speed-factor",
        "10",
        "--cycle",
        "hwfet",
    ]);
    let _nav = navigation(&bus, &temp_dir("nav-drive").join("places.toml"), &[]);
    // The car gets a line to roam and reports where it is.
    wait_for(Duration::from_secs(10), "the car's position", || {
        let known = bus.get_property(
            "org.opencabin.Vehicle1",
            "/org/opencabin/Vehicle1",
            "org.opencabin.Vehicle1.Location",
            "IsKnown",
        );
        (known.as_deref() == Some("b true")).then_some(())
    });
    let results = call(&bus, "Search", &["Lonnrotinkatu"]).expect("search works");
    assert!(results.contains("'Lönnrotinkatu', 'street'"), "{results}");
    let id = first_id(&results);
    call(&bus, "SetDestination", &[&id]).expect("the street is a destination");
    assert_eq!(property(&bus, "Active"), "b true");
    let start = number(&bus, "DistanceRemaining");
    assert!(start > 0.0, "{start}");
    let next = property(&bus, "NextManeuver");
    assert!(next.starts_with("(ssdy) \""), "{next}");
    let latitude = bus.vehicle_number("Location", "Latitude");
    // The car moves along the route and what remains counts down, to arrival.
    wait_for(
        Duration::from_secs(20),
        "the car to move along the route",
        || {
            (bus.vehicle_number("Location", "Latitude") != latitude
                && number(&bus, "DistanceRemaining") < start)
                .then_some(())
        },
    );
    wait_for(Duration::from_secs(90), "arrival", || {
        (property(&bus, "Active") == "b false").then_some(())
    });
    wait_for(Duration::from_secs(10), "the car to park", || {
        (bus.vehicle_property("Drive", "SelectedGear") == "s \"P\"").then_some(())
    });
    assert_eq!(bus.vehicle_number("Drive", "Speed"), 0.0);
    let recent = printed(&bus, "RecentDestinations");
    assert!(recent.contains("Lönnrotinkatu"), "{recent}");
}

#[test]
fn unknown_places_and_bad_arguments_get_named_errors() {
    let bus = TestBus::start();
    let _nav = navigation(&bus, &temp_dir("nav-errors").join("places.toml"), &[]);
    let err = call(&bus, "SetDestination", &["place:999999"]).unwrap_err();
    assert!(
        err.contains("org.opencabin.Navigation1.Error.UnknownPlace"),
        "{err}"
    );
    let err = call(&bus, "PreviewRoute", &["street:Nowhere Road"]).unwrap_err();
    assert!(err.contains("UnknownPlace"), "{err}");
    let err = call(&bus, "Search", &[&"a".repeat(300)]).unwrap_err();
    assert!(err.contains("InvalidArgument"), "{err}");
    let err = call(&bus, "RemoveFavourite", &["moon"]).unwrap_err();
    assert!(err.contains("UnknownFavourite"), "{err}");
    assert_eq!(property(&bus, "Active"), "b false");
}

#[test]
fn a_destination_sent_by_coordinates_is_routed_from_the_nearest_road_and_names_its_sender() {
    let bus = TestBus::start();
    let dir = temp_dir("nav-point");
    let _nav = navigation(&bus, &dir.join("places.toml"), &[]);
    let send_point = |lat: &str, lon: &str, sender: &str| {
        let output = bus.busctl(&["call", NAV, PATH, NAV, "SendPoint", "dds", lat, lon, sender]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        output.status.success().then_some(()).ok_or(stderr)
    };
    let no_sender = "s \"\"";
    send_point("60.1699", "24.9384", "Aino phone").expect("a point in Helsinki");
    assert_eq!(property(&bus, "Active"), "b true");
    assert_eq!(property(&bus, "DestinationSender"), "s \"Aino phone\"");
    let destination = property(&bus, "Destination");
    assert!(
        destination.starts_with("(sssddd) \"geo:60.16990,24.93840\" "),
        "{destination}"
    );
    assert!(number(&bus, "DistanceRemaining") > 0.0);
    // The point is a recent destination the car's screen can pick again: no sender then.
    assert!(printed(&bus, "RecentDestinations").contains("geo:60.16990,24.93840"));
    call(&bus, "SetDestination", &["geo:60.16990,24.93840"]).expect("a recent point");
    assert_eq!(property(&bus, "DestinationSender"), no_sender);
    call(
        &bus,
        "SendDestination",
        &["street:Lönnrotinkatu", "Aino phone"],
    )
    .unwrap();
    assert_eq!(property(&bus, "DestinationSender"), "s \"Aino phone\"");

    // Refusals name what was wrong and change nothing.
    let guided = || {
        (
            property(&bus, "Destination"),
            property(&bus, "DestinationSender"),
        )
    };
    let before = guided();
    let far = send_point("59.5", "24.9", "Aino phone").unwrap_err();
    assert!(
        far.contains("not near any road") && far.contains("within 250 m"),
        "{far}"
    );
    let err = call(&bus, "SendPoint", &["59.5", "24.9", "Aino phone"]).unwrap_err();
    assert!(
        err.contains("org.opencabin.Navigation1.Error.NotNearRoad"),
        "{err}"
    );
    let err = call(&bus, "SendPoint", &["91.0", "24.9", "Aino phone"]).unwrap_err();
    assert!(
        err.contains("InvalidArgument") && err.contains("latitude 91"),
        "{err}"
    );
    let err = call(&bus, "SendDestination", &["street:Lönnrotinkatu", "  "]).unwrap_err();
    assert!(
        err.contains("InvalidArgument") && err.contains("sender"),
        "{err}"
    );
    let err = call(&bus, "SendDestination", &["geo:60.1;24.9", "Aino phone"]).unwrap_err();
    assert!(err.contains("InvalidArgument"), "{err}");
    assert_eq!(guided(), before);
    call(&bus, "Cancel", &[]).unwrap();
    assert_eq!(property(&bus, "DestinationSender"), no_sender);
}

#[test]
fn favourites_are_added_removed_and_kept_across_restarts_and_a_broken_file_is_kept_aside() {
    let bus = TestBus::start();
    let dir = temp_dir("nav-favourites");
    let places = dir.join("places.toml");
    let nav = navigation(&bus, &places, &[]);
    let id = first_id(&call(&bus, "Search", &["cafe"]).unwrap());
    call(&bus, "AddFavourite", &["home", &id]).unwrap();
    let work = first_id(&call(&bus, "Search", &["Mannerheimintie"]).unwrap());
    call(&bus, "AddFavourite", &["work", &work]).unwrap();
    call(&bus, "RemoveFavourite", &["home"]).unwrap();
    // At most 20: a caller cannot make the service store without end.
    for n in 2..=20 {
        call(&bus, "AddFavourite", &[format!("place {n}").as_str(), &id]).unwrap();
    }
    let refused = call(&bus, "AddFavourite", &["one too many", &id]).unwrap_err();
    assert!(
        refused.contains("InvalidArgument") && refused.contains("at most 20"),
        "{refused}"
    );
    call(&bus, "AddFavourite", &["work", &id]).expect("a known label is replaced");
    for n in 2..=20 {
        call(&bus, "RemoveFavourite", &[format!("place {n}").as_str()]).unwrap();
    }
    call(&bus, "AddFavourite", &["work", &work]).unwrap();
    drop(nav);
    let nav = navigation(&bus, &places, &[]);
    let favourites = property(&bus, "Favourites");
    assert!(
        favourites.contains("\"work\"") && !favourites.contains("\"home\""),
        "{favourites}"
    );
    drop(nav);

    std::fs::write(&places, "favourites = [[[ not toml").unwrap();
    let _nav = navigation(&bus, &places, &[]);
    assert_eq!(property(&bus, "Favourites"), "a(s(sssddd)) 0");
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("places.toml.broken-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the broken file is kept aside");
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).unwrap(),
        "favourites = [[[ not toml"
    );
}

#[test]
fn a_front_end_reads_the_chosen_map_from_the_service_and_a_broken_map_file_is_refused() {
    use opencabin::contract::navigation::NavigationProxy;
    use opencabin::map::model::MapData;
    let bus = TestBus::start();
    let places = temp_dir("nav-map").join("places.toml");
    let _nav = navigation(&bus, &places, &["--map", "kouvola"]);
    assert_eq!(printed(&bus, "MapName"), "(<'Kouvola'>,)");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bytes = runtime.block_on(async {
        let connection = bus.choice().connect().await.expect("the bus accepts us");
        let proxy = NavigationProxy::new(&connection).await.unwrap();
        proxy.map_data().await.expect("MapData answers")
    });
    let map = MapData::from_bytes(&bytes).expect("a map file");
    assert_eq!(map.name, "Kouvola");
    assert!(
        map.roads.iter().any(|r| r.class.is_motorway()),
        "the motorway"
    );

    let broken = temp_dir("nav-broken-map").join("city.ocmap");
    std::fs::write(&broken, b"<osm version='0.6'>").unwrap();
    let output = common::run_opencabin(&[
        "--bus",
        bus.address(),
        "navigation-service",
        "--map",
        &broken.display().to_string(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("city.ocmap") && stderr.contains("opencabin map import"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&broken).unwrap(),
        b"<osm version='0.6'>",
        "the file is kept"
    );
}
