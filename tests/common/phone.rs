//! The mock phone in tests: the service on a test's bus, `gdbus` calls to it, and waits on its
//! calls' states and signals.

use std::time::{Duration, Instant};

use opencabin::process::ChildProcess;

use super::{Monitor, TestBus, wait_for};

pub const OFONO: &str = "org.ofono";
pub const VCM: &str = "org.ofono.VoiceCallManager";
pub const SIM: &str = "/org/opencabin/PhoneSim1";

pub fn phone(bus: &TestBus) -> ChildProcess {
    let service = bus.spawn(&["phone-service"]);
    wait_for(Duration::from_secs(10), "the phone service", || {
        bus.gdbus_call(OFONO, "/", "org.ofono.Manager.GetModems", &[])
            .ok()
    });
    service
}

pub fn call(bus: &TestBus, path: &str, method: &str, args: &[&str]) -> Result<String, String> {
    bus.gdbus_call(OFONO, path, method, args)
}

/// A call's `State` as GetProperties gives it, None once the call is gone.
pub fn state(bus: &TestBus, call_path: &str) -> Option<String> {
    let properties = call(bus, call_path, "org.ofono.VoiceCall.GetProperties", &[]).ok()?;
    let at = properties.find("'State': <'")? + "'State': <'".len();
    Some(properties[at..].split('\'').next()?.to_string())
}

pub fn wait_state(bus: &TestBus, call_path: &str, wanted: &str) {
    wait_for(Duration::from_secs(5), wanted, || {
        (state(bus, call_path).as_deref() == Some(wanted)).then_some(())
    });
}

/// The object path in gdbus output such as `(objectpath '/hfp/…/voicecall01',)`.
pub fn path_in(output: &str) -> String {
    output.split('\'').nth(1).expect("a path").to_string()
}

/// Waits for a monitor line holding every one of `parts`.
pub fn expect_line(monitor: &Monitor, parts: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let line = monitor
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no signal with {parts:?}"));
        if parts.iter().all(|p| line.contains(p)) {
            return line;
        }
    }
}

/// Waits until the call at `call_path` is gone from the phone.
pub fn wait_gone(bus: &TestBus, call_path: &str) {
    wait_for(Duration::from_secs(5), "the call gone", || {
        state(bus, call_path).is_none().then_some(())
    });
}
