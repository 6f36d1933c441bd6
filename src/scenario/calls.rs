//! The calls a scenario may make: the Simulation interface's methods and their argument
//! types, read from the committed introspection, so scenarios and the interface cannot drift.

use crate::contract::vehicle::SimulationProxy;

/// The call that sets a destination rather than simulating the car.
pub const NAVIGATE: &str = "Navigate";
/// The call that moves the headlight switch (`Body.Headlights`, the driver's stalk).
pub const HEADLIGHTS: &str = "Headlights";

const VEHICLE_XML: &str = include_str!("../../assets/dbus/org.opencabin.Vehicle1.xml");

/// The argument types `kinds` (D-Bus signature letters) in words, for error messages.
pub fn describe(kinds: &[char]) -> String {
    if kinds.is_empty() {
        return "none".into();
    }
    kinds
        .iter()
        .map(|k| match k {
            's' => "a string",
            'd' => "a number",
            'b' => "true or false",
            _ => "a value",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Simulation interface's methods and their argument types (D-Bus signature letters), from
/// the committed introspection, plus the writable `SpeedFactor` property as a one-number call,
/// `Headlights` (the body's switch: "off", "auto", "low", "high") and `Navigate`, a destination for the navigation service by search words (its first result;
/// empty words end the route), and the phone's `IncomingCall` and `CallerHangsUp`
/// (`scenario::phone`); read once.
pub fn simulation_methods() -> &'static [(String, Vec<char>)] {
    static METHODS: std::sync::LazyLock<Vec<(String, Vec<char>)>> =
        std::sync::LazyLock::new(read_simulation_methods);
    &METHODS
}

fn read_simulation_methods() -> Vec<(String, Vec<char>)> {
    let interface = crate::contract::interface_of::<SimulationProxy<'static>>();
    let start = VEHICLE_XML
        .find(&format!("<interface name=\"{interface}\">"))
        .expect("the XML has the Simulation interface");
    let end = start + VEHICLE_XML[start..].find("</interface>").unwrap_or(0);
    let mut methods = Vec::new();
    for chunk in VEHICLE_XML[start..end].split("<method name=\"").skip(1) {
        let name = chunk.split('"').next().unwrap_or_default().to_string();
        let body = &chunk[..chunk.find("</method>").unwrap_or(chunk.len())];
        let kinds = body
            .split("<arg ")
            .skip(1)
            .filter_map(|arg| {
                let signature = arg.split("type=\"").nth(1)?;
                signature.chars().next()
            })
            .collect();
        methods.push((name, kinds));
    }
    methods.push(("SpeedFactor".to_string(), vec!['d']));
    methods.push((NAVIGATE.to_string(), vec!['s']));
    methods.push((HEADLIGHTS.to_string(), vec!['s']));
    methods.extend(super::phone::methods());
    methods
}
