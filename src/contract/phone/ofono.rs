//! oFono's manager and the modem's interfaces other than calls: `org.ofono.Manager` (at `/`),
//! `org.ofono.Modem`, `org.ofono.NetworkRegistration`, `org.ofono.Handsfree` and
//! `org.ofono.CallVolume` (on the modem's path), with oFono's signatures (manager-api.txt,
//! modem-api.txt, network-api.txt, handsfree-api.txt, call-volume-api.txt).

use zbus::object_server::SignalEmitter;
use zbus::{OwnedObjectPath, OwnedVariant, Variant};

use super::{MODEM_PATH, OfonoError, OfonoRefusal, Part, PhoneBackend, Properties};

pub mod manager {
    use super::*;

    /// `org.ofono.Manager` over a backend.
    pub struct Manager<B>(pub B);

    #[zbus::interface(
        name = "org.ofono.Manager",
        proxy(default_service = "org.ofono", default_path = "/")
    )]
    impl<B: PhoneBackend> Manager<B> {
        /// Every modem with its `org.ofono.Modem` properties; the mock has one, of type `hfp`.
        fn get_modems(&self) -> Vec<(OwnedObjectPath, Properties)> {
            let path = OwnedObjectPath::try_from(MODEM_PATH).expect("a valid path");
            vec![(path, self.0.properties(Part::Modem))]
        }

        #[zbus(signal)]
        pub async fn modem_added(
            emitter: &SignalEmitter<'_>,
            path: OwnedObjectPath,
            properties: Properties,
        ) -> zbus::Result<()>;

        #[zbus(signal)]
        pub async fn modem_removed(
            emitter: &SignalEmitter<'_>,
            path: OwnedObjectPath,
        ) -> zbus::Result<()>;
    }
}

pub mod modem {
    use super::*;

    /// `org.ofono.Modem` over a backend: `Powered` and `Online` are writable.
    pub struct Modem<B>(pub B);

    #[zbus::interface(name = "org.ofono.Modem", proxy(default_service = "org.ofono"))]
    impl<B: PhoneBackend> Modem<B> {
        /// Powered, Online, Lockdown, Emergency, Name, Manufacturer, Model, Serial, Interfaces,
        /// Features, Type.
        fn get_properties(&self) -> Properties {
            self.0.properties(Part::Modem)
        }

        fn set_property(&self, property: &str, value: OwnedVariant) -> Result<(), OfonoError> {
            Ok(self.0.set_property(Part::Modem, property, value)?)
        }

        #[zbus(signal)]
        pub async fn property_changed(
            emitter: &SignalEmitter<'_>,
            name: &str,
            value: Variant<'_>,
        ) -> zbus::Result<()>;
    }
}

pub mod network {
    use super::*;

    /// `org.ofono.NetworkRegistration` over a backend: the phone's operator and signal.
    pub struct NetworkRegistration<B>(pub B);

    #[zbus::interface(
        name = "org.ofono.NetworkRegistration",
        proxy(default_service = "org.ofono")
    )]
    impl<B: PhoneBackend> NetworkRegistration<B> {
        /// Status, Mode, Name (the operator), Strength (0-100).
        fn get_properties(&self) -> Properties {
            self.0.properties(Part::Network)
        }

        /// The phone registers itself; a hands-free unit cannot ask it to.
        fn register(&self) -> Result<(), OfonoError> {
            Err(OfonoRefusal::NotImplemented("the phone chooses its network".into()).into())
        }

        #[zbus(signal)]
        pub async fn property_changed(
            emitter: &SignalEmitter<'_>,
            name: &str,
            value: Variant<'_>,
        ) -> zbus::Result<()>;
    }
}

pub mod handsfree {
    use super::*;

    /// `org.ofono.Handsfree` over a backend: the phone's features and battery.
    pub struct Handsfree<B>(pub B);

    #[zbus::interface(name = "org.ofono.Handsfree", proxy(default_service = "org.ofono"))]
    impl<B: PhoneBackend> Handsfree<B> {
        /// InbandRinging, VoiceRecognition, Features, BatteryChargeLevel (0-5).
        fn get_properties(&self) -> Properties {
            self.0.properties(Part::Handsfree)
        }

        fn set_property(&self, property: &str, value: OwnedVariant) -> Result<(), OfonoError> {
            Ok(self.0.set_property(Part::Handsfree, property, value)?)
        }

        /// The number for the phone's last voice tag: not offered by the mock.
        fn request_phone_number(&self) -> Result<String, OfonoError> {
            Err(OfonoRefusal::NotImplemented("the phone has no voice tags".into()).into())
        }

        #[zbus(signal)]
        pub async fn property_changed(
            emitter: &SignalEmitter<'_>,
            name: &str,
            value: Variant<'_>,
        ) -> zbus::Result<()>;
    }
}

pub mod call_volume {
    use super::*;

    /// `org.ofono.CallVolume` over a backend: `Muted`, `SpeakerVolume`, `MicrophoneVolume`.
    pub struct CallVolume<B>(pub B);

    #[zbus::interface(name = "org.ofono.CallVolume", proxy(default_service = "org.ofono"))]
    impl<B: PhoneBackend> CallVolume<B> {
        fn get_properties(&self) -> Properties {
            self.0.properties(Part::CallVolume)
        }

        /// Muted (b), SpeakerVolume and MicrophoneVolume (y, 0-100; over 100 is InvalidFormat).
        fn set_property(&self, property: &str, value: OwnedVariant) -> Result<(), OfonoError> {
            Ok(self.0.set_property(Part::CallVolume, property, value)?)
        }

        #[zbus(signal)]
        pub async fn property_changed(
            emitter: &SignalEmitter<'_>,
            name: &str,
            value: Variant<'_>,
        ) -> zbus::Result<()>;
    }
}
