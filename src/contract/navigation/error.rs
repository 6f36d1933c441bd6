//! Why navigation refuses: `NavigationRefusal` is plain Rust, `NavigationError` its D-Bus form,
//! `org.opencabin.Navigation1.Error.<Kind>`, with a message saying what was wrong.

/// A request navigation cannot carry out, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NavigationRefusal {
    /// An id that names no place of the map.
    #[error("{0}")]
    UnknownPlace(String),
    /// No road leads there from the car.
    #[error("{0}")]
    Unreachable(String),
    /// A label that names no favourite.
    #[error("{0}")]
    UnknownFavourite(String),
    /// A point given by coordinates that no road of the map passes near.
    #[error("{0}")]
    NotNearRoad(String),
    /// An argument of the right type that is still not allowed (empty, too long).
    #[error("{0}")]
    InvalidArgument(String),
}

/// An error a caller of `org.opencabin.Navigation1` can match by name.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Navigation1.Error")]
pub enum NavigationError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// An id that names no place of the map.
    UnknownPlace(String),
    /// No road leads there from the car.
    Unreachable(String),
    /// A label that names no favourite.
    UnknownFavourite(String),
    /// A point given by coordinates that no road of the map passes near.
    NotNearRoad(String),
    /// An argument of the right type that is still not allowed (empty, too long).
    InvalidArgument(String),
}

impl From<NavigationRefusal> for NavigationError {
    fn from(refusal: NavigationRefusal) -> Self {
        match refusal {
            NavigationRefusal::UnknownPlace(m) => NavigationError::UnknownPlace(m),
            NavigationRefusal::Unreachable(m) => NavigationError::Unreachable(m),
            NavigationRefusal::UnknownFavourite(m) => NavigationError::UnknownFavourite(m),
            NavigationRefusal::NotNearRoad(m) => NavigationError::NotNearRoad(m),
            NavigationRefusal::InvalidArgument(m) => NavigationError::InvalidArgument(m),
        }
    }
}
