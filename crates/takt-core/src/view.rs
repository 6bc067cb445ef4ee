//! View models: what the app draws, computed here so that it is tested natively. A
//! component takes these numbers and only formats and draws them.
//!
//! - [`results`]: a round's KPI cards (against the order and targets) and its wastes table;
//! - [`replay`]: the line at any moment of a run, from its event log, and the series behind
//!   the results charts.

pub mod replay;
pub mod results;
