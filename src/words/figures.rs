//! Numbers as a reader says them: shares, effort, money, people's time and changes in points,
//! rounded the way a person would round them, and the small joins of words around them. The
//! sentences (`narrate`) and the directives' values are written with these.

use crate::load::config::{Config, EffortUnit};
use crate::text::group_thousands;

/// A change below this many percentage points reads as "about the same".
pub(crate) const STEADY_POINTS: f64 = 0.5;

/// `0.3812` → `38%`; tiny non-zero shares read "less than 1%".
pub fn percent(share: f64) -> String {
    debug_assert!(
        share.is_finite(),
        "a non-finite share reached a page: {share}"
    );
    // `+ 0.0` turns -0.0 (the sum of nothing) into 0.0, so it never prints "-0%".
    let share = share + 0.0;
    if share > 0.0 && share < 0.005 {
        return "less than 1%".to_string();
    }
    format!("{:.0}%", share * 100.0)
}

/// The round fractions a share is said as, and crosses as news: "a quarter" ... "three
/// quarters".
pub const ROUND_FRACTIONS: [(f64, &str); 5] = [
    (0.25, "a quarter"),
    (1.0 / 3.0, "a third"),
    (0.5, "half"),
    (2.0 / 3.0, "two thirds"),
    (0.75, "three quarters"),
];

/// A share as a person would say it: "about a third", "about half", "all", else "38%".
pub fn spoken_share(share: f64) -> String {
    let near = |value: f64| (share - value).abs() < 0.015;
    if let Some((_, words)) = ROUND_FRACTIONS.iter().find(|(value, _)| near(*value)) {
        return format!("about {words}");
    }
    if near(1.0) {
        return "all".to_string();
    }
    percent(share)
}

/// A number with at most one decimal, and none when it is whole: `12.5`, `12`, `1,250`.
pub fn number(value: f64) -> String {
    // Numbers are bounded where they are read (`input::Checked`), so sums stay finite.
    debug_assert!(
        value.is_finite(),
        "a non-finite number reached a page: {value}"
    );
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    if rounded.fract() == 0.0 {
        group_thousands(&format!("{rounded:.0}"))
    } else {
        let text = format!("{rounded:.1}");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, "0"));
        format!("{}.{fraction}", group_thousands(whole))
    }
}

/// Effort with its unit: `12.5 person-days`, `1 person-day`, `40 hours`.
pub fn effort(config: &Config, value: f64) -> String {
    let unit = match config.effort_unit {
        EffortUnit::PersonDays => "person-day",
        EffortUnit::Hours => "hour",
    };
    let text = number(value);
    if text == "1" {
        format!("1 {unit}")
    } else {
        format!("{text} {unit}s")
    }
}

/// Money in the site's currency, exact to the unit: `$12,300`, `EUR 12,300`.
pub fn money(config: &Config, value: f64) -> String {
    debug_assert!(
        value.is_finite(),
        "a non-finite amount reached a page: {value}"
    );
    let amount = group_thousands(&format!("{:.0}", value.round()));
    match config.currency.as_str() {
        "USD" => format!("${amount}"),
        "GBP" => format!("£{amount}"),
        "EUR" => format!("€{amount}"),
        other => format!("{other} {amount}"),
    }
}

/// A figure as prose and key-figure tiles give it: two significant figures (whole numbers stay
/// whole: 7 stays 7, 4.9 stays 4.9, 12.5 becomes 13, 250.2 becomes 250, 121,910 becomes
/// 120,000).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spoken {
    /// The rounded value.
    pub value: f64,
    /// Whether rounding moved the figure by more than half a percent, so that the words
    /// say "about".
    pub approximate: bool,
}

/// The one rounding of figures in words: two significant figures, and "about" when that moved
/// the figure by more than half a percent. Tables and CSVs keep the exact values; every
/// sentence and tile that shows money, effort or a count goes through here.
pub fn two_figures(value: f64) -> Spoken {
    debug_assert!(
        value.is_finite(),
        "a non-finite figure reached a page: {value}"
    );
    let size = value.abs();
    if size == 0.0 || !size.is_finite() {
        return Spoken {
            value: 0.0,
            approximate: false,
        };
    }
    // Never finer than a tenth: the words print at most one decimal.
    let step = 10f64.powi(size.log10().floor() as i32 - 1).max(0.1);
    // The second rounding only clears float noise (0.30000000000000004).
    let rounded = (((value / step).round() * step) * 1e6).round() / 1e6 + 0.0;
    Spoken {
        value: rounded,
        approximate: (rounded - value).abs() > size * 0.005,
    }
}

