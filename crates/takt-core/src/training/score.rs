//! A score a trainee can trust.
//!
//! The baseline and the improved line are run with the same seed and replications, so
//! every replication of both sees the same random numbers for the entities they share
//! (common random numbers). For each scored KPI the per-replication differences are
//! paired; an improvement counts only where the 95 % confidence interval of the mean
//! difference excludes zero, so a lucky run cannot win (and a clear worsening costs
//! points). The cost of the changes is charged against the improved line's profit.
//!
//! Points per KPI = weight × progress, with progress = gain ÷ scale clamped to [−1, 1]:
//! the scale is the distance from the baseline to the instructor's target when one is set
//! (reaching it earns the full weight), otherwise half of the baseline value (a 50 %
//! improvement earns the full weight; for quality, half of the defects removed). A clear
//! worsening earns negative points the same way, so a total can be negative; the profit
//! scored is after the cost of every change made so far. See docs/metrics.md, "The score".

use crate::lean::Kpis;
use crate::model::{Kpi, Scenario, DEFAULT_REPLICATIONS};
use crate::sim::stats::{ci95, mean};
use crate::sim::{run_replications, RunOptions, RunResult, SimError};
use serde::{Deserialize, Serialize};

/// How one KPI moved and what it earned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiScore {
    /// Which KPI.
    pub kpi: Kpi,
    /// Its weight (the most points it can earn).
    pub weight: f64,
    /// The instructor's target, if any.
    pub target: Option<f64>,
    /// Baseline mean over replications.
    pub baseline: f64,
    /// Improved-line mean over replications.
    pub improved: f64,
    /// Mean paired difference, improved − baseline.
    pub difference: f64,
    /// 95 % confidence half-width of the difference.
    pub ci95: f64,
    /// Whether the interval excludes zero.
    pub clear: bool,
    /// What a full step of progress is: the distance from the baseline to the target when
    /// one is set and not yet reached, otherwise half of the baseline (of the defects for
    /// quality; of the revenue, if larger, for profit). In the KPI's own unit; 0 in a score
    /// stored before it was recorded.
    #[serde(default)]
    pub scale: f64,
    /// Progress in [−1, 1] towards the target (0 when not clear).
    pub progress: f64,
    /// Points earned: weight × progress.
    pub points: f64,
}

/// The score of an improved line against its baseline, with its breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Points earned.
    pub total: f64,
    /// The most points that could be earned (sum of weights).
    pub max: f64,
    /// Cost of the changes charged against profit (roubles).
    pub cost: f64,
    /// Seed of the paired runs.
    pub seed: u64,
    /// Replications of each line.
    pub replications: u64,
    /// Per KPI.
    pub kpis: Vec<KpiScore>,
    /// The coach's hints used in every round up to this one (absent: none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hints: u32,
    /// The points deducted for them, already out of `total`: hints × the points per hint
    /// (`training.coach.points`; absent: none).
    #[serde(default, skip_serializing_if = "is_nothing")]
    pub hint_points: f64,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_nothing(x: &f64) -> bool {
    *x == 0.0
}

impl Score {
    /// This score with `hints` hints deducted at `per_hint` points each (nothing when no
    /// hint was used).
    pub fn with_hints(mut self, hints: u32, per_hint: f64) -> Score {
        if hints > 0 {
            self.hints = hints;
            self.hint_points = f64::from(hints) * per_hint;
            self.total -= self.hint_points;
        }
        self
    }
}

/// Scores `improved` against `baseline` with common random numbers. `cost` is what the
/// changes cost; weights and targets come from the baseline's training settings.
/// `replications` = `None` uses the training setting or [`DEFAULT_REPLICATIONS`].
pub fn score(
    baseline: &Scenario,
    improved: &Scenario,
    cost: f64,
    seed: u64,
    replications: Option<u64>,
) -> Result<Score, SimError> {
    let reps = replications
        .or(baseline.training.as_ref().and_then(|t| t.replications))
        .unwrap_or(DEFAULT_REPLICATIONS);
    let runs = |sc: &Scenario| run_replications(sc, seed, reps, &RunOptions::default());
    Ok(score_runs(
        baseline,
        &runs(baseline)?,
        improved,
        &runs(improved)?,
        cost,
    ))
}

/// Scores runs already made: `base_runs` of `baseline` and `improved_runs` of `improved`,
/// replication by replication with the same seed (pairs beyond the shorter list are ignored).
pub fn score_runs(
    baseline: &Scenario,
    base_runs: &[RunResult],
    improved: &Scenario,
    improved_runs: &[RunResult],
    cost: f64,
) -> Score {
    let kpis = |sc: &Scenario, runs: &[RunResult]| -> Vec<Kpis> {
        runs.iter().map(|r| Kpis::of(sc, r)).collect()
    };
    score_kpis(
        baseline,
        &kpis(baseline, base_runs),
        &kpis(improved, improved_runs),
        cost,
        base_runs.first().map_or(0, |r| r.seed),
    )
}

/// [`score_runs`] on the runs' KPIs: `base` of the baseline, `improved` of the improved line
/// (its profit before `cost`), in replication order, run with `seed`.
pub fn score_kpis(
    baseline: &Scenario,
    base: &[Kpis],
    improved: &[Kpis],
    cost: f64,
    seed: u64,
) -> Score {
    let training = baseline.training.clone().unwrap_or_default();
    let mut imp: Vec<Kpis> = improved.to_vec();
    for k in &mut imp {
        k.profit -= cost;
    }
    let revenue = mean(&base.iter().map(|k| k.revenue).collect::<Vec<_>>());
    let kpis: Vec<KpiScore> = Kpi::ALL
        .iter()
        .map(|&kpi| {
            let pairs: Vec<(f64, f64)> = base
                .iter()
                .zip(&imp)
                .filter_map(|(b, i)| Some((kpi.of(b)?, kpi.of(i)?)))
                .collect();
            let b: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let d: Vec<f64> = pairs.iter().map(|p| p.1 - p.0).collect();
            let (difference, half) = (mean(&d), ci95(&d));
            let clear = d.len() >= 2 && difference.abs() > half;
            let direction = if kpi.higher_is_better() { 1.0 } else { -1.0 };
            let base_mean = mean(&b);
            let target = training.targets.get(&kpi).copied();
            let needed = target
                .map(|t| (t - base_mean) * direction)
                .filter(|n| *n > 0.0);
            let scale = needed.unwrap_or_else(|| {
                0.5 * match kpi {
                    Kpi::Quality => 1.0 - base_mean,
                    Kpi::Profit => base_mean.abs().max(revenue),
                    _ => base_mean.abs(),
                }
            });
            let progress = if clear && scale > 0.0 {
                (difference * direction / scale).clamp(-1.0, 1.0)
            } else {
                0.0
            };
            let weight = training
                .weights
                .get(&kpi)
                .copied()
                .unwrap_or_else(|| kpi.default_weight());
            KpiScore {
                kpi,
                weight,
                target,
                baseline: base_mean,
                improved: base_mean + difference,
                difference,
                ci95: half,
                clear,
                scale,
                progress,
                points: weight * progress,
            }
        })
        .collect();
    Score {
        total: kpis.iter().map(|k| k.points).sum(),
        max: kpis.iter().map(|k| k.weight).sum(),
        cost,
        seed,
        replications: base.len().min(imp.len()) as u64,
        kpis,
        hints: 0,
        hint_points: 0.0,
    }
}
