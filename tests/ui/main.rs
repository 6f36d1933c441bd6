//! The IVI window, the simulator panel and the driver's display on Slint's testing backend, against the real
//! services on private buses: one process (the backend starts once), each behaviour a named
//! case (`harness.rs`).

mod cluster;
#[path = "../common/mod.rs"]
mod common;
mod controls;
#[path = "../companion/fixture.rs"]
mod fixture;
mod harness;
mod live_speed;
mod navigation;
mod pairing;
mod panel;
mod phone;
mod profile_offer;
mod profiles;
mod restrictions;
mod settings;
#[path = "../companion/socket.rs"]
mod socket;
mod vehicle_page;

fn main() -> std::process::ExitCode {
    let mut cases = Vec::new();
    cases.extend(controls::cases());
    cases.extend(live_speed::cases());
    cases.extend(vehicle_page::cases());
    cases.extend(settings::cases());
    cases.extend(restrictions::cases());
    cases.extend(panel::cases());
    cases.extend(navigation::cases());
    cases.extend(cluster::cases());
    cases.extend(phone::cases());
    cases.extend(pairing::cases());
    cases.extend(profiles::cases());
    cases.extend(profile_offer::cases());
    harness::run(cases)
}
