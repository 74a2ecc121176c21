//! How far back "recent" reaches. Every comparison a reader sees (recent averages, records,
//! paces, series) uses the site's one window, `[compare] window` of site.toml, kept in
//! `Accounts::window`; this constant only paces the sprint cadence, which is not a
//! comparison.

/// How many recent sprints the sprint cadence (days from one sprint's start to the next) is
/// measured over.
pub const RECENT_SPRINTS: usize = 6;
