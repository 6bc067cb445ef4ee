//! How a plan is judged: its changes applied to the round-1 line, the planned line run with
//! the class's seed (common random numbers with the baseline, replication by replication),
//! scored as `takt score` scores it, and its output held against the order.

use crate::lean::{meets_order, Estimate};
use crate::model::Scenario;
use crate::sim::stats::{mean, sample_sd, t975};
use crate::sim::{run_replications, Prepared, RunOptions, RunResult};
use crate::training::catalog::{apply, Change};
use crate::training::score::{score_runs, Score};
use std::cmp::Ordering;

/// What the search compares plans by: first whether the order is met (the 95 % interval of
/// units a shift at or above it; always true without an order), then the points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rank {
    /// Whether the order is met.
    pub meets: bool,
    /// Points: while screening, each KPI's progress from its mean difference whether or not
    /// it is clear (a smooth estimate); when confirmed, the score's total.
    pub points: f64,
}

impl Rank {
    /// The rank of a plan that cannot be made: below every plan that can.
    pub const REFUSED: Rank = Rank {
        meets: false,
        points: f64::NEG_INFINITY,
    };

    /// Orders ranks, best last.
    pub fn cmp(&self, other: &Rank) -> Ordering {
        self.meets
            .cmp(&other.meets)
            .then(self.points.total_cmp(&other.points))
    }

    /// Whether this rank is strictly better than `other`.
    pub fn beats(&self, other: &Rank) -> bool {
        self.cmp(other) == Ordering::Greater
    }
}

/// A plan judged over some replications.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The planned line.
    pub line: Scenario,
    /// What the plan costs.
    pub cost: f64,
    /// Its runs.
    pub runs: Vec<RunResult>,
    /// Its score against the round-1 line over the same replications.
    pub score: Score,
    /// Units a shift over these replications.
    pub completed: Estimate,
}

impl Judged {
    /// Events the runs processed: the work they took.
    pub fn events(&self) -> u64 {
        self.runs.iter().map(|r| r.events).sum()
    }
}

/// The round-1 line, its runs and what a plan is judged against.
pub struct Judge<'a> {
    /// The round-1 line.
    pub line: &'a Scenario,
    /// The class's seed.
    pub seed: u64,
    /// The round-1 line's runs: the confirmation's replications (the screening's are their
    /// first ones, the same random numbers).
    pub base: Vec<RunResult>,
}

impl Judge<'_> {
    /// Applies `changes` and runs the planned line over replications `0..replications`, on
    /// every core or (`one_thread`: the search runs several plans at once) on this one;
    /// `None` when the line refuses the plan or the planned line cannot be run.
    pub fn judge(&self, changes: &[Change], replications: u64, one_thread: bool) -> Option<Judged> {
        let applied = apply(self.line, changes).ok()?;
        let runs = if one_thread {
            let prepared = Prepared::new(&applied.scenario).ok()?;
            (0..replications)
                .map(|replication| {
                    prepared.run(RunOptions {
                        seed: self.seed,
                        replication,
                        ..RunOptions::default()
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .ok()?
        } else {
            let options = RunOptions::default();
            run_replications(&applied.scenario, self.seed, replications, &options).ok()?
        };
        let base = &self.base[..(replications as usize).min(self.base.len())];
        let score = score_runs(self.line, base, &applied.scenario, &runs, applied.cost);
        let done: Vec<f64> = runs.iter().map(|r| r.completed as f64).collect();
        let completed = Estimate {
            mean: mean(&done),
            ci95: crate::sim::stats::ci95(&done),
        };
        Some(Judged {
            line: applied.scenario,
            cost: applied.cost,
            runs,
            score,
            completed,
        })
    }

    /// The order, if the line has one.
    fn order(&self) -> Option<u64> {
        self.line.demand.as_ref().map(|d| d.quantity)
    }

    /// A plan's rank as screened: the smooth points, and whether the order would be met over
    /// `full` replications (the interval's half-width estimated from the screening's spread).
    pub fn screened(&self, j: &Judged, full: u64) -> Rank {
        let done: Vec<f64> = j.runs.iter().map(|r| r.completed as f64).collect();
        let n = full.max(2);
        let half = t975(n as usize - 1) * sample_sd(&done) / (n as f64).sqrt();
        let completed = Estimate {
            mean: j.completed.mean,
            ci95: half,
        };
        Rank {
            meets: self.order().is_none_or(|q| meets_order(completed, q)),
            points: smooth_points(&j.score),
        }
    }

    /// A plan's rank as confirmed: the score's total and the order over its own interval.
    pub fn confirmed(&self, j: &Judged) -> Rank {
        Rank {
            meets: self.order().is_none_or(|q| meets_order(j.completed, q)),
            points: j.score.total,
        }
    }
}

/// The points a score would give if every difference were clear: weight × progress, the
/// progress from the mean difference clamped to [−1, 1]. On few replications many real
/// effects are not yet clear; this keeps them in view while screening.
pub fn smooth_points(s: &Score) -> f64 {
    s.kpis
        .iter()
        .filter(|k| k.scale > 0.0)
        .map(|k| {
            let direction = if k.kpi.higher_is_better() { 1.0 } else { -1.0 };
            k.weight * (k.difference * direction / k.scale).clamp(-1.0, 1.0)
        })
        .sum()
}
