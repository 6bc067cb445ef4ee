//! Lean analysis of runs: the KPIs a lean trainer talks about, the line balance, OEE and the
//! 7 wastes (definitions in `docs/metrics.md`, in Russian and English).
//!
//! - [`Kpis`]: the line's KPIs of one run (output, lead time, WIP, takt, quality, costs);
//! - [`Balance`]: the planned line balance, from the scenario alone;
//! - [`RunAnalysis`]: one run in full: KPIs, stations (cycle time, OEE, wastes), operators;
//! - [`Analysis`]: replications summarised (every figure as mean ± 95 % CI half-width), the
//!   `simulate` [`Report`] (state shares side by side with bottleneck shares) and where the
//!   money goes.
//!
//! **Cycle time (время цикла)** has one meaning everywhere: the time a station needs per unit
//! of output = mean work content per unit (processing plus its share of changeovers) ÷ its
//! parallel servers. It is planned from the scenario ([`super::StationPlan::cycle_time`]) and
//! observed in a run ([`StationKpis::cycle_time`]).
//!
//! Money is in roubles; times are in the scenario's time unit; "per hour" costs are
//! converted with the time unit. Every run figure covers the post-warmup part of a run.

use super::balance::{components, routing, Balance};
use super::kpis::{headcount, holding_rate, labour_rate, Estimate, Kpis};
use super::stations::{station_kpis, OperatorKpis, StationKpis};
use super::wastes::{priced, where_the_money_goes, Waste, WasteFigure, WasteItem, Wastes};
use crate::model::Scenario;
use crate::sim::stats::{ci95, mean};
use crate::sim::{run_replications, Report, RunOptions, RunResult, SimError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One run in full (`T = f64`), or replications summarised (`T = Estimate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunAnalysis<T = f64> {
    /// The line's KPIs.
    pub kpis: Kpis<T>,
    /// Stations in scenario order.
    pub stations: Vec<StationKpis<T>>,
    /// Operators in scenario order.
    pub operators: Vec<OperatorKpis<T>>,
    /// The wastes of the whole line: the stations' plus `line_wastes`.
    pub wastes: Wastes<T>,
    /// The wastes no single station owns: overproduction, motion, and the WIP not waiting in
    /// a station's queue (in service, blocked, in transport, waiting for its transfer batch).
    pub line_wastes: Wastes<T>,
}

impl RunAnalysis {
    /// Analyses one run of `sc`.
    pub fn of(sc: &Scenario, run: &RunResult) -> RunAnalysis {
        let kpis = Kpis::of(sc, run);
        let span = run.horizon - run.warmup;
        let (labour, holding) = (labour_rate(sc), holding_rate(sc));
        let routing = routing(sc);
        let stations: Vec<StationKpis> = run
            .stations
            .iter()
            .enumerate()
            .map(|(i, r)| station_kpis(sc, &routing, i, r, span))
            .collect();
        let queued: f64 = run.stations.iter().map(|s| s.queue_mean * span).sum();
        let excess = kpis.order.map_or(0.0, |q| (kpis.completed - q).max(0.0));
        let line_wastes = Wastes::from_fn(|w| match w {
            Waste::Overproduction if excess > 0.0 => {
                // The excess units' material and their share of the labour paid.
                let labour_time = excess * headcount(sc) * span / kpis.completed;
                let material = sc.costs.material * components(&routing, sc.stations.len() - 1);
                WasteFigure {
                    time: labour_time,
                    money: excess * material + labour_time * labour,
                }
            }
            Waste::Inventory => priced((run.wip_mean * span - queued).max(0.0), holding),
            Waste::Motion => priced(run.operators.iter().map(|o| o.walking).sum(), labour),
            _ => WasteFigure::default(),
        });
        let wastes = Wastes::from_fn(|w| {
            let parts = stations.iter().map(|s| &s.wastes).chain([&line_wastes]);
            parts.fold(WasteFigure::default(), |acc, p| WasteFigure {
                time: acc.time + p.get(w).time,
                money: acc.money + p.get(w).money,
            })
        });
        RunAnalysis {
            kpis,
            stations,
            operators: run
                .operators
                .iter()
                .map(|o| OperatorKpis {
                    id: o.id.clone(),
                    utilization: o.working / span,
                    walking: o.walking / span,
                    idle: o.idle / span,
                    walks: o.walks as f64,
                })
                .collect(),
            wastes,
            line_wastes,
        }
    }
}

/// The analysis of a set of replications of one scenario (`takt analyze`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The planned line balance.
    pub balance: Balance,
    /// The line's KPIs.
    pub kpis: Kpis<Estimate>,
    /// Stations in scenario order: observed cycle time, OEE, wastes.
    pub stations: Vec<StationKpis<Estimate>>,
    /// Operators in scenario order.
    pub operators: Vec<OperatorKpis<Estimate>>,
    /// The wastes of the whole line.
    pub wastes: Wastes<Estimate>,
    /// The wastes no single station owns.
    pub line_wastes: Wastes<Estimate>,
    /// Where the money goes: every waste at every station (and of the line), by mean money
    /// then time, largest first; wastes with neither time nor money are left out.
    pub money: Vec<WasteItem>,
    /// The `simulate` report: lead-time percentiles, state shares side by side with the active
    /// period bottleneck shares, how often each station is the primary bottleneck.
    pub report: Report,
}

impl Analysis {
    /// Analyses runs (in replication order, at least one) of `sc`.
    ///
    /// # Panics
    /// When `runs` is empty.
    pub fn of(sc: &Scenario, runs: &[RunResult]) -> Analysis {
        // Every number of a run becomes its mean and CI half-width over the runs: the same
        // structure with `Estimate` for `f64` (see `summarise`). Through `Value`, not JSON
        // text: parsing text back with exact float rounding made a browser what-if 8× slower.
        let each: Vec<Value> = runs
            .iter()
            .map(|r| serde_json::to_value(RunAnalysis::of(sc, r)).expect("serializes"))
            .collect();
        let summary: RunAnalysis<Estimate> =
            serde_json::from_value(summarise(&each.iter().collect::<Vec<_>>()))
                .expect("a summary has the shape of a run");
        Analysis {
            balance: Balance::of(sc),
            money: where_the_money_goes(&summary),
            kpis: summary.kpis,
            stations: summary.stations,
            operators: summary.operators,
            wastes: summary.wastes,
            line_wastes: summary.line_wastes,
            report: Report::from_runs(runs[0].seed, runs),
        }
    }
}

/// Runs `replications` replications of `sc` and analyses them.
pub fn analyze(sc: &Scenario, seed: u64, replications: u64) -> Result<Analysis, SimError> {
    let runs = run_replications(sc, seed, replications, &RunOptions::default())?;
    Ok(Analysis::of(sc, &runs))
}

/// Summarises JSON values of one shape: each number becomes `{mean, ci95}` over the values
/// that have it (an optional figure absent from some runs is summarised over the others;
/// absent from all, it stays `null`); text is taken from the first.
fn summarise(values: &[&Value]) -> Value {
    let column = |pick: &dyn Fn(&Value) -> &Value| -> Vec<&Value> {
        values.iter().map(|v| pick(v)).collect()
    };
    match values[0] {
        Value::Object(first) => Value::Object(
            first
                .keys()
                .map(|k| (k.clone(), summarise(&column(&|v| &v[k]))))
                .collect(),
        ),
        Value::Array(first) => Value::Array(
            (0..first.len())
                .map(|i| summarise(&column(&|v| &v[i])))
                .collect(),
        ),
        first => {
            let xs: Vec<f64> = values.iter().filter_map(|v| v.as_f64()).collect();
            if xs.is_empty() {
                first.clone()
            } else {
                serde_json::json!({"mean": mean(&xs), "ci95": ci95(&xs)})
            }
        }
    }
}
