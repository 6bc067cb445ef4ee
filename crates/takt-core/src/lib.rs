//! Takt core: the pure heart of the Takt lean-production simulator.
//!
//! No web dependency lives here: the same code runs in the native CLI, in the browser app
//! and in its web worker. Errors are values, never panics; time is integer ticks; the same
//! seed gives the same bytes natively and in WebAssembly.
//!
//! # Layers
//!
//! Each layer imports only from the layers below it (`scripts/check-layers.py` fails
//! `make test` on an upward import):
//!
//! ```text
//!   view       what the app draws (replay, charts' series)
//!     │
//!   training   tool catalog and changes, score, session, result files
//!     │
//!   lean       KPIs, balance, OEE, wastes, bottleneck (analysis of runs)
//!     │
//!   sim        the engine (one replication), replications, random streams
//!     │
//!   model      the scenario: stations, distributions, time, routing, validation
//!     │
//!   json       field-path errors, JSON reading and writing helpers
//! ```
//!
//! `invariants` sits beside the top: the checks every run and analysis must pass (used by
//! the property tests and the fuzz targets).
//!
//! # Where to start
//!
//! - A scenario: [`Scenario::from_json`], then [`Scenario::validate`].
//! - One replication: [`run`]; many, with common random numbers: [`sim::run_replications`].
//! - What a trainer reads off the runs: [`lean::analyze`].
//! - A trainee's rounds: [`training::Session`]; a team's file: [`training::ResultFile`].
//!
//! `docs/architecture.md` follows one round from a click in the app to the score and back.

pub mod invariants;
pub mod json;
pub mod lean;
pub mod model;
pub mod sim;
pub mod training;
pub mod view;

pub use json::{Errors, FieldError};
pub use model::Scenario;
pub use sim::{run, simulate, Report, RunOptions, RunResult, Sim, SimError, State};

/// The version of the core crate, shown by the app and the CLI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
