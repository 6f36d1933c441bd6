//! Which property is which COVESA VSS 6.0 signal, and the wrapper that puts that into the served
//! introspection as `<annotation name="org.opencabin.Vss" value="Vehicle...."/>`.
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

/// (interface, property, VSS path). Units and types follow the VSS signal.
pub const SIGNALS: &[(&str, &str, &str)] = &[
    ("org.opencabin.Vehicle1.Drive", "Speed", "Vehicle.Speed"),
    (
        "org.opencabin.Vehicle1.Drive",
        "SelectedGear",
        "Vehicle.Powertrain.Transmission.SelectedGear",
    ),
    (
        "org.opencabin.Vehicle1.Drive",
        "Odometer",
        "Vehicle.TraveledDistance",
    ),
    (
        "org.opencabin.Vehicle1.Drive",
        "TripDistance",
        "Vehicle.TripMeterReading",
    ),
    (
        "org.opencabin.Vehicle1.Drive",
        "TripTime",
        "Vehicle.TripDuration",
    ),
    (
        "org.opencabin.Vehicle1.Drive",
        "AverageSpeed",
        "Vehicle.AverageSpeed",
    ),
    (
        "org.opencabin.Vehicle1.Drive",
        "IsMoving",
        "Vehicle.IsMoving",
    ),
    (
        "org.opencabin.Vehicle1.Battery",
        "StateOfCharge",
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
    ),
    (
        "org.opencabin.Vehicle1.Battery",
        "Range",
        "Vehicle.Powertrain.Range",
    ),
    (
        "org.opencabin.Vehicle1.Battery",
        "IsCharging",
        "Vehicle.Powertrain.TractionBattery.Charging.IsCharging",
    ),
    (
        "org.opencabin.Vehicle1.Battery",
        "TimeToFull",
        "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete",
    ),
    (
        "org.opencabin.Vehicle1.Battery",
        "Temperature",
        "Vehicle.Powertrain.TractionBattery.Temperature.Average",
    ),
    (
        "org.opencabin.Vehicle1.Battery",
        "ChargeLimit",
        "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "DriverTargetTemperature",
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "PassengerTargetTemperature",
        "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "CabinTemperature",
        "Vehicle.Cabin.HVAC.AmbientAirTemperature",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "OutsideTemperature",
        "Vehicle.Exterior.AirTemperature",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "AirConditioning",
        "Vehicle.Cabin.HVAC.IsAirConditioningActive",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "Recirculation",
        "Vehicle.Cabin.HVAC.IsRecirculationActive",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "FrontDefrost",
        "Vehicle.Cabin.HVAC.IsFrontDefrosterActive",
    ),
    (
        "org.opencabin.Vehicle1.Climate",
        "RearDefrost",
        "Vehicle.Cabin.HVAC.IsRearDefrosterActive",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "FrontLeftDoorOpen",
        "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "FrontRightDoorOpen",
        "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "RearLeftDoorOpen",
        "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "RearRightDoorOpen",
        "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "TrunkOpen",
        "Vehicle.Body.Trunk.Rear.IsOpen",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "FrunkOpen",
        "Vehicle.Body.Trunk.Front.IsOpen",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "Locked",
        "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "ChildLock",
        "Vehicle.Cabin.Door.Row2.DriverSide.IsChildLockActive",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "Headlights",
        "Vehicle.Body.Lights.LightSwitch",
    ),
    (
        "org.opencabin.Vehicle1.Body",
        "InteriorLight",
        "Vehicle.Cabin.Light.IsDomeOn",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "FrontLeftPressure",
        "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "FrontRightPressure",
        "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "RearLeftPressure",
        "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "RearRightPressure",
        "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "FrontLeftTemperature",
        "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Temperature",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "FrontRightTemperature",
        "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Temperature",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "RearLeftTemperature",
        "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Temperature",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "RearRightTemperature",
        "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Temperature",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "FrontLeftPressureLow",
        "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "FrontRightPressureLow",
        "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.IsPressureLow",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "RearLeftPressureLow",
        "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.IsPressureLow",
    ),
    (
        "org.opencabin.Vehicle1.Tires",
        "RearRightPressureLow",
        "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.IsPressureLow",
    ),
];

/// Serves `I` unchanged but for its introspection, which gains the VSS annotations.
pub struct WithVss<I>(pub I);

/// Adds an annotation to each `<property>` of `interface` that `SIGNALS` names.
pub fn annotate(xml: &str, interface: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    for line in xml.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let signal = SIGNALS.iter().find(|(iface, property, _)| {
            *iface == interface && trimmed.starts_with(&format!("<property name=\"{property}\" "))
        });
        match signal {
            Some((_, _, path)) if trimmed.ends_with("/>") => {
                let open = trimmed.trim_end_matches("/>");
                let _ = writeln!(out, "{indent}{open}>");
                let _ = writeln!(
                    out,
                    "{indent}  <annotation name=\"{ANNOTATION}\" value=\"{path}\"/>"
                );
                let _ = writeln!(out, "{indent}</property>");
            }
            Some((_, _, path)) => {
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
impl<I: Interface> Interface for WithVss<I> {
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
        let _ = writer.write_str(&annotate(&xml, I::name().as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_go_inside_the_property_element() {
        let xml = "  <interface name=\"org.opencabin.Vehicle1.Drive\">\n    <property name=\"Speed\" type=\"d\" access=\"read\"/>\n    <property name=\"Power\" type=\"d\" access=\"read\"/>\n";
        assert_eq!(
            annotate(xml, "org.opencabin.Vehicle1.Drive"),
            "  <interface name=\"org.opencabin.Vehicle1.Drive\">\n    <property name=\"Speed\" type=\"d\" access=\"read\">\n      <annotation name=\"org.opencabin.Vss\" value=\"Vehicle.Speed\"/>\n    </property>\n    <property name=\"Power\" type=\"d\" access=\"read\"/>\n"
        );
    }
}
