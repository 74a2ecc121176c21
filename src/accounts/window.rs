//! How far back "recent" reaches: the window of sprints that paces, trends and recent totals
//! are computed over, in one place so that every figure speaks of the same sprints.

/// How many recent sprints the "recent" averages cover.
pub const RECENT_SPRINTS: usize = 6;
