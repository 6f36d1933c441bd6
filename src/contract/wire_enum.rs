//! `wire_enum!`: an enumeration that travels as fixed strings, on D-Bus (signature `s`), in
//! files (serde) and in messages, declared once with its names.

/// What every `wire_enum!` has, for code generic over them.
pub trait WireName: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    /// The value named exactly `text`.
    fn find(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.as_str() == text)
    }
}

/// Declares `enum NAME { Variant = "text", ... }` with `ALL`, `as_str`, `names`, `parse` (a
/// `NotKnown` error naming what is allowed), `FromStr`, `Display`, serde as the text, and
/// `zvariant::Type` as a string. `label` names it in error messages.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($label:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value's wire name.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Every wire name, in declaration order.
            pub fn names() -> impl Iterator<Item = &'static str> + Clone {
                Self::ALL.iter().map(|value| value.as_str())
            }

            /// The value named `text`, or an error naming `what` and the allowed names.
            pub fn parse(what: &str, text: &str) -> Result<Self, $crate::contract::NotKnown> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|value| value.as_str() == text)
                    .ok_or_else(|| $crate::contract::NotKnown::new(what, text, Self::names()))
            }
        }

        impl $crate::contract::WireName for $name {
            const ALL: &'static [Self] = $name::ALL;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::contract::NotKnown;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse($label, text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Self::parse($label, &text).map_err(serde::de::Error::custom)
            }
        }

        impl zbus::zvariant::Type for $name {
            const SIGNATURE: &'static zbus::Signature = &zbus::Signature::Str;
        }
    };
}
