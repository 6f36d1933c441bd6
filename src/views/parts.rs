//! Which parts of the UI state changed, so that a front end redraws only those (the queue's rows
//! are not rebuilt because the speed changed).

/// A set of parts of `UiState`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parts(u32);

impl Parts {
    pub const NONE: Parts = Parts(0);
    pub const DRIVE: Parts = Parts(1);
    pub const BATTERY: Parts = Parts(1 << 1);
    pub const BODY: Parts = Parts(1 << 2);
    pub const TIRES: Parts = Parts(1 << 3);
    pub const CLIMATE: Parts = Parts(1 << 4);
    pub const ALERTS: Parts = Parts(1 << 5);
    pub const ENERGY: Parts = Parts(1 << 6);
    pub const MEDIA: Parts = Parts(1 << 7);
    /// The media's cover image (another file), which is decoded again.
    pub const COVER: Parts = Parts(1 << 8);
    /// How the car is simulated (the simulator panel).
    pub const SIMULATION: Parts = Parts(1 << 9);
    /// Where the car is.
    pub const LOCATION: Parts = Parts(1 << 10);
    /// Guidance, favourites and recent destinations.
    pub const NAVIGATION: Parts = Parts(1 << 11);
    /// The map itself (read once from the navigation service).
    pub const MAP: Parts = Parts(1 << 12);
    /// Search results and the route preview.
    pub const SEARCH: Parts = Parts(1 << 13);
    /// The paired phone and its calls.
    pub const PHONE: Parts = Parts(1 << 14);
    /// The phone's contacts and recent calls, and the driver's contact search.
    pub const CONTACTS: Parts = Parts(1 << 15);
    /// The companion's pairing offer and the paired phones (the car's pairing screen).
    pub const COMPANION: Parts = Parts(1 << 16);
    pub const ALL: Parts = Parts(u32::MAX);

    pub fn contains(self, other: Parts) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn intersects(self, other: Parts) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Parts {
    type Output = Parts;

    fn bitor(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Parts {
    fn bitor_assign(&mut self, other: Parts) {
        self.0 |= other.0;
    }
}
