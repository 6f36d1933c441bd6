//! The IVI window and the simulator panel on Slint's testing backend, against the real
//! services on private buses: one process (the backend starts once), each behaviour a named
//! case (`harness.rs`).

#[path = "../common/mod.rs"]
mod common;
mod controls;
mod harness;
mod live_speed;
mod navigation;
mod panel;
mod restrictions;
mod settings;
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
    harness::run(cases)
}
