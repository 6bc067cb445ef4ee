//! The discrete-event engine of a production line.
//!
//! Time is integer ticks (see [`crate::model::time`]); the event list is a 4-ary heap
//! ordered by (time, insertion sequence), so same-time events run first-in first-out
//! and a run is reproducible. Randomness comes from named [`Stream`](super::rng::Stream)s.
//!
//! The line model (documented in `docs/scenario-format.md`):
//! - a unit finished at a station stays on its server (*blocked*) until it can move on
//!   (blocking after service); with a transfer batch `b`, up to `b − 1` finished units wait
//!   beside the station and the `b`-th completes the batch, which moves when the next
//!   station has room for all of it; a transport time delays the arrival (room is reserved);
//! - room at a station = its buffer + its servers that are free to start now − units queued
//!   − units on their way; an assembly station has one queue per feeder;
//! - defective units are scrapped or go to the rework bin (unbounded, served first) of
//!   the named station;
//! - a station tended by operators starts a unit only when one of them is there
//!   (walking takes time: the operator's `walk`, else the layout's distance at walking
//!   speed); a logistician carries the batches of the stations it `carries`; failures stop a server in calendar time (work resumes after repair);
//! - push, CONWIP and kanban release; raw material always at hand when `arrivals` is absent.
//!
//! # Where things are
//!
//! | file (`engine/`) | what it owns |
//! | --- | --- |
//! | `results.rs` | the public types: [`RunOptions`], [`RunResult`], [`LogEvent`], [`State`], [`SimError`] |
//! | `build.rs` | a [`Sim`] made from a scenario ([`Prepared`], [`run`]) and its first events |
//! | `sim.rs` | the [`Sim`]: what a replication holds, the event loop, stepping |
//! | `events.rs` | the event list: event kinds, ordered by (time, sequence) |
//! | `units.rs` | the units in the line, addressed by `UnitId` |
//! | `station.rs` | a station, its servers, its room, and its optional parts (defects, breakdowns, setups, transfer batch, transport, kanban loop) |
//! | `release.rs` | raw material entering the line: arrivals, CONWIP backlog, saturated sources, product mix |
//! | `start.rs` | a free server takes a unit (rework first, assembly, kanban), gets its operator, sets up, processes |
//! | `finish.rs` | what a unit does when it finishes at a station: scrapped, sent to rework, or blocked until handed on |
//! | `handover.rs` | finished units move on when there is room: transfer batches, transport, leaving the line |
//! | `breakdowns.rs` | failures and repairs |
//! | `operators.rs` | operators: requests, assignment, walking |
//! | `carrier.rs` | the logistician: fetching, carrying and returning batches |
//! | `accounting.rs` | statistics: counts after warm-up, time integrals, the warm-up restart, the [`RunResult`] |
//! | `log.rs` | the event log ([`LogEvent`]s, up to a limit) |

mod accounting;
mod breakdowns;
mod build;
mod carrier;
mod events;
mod finish;
mod handover;
mod log;
mod operators;
mod release;
mod results;
mod sim;
mod start;
mod station;
mod units;

pub use build::{run, Prepared};
pub use results::{
    LogEvent, OperatorRun, RunOptions, RunResult, SimError, State, StationRun, UnitRecord,
    DEFAULT_MAX_EVENTS,
};
pub use sim::Sim;
