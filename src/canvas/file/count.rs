//! Counts of people in a test's results, as the file writes them.

use serde::Deserialize;

/// A count of people as the file writes it. A negative count is read, to be
/// refused with the test's name and place (`measured`) rather than as a
/// bare "out of bounds".
#[derive(Debug, Clone, Copy)]
pub(super) struct Count(pub(super) Result<u64, i64>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number of people")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Count, E> {
                Ok(Count(Ok(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Count, E> {
                Ok(Count(u64::try_from(v).map_err(|_| v)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
