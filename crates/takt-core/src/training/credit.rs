//! Credit per change: what each change of a round did, KPI by KPI and in points.
//!
//! **Leave-one-out, with common random numbers.** A round applies its changes c₁…cₙ to the
//! line the previous round left, L. Every line below is run with the session's seed and
//! replications and scored against round 1 exactly as the round is (the cost of the changes
//! it holds charged against its profit):
//!
//! - credit(cᵢ) = [L + all] − [L + all without cᵢ]: per KPI the mean paired difference (profit
//!   after cost, so the price of cᵢ is part of its credit), and the points;
//! - the round's own gain = [L + all] − [L];
//! - interaction = the round's own gain − Σ credits: what the changes do only together (two
//!   changes that each relieve a different constraint, or that undo each other). Shown as its
//!   own line, so the figures always add up.
//!
//! A plan without cᵢ may be refused (a move that only the other changes make possible, an
//! operator the round adds and then assigns): that change gets no figures, [`leave_out`] says
//! why (a typed refusal), and its part stays in the interaction. A line already run (round 1, the round's own line,
//! L) is not run again. See docs/metrics.md, "Credit per change".

use super::catalog::{apply, cost_of, cost_of_changes, Change, Refusal};
use super::round::Unplayed;
use super::score::{score_kpis, Score};
use crate::lean::Kpis;
use crate::model::{Kpi, Scenario};
use crate::sim::stats::mean;
use serde::{Deserialize, Serialize};

/// What the credits of a round need beyond its own job: the line before the round and the
/// round's changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditJob {
    /// The line the round's changes are applied to (the previous round's line, L).
    pub previous: Scenario,
    /// What every change before this round cost (roubles): charged against L's profit.
    pub spent: f64,
    /// The round's changes, in plan order.
    pub changes: Vec<Change>,
}

/// One KPI's part of an effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiCredit {
    /// Which KPI.
    pub kpi: Kpi,
    /// Mean paired difference in the KPI's own unit (profit: after the cost of the changes;
    /// quality: a fraction). 0 when the KPI applies in no replication of either line.
    pub difference: f64,
    /// The points of this KPI it makes.
    pub points: f64,
}

/// What one line does against another: per KPI, and in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Effect {
    /// Every scored KPI, in report order.
    pub kpis: Vec<KpiCredit>,
    /// Points (the difference of the two lines' scores against round 1).
    pub points: f64,
}

impl Effect {
    /// The difference of `kpi` (0 when absent).
    pub fn difference(&self, kpi: Kpi) -> f64 {
        self.kpis
            .iter()
            .find(|k| k.kpi == kpi)
            .map_or(0.0, |k| k.difference)
    }
}

/// One change's credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    /// The change.
    pub change: Change,
    /// What it cost (roubles): part of its profit figure.
    pub cost: f64,
    /// What it did (absent when the round without it is refused: [`leave_out`] says why,
    /// recomputed where it is shown rather than carried, so that the trainee's page has no
    /// reader of refusals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
}

/// The line `changes` make on `previous` without change `i`, or why that round is refused
/// (the index of the change at fault is the one in `changes`).
pub fn leave_out(previous: &Scenario, changes: &[Change], i: usize) -> Result<Scenario, Refusal> {
    let mut plan = changes.to_vec();
    if i < plan.len() {
        plan.remove(i);
    }
    apply(previous, &plan).map(|a| a.scenario).map_err(|mut r| {
        r.change = r.change.map(|j| if j >= i { j + 1 } else { j });
        r
    })
}

/// Every change's credit in a round, the round's own gain, and the interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credits {
    /// One per change, in plan order.
    pub changes: Vec<Credit>,
    /// The round's own gain: its line against the previous round's (points: this round's
    /// score − the previous round's, before the coach's hints; round 1 scores 0).
    pub total: Effect,
    /// The total − the credits of the changes that have one: what they do only together.
    pub interaction: Effect,
}

/// Where the runs of a line come from.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// Round 1's runs.
    Baseline,
    /// The round's own runs.
    Own,
    /// The previous line's runs.
    Previous,
    /// A line of its own to run.
    Run(Box<Scenario>),
}

/// A line run and scored against round 1.
struct Scored {
    kpis: Vec<Kpis>,
    score: Score,
}

impl CreditJob {
    /// Where the previous line's runs come from, and each leave-one-out line's.
    fn sources(
        &self,
        baseline: &Scenario,
        own: &Scenario,
    ) -> (Source, Vec<Result<Source, Refusal>>) {
        let known = |sc: &Scenario, previous: bool| {
            if sc == baseline {
                Source::Baseline
            } else if sc == own {
                Source::Own
            } else if previous && sc == &self.previous {
                Source::Previous
            } else {
                Source::Run(Box::new(sc.clone()))
            }
        };
        let previous = known(&self.previous, false);
        let leave_outs = (0..self.changes.len())
            .map(|i| leave_out(&self.previous, &self.changes, i).map(|sc| known(&sc, true)))
            .collect();
        (previous, leave_outs)
    }

