//! Lean analysis: what a lean trainer reads off runs. Definitions in `docs/metrics.md`.
//!
//! - [`formulas`]: the basic formulas (takt time, …) on plain numbers;
//! - [`analysis`]: KPIs, line balance, OEE, the 7 wastes and the bottleneck of a line's runs
//!   (`takt analyze`).

pub mod analysis;
pub mod formulas;

pub use analysis::{
    analyze, Analysis, Balance, Estimate, Kpis, Oee, OperatorKpis, RunAnalysis, StationKpis,
    StationPlan, Waste, WasteFigure, WasteItem, Wastes,
};
