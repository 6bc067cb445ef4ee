//! The simulation: one replication of a line as a discrete-event run, and many replications
//! with common random numbers.
//!
//! - [`engine`]: the event loop and the flow of units (one replication; [`run`], [`Sim`]);
//! - [`rng`]: named, seeded ChaCha streams (common random numbers per entity);
//! - `sample`: drawing from a model's distribution;
//! - [`active_period`]: the active period method, measured as the line runs;
//! - [`report`]: replications ([`run_replications`]) and the `takt simulate` [`Report`];
//! - [`stats`]: means, confidence intervals and percentiles over replications.

pub mod active_period;
pub mod engine;
pub mod report;
pub mod rng;
mod sample;
pub mod stats;

pub use active_period::{active_period_method, Shares};
pub use engine::{
    run, LogEvent, OperatorRun, Prepared, RunOptions, RunResult, Sim, SimError, State, StationRun,
    UnitRecord, DEFAULT_MAX_EVENTS,
};
pub use report::{run_replications, simulate, Report, StationReport, MAX_REPLICATIONS};
