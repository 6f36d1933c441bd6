//! What a scenario expects to hold at a time: an alert active or gone, navigation guiding a
//! route or arrived, or the phone ringing, in a call or idle.

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
    /// The phone's calls: one ringing (incoming or waiting), one in progress, or none.
    Phone(PhoneState),
}

/// What a scenario may expect of the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneState {
    Ringing,
    InCall,
    Idle,
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Alert { id, active } => {
                write!(f, "{id} {}", if *active { "active" } else { "gone" })
            }
            Expected::Guiding => write!(f, "navigation guiding"),
            Expected::Arrived => write!(f, "navigation arrived"),
            Expected::Phone(state) => write!(f, "phone {state:?}"),
        }
    }
}
