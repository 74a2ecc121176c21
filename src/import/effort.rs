//! The effort of imported items, one team at a time.
//!
//! - `estimate`: story points ÷ `points_per_day` person-days; a Jira item without points uses
//!   its original estimate in hours ÷ `hours_per_day`. An item with neither counts as the
//!   median of its team's other estimated items, and is listed; when no item of the team has
//!   an estimate, the team's capacity is split equally over its items (a row of 0 would look
//!   counted and add nothing).
//! - `points-share`: the team's capacity is split over its items in proportion to their story
//!   points; an item without points counts as the median points of its team's other items, and
//!   is listed. When no item of the team has points, or all have 0, the split is equal.
//! - `count`: the team's capacity is split equally over its items.
//!
//! Efforts are rounded to hundredths; a split is rounded so that it adds up to the capacity
//! exactly (largest remainders get the spare hundredths).

use super::amounts::{format_amount, with_unit};
use super::item::{Format, Item};
use super::reconcile::Listed;
use super::rules::{EffortMode, Rules};

/// What the effort maths needs besides the items.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// How effort is found.
    pub mode: EffortMode,
    /// Story points per person-day.
    pub points_per_day: f64,
    /// Hours in a working day.
    pub hours_per_day: f64,
    /// Whether the site records effort in hours (else person-days).
    pub in_hours: bool,
    /// The export's format, for wording.
    pub format: Format,
    /// The name of the site's unit.
    pub unit: &'static str,
}

impl Context {
    fn days_to_unit(&self, days: f64) -> f64 {
        if self.in_hours {
            days * self.hours_per_day
        } else {
            days
        }
    }

    fn no_points(&self) -> &'static str {
        match self.format {
            Format::Jira => "no story points",
            Format::Linear => "no estimate",
            Format::Github => "no estimate (GitHub items have none)",
        }
    }

    fn no_estimate(&self) -> &'static str {
        match self.format {
            Format::Jira => "no value in any estimate column",
            _ => self.no_points(),
        }
    }
}

/// One team's efforts, in the site's unit and the items' order, and the items whose effort was
/// assumed.
pub struct TeamEfforts {
    /// The items' efforts.
    pub efforts: Vec<f64>,
    /// The items without an estimate, each with how it was counted.
    pub assumed: Vec<Listed>,
    /// How those items were counted, in a phrase for the reconciliation's summary ("counted as
    /// the median of their team's other items"); one way per team.
    pub counted_as: Option<&'static str>,
}

const AS_MEDIAN: &str = "counted as the median of the team's other items";
const AS_EQUAL_SHARE: &str =
    "given an equal share of the team's capacity, as no item of the team has an estimate";
const AS_MEDIAN_POINTS: &str = "counted as the median points of the team's other items";
const AS_ZERO: &str = "counted as 0, as the team has no capacity in this sprint";

/// The efforts of one team's items (in the site's unit), and the items whose effort was
/// assumed. `capacity` (in the site's unit) is used by `points-share` and `count`, and by
/// `estimate` when no item of the team has an estimate.
pub fn for_team(context: &Context, items: &[&Item], capacity: f64) -> TeamEfforts {
    let (efforts, assumed, counted_as) = match context.mode {
        EffortMode::Estimate => estimate(context, items, capacity),
        EffortMode::PointsShare => points_share(context, items, capacity),
        EffortMode::Count => (split(capacity, &vec![1.0; items.len()]), Vec::new(), None),
    };
    TeamEfforts {
        efforts,
        counted_as: counted_as.filter(|_| !assumed.is_empty()),
        assumed,
    }
}