    /// How many lines the credits run beyond round 1 and the round's own line.
    pub fn lines_to_run(&self, baseline: &Scenario, own: &Scenario) -> u64 {
        let (previous, leave_outs) = self.sources(baseline, own);
        let runs = |s: &Source| u64::from(matches!(s, Source::Run(_)));
        runs(&previous) + leave_outs.iter().flatten().map(runs).sum::<u64>()
    }

    /// The credits of the round: `baseline` (round 1) with its runs' KPIs `base`, the
    /// round's line `own` with `own_kpis`, which cost `cost` in all (every change so far);
    /// `run` runs any other line with the round's seed and replications.
    #[allow(clippy::too_many_arguments)]
    pub fn credits(
        &self,
        baseline: &Scenario,
        base: &[Kpis],
        own: &Scenario,
        own_kpis: &[Kpis],
        cost: f64,
        seed: u64,
        run: &mut dyn FnMut(&Scenario) -> Result<Vec<Kpis>, Unplayed>,
    ) -> Result<Credits, Unplayed> {
        let scored = |kpis: Vec<Kpis>, cost: f64| Scored {
            score: score_kpis(baseline, base, &kpis, cost, seed),
            kpis,
        };
        let (previous_source, leave_outs) = self.sources(baseline, own);
        let all = scored(own_kpis.to_vec(), cost);
        let mut fetch =
            |source: &Source, previous: Option<&Scored>| -> Result<Vec<Kpis>, Unplayed> {
                Ok(match source {
                    Source::Baseline => base.to_vec(),
                    Source::Own => own_kpis.to_vec(),
                    Source::Previous => previous.map(|p| p.kpis.clone()).unwrap_or_default(),
                    Source::Run(sc) => run(sc)?,
                })
            };
        let previous = scored(fetch(&previous_source, None)?, self.spent);
        let round_cost = cost_of_changes(&self.previous, &self.changes);
        let mut changes = Vec::with_capacity(self.changes.len());
        for (change, source) in self.changes.iter().zip(leave_outs) {
            let price = cost_of(&self.previous, change.tool());
            let effect = match source {
                Ok(source) => {
                    let without = scored(fetch(&source, Some(&previous))?, cost - price);
                    Some(effect(&all, &without, price))
                }
                Err(_) => None,
            };
            changes.push(Credit {
                change: change.clone(),
                cost: price,
                effect,
            });
        }
        let total = effect(&all, &previous, round_cost);
        let credited: Vec<&Effect> = changes.iter().filter_map(|c| c.effect.as_ref()).collect();
        let interaction = Effect {
            kpis: total
                .kpis
                .iter()
                .map(|k| KpiCredit {
                    kpi: k.kpi,
                    difference: k.difference
                        - credited.iter().map(|e| e.difference(k.kpi)).sum::<f64>(),
                    points: k.points - credited.iter().map(|e| points_of(e, k.kpi)).sum::<f64>(),
                })
                .collect(),
            points: total.points - credited.iter().map(|e| e.points).sum::<f64>(),
        };
        Ok(Credits {
            changes,
            total,
            interaction,
        })
    }
}

/// The points of `kpi` in an effect (0 when absent).
fn points_of(e: &Effect, kpi: Kpi) -> f64 {
    e.kpis
        .iter()
        .find(|k| k.kpi == kpi)
        .map_or(0.0, |k| k.points)
}

/// What line `x` does against line `y` (run with the same seed), `cost` being what `x`'s
/// changes cost more than `y`'s (charged against the profit difference as given, so that a
/// change without effect shows exactly its price).
fn effect(x: &Scored, y: &Scored, cost: f64) -> Effect {
    let kpis = Kpi::ALL
        .iter()
        .map(|&kpi| {
            let pairs: Vec<f64> = x
                .kpis
                .iter()
                .zip(&y.kpis)
                .filter_map(|(a, b)| Some(kpi.of(a)? - kpi.of(b)?))
                .collect();
            let charged = if kpi == Kpi::Profit { cost } else { 0.0 };
            let points = |s: &Score| {
                s.kpis
                    .iter()
                    .find(|k| k.kpi == kpi)
                    .map_or(0.0, |k| k.points)
            };
            KpiCredit {
                kpi,
                difference: mean(&pairs) - charged,
                points: points(&x.score) - points(&y.score),
            }
        })
        .collect();
    Effect {
        kpis,
        points: x.score.total - y.score.total,
    }
}
