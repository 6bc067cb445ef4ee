//! Takt core: the pure heart of the Takt lean-production simulator.
//!
//! No web dependency lives here: the same code runs in the native CLI, in the
//! browser app and in its web worker. Errors are values, never panics.
//!
//! - [`scenario`]: the line model (one type everywhere) and its JSON format;
//! - [`validate`]: field-path errors, all reported at once;
//! - [`engine`]: the discrete-event simulation of one replication;
//! - [`report`]: replications, common random numbers, confidence intervals, the `simulate` report;
//! - [`bottleneck`]: the active period method;
//! - [`lean`]: lean formulas;
//! - [`analysis`]: KPIs, line balance, OEE and the 7 wastes of runs (`takt analyze`);
//! - [`improve`] and [`score`]: the lean tool catalog and a score with common random numbers;
//! - [`session`]: a trainee's rounds, from the baseline to the last score;
//! - [`invariants`]: what every run and analysis must satisfy (property tests, fuzzing);
//! - [`replay`]: the line at any moment of a run (from its event log) and the results charts' data.

pub mod analysis;
pub mod bottleneck;
pub mod dist;
pub mod engine;
pub mod improve;
pub mod invariants;
pub mod lean;
pub mod map;
pub mod replay;
pub mod report;
pub mod result;
pub mod rng;
pub mod scenario;
pub mod score;
pub mod session;
pub mod stats;
pub mod time;
pub mod validate;

pub use engine::{run, RunOptions, RunResult, Sim, SimError, State};
pub use report::{simulate, Report};
pub use scenario::Scenario;
pub use validate::{Errors, FieldError};

/// The version of the core crate, shown by the app and the CLI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