type Found = (Vec<f64>, Vec<Listed>, Option<&'static str>);

/// `estimate`: each item's own estimate; an item without one counts as the median of its
/// team's estimated items. When none of the team's items has an estimate (every GitHub item,
/// a Linear team that does not estimate), the team's capacity is split equally: a row of 0
/// would look counted and add nothing.
fn estimate(context: &Context, items: &[&Item], capacity: f64) -> Found {
    let days: Vec<Option<f64>> = items
        .iter()
        .map(|item| match (item.points, item.hours) {
            (Some(points), _) => Some(points / context.points_per_day),
            (None, Some(hours)) => Some(hours / context.hours_per_day),
            (None, None) => None,
        })
        .collect();
    let Some(median_days) = median(days.iter().flatten().copied().collect()) else {
        return equal_shares(context, items, capacity);
    };
    let mut listed = Vec::new();
    let median_effort = round(context.days_to_unit(median_days));
    let efforts = items
        .iter()
        .zip(&days)
        .map(|(item, days)| match days {
            Some(days) => round(context.days_to_unit(*days)),
            None => {
                listed.push(Listed::new(
                    &item.key,
                    format!(
                        "{}: counted as the median of its team's other items, {}",
                        context.no_estimate(),
                        with_unit(median_effort, context.unit),
                    ),
                ));
                median_effort
            }
        })
        .collect();
    (efforts, listed, Some(AS_MEDIAN))
}

/// No item of the team has an estimate: the team's capacity, split equally.
fn equal_shares(context: &Context, items: &[&Item], capacity: f64) -> Found {
    let efforts = split(capacity, &vec![1.0; items.len()]);
    let (reason, counted_as) = if capacity > 0.0 {
        (
            format!(
                "{}, and no other item of its team has one: given an equal share of the team's capacity, {}",
                context.no_estimate(),
                with_unit(efforts.first().copied().unwrap_or_default(), context.unit),
            ),
            AS_EQUAL_SHARE,
        )
    } else {
        (
            format!(
                "{}, and no other item of its team has one; the team has no capacity in this sprint, so it counts as 0",
                context.no_estimate()
            ),
            AS_ZERO,
        )
    };
    let listed = items
        .iter()
        .map(|item| Listed::new(&item.key, reason.clone()))
        .collect();
    (efforts, listed, Some(counted_as))
}

fn points_share(context: &Context, items: &[&Item], capacity: f64) -> Found {
    let known: Vec<f64> = items.iter().filter_map(|i| i.points).collect();
    let mut listed = Vec::new();
    let Some(median_points) = median(known.clone()) else {
        for item in items {
            listed.push(Listed::new(
                &item.key,
                format!(
                    "{}, and no item of its team has any: the team's capacity is split equally",
                    context.no_points()
                ),
            ));
        }
        return (
            split(capacity, &vec![1.0; items.len()]),
            listed,
            Some("given an equal share of the team's capacity, as no item of the team has points"),
        );
    };
    let weights: Vec<f64> = items
        .iter()
        .map(|item| match item.points {
            Some(points) => points,
            None => {
                listed.push(Listed::new(
                    &item.key,
                    format!(
                        "{}: counted as the median of its team's other items, {}",
                        context.no_points(),
                        with_unit(median_points, "points")
                    ),
                ));
                median_points
            }
        })
        .collect();
    if weights.iter().sum::<f64>() <= 0.0 {
        for item in items {
            listed.push(Listed::new(
                &item.key,
                "every item of its team has 0 points: the team's capacity is split equally",
            ));
        }
        return (
            split(capacity, &vec![1.0; items.len()]),
            listed,
            Some(
                "given an equal share of the team's capacity, as every item of the team has 0 points",
            ),
        );
    }
    (split(capacity, &weights), listed, Some(AS_MEDIAN_POINTS))
}

/// The median, or `None` for no values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// Rounds to hundredths.
pub fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Splits `total` in proportion to `weights`, in hundredths that add up to `total` rounded to
/// hundredths.
pub fn split(total: f64, weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0.0; weights.len()];
    }
    let cents = (total * 100.0).round();
    let exact: Vec<f64> = weights.iter().map(|w| cents * w / sum).collect();
    let mut shares: Vec<f64> = exact.iter().map(|e| (e + 1e-9).floor()).collect();
    let mut spare = (cents - shares.iter().sum::<f64>()).round() as i64;
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - shares[a], exact[b] - shares[b]);
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for i in order {
        if spare <= 0 {
            break;
        }
        shares[i] += 1.0;
        spare -= 1;
    }
    shares.into_iter().map(|c| c / 100.0).collect()
}

/// How the effort mode found the efforts, in a phrase, for the reconciliation.
pub(super) fn explain_mode(rules: &Rules, format: Format, hours_per_day: f64) -> String {
    let amount = format_amount;
    match rules.effort {
        EffortMode::Estimate => match format {
            Format::Jira => format!(
                "estimate (each item's first estimate column with a value: story points ÷ {} per person-day, or time ÷ {} hours per day)",
                with_unit(rules.points_per_day, "points"),
                amount(hours_per_day)
            ),
            Format::Linear => format!(
                "estimate (Linear's estimate ÷ {} per person-day)",
                with_unit(rules.points_per_day, "points")
            ),
            Format::Github => "estimate (GitHub items carry no estimate, so each team's capacity is split equally over its items)".to_string(),
        },
        EffortMode::PointsShare => {
            "points-share (each team's capacity split over its items by story points)".to_string()
        }
        EffortMode::Count => "count (each team's capacity split equally over its items)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![1.0, 2.0, 8.0, 3.0]), Some(2.5));
        assert_eq!(median(Vec::new()), None);
    }

    #[test]
    fn splits_add_up_to_the_total_in_hundredths() {
        // 48 over 3 + 5 + 5 points: 11.0769..., 18.4615..., 18.4615...
        let shares = split(48.0, &[3.0, 5.0, 5.0]);
        assert_eq!(shares, vec![11.08, 18.46, 18.46]);
        let shares = split(10.0, &[1.0, 1.0, 1.0]);
        assert_eq!(shares, vec![3.34, 3.33, 3.33]);
        assert_eq!(split(10.0, &[0.0, 0.0]), vec![0.0, 0.0]);
        assert!(split(5.0, &[]).is_empty());
    }
}
