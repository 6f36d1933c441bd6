//! Driver-distraction rules, as data, in one place: what the UI limits in each driving state.
//! Modelled on Android Automotive's UX restrictions and the NHTSA visual-manual guidelines (no
//! task needing glances over 2 s or 12 s in total). See docs/driving-restrictions.md.

use crate::contract::vehicle::DrivingState;

/// What the UI allows in one driving state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restrictions {
    /// Whether any restriction applies (the UI says so).
    pub active: bool,
    /// How many items a list shows; 0 means all.
    pub max_list_items: usize,
    /// Whether the media browser offers other sources than the current one.
    pub browse_sources: bool,
    /// Whether text entry and deep settings are open.
    pub deep_settings: bool,
}

/// The rules, by the vehicle's driving state.
pub const RULES: &[(DrivingState, Restrictions)] = &[
    (
        DrivingState::Parked,
        Restrictions {
            active: false,
            max_list_items: 0,
            browse_sources: true,
            deep_settings: true,
        },
    ),
    (
        DrivingState::Idling,
        Restrictions {
            active: false,
            max_list_items: 0,
            browse_sources: true,
            deep_settings: true,
        },
    ),
    (DrivingState::Moving, MOVING),
];

const MOVING: Restrictions = Restrictions {
    active: true,
    max_list_items: 6,
    browse_sources: false,
    deep_settings: false,
};

/// The restrictions for `driving_state`; None (the car's state is not known) counts as moving:
/// when in doubt, restrict.
pub fn for_state(driving_state: Option<DrivingState>) -> Restrictions {
    RULES
        .iter()
        .find(|(state, _)| Some(*state) == driving_state)
        .map_or(MOVING, |(_, rules)| *rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_limits_lists_and_parking_lifts_everything() {
        assert_eq!(for_state(Some(DrivingState::Moving)).max_list_items, 6);
        assert!(!for_state(Some(DrivingState::Moving)).browse_sources);
        assert_eq!(
            for_state(Some(DrivingState::Parked)),
            Restrictions {
                active: false,
                max_list_items: 0,
                browse_sources: true,
                deep_settings: true
            }
        );
        assert_eq!(
            for_state(None),
            for_state(Some(DrivingState::Moving)),
            "when in doubt, restrict"
        );
    }
}
