//! View models: what the app draws, computed here so that it is tested natively. A
//! component takes these numbers and only formats and draws them.
//!
//! - [`best`]: the best plan's verdict on the order, and a team's score as a share of it;
//! - [`csv`]: every CSV table (KPIs, per-unit records, the leaderboard) in the dialect of the
//!   interface language;
//! - [`files`]: the names of downloads (team and round, safe on every file system);
//! - [`forecast`]: the improve step's forecast of the planned line (output ± its interval);
//! - [`results`]: a round's KPI cards (against the order and targets) and its wastes table;
//! - [`debrief`]: the verified teams' last rounds side by side, for the instructor;
//! - [`rounds`]: a round's score table, every round side by side, output against the order;
//! - [`yamazumi`]: each station's work stacked by element against the takt;
//! - [`replay`]: the line at any moment of a run, from its event log, and the series behind
//!   the results charts.

pub mod best;
pub mod csv;
pub mod debrief;
pub mod files;
pub mod forecast;
pub mod replay;
pub mod results;
pub mod rounds;
pub mod yamazumi;
