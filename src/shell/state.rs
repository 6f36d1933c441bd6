//! What the UI shows, as plain data: one view per service, filled from D-Bus properties. No Slint
//! and no zbus connection here, so the mapping is testable on its own.

use crate::mirror::{Presence, Properties, RemoteInterface};
use crate::{media, vehicle};

/// Everything the bridge hands to the UI in one update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UiState {
    pub vehicle: VehicleView,
    pub media: MediaView,
}

/// A view filled from the properties of one remote interface.
pub trait ServiceView: Default {
    /// The interface the view mirrors.
    const REMOTE: RemoteInterface;
    /// Whether the values are live.
    fn available(&self) -> bool;
    fn set_available(&mut self, available: bool);
    /// Takes the properties it knows from `properties`.
    fn read(&mut self, properties: &Properties);

    /// Applies what happened to the service. A service that appears starts from defaults; one that
    /// vanishes keeps its last values but marks them not live.
    fn update(&mut self, presence: &Presence) {
        match presence {
            Presence::Appeared(all) => {
                *self = Self::default();
                self.set_available(true);
                self.read(all);
            }
            Presence::Changed(changed) if self.available() => self.read(changed),
            Presence::Changed(_) => {}
            Presence::Vanished => self.set_available(false),
        }
    }
}

/// The car, from `org.opencabin.Vehicle1.Drive`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VehicleView {
    pub available: bool,
    pub speed_kmh: f64,
}

impl ServiceView for VehicleView {
    const REMOTE: RemoteInterface = RemoteInterface::fixed(
        vehicle::BUS_NAME,
        vehicle::OBJECT_PATH,
        vehicle::DRIVE_INTERFACE,
    );

    fn available(&self) -> bool {
        self.available
    }

    fn set_available(&mut self, available: bool) {
        self.available = available;
    }

    fn read(&mut self, properties: &Properties) {
        if let Some(speed) = properties
            .get("Speed")
            .and_then(|v| v.downcast_ref::<f64>().ok())
        {
            self.speed_kmh = speed;
        }
    }
}

/// Our media player, from the MPRIS2 root interface.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MediaView {
    pub available: bool,
    pub identity: String,
}

impl ServiceView for MediaView {
    const REMOTE: RemoteInterface =
        RemoteInterface::fixed(media::BUS_NAME, media::OBJECT_PATH, media::ROOT_INTERFACE);

    fn available(&self) -> bool {
        self.available
    }

    fn set_available(&mut self, available: bool) {
        self.available = available;
    }

    fn read(&mut self, properties: &Properties) {
        if let Some(identity) = properties
            .get("Identity")
            .and_then(|v| v.downcast_ref::<String>().ok())
        {
            self.identity = identity;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zbus::{OwnedVariant, Variant};

    fn speed(kmh: f64) -> Properties {
        Properties::from([(
            "Speed".to_string(),
            OwnedVariant::try_from(Variant::from(kmh)).unwrap(),
        )])
    }

    #[test]
    fn a_vanished_service_keeps_no_value_marked_live() {
        let mut view = VehicleView::default();
        view.update(&Presence::Appeared(speed(42.0)));
        assert_eq!(
            view,
            VehicleView {
                available: true,
                speed_kmh: 42.0
            }
        );
        view.update(&Presence::Vanished);
        assert!(!view.available);
        // A late change from the old owner does not make the view live again.
        view.update(&Presence::Changed(speed(50.0)));
        assert_eq!(
            view,
            VehicleView {
                available: false,
                speed_kmh: 42.0
            }
        );
        view.update(&Presence::Appeared(speed(7.5)));
        assert_eq!(
            view,
            VehicleView {
                available: true,
                speed_kmh: 7.5
            }
        );
    }
}