/// `about ` when a spoken figure was rounded noticeably, else nothing.
fn about(spoken: Spoken) -> &'static str {
    if spoken.approximate { "about " } else { "" }
}

/// Money rounded for sentences and tiles: `about $120,000`, `$7,500`.
pub fn spoken_money(config: &Config, value: f64) -> String {
    if value <= 0.0 {
        return money(config, 0.0);
    }
    let spoken = two_figures(value);
    format!("{}{}", about(spoken), money(config, spoken.value))
}

/// Effort rounded for sentences and tiles: `250 person-days`, `about 200 person-days`.
pub fn spoken_effort(config: &Config, value: f64) -> String {
    let spoken = two_figures(value);
    format!("{}{}", about(spoken), effort(config, spoken.value))
}

/// A plain count or measure rounded for sentences and tiles: `about 20`, `4.5`.
pub fn spoken_number(value: f64) -> String {
    let spoken = two_figures(value);
    format!("{}{}", about(spoken), number(spoken.value))
}

/// FTE as people: "about 4 people's worth of time".
pub fn people(fte: f64) -> String {
    if fte <= 0.0 {
        "no time".to_string()
    } else if fte < 0.75 {
        "less than one person's worth of time".to_string()
    } else if fte < 1.5 {
        "about one person's worth of time".to_string()
    } else {
        format!("about {:.0} people's worth of time", fte.round())
    }
}

/// A change in percentage points that reads in a sentence: "up 9 points", "unchanged".
pub fn points_change(points: f64) -> String {
    let rounded = points.round();
    if points.abs() < STEADY_POINTS || rounded == 0.0 {
        "unchanged".to_string()
    } else if rounded.abs() == 1.0 {
        format!("{} 1 point", if points > 0.0 { "up" } else { "down" })
    } else if points > 0.0 {
        format!("up {rounded:.0} points")
    } else {
        format!("down {:.0} points", -rounded)
    }
}

/// "A", "A and B", "A, B and C".
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Upper-cases the first letter, for sentences that start with a label.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    #[test]
    fn spoken_numbers() {
        assert_eq!(percent(0.3812), "38%");
        assert_eq!(percent(0.001), "less than 1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(-0.0), "0%");
        assert_eq!(percent([0.0f64; 0].iter().sum()), "0%");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-0.04), "0");
        assert_eq!(spoken_share(0.34), "about a third");
        assert_eq!(spoken_share(0.38), "38%");
        assert_eq!(spoken_share(0.5), "about half");
        assert_eq!(people(4.2), "about 4 people's worth of time");
        assert_eq!(people(1.1), "about one person's worth of time");
        assert_eq!(points_change(9.2), "up 9 points");
        assert_eq!(points_change(-1.0), "down 1 point");
        assert_eq!(points_change(0.3), "unchanged");
        assert_eq!(number(1234.56), "1,234.6");
        assert_eq!(number(12.0), "12");
        assert_eq!(group_thousands("-1234"), "-1,234");
        assert_eq!(
            join_words(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }

    #[test]
    fn money_is_rounded_for_sentences() {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        assert_eq!(money(&config, 123456.4), "$123,456");
        assert_eq!(spoken_money(&config, 123456.4), "about $120,000");
        assert_eq!(spoken_money(&config, 7500.0), "$7,500");
        assert_eq!(spoken_money(&config, 37392.0), "about $37,000");
        assert_eq!(spoken_money(&config, 121910.0), "about $120,000");
        assert_eq!(spoken_effort(&config, 250.2), "250 person-days");
        assert_eq!(spoken_effort(&config, 198.0), "about 200 person-days");
        assert_eq!(spoken_effort(&config, 27.5), "about 28 person-days");
        assert_eq!(spoken_effort(&config, 1.0), "1 person-day");
        assert_eq!(spoken_number(20.1), "20");
        assert_eq!(spoken_number(4.9), "4.9");
        assert_eq!(spoken_number(0.0), "0");
    }

    #[test]
    fn two_significant_figures() {
        let cases = [
            (121_910.0, 120_000.0, true),
            (7_500.0, 7_500.0, false),
            (250.2, 250.0, false),
            (12.5, 13.0, true),
            (7.0, 7.0, false),
            (4.94, 4.9, true),
            (4.9, 4.9, false),
            (0.25, 0.3, true),
            (0.123, 0.1, true),
            (-1234.0, -1200.0, true),
            (995.0, 1000.0, true),
            (1001.0, 1000.0, false),
        ];
        for (value, rounded, approximate) in cases {
            let spoken = two_figures(value);
            assert_eq!(spoken.value, rounded, "{value}");
            assert_eq!(spoken.approximate, approximate, "{value}");
        }
    }
}
