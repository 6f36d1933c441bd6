//! The one way a name the contract does not know is refused: the thing, the value, and what is
//! allowed, e.g. `gear: "X" is not known; allowed: "P", "R", "N", "D"`.

use std::fmt::Display;

/// A name that is not one of the allowed ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: \"{value}\" is not known; allowed: {allowed}")]
pub struct NotKnown {
    what: String,
    value: String,
    allowed: String,
}

impl NotKnown {
    /// `value` given for `what`, which allows each of `allowed`.
    pub fn new<A: Display>(what: &str, value: &str, allowed: impl IntoIterator<Item = A>) -> Self {
        let allowed = allowed
            .into_iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        NotKnown {
            what: what.to_string(),
            value: super::excerpt(value),
            allowed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_thing_the_value_and_what_is_allowed() {
        assert_eq!(
            NotKnown::new("gear", "X", ["P", "D"]).to_string(),
            r#"gear: "X" is not known; allowed: "P", "D""#
        );
    }
}
