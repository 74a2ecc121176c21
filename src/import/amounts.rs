//! Numbers in and out of an import: reading the amounts an export gives (bounded, since they
//! are hostile input), the bounds themselves, and writing amounts as a person would.
//!
//! One place for both directions, so that the readers, the effort maths, the reconciliation and
//! the checks of imported rows agree on what an amount is and how it reads.

use super::item::Item;
use crate::diagnostics::Diagnostic;
use crate::load::config::Config;

/// A number of zero or more, as trackers write it: `3`, `2.5`, `3.0`.
fn parse_amount(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
}

/// The largest number an export may give as story points, an estimate or an original estimate
/// in seconds (a billion seconds is 31 years of one person's time): above it, the figure is a
/// typing or export mistake, and the maths on it would overflow.
pub const MAX_EXPORTED_AMOUNT: f64 = 1e9;

/// The most effort one imported item may come to, in person-days (40 years of one person's
/// working days): above it the item's estimate, or `points_per_day`, is a mistake.
pub const MAX_ITEM_PERSON_DAYS: f64 = 10_000.0;

/// Why an amount in an export cannot be read.
pub(super) enum BadAmount {
    /// It is not a number of zero or more.
    NotANumber,
    /// It is too large to be an estimate: the message and the help.
    TooLarge(String, String),
}

/// An amount an export gives for item `key` (`text` as written, not empty).
pub(super) fn exported_amount(text: &str, key: &str) -> Result<f64, BadAmount> {
    let number = parse_amount(text).ok_or(BadAmount::NotANumber)?;
    match too_large(number, text, key) {
        None => Ok(number),
        Some((message, help)) => Err(BadAmount::TooLarge(message, help)),
    }
}

/// The message and help for an exported number (`text` as written) too large to be an
/// estimate, or `None` when it is not.
fn too_large(value: f64, text: &str, key: &str) -> Option<(String, String)> {
    (value > MAX_EXPORTED_AMOUNT).then(|| {
        (
            format!("`{}` ({key}) is too large to be an estimate", text.trim()),
            format!(
                "tally reads estimates up to {}: fix this item's estimate in the tracker, or clear it, and export again",
                grouped(MAX_EXPORTED_AMOUNT)
            ),
        )
    })
}

/// A whole amount with thousands separators, e.g. `450,000,000`.
fn grouped(value: f64) -> String {
    crate::text::group_thousands(&format!("{:.0}", value.round()))
}

/// Each imported row's effort must be an ordinary amount: an item whose estimate comes to more
/// than [`MAX_ITEM_PERSON_DAYS`] is reported at its line in the export, not in the sprint file.
pub(super) fn check_item_efforts(
    items: &[&Item],
    efforts: &[f64],
    config: &Config,
    unit: &str,
    problems: &mut Vec<Diagnostic>,
) {
    for (item, effort) in items.iter().zip(efforts) {
        let days = config.to_person_days(*effort);
        if days.is_finite() && days <= MAX_ITEM_PERSON_DAYS {
            continue;
        }
        let amount = if effort.is_finite() {
            grouped(*effort)
        } else {
            "more than any number".to_string()
        };
        problems.push(
            Diagnostic::error(
                &item.origin.file,
                item.origin.span.clone(),
                format!("{} comes to {amount} {unit} of work, more than one item can be", item.key),
            )
            .with_help(format!(
                "one item may come to at most {} person-days: check its estimate in the tracker, and `points_per_day` under [import] in site.toml",
                grouped(MAX_ITEM_PERSON_DAYS)
            )),
        );
    }
}

/// An amount with its unit, singular for exactly 1: `1 person-day`, `2.5 person-days`.
pub fn with_unit(value: f64, unit: &str) -> String {
    let amount = format_amount(value);
    match (amount.as_str(), unit.strip_suffix('s')) {
        ("1", Some(singular)) => format!("1 {singular}"),
        _ => format!("{amount} {unit}"),
    }
}

/// A number as a person would write it: `48`, `2.5`, `11.08`.
pub fn format_amount(value: f64) -> String {
    let text = format!("{:.2}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" => "0".to_string(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_lose_trailing_zeros() {
        assert_eq!(format_amount(48.0), "48");
        assert_eq!(format_amount(2.5), "2.5");
        assert_eq!(format_amount(11.076923), "11.08");
        assert_eq!(format_amount(0.0), "0");
        assert_eq!(with_unit(1.0, "person-days"), "1 person-day");
        assert_eq!(with_unit(1.25, "hours"), "1.25 hours");
    }
}
