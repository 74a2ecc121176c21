//! Numbers from users, checked at the boundary: every figure in the data is read as a
//! [`Checked`] quantity with its own ceiling, so no NaN, infinity, negative or overflowing
//! value reaches the accounts.

use serde::{Deserialize, Deserializer};

/// What a number in the data counts, and the range tally accepts for it. The ceilings are far
/// above any real team's figures and keep every sum and product of them finite (documented in
/// the README's data format).
pub trait Quantity {
    /// The largest value accepted.
    const CEILING: f64;
    /// What the number is, for the error: "an effort".
    const WHAT: &'static str;
}

/// The smallest non-zero number accepted: figures are kept to 6 decimals, so anything smaller
/// would read as 0 and only make ratios explode.
pub const SMALLEST: f64 = 0.000_001;

/// A number read from the data and checked at the boundary: a TOML integer or float that is
/// finite, zero or more, either 0 or at least [`SMALLEST`], and at most the quantity's
/// ceiling. Every number a user writes goes through this type, so none of these can reach a
/// page, a chart, a CSV or `data/accounts.json`: NaN, infinity, a negative, or a value whose
/// sums and products overflow.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Checked<Q>(f64, std::marker::PhantomData<Q>);

impl<Q> Checked<Q> {
    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// Declares a quantity: an uninhabited type that only names a [`Quantity`] and its range.
macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $ceiling:expr, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
        pub enum $name {}
        impl Quantity for $name {
            const CEILING: f64 = $ceiling;
            const WHAT: &'static str = $what;
        }
    };
}

quantity!(
    /// Effort on one work row or capacity row, and a debt's interest per sprint, in the site's
    /// effort unit.
    Effort,
    100_000.0,
    "an effort"
);
quantity!(
    /// An initiative's scope and a debt's principal, in the site's effort unit.
    Scope,
    10_000_000.0,
    "a scope or principal"
);
quantity!(
    /// The loaded cost of one person-day, in the site's currency.
    DayCost,
    1_000_000.0,
    "a day cost"
);
quantity!(
    /// A team's head count.
    People,
    1_000_000.0,
    "a head count"
);

quantity!(
    /// A count of releases on one row of `releases.toml` (a daily total may be large).
    Releases,
    1_000_000.0,
    "a release count"
);

impl<'de, Q: Quantity> Deserialize<'de> for Checked<Q> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = toml::Value::deserialize(deserializer)?;
        let number = toml_number(value).map_err(D::Error::custom)?;
        check_number::<Q>(number)
            .map(|n| Self(n, std::marker::PhantomData))
            .map_err(D::Error::custom)
    }
}

/// A TOML integer or float as a number; anything else is an error in words.
fn toml_number(value: toml::Value) -> Result<f64, String> {
    match value {
        toml::Value::Integer(i) => Ok(i as f64),
        toml::Value::Float(f) => Ok(f),
        toml::Value::String(s) => Err(format!(
            "expected a number, found the text \"{s}\"; write it without quotes"
        )),
        other => Err(format!("expected a number, found {}", other.type_str())),
    }
}

/// A number as an error message quotes it: `1e308`, not three hundred digits.
fn quoted(number: f64) -> String {
    let size = number.abs();
    if size >= 1e15 || (size > 0.0 && size < 1e-4) {
        format!("{number:e}")
    } else {
        format!("{number}")
    }
}

/// Checks a number against the range of its quantity (see [`Checked`]); `-0` becomes 0.
pub fn check_number<Q: Quantity>(number: f64) -> Result<f64, String> {
    if !number.is_finite() {
        return Err("expected a finite number, not infinity or NaN".to_string());
    }
    if number < 0.0 {
        return Err(format!(
            "{} is negative; effort, head counts and costs are zero or more",
            quoted(number)
        ));
    }
    if number > Q::CEILING {
        return Err(format!(
            "{} is more than {}, the most tally accepts for {}",
            quoted(number),
            crate::text::group_thousands(&format!("{:.0}", Q::CEILING)),
            Q::WHAT
        ));
    }
    if number > 0.0 && number < SMALLEST {
        return Err(format!(
            "{} is too small to count; write 0, or at least 0.000001",
            quoted(number)
        ));
    }
    Ok(number + 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quantity_has_its_own_ceiling() {
        assert!(check_number::<Scope>(10_000_000.0).is_ok());
        assert!(check_number::<Scope>(10_000_001.0).is_err());
        assert!(check_number::<DayCost>(1_000_000.0).is_ok());
        assert!(check_number::<DayCost>(1_000_001.0).is_err());
        assert!(check_number::<People>(1e7).is_err());
    }
}
