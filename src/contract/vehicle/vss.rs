//! Which property is which COVESA VSS 6.0 signal, per interface, and the wrapper that puts that
//! into the served introspection as `<annotation name="org.opencabin.Vss" value="Vehicle...."/>`.
//! Properties that VSS does not have, or has with another meaning, carry no annotation.

use std::collections::HashMap;
use std::fmt::Write;

use async_trait::async_trait;
use zbus::message::{Header, Message};
use zbus::names::{InterfaceName, MemberName};
use zbus::object_server::{DispatchResult, Interface, SignalEmitter};
use zbus::{BoxDBusError, Connection, ObjectServer, OwnedVariant, Variant, fdo};

/// The annotation's name.
pub const ANNOTATION: &str = "org.opencabin.Vss";

/// The VSS signal of each property of an interface that has one: (property, VSS path). Units and
/// types follow the VSS signal.
pub trait VssMap {
    const SIGNALS: &'static [(&'static str, &'static str)];
}

/// How many properties carry a VSS annotation, over all interfaces.
pub fn annotated_count() -> usize {
    use super::{Alerts, Battery, Body, Climate, Drive, Location, Simulation, Tires};
    type Any = ();
    [
        <Drive<Any> as VssMap>::SIGNALS.len(),
        <Battery<Any> as VssMap>::SIGNALS.len(),
        <Climate<Any> as VssMap>::SIGNALS.len(),
        <Body<Any> as VssMap>::SIGNALS.len(),
        <Tires<Any> as VssMap>::SIGNALS.len(),
        <Alerts<Any> as VssMap>::SIGNALS.len(),
        <Location<Any> as VssMap>::SIGNALS.len(),
        <Simulation<Any> as VssMap>::SIGNALS.len(),
    ]
    .iter()
    .sum()
}

impl<B> VssMap for super::Drive<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[
        ("Speed", "Vehicle.Speed"),
        (
            "SelectedGear",
            "Vehicle.Powertrain.Transmission.SelectedGear",
        ),
        ("Odometer", "Vehicle.TraveledDistance"),
        ("TripDistance", "Vehicle.TripMeterReading"),
        ("TripTime", "Vehicle.TripDuration"),
        ("AverageSpeed", "Vehicle.AverageSpeed"),
        ("IsMoving", "Vehicle.IsMoving"),
    ];
}

impl<B> VssMap for super::Location<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[
        ("Latitude", "Vehicle.CurrentLocation.Latitude"),
        ("Longitude", "Vehicle.CurrentLocation.Longitude"),
        ("Heading", "Vehicle.CurrentLocation.Heading"),
    ];
}

impl<B> VssMap for super::Battery<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[
        (
            "StateOfCharge",
            "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
        ),
        ("Range", "Vehicle.Powertrain.Range"),
        (
            "IsCharging",
            "Vehicle.Powertrain.TractionBattery.Charging.IsCharging",
        ),
        (
            "TimeToFull",
            "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete",
        ),
        (
            "Temperature",
            "Vehicle.Powertrain.TractionBattery.Temperature.Average",
        ),
        (
            "ChargeLimit",
            "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit",
        ),
    ];
}

impl<B> VssMap for super::Climate<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[
        (
            "DriverTargetTemperature",
            "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
        ),
        (
            "PassengerTargetTemperature",
            "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
        ),
        (
            "CabinTemperature",
            "Vehicle.Cabin.HVAC.AmbientAirTemperature",
        ),
        ("OutsideTemperature", "Vehicle.Exterior.AirTemperature"),
        (
            "AirConditioning",
            "Vehicle.Cabin.HVAC.IsAirConditioningActive",
        ),
        ("Recirculation", "Vehicle.Cabin.HVAC.IsRecirculationActive"),
        ("FrontDefrost", "Vehicle.Cabin.HVAC.IsFrontDefrosterActive"),
        ("RearDefrost", "Vehicle.Cabin.HVAC.IsRearDefrosterActive"),
    ];
}

impl<B> VssMap for super::Body<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[
        (
            "FrontLeftDoorOpen",
            "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen",
        ),
        (
            "FrontRightDoorOpen",
            "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen",
        ),
        (
            "RearLeftDoorOpen",
            "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen",
        ),
        (
            "RearRightDoorOpen",
            "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen",
        ),
        ("TrunkOpen", "Vehicle.Body.Trunk.Rear.IsOpen"),
        ("FrunkOpen", "Vehicle.Body.Trunk.Front.IsOpen"),
        ("Locked", "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked"),
        (
            "ChildLock",
            "Vehicle.Cabin.Door.Row2.DriverSide.IsChildLockActive",
        ),
        ("Headlights", "Vehicle.Body.Lights.LightSwitch"),
        ("InteriorLight", "Vehicle.Cabin.Light.IsDomeOn"),
        (
            "LeftIndicatorSignaling",
            "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling",
        ),
        (
            "RightIndicatorSignaling",
            "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling",
        ),
        ("HazardSignaling", "Vehicle.Body.Lights.Hazard.IsSignaling"),
        ("LowBeamOn", "Vehicle.Body.Lights.Beam.Low.IsOn"),
        ("HighBeamOn", "Vehicle.Body.Lights.Beam.High.IsOn"),
        (
            "ParkingBrakeEngaged",
            "Vehicle.Chassis.ParkingBrake.IsEngaged",
        ),
        (
            "DriverSeatBelted",
            "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted",
        ),
    ];
}

