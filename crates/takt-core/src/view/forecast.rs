//! The improve step's forecast: the planned line's output over a few replications, with
//! its 95 % confidence interval and what it says about the order. The page recomputes it
//! as the plan changes (and while a work element is dragged over another station), so it
//! runs only the replications and reads only the output: no analysis.

use crate::lean::{meets_order, Estimate};
use crate::model::Scenario;
use crate::sim::stats::{ci95, mean};
use crate::sim::{run_replications, RunOptions, SimError};
use serde::{Deserialize, Serialize};

/// The forecast never plays more replications than this, even when the class plays more
/// a round: enough for a useful interval, little enough to recompute while dragging.
pub const MAX_PREVIEW_REPLICATIONS: u64 = 30;

/// The replications of the forecast for a session whose rounds play `round_replications`:
/// as many, at most [`MAX_PREVIEW_REPLICATIONS`] (and at least one).
pub fn preview_replications(round_replications: u64) -> u64 {
    round_replications.clamp(1, MAX_PREVIEW_REPLICATIONS)
}

/// What the forecast says about the order, from the interval, not only the mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The whole interval reaches the order: it is met.
    Met,
    /// The whole interval falls short of the order: it is not met.
    Missed,
    /// The order lies inside the interval: it may or may not be met.
    Uncertain,
}

/// The forecast as the page shows it (computed in the page's web worker, so it travels as
/// JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastView {
    /// Units completed in a shift: the mean over the replications and the 95 % half-width
    /// (the same figures as `takt analyze`'s `kpis.completed` with the same seed).
    pub completed: Estimate,
    /// How many replications it is over.
    pub replications: u64,
    /// The order (`demand.quantity`), if the line has one.
    pub order: Option<u64>,
    /// What the interval says about the order (`None` without an order).
    pub verdict: Option<Verdict>,
}

/// What an interval of units a shift says about the order `order`: met when its lower end
/// reaches it ([`meets_order`]), missed when its upper end falls short, else uncertain.
pub fn verdict(completed: Estimate, order: u64) -> Verdict {
    if meets_order(completed, order) {
        Verdict::Met
    } else if completed.mean + completed.ci95 < order as f64 {
        Verdict::Missed
    } else {
        Verdict::Uncertain
    }
}

/// Forecasts `sc`'s output over `replications` replications from `seed` (the rounds' own
/// seed, so the forecast of an unchanged line is the round's own output).
pub fn forecast(sc: &Scenario, seed: u64, replications: u64) -> Result<ForecastView, SimError> {
    let runs = run_replications(sc, seed, replications, &RunOptions::default())?;
    let done: Vec<f64> = runs.iter().map(|r| r.completed as f64).collect();
    let completed = Estimate {
        mean: mean(&done),
        ci95: ci95(&done),
    };
    let order = sc.demand.as_ref().map(|d| d.quantity);
    let verdict = order.map(|q| verdict(completed, q));
    Ok(ForecastView {
        completed,
        replications,
        order,
        verdict,
    })
}
