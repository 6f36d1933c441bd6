//! A car for the companion's tests: a private bus with the real vehicle service (and, when
//! asked, the real navigation service) and a real `opencabin companion` on a free loopback
//! port, `busctl`/`gdbus` on the bus side and `curl` on the phone's side.

#![allow(dead_code)] // shared by several test files, each using its own part

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use opencabin::process::ChildProcess;

use crate::common::{TestBus, wait_for};

pub const NAME: &str = "org.opencabin.Companion1";
pub const PATH: &str = "/org/opencabin/Companion1";

/// A free TCP port on loopback (bound, read and let go).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// What `curl` got: the status and the body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    /// A string field of the JSON body.
    pub fn field(&self, name: &str) -> String {
        let json: serde_json::Value = serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("JSON ({err}): {}", self.body));
        json[name]
            .as_str()
            .unwrap_or_else(|| panic!("no {name} in {}", self.body))
            .to_string()
    }
}

/// Runs curl against the companion at `origin`: `method path` with extra curl arguments.
pub fn curl(origin: &str, method: &str, path: &str, extra: &[&str]) -> Reply {
    let output = Command::new("curl")
        .args(["-s", "-S", "-o", "-", "-w", "\n%{http_code}", "-X", method])
        .args(extra)
        .arg(format!("{origin}{path}"))
        .output()
        .expect("curl runs (package curl)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (body, status) = text.rsplit_once('\n').expect("curl printed the status");
    Reply {
        status: status.trim().parse().expect("a status"),
        body: body.to_string(),
    }
}

/// The bus, the car and the companion.
/// `POST /api/pair` with `code`, as the page at `origin` sends it for a phone named `name`.
pub fn pair_with_code(origin: &str, code: &str, name: &str) -> Reply {
    let body = serde_json::json!({"code": code, "name": name}).to_string();
    let origin_header = format!("Origin: {origin}");
    let json = "Content-Type: application/json";
    let args = ["-H", &origin_header, "-H", json, "--data-binary", &body];
    curl(origin, "POST", "/api/pair", &args)
}

pub struct Car {
    pub vehicle: ChildProcess,
    pub navigation: Option<ChildProcess>,
    pub companion: Option<ChildProcess>,
    pub port: u16,
    pub state: PathBuf,
    /// Last, so that it outlives the processes on it when dropped.
    pub bus: TestBus,
}

impl Car {
    /// Starts the vehicle service and the companion keeping its phones in `state`.
    pub fn start(state: &Path) -> Car {
        Car::start_at_rate(state, 50)
    }

    /// The same, the vehicle sending its signals at `hertz`.
    pub fn start_at_rate(state: &Path, hertz: u32) -> Car {
        let bus = TestBus::start();
        let rate = hertz.to_string();
        let vehicle = bus.spawn(&["vehicle-service", "--rate", &rate]);
        wait_for(Duration::from_secs(10), "the vehicle service", || {
            bus.get_property(
                "org.opencabin.Vehicle1",
                "/org/opencabin/Vehicle1",
                "org.opencabin.Vehicle1.Battery",
                "StateOfCharge",
            )
        });
        let mut car = Car {
            bus,
            vehicle,
            navigation: None,
            companion: None,
            port: free_port(),
            state: state.to_path_buf(),
        };
        car.start_companion();
        car
    }

    /// Starts the companion (again); it binds its port before it takes its bus name.
    pub fn start_companion(&mut self) {
        let listen = format!("127.0.0.1:{}", self.port);
        let state = self.state.display().to_string();
        let args = ["companion", "--listen", &listen, "--state", &state];
        self.companion = Some(self.bus.spawn(&args));
        wait_for(Duration::from_secs(10), "Companion1 on the bus", || {
            self.property("PairingCode")
        });
    }

    /// Starts the navigation service over the Helsinki map, its places kept in `places`.
    pub fn start_navigation(&mut self, places: &Path) {
        let places = places.display().to_string();
        let args = ["navigation-service", "--places", &places];
        self.navigation = Some(self.bus.spawn(&args));
        wait_for(Duration::from_secs(10), "Navigation1 on the bus", || {
            self.navigation_property("MapName")
        });
    }

    /// A Navigation1 property as busctl prints it, e.g. `b true`.
    pub fn navigation_property(&self, property: &str) -> Option<String> {
        let navigation = "org.opencabin.Navigation1";
        let path = "/org/opencabin/Navigation1";
        self.bus
            .get_property(navigation, path, navigation, property)
    }

    /// `GET path` with `token`.
    pub fn get(&self, path: &str, token: &str) -> Reply {
        let auth = format!("Authorization: Bearer {token}");
        self.curl("GET", path, &["-H", &auth])
    }

    /// Stops the companion (SIGTERM) and waits until its name left the bus.
    pub fn stop_companion(&mut self) {
        if let Some(mut companion) = self.companion.take() {
            companion.stop(Duration::from_secs(3));
        }
        wait_for(Duration::from_secs(5), "Companion1 gone", || {
            self.property("PairingCode").is_none().then_some(())
        });
    }

    /// A Companion1 property as busctl prints it, e.g. `s "123456"`.
    pub fn property(&self, property: &str) -> Option<String> {
        self.bus.get_property(NAME, PATH, NAME, property)
    }

    /// Calls a Companion1 method with gdbus: stdout, or the error line.
    pub fn call(&self, method: &str, args: &[&str]) -> Result<String, String> {
        self.bus
            .gdbus_call(NAME, PATH, &format!("{NAME}.{method}"), args)
    }

    /// A vehicle method through gdbus, which must succeed.
    pub fn simulate(&self, method: &str, args: &[&str]) {
        let method = format!("org.opencabin.Vehicle1.Simulation.{method}");
        self.bus
            .gdbus_vehicle(&method, args)
            .expect("the simulation takes it");
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Runs curl against the companion: `method path` with extra curl arguments.
    pub fn curl(&self, method: &str, path: &str, extra: &[&str]) -> Reply {
        curl(&self.origin(), method, path, extra)
    }

    /// A JSON POST from the page's own origin, with `token` if given.
    pub fn post(&self, path: &str, json: &str, token: Option<&str>) -> Reply {
        let origin = format!("Origin: {}", self.origin());
        let auth = token.map(|t| format!("Authorization: Bearer {t}"));
        let mut extra = vec!["-H", &origin, "-H", "Content-Type: application/json"];
        if let Some(auth) = &auth {
            extra.extend(["-H", auth]);
        }
        extra.extend(["--data-binary", json]);
        self.curl("POST", path, &extra)
    }

    /// `GET /api/state` with `token`.
    pub fn get_state(&self, token: &str) -> Reply {
        let auth = format!("Authorization: Bearer {token}");
        self.curl("GET", "/api/state", &["-H", &auth])
    }

    /// Offers a pairing over the bus and reads its code back.
    pub fn offer_code(&self) -> String {
        self.call("StartPairing", &[]).expect("StartPairing");
        let code = self.property("PairingCode").expect("PairingCode");
        code.trim_start_matches("s ").trim_matches('"').to_string()
    }

    /// Pairs a phone named `name` with the code: its (token, id).
    pub fn pair(&self, name: &str) -> (String, String) {
        let code = self.offer_code();
        let reply = pair_with_code(&self.origin(), &code, name);
        assert_eq!(reply.status, 200, "{reply:?}");
        (reply.field("token"), reply.field("id"))
    }

    /// The driver's target temperature, as busctl reads it.
    pub fn driver_target(&self) -> String {
        self.bus
            .vehicle_property("Climate", "DriverTargetTemperature")
    }
}