impl<B> VssMap for super::Tires<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[
        (
            "FrontLeftPressure",
            "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure",
        ),
        (
            "FrontRightPressure",
            "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure",
        ),
        (
            "RearLeftPressure",
            "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure",
        ),
        (
            "RearRightPressure",
            "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure",
        ),
        (
            "FrontLeftTemperature",
            "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Temperature",
        ),
        (
            "FrontRightTemperature",
            "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Temperature",
        ),
        (
            "RearLeftTemperature",
            "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Temperature",
        ),
        (
            "RearRightTemperature",
            "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Temperature",
        ),
        (
            "FrontLeftPressureLow",
            "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow",
        ),
        (
            "FrontRightPressureLow",
            "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.IsPressureLow",
        ),
        (
            "RearLeftPressureLow",
            "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.IsPressureLow",
        ),
        (
            "RearRightPressureLow",
            "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.IsPressureLow",
        ),
    ];
}

impl<B> VssMap for super::Alerts<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[];
}

impl<B> VssMap for super::Simulation<B> {
    const SIGNALS: &'static [(&'static str, &'static str)] = &[];
}

/// Serves `I` unchanged but for its introspection, which gains the VSS annotations.
pub struct WithVss<I>(pub I);

/// Adds an annotation to each `<property>` that `signals` (property, VSS path) names.
pub fn annotate(xml: &str, signals: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    for line in xml.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let signal = signals
            .iter()
            .find(|(property, _)| trimmed.starts_with(&format!("<property name=\"{property}\" ")));
        match signal {
            Some((_, path)) if trimmed.ends_with("/>") => {
                let open = trimmed.trim_end_matches("/>");
                let _ = writeln!(out, "{indent}{open}>");
                let _ = writeln!(
                    out,
                    "{indent}  <annotation name=\"{ANNOTATION}\" value=\"{path}\"/>"
                );
                let _ = writeln!(out, "{indent}</property>");
            }
            Some((_, path)) => {
                let _ = writeln!(out, "{line}");
                let _ = writeln!(
                    out,
                    "{indent}  <annotation name=\"{ANNOTATION}\" value=\"{path}\"/>"
                );
            }
            None => {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

#[async_trait]
impl<I: Interface + VssMap> Interface for WithVss<I> {
    fn name() -> InterfaceName<'static> {
        I::name()
    }

    fn spawn_tasks_for_methods(&self) -> bool {
        self.0.spawn_tasks_for_methods()
    }

    async fn get(
        &self,
        property_name: &str,
        server: &ObjectServer,
        connection: &Connection,
        header: Option<&Header<'_>>,
        emitter: &SignalEmitter<'_>,
    ) -> Option<Result<OwnedVariant, BoxDBusError>> {
        self.0
            .get(property_name, server, connection, header, emitter)
            .await
    }

    async fn get_all(
        &self,
        object_server: &ObjectServer,
        connection: &Connection,
        header: Option<&Header<'_>>,
        emitter: &SignalEmitter<'_>,
    ) -> fdo::Result<HashMap<String, OwnedVariant>> {
        self.0
            .get_all(object_server, connection, header, emitter)
            .await
    }

    fn set<'call>(
        &'call self,
        property_name: &'call str,
        value: &'call Variant<'_>,
        object_server: &'call ObjectServer,
        connection: &'call Connection,
        header: Option<&'call Header<'_>>,
        emitter: &'call SignalEmitter<'_>,
    ) -> DispatchResult<'call> {
        self.0.set(
            property_name,
            value,
            object_server,
            connection,
            header,
            emitter,
        )
    }

    async fn set_mut(
        &mut self,
        property_name: &str,
        value: &Variant<'_>,
        object_server: &ObjectServer,
        connection: &Connection,
        header: Option<&Header<'_>>,
        emitter: &SignalEmitter<'_>,
    ) -> Option<Result<(), BoxDBusError>> {
        self.0
            .set_mut(
                property_name,
                value,
                object_server,
                connection,
                header,
                emitter,
            )
            .await
    }

    fn call<'call>(
        &'call self,
        server: &'call ObjectServer,
        connection: &'call Connection,
        msg: &'call Message,
        name: MemberName<'call>,
    ) -> DispatchResult<'call> {
        self.0.call(server, connection, msg, name)
    }

    fn call_mut<'call>(
        &'call mut self,
        server: &'call ObjectServer,
        connection: &'call Connection,
        msg: &'call Message,
        name: MemberName<'call>,
    ) -> DispatchResult<'call> {
        self.0.call_mut(server, connection, msg, name)
    }

    fn introspect_to_writer(&self, writer: &mut dyn Write, level: usize) {
        let mut xml = String::new();
        self.0.introspect_to_writer(&mut xml, level);
        let _ = writer.write_str(&annotate(&xml, I::SIGNALS));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_go_inside_the_property_element() {
        let xml = "  <interface name=\"org.opencabin.Vehicle1.Drive\">\n    <property name=\"Speed\" type=\"d\" access=\"read\"/>\n    <property name=\"Power\" type=\"d\" access=\"read\"/>\n";
        assert_eq!(
            annotate(xml, &[("Speed", "Vehicle.Speed")]),
            "  <interface name=\"org.opencabin.Vehicle1.Drive\">\n    <property name=\"Speed\" type=\"d\" access=\"read\">\n      <annotation name=\"org.opencabin.Vss\" value=\"Vehicle.Speed\"/>\n    </property>\n    <property name=\"Power\" type=\"d\" access=\"read\"/>\n"
        );
    }
}
