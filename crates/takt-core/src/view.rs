//! View models: what the app draws, computed here so that it is tested natively.
//!
//! - [`replay`]: the line at any moment of a run, from its event log, and the series behind
//!   the results charts.

pub mod replay;
