//! Preconditioning from the phone: refused by the vehicle service outside P (its named error on
//! the page), started with a target in one request on a parked car the driver has left, read
//! back over busctl, the cabin warming while the live page follows it, and stopped again.

use std::time::Duration;

use crate::common::{temp_dir, wait_for};
use crate::fixture::Car;
use crate::socket::{hello, next, open};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_preconditions_a_parked_car_and_stops_it() {
    let car = Car::start(&temp_dir("companion-precondition").join("companion.toml"));
    let (token, _) = car.pair("Aino's phone");
    let climate = |property: &str| car.bus.vehicle_property("Climate", property);

    // In D (the service's start), the vehicle refuses; nothing changes.
    let reply = car.post("/api/climate", r#"{"preconditioning": true}"#, Some(&token));
    assert_eq!(reply.status, 409, "{reply:?}");
    assert_eq!(
        reply.field("error"),
        "org.opencabin.Vehicle1.Error.NotAllowed"
    );
    assert!(reply.field("message").contains("allowed: P"), "{reply:?}");
    assert_eq!(climate("Preconditioning"), "b false");
    let reply = car.post("/api/climate", "{}", Some(&token));
    assert_eq!(reply.status, 400, "an empty request: {reply:?}");

    // Parked in the cold and left: the cabin cools, nothing runs.
    car.simulate("SetGear", &["P"]);
    car.simulate("SetSeatBelt", &["false"]);
    // "--": a negative number is not an option of gdbus.
    car.simulate("SetOutsideTemperature", &["--", "-5.0"]);
    let speed_up = car.bus.busctl(&[
        "set-property",
        "org.opencabin.Vehicle1",
        "/org/opencabin/Vehicle1",
        "org.opencabin.Vehicle1.Simulation",
        "SpeedFactor",
        "d",
        "100",
    ]);
    assert!(speed_up.status.success());
    let cabin = || car.bus.vehicle_number("Climate", "CabinTemperature");
    wait_for(
        Duration::from_secs(30),
        "the cabin cooling below 10 °C",
        || (cabin() < 10.0).then_some(()),
    );

    let mut page = open(car.port, &car.origin()).await.unwrap();
    hello(&mut page, &token).await;
    next(&mut page).await.unwrap();
    let reply = car.post(
        "/api/climate",
        r#"{"target": 22.5, "preconditioning": true}"#,
        Some(&token),
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(climate("Preconditioning"), "b true");
    assert_eq!(climate("DriverTargetTemperature"), "d 22.5");
    let left: u32 = climate("PreconditioningTimeLeft")[2..].parse().unwrap();
    assert!((1700..=1800).contains(&left), "{left} s left");

    // The live page sees it on and the cabin warming (100x: a minute a 0.6 s).
    let cold = cabin();
    let warmed = loop {
        let state = next(&mut page).await.unwrap();
        let warm = state["cabin_temperature"].as_f64().unwrap();
        if state["preconditioning"] == true && warm > cold + 5.0 {
            break state;
        }
    };
    assert!(
        warmed["preconditioning_time_left_s"].as_u64().unwrap() < 1800,
        "{warmed}"
    );

    let reply = car.post(
        "/api/climate",
        r#"{"preconditioning": false}"#,
        Some(&token),
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(climate("Preconditioning"), "b false");
    assert_eq!(climate("PreconditioningTimeLeft"), "u 0");
}
