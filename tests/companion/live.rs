//! The live page's WebSocket: the token as its first message, a push within 200 ms of the
//! vehicle's signal, `ConnectedPhone` while it is open, and closing with 4401 on a wrong token
//! or a revocation.

use std::time::{Duration, Instant};

use crate::common::{temp_dir, wait_for};
use crate::fixture::Car;
use crate::socket::{hello, next};

/// Opens `/api/live` from `origin`.
async fn open(car: &Car, origin: &str) -> Result<crate::socket::Socket, String> {
    crate::socket::open(car.port, origin).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_page_is_pushed_the_charge_when_the_simulation_changes_it() {
    let car = Car::start(&temp_dir("companion-live").join("companion.toml"));
    let (token, id) = car.pair("Aino's phone");
    // Nothing else changes the charge while the simulation is paused.
    car.simulate("Pause", &[]);

    let refused = open(&car, "http://evil.example").await.unwrap_err();
    assert!(
        refused.contains("403"),
        "a wrong Origin on the upgrade: {refused}"
    );
    let mut forged = open(&car, &car.origin()).await.unwrap();
    hello(&mut forged, &"0".repeat(64)).await;
    assert_eq!(
        next(&mut forged).await.unwrap_err(),
        4401,
        "a forged token is closed"
    );

    let mut socket = open(&car, &car.origin()).await.unwrap();
    hello(&mut socket, &token).await;
    let first = next(&mut socket).await.unwrap();
    assert_eq!(first["available"], true, "{first}");
    wait_for(Duration::from_secs(5), "ConnectedPhone", || {
        (car.property("ConnectedPhone") == Some(format!("s \"{id}\""))).then_some(())
    });

    let mut latencies = Vec::new();
    for charge in [42.0, 57.5, 33.0] {
        let asked = Instant::now();
        car.simulate("SetStateOfCharge", &[&format!("{charge:.1}")]);
        let answered = asked.elapsed();
        loop {
            let state = next(&mut socket).await.unwrap();
            if (state["charge"].as_f64().unwrap() - charge).abs() < 0.05 {
                break;
            }
        }
        let pushed = asked.elapsed();
        eprintln!("charge {charge}: gdbus returned after {answered:?}, pushed after {pushed:?}");
        latencies.push(pushed);
    }
    let worst = latencies.iter().max().unwrap();
    assert!(
        *worst < Duration::from_millis(200),
        "pushed within 200 ms of the call (gdbus's own start included): {latencies:?}"
    );

    car.call("Revoke", &[&id]).unwrap();
    loop {
        if let Err(code) = next(&mut socket).await {
            assert_eq!(code, 4401, "a revoked phone's page is closed");
            break;
        }
    }
    wait_for(Duration::from_secs(5), "ConnectedPhone empty", || {
        (car.property("ConnectedPhone").as_deref() == Some(r#"s """#)).then_some(())
    });
}
