//! Small values checked where they are read: calendar dates and ids.

use serde::{Deserialize, Deserializer};

/// A calendar date. Written as a TOML date literal (`start = 2026-11-02`); a quoted
/// `"2026-11-02"` is accepted too, since authors type both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub jiff::civil::Date);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = toml::Value::deserialize(deserializer)?;
        let text = match value {
            toml::Value::Datetime(datetime) => {
                if datetime.time.is_some() || datetime.offset.is_some() {
                    return Err(D::Error::custom(
                        "expected a date without a time, like 2026-11-02",
                    ));
                }
                datetime.to_string()
            }
            toml::Value::String(text) => text,
            _ => return Err(D::Error::custom("expected a date like 2026-11-02")),
        };
        text.parse::<jiff::civil::Date>()
            .map(Day)
            .map_err(|_| D::Error::custom(format!("`{text}` is not a date like 2026-11-02")))
    }
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl Day {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        self.0.to_string()
    }
}

/// Whether an id is safe in a URL path, a file name and a CSV header: letters, digits, `-`, `_`, `.`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("2026-S23"));
        assert!(is_valid_id("pg_upgrade"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id(""));
    }
}
