//! What a scenario expects to hold at a time: an alert active or gone, or navigation guiding a
//! route or arrived.

use std::time::Duration;

/// What is expected to hold by `at`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expect {
    pub at: Duration,
    pub what: Expected,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// An alert active, or gone.
    Alert { id: String, active: bool },
    /// Navigation guides a route.
    Guiding,
    /// The route ended at its destination: guidance over and the car parked.
    Arrived,
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Alert { id, active } => {
                write!(f, "{id} {}", if *active { "active" } else { "gone" })
            }
            Expected::Guiding => write!(f, "navigation guiding"),
            Expected::Arrived => write!(f, "navigation arrived"),
        }
    }
}
