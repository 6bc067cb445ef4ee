//! Replications and the report of `takt simulate`.
//!
//! Replication `r` of a run with seed `s` draws every named stream from key `(s, r, name)`:
//! replications are independent, and two scenarios run with the same seed use common random
//! numbers for the entities they share (a fair comparison).

use super::active_period::Shares;
use super::engine::{RunOptions, RunResult, SimError, State};
use super::replications::run_replications;
use super::stats::{ci95, mean, percentiles};
use crate::model::{Scenario, TimeUnit};
use serde::{Deserialize, Serialize};

/// Lead time statistics (time units; `None` when no unit was completed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadTime {
    /// Mean over replications of each replication's mean lead time.
    pub mean: Option<f64>,
    /// Median of all completed units of all replications (nearest rank).
    pub p50: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
}

/// A time-average.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mean {
    /// Mean over replications.
    pub mean: f64,
}

/// Per-station figures: fractions of post-warmup time per server, means over replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationReport {
    /// Station id.
    pub id: String,
    /// Share of time processing.
    pub utilization: f64,
    /// Share of time changing over.
    pub setup: f64,
    /// Share of time down.
    pub down: f64,
    /// Share of time starved.
    pub starved: f64,
    /// Share of time blocked.
    pub blocked: f64,
    /// Share of time waiting for an operator.
    pub off: f64,
    /// Time-average units waiting in front (not in service).
    pub queue: Mean,
    /// Active period method: share of time it is the sole / shifting bottleneck.
    pub bottleneck: Shares,
    /// Share of replications in which it is the primary bottleneck.
    pub primary: f64,
}

/// 95 % confidence interval half-widths over replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ci95 {
    /// Of the throughput.
    pub throughput: f64,
    /// Of the mean lead time.
    pub lead_time: Option<f64>,
    /// Of the units completed.
    pub completed: f64,
    /// Of the time-average WIP.
    pub wip: f64,
}

/// The report of a set of replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Number of replications.
    pub replications: u64,
    /// Run seed.
    pub seed: u64,
    /// Unit of every time and rate.
    pub time_unit: TimeUnit,
    /// Units finished after warmup, mean per replication.
    pub completed: f64,
    /// Units finished per time unit.
    pub throughput: f64,
    /// Release into the line → leaving the last station.
    pub lead_time: LeadTime,
    /// Time-average units in the line.
    pub wip: Mean,
    /// Arrivals lost at a full first queue, mean per replication.
    pub lost: f64,
    /// Units released, mean per replication.
    pub released: f64,
    /// Units scrapped, mean per replication.
    pub scrapped: f64,
    /// Stations in scenario order.
    pub stations: Vec<StationReport>,
    /// The primary bottleneck (largest mean active-period share).
    pub bottleneck: String,
    /// Confidence half-widths (with more than one replication).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci95: Option<Ci95>,
    /// Events processed in all replications.
    pub events: u64,
}

/// Runs `replications` replications of a scenario and summarises them.
pub fn simulate(sc: &Scenario, seed: u64, replications: u64) -> Result<Report, SimError> {
    let runs = run_replications(sc, seed, replications, &RunOptions::default())?;
    Ok(Report::from_runs(seed, &runs))
}

impl Report {
    /// Summarises runs (in replication order) of one scenario.
    pub fn from_runs(seed: u64, runs: &[RunResult]) -> Report {
        let first = &runs[0];
        let span = first.horizon - first.warmup;
        let per = |f: &dyn Fn(&RunResult) -> f64| -> Vec<f64> { runs.iter().map(f).collect() };
        let completed = per(&|r| r.completed as f64);
        let throughput: Vec<f64> = completed.iter().map(|c| c / span).collect();
        let lead_means: Vec<f64> = runs
            .iter()
            .filter(|r| !r.lead_times.is_empty())
            .map(|r| mean(&r.lead_times))
            .collect();
        let mut all_leads: Vec<f64> = runs
            .iter()
            .flat_map(|r| r.lead_times.iter().copied())
            .collect();
        let [p50, p90, p95] = percentiles(&mut all_leads, [50.0, 90.0, 95.0]);
        let wip = per(&|r| r.wip_mean);
        let apm: Vec<Vec<Shares>> = runs
            .iter()
            .map(|r| r.stations.iter().map(|s| s.bottleneck).collect())
            .collect();
        let primary_of = |shares: &[Shares]| argmax(shares.iter().map(Shares::total));
        let n = first.stations.len();
        let stations: Vec<StationReport> = (0..n)
            .map(|i| {
                let share = |state: State| {
                    mean(&per(&|r| {
                        let s = &r.stations[i];
                        s.state_time[state as usize] / (f64::from(s.servers) * span)
                    }))
                };
                StationReport {
                    id: first.stations[i].id.clone(),
                    utilization: share(State::Working),
                    setup: share(State::Setup),
                    down: share(State::Down),
                    starved: share(State::Starved),
                    blocked: share(State::Blocked),
                    off: share(State::Off),
                    queue: Mean {
                        mean: mean(&per(&|r| r.stations[i].queue_mean)),
                    },
                    bottleneck: Shares {
                        sole: mean(&apm.iter().map(|a| a[i].sole).collect::<Vec<_>>()),
                        shifting: mean(&apm.iter().map(|a| a[i].shifting).collect::<Vec<_>>()),
                    },
                    primary: apm.iter().filter(|a| primary_of(a) == Some(i)).count() as f64
                        / runs.len() as f64,
                }
            })
            .collect();
        // The primary bottleneck by mean active-period share; by utilization if no station was ever active.
        let bottleneck = argmax(stations.iter().map(|s| s.bottleneck.total()))
            .or_else(|| argmax(stations.iter().map(|s| s.utilization)))
            .unwrap_or(0);
        Report {
            replications: runs.len() as u64,
            seed,
            time_unit: first.time_unit,
            completed: mean(&completed),
            throughput: mean(&throughput),
            lead_time: LeadTime {
                mean: (!lead_means.is_empty()).then(|| mean(&lead_means)),
                p50,
                p90,
                p95,
            },
            wip: Mean { mean: mean(&wip) },
            lost: mean(&per(&|r| r.lost as f64)),
            released: mean(&per(&|r| r.released as f64)),
            scrapped: mean(&per(&|r| r.scrapped as f64)),
            bottleneck: stations
                .get(bottleneck)
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            stations,
            ci95: (runs.len() > 1).then(|| Ci95 {
                throughput: ci95(&throughput),
                lead_time: (lead_means.len() > 1).then(|| ci95(&lead_means)),
                completed: ci95(&completed),
                wip: ci95(&wip),
            }),
            events: runs.iter().map(|r| r.events).sum(),
        }
    }

    /// The report as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a report always serializes")
    }
}

/// Index of the largest value (first on ties); `None` if all are ≤ 0 or there are none.
pub(crate) fn argmax(xs: impl Iterator<Item = f64>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, x) in xs.enumerate() {
        if x > 0.0 && best.is_none_or(|(_, b)| x > b) {
            best = Some((i, x));
        }
    }
    best.map(|b| b.0)
}
