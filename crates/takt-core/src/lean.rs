//! Lean analysis: what a lean trainer reads off runs. Definitions in `docs/metrics.md`.
//!
//! - [`formulas`]: the basic formulas (takt time, …) on plain numbers;
//! - `kpis`: the line's KPIs of one run ([`Kpis`]), each defined once;
//! - `balance`: the planned line balance from the scenario alone ([`Balance`]), with
//!   `changeovers`: the planned changeovers per unit of any product mix (a Markov chain);
//! - `stations`: a station's observed cycle time, OEE and wastes, and an operator's shares;
//! - `wastes`: the 7 wastes in time and money, and where the money goes;
//! - [`time_study`]: the time-study sheet (хронометраж) of one workplace, off the event log;
//! - [`standard_work`]: one operator's standard work combination (work, walking, waiting
//!   against takt), off the event log;
//! - [`value_stream`]: the value stream map (КПСЦ) of a run: process boxes, inventories, flows,
//!   the customer and the timeline with the process cycle efficiency;
//! - [`analysis`]: one run in full ([`RunAnalysis`]) and replications summarised
//!   ([`Analysis`], `takt analyze`).
//!
//! The bottleneck of a run is measured by the active period method as the line runs
//! (`crate::sim::active_period`); [`Analysis`] reports its shares next to the state shares.

pub mod analysis;
mod balance;
mod changeovers;
pub mod formulas;
mod kpis;
pub mod spaghetti;
pub mod standard_work;
mod stations;
pub mod time_study;
pub mod value_stream;
mod wastes;

pub use analysis::{analyze, Analysis, RunAnalysis};
pub use balance::{Balance, StationPlan};
pub use kpis::{mean_lead_time, meets_order, takt_time, Estimate, Kpis, Little, KPI_FIGURES};
pub use stations::{Oee, OperatorKpis, StationKpis};
pub use time_study::{time_study, TimeStudy, TimeStudyError};
pub use wastes::{Waste, WasteFigure, WasteItem, Wastes};
