//! The live page while the vehicle service dies and comes back (#18): killed (SIGKILL) and
//! started again 20 times under an open page, which must be pushed "unavailable" and then the
//! live car again, each within 1 s.

use std::time::{Duration, Instant};

use crate::common::temp_dir;
use crate::fixture::Car;
use crate::socket::{Socket, hello, next, open};

/// Reads pushed states until one has `available` as wanted; how long that took.
async fn until_available(page: &mut Socket, wanted: bool, since: Instant) -> Duration {
    loop {
        let state = next(page).await.expect("pushed, not closed");
        if state["available"].as_bool() == Some(wanted) {
            return since.elapsed();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_page_follows_the_vehicle_service_through_twenty_restarts() {
    let mut car = Car::start(&temp_dir("companion-recovery").join("companion.toml"));
    let (token, _) = car.pair("Aino's phone");
    let mut page = open(car.port, &car.origin()).await.unwrap();
    hello(&mut page, &token).await;
    let first = next(&mut page).await.unwrap();
    assert_eq!(first["available"], true, "{first}");
    let (mut gone, mut back) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        let killed = Instant::now();
        // SAFETY: kill only sends a signal to the service's own process.
        unsafe { libc::kill(car.vehicle.pid() as i32, libc::SIGKILL) };
        gone.push(until_available(&mut page, false, killed).await);
        let started = Instant::now();
        car.vehicle = car.bus.spawn(&["vehicle-service", "--rate", "50"]);
        back.push(until_available(&mut page, true, started).await);
    }
    gone.sort();
    back.sort();
    eprintln!(
        "vehicle restarted 20 times: the page saw it gone after {:?} (median, slowest {:?}), \
         back after {:?} (median, slowest {:?}; the service's start included)",
        gone[10], gone[19], back[10], back[19]
    );
    assert!(gone[19] < Duration::from_secs(1), "gone: {gone:?}");
    assert!(back[19] < Duration::from_secs(1), "back: {back:?}");
}
