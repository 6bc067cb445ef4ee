//! The simulation: one replication of a line as a discrete-event run, and many replications
//! with common random numbers.
//!
//! - [`engine`]: the event loop and the flow of units (one replication; [`run`], [`Sim`]);
//! - [`rng`]: named, seeded ChaCha streams (common random numbers per entity);
//! - `sample`: drawing from a model's distribution;
//! - [`active_period`]: the active period method, measured as the line runs;
//! - [`replications`]: many replications of a line, on every core, observed and cancellable;
//! - [`report`]: the `takt simulate` [`Report`];
//! - [`stats`]: means, confidence intervals and percentiles over replications.

pub mod active_period;
pub mod engine;
pub mod replications;
pub mod report;
pub mod rng;
mod sample;
pub mod stats;

pub use active_period::{active_period_method, Shares};
pub use engine::{
    run, LogEvent, OperatorRun, Prepared, RunOptions, RunResult, Sim, SimError, State, StationRun,
    UnitRecord, DEFAULT_MAX_EVENTS,
};
pub use replications::{run_replications, run_replications_observed, Control, MAX_REPLICATIONS};
pub use report::{simulate, Report, StationReport};
