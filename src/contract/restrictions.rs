//! Driver-distraction rules, as data, in one place: what each driving state allows on the car's
//! screens (the IVI window) and from a paired phone (the companion page). Modelled on Android
//! Automotive's UX restrictions and the NHTSA visual-manual guidelines (no task needing glances
//! over 2 s or 12 s in total). See docs/driving-restrictions.md.

use crate::contract::vehicle::DrivingState;

/// What one driving state allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restrictions {
    /// Whether any restriction applies (the UI says so).
    pub active: bool,
    /// How many items a list shows; 0 means all.
    pub max_list_items: usize,
    /// Whether the media browser offers other sources than the current one.
    pub browse_sources: bool,
    /// Whether text entry on the car's screen (keyboards, the keypad) and deep settings are
    /// open.
    pub deep_settings: bool,
    /// Whether a paired phone may send the car a destination: it is typed on the phone, by
    /// whoever holds it, not on the car's screen (issue 16: "the phone itself may send one").
    pub destination_from_phone: bool,
    /// Whether the car may ask the driver something unprompted, such as switching to the
    /// driver profile of the phone that just connected; while moving the question waits.
    pub prompts: bool,
}

/// The rules, by the vehicle's driving state.
pub const RULES: &[(DrivingState, Restrictions)] = &[
    (DrivingState::Parked, STANDING),
    (DrivingState::Idling, STANDING),
    (DrivingState::Moving, MOVING),
];

/// A standing car (parked, or idling in a gear): nothing is restricted.
const STANDING: Restrictions = Restrictions {
    active: false,
    max_list_items: 0,
    browse_sources: true,
    deep_settings: true,
    destination_from_phone: true,
    prompts: true,
};

/// A moving car, and one whose state is not known.
const MOVING: Restrictions = Restrictions {
    active: true,
    max_list_items: 6,
    browse_sources: false,
    deep_settings: false,
    destination_from_phone: true,
    prompts: false,
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
                deep_settings: true,
                destination_from_phone: true,
                prompts: true,
            }
        );
        assert_eq!(
            for_state(None),
            for_state(Some(DrivingState::Moving)),
            "when in doubt, restrict"
        );
    }

    #[test]
    fn a_phone_may_send_a_destination_that_the_cars_screen_may_not_type() {
        let moving = for_state(Some(DrivingState::Moving));
        assert!(!moving.deep_settings, "no typing on a moving car's screen");
        assert!(
            moving.destination_from_phone,
            "the phone itself may send one"
        );
        assert!(for_state(None).destination_from_phone);
    }
}
