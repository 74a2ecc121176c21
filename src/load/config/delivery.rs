//! The delivery record's settings in `site.toml`: the `timezone` incidents' times are read in,
//! and the list of `severities` an incident may have, from the least severe to the most.

use std::sync::Arc;

use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

/// The severities when `site.toml` names none, from the least severe to the most.
pub const DEFAULT_SEVERITIES: [&str; 3] = ["minor", "major", "critical"];

/// How incidents' times are read and which severities exist.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// The time zone of incidents' `start` and `end` without an offset, and of the calendar
    /// day (and so the sprint) a time falls on. Bundled with the binary, so a build never
    /// depends on the machine's own zone.
    pub timezone: jiff::tz::TimeZone,
    /// The zone's name as written (`UTC` by default).
    pub timezone_name: String,
    /// Severities from the least severe to the most.
    pub severities: Vec<String>,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            timezone: jiff::tz::TimeZone::UTC,
            timezone_name: "UTC".to_string(),
            severities: DEFAULT_SEVERITIES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl DeliverySettings {
    /// Whether incidents of severity `slot` are drawn on the trend charts: every severity but
    /// the least severe (with the default list, `major` and `critical`).
    pub fn is_annotated(&self, slot: usize) -> bool {
        slot > 0 || self.severities.len() == 1
    }
}

/// Checks `timezone` (an IANA name such as `Europe/Berlin`, or `UTC`) and `severities` (a
/// non-empty list of distinct words); a mistake is located and the default is used.
pub(super) fn check_delivery(
    source: &Arc<SourceFile>,
    timezone: Option<Spanned<String>>,
    severities: Option<Spanned<Vec<String>>>,
    diagnostics: &mut Diagnostics,
) -> DeliverySettings {
    let mut settings = DeliverySettings::default();
    if let Some(name) = timezone {
        match jiff::tz::TimeZone::get(name.get_ref()) {
            Ok(zone) => {
                settings.timezone = zone;
                settings.timezone_name = name.get_ref().clone();
            }
            Err(_) => diagnostics.push(
                Diagnostic::error(
                    source,
                    name.span(),
                    format!("`{}` is not a time zone tally knows", name.get_ref()),
                )
                .with_help(
                    "write an IANA time zone name such as `timezone = \"Europe/Berlin\"` or `\"America/New_York\"`, or `\"UTC\"` (the default)",
                ),
            ),
        }
    }
    if let Some(list) = severities {
        match check_severity_list(list.get_ref()) {
            Ok(()) => settings.severities = list.into_inner(),
            Err(problem) => diagnostics.push(
                Diagnostic::error(source, list.span(), problem).with_help(
                    "list the severities from the least severe to the most, e.g. `severities = [\"minor\", \"major\", \"critical\"]` (the default)",
                ),
            ),
        }
    }
    settings
}

/// A severity list is one or more distinct, non-empty words on one line each.
fn check_severity_list(list: &[String]) -> Result<(), String> {
    if list.is_empty() {
        return Err("`severities` lists no severity".to_string());
    }
    for (i, severity) in list.iter().enumerate() {
        if severity.trim().is_empty() || severity.chars().any(char::is_control) {
            return Err(format!(
                "severity {} is empty or holds a control character",
                i + 1
            ));
        }
        if list[..i].contains(severity) {
            return Err(format!("the severity `{severity}` is listed twice"));
        }
    }
    Ok(())
}
