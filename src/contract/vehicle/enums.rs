//! The vehicle's enumerations as they travel on the wire.

wire_enum!(
    /// The selected gear, as on the selector: P, R, N, D.
    #[derive(Default)]
    pub enum Gear("gear") { #[default] Park = "P", Reverse = "R", Neutral = "N", Drive = "D" }
);

wire_enum!(
    /// Parked (gear P), idling (another gear, standing still) or moving.
    #[derive(Default)]
    pub enum DrivingState("driving state") { #[default] Parked = "parked", Idling = "idling", Moving = "moving" }
);

wire_enum!(
    /// An opening of the body.
    pub enum Opening("door") {
        FrontLeft = "front-left",
        FrontRight = "front-right",
        RearLeft = "rear-left",
        RearRight = "rear-right",
        Trunk = "trunk",
        Frunk = "frunk",
    }
);

wire_enum!(
    /// A wheel's tire.
    pub enum Tire("tire") {
        FrontLeft = "front-left",
        FrontRight = "front-right",
        RearLeft = "rear-left",
        RearRight = "rear-right",
    }
);

wire_enum!(
    /// Headlight mode.
    #[derive(Default)]
    pub enum Headlights("Headlights") { #[default] Off = "off", Auto = "auto", Low = "low", High = "high" }
);

wire_enum!(
    /// The turn indicator stalk: off, or signalling a turn to one side.
    #[derive(Default)]
    pub enum Indicator("indicator") { #[default] Off = "off", Left = "left", Right = "right" }
);

wire_enum!(
    /// How urgent an alert is: info fades, warning stays a while, critical stays until cleared.
    pub enum Severity("severity") { Info = "info", Warning = "warning", Critical = "critical" }
);

impl Tire {
    /// Position in arrays of four: front left, front right, rear left, rear right.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Opening {
    /// Position in arrays of six, in declaration order.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Severity {
    /// Most urgent first: critical 0, warning 1, info 2.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Critical => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_say_what_is_allowed() {
        for gear in Gear::ALL {
            assert_eq!(gear.as_str().parse::<Gear>().unwrap(), *gear);
        }
        assert_eq!(
            "X".parse::<Gear>().unwrap_err().to_string(),
            r#"gear: "X" is not known; allowed: "P", "R", "N", "D""#
        );
    }

    #[test]
    fn they_travel_as_strings() {
        use zbus::zvariant::Type;
        assert_eq!(Gear::SIGNATURE.to_string(), "s");
        let value = zbus::Variant::from(zbus::Str::from(Gear::Drive.as_str()));
        let back: Gear = value.downcast_ref::<String>().unwrap().parse().unwrap();
        assert_eq!(back, Gear::Drive);
    }
}
