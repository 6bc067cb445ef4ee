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
//! why (a typed refusal), and its part stays in the interaction. A line already run is not run
//! again: L in round 2 (round 1's line), and the line without the only change of a round (L).
//! See docs/metrics.md, "Credit per change".

use super::catalog::{apply, cost_of, cost_of_changes, Change, Refusal};
use super::round::Unplayed;
use super::score::score_kpis;
use crate::lean::Kpis;
use crate::model::{Kpi, Scenario};
use crate::sim::stats::mean;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What the credits of a round need beyond its own job: the line before the round and the
/// round's changes. It travels only between the page and its web worker, as a list
/// `[previous, spent, changes]`: a tuple's reader is a fraction of a struct's in the browser
/// bundle (docs/bundle.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "CreditTuple", into = "CreditTuple")]
pub struct CreditJob {
    /// The line the round's changes are applied to, L (the previous round's line); `None`:
    /// round 1's, the job's baseline (round 2).
    pub previous: Option<Scenario>,
    /// What every change before this round cost (roubles): charged against L's profit.
    pub spent: f64,
    /// The round's changes, in plan order.
    pub changes: Vec<Change>,
}

type CreditTuple = (Option<Scenario>, f64, Vec<Change>);

impl From<CreditTuple> for CreditJob {
    fn from((previous, spent, changes): CreditTuple) -> CreditJob {
        CreditJob {
            previous,
            spent,
            changes,
        }
    }
}

impl From<CreditJob> for CreditTuple {
    fn from(job: CreditJob) -> CreditTuple {
        (job.previous, job.spent, job.changes)
    }
}

/// What one line does against another, KPI by KPI (each the mean paired difference in the
/// KPI's own unit; 0 where it applies in no replication of either line) and in points.
///
/// Stored (in a session's rounds, and between the page and its web worker) as the list of
/// its seven figures in this order, `[completed, profit, unit_cost, lead_time, wip, quality,
/// points]`: the reader of a list of numbers is a fraction of a struct's in the browser
/// bundle (docs/bundle.md). `takt score` prints it with its names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(from = "[f64; 7]", into = "[f64; 7]")]
pub struct Effect {
    /// Units completed.
    pub completed: f64,
    /// Profit after the cost of the changes (roubles).
    pub profit: f64,
    /// Unit cost (roubles).
    pub unit_cost: f64,
    /// Mean lead time (the scenario's time unit).
    pub lead_time: f64,
    /// Time-average work in process.
    pub wip: f64,
    /// First-pass yield (a fraction).
    pub quality: f64,
    /// Points: the difference of the two lines' scores against round 1.
    pub points: f64,
}

impl Effect {
    /// The difference of `kpi`.
    pub fn difference(&self, kpi: Kpi) -> f64 {
        let mut e = *self;
        *e.slot(kpi)
    }

    fn slot(&mut self, kpi: Kpi) -> &mut f64 {
        match kpi {
            Kpi::Completed => &mut self.completed,
            Kpi::Profit => &mut self.profit,
            Kpi::UnitCost => &mut self.unit_cost,
            Kpi::LeadTime => &mut self.lead_time,
            Kpi::Wip => &mut self.wip,
            Kpi::Quality => &mut self.quality,
        }
    }
}

impl From<[f64; 7]> for Effect {
    fn from(f: [f64; 7]) -> Effect {
        let [completed, profit, unit_cost, lead_time, wip, quality, points] = f;
        Effect {
            completed,
            profit,
            unit_cost,
            lead_time,
            wip,
            quality,
            points,
        }
    }
}

impl From<Effect> for [f64; 7] {
    fn from(e: Effect) -> [f64; 7] {
        [
            e.completed,
            e.profit,
            e.unit_cost,
            e.lead_time,
            e.wip,
            e.quality,
            e.points,
        ]
    }
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

/// Every change's credit in a round, the round's own gain, and the interaction. Stored as
/// the list `[changes, total, interaction]` (like [`Effect`], for the size of its reader).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "CreditsTuple", into = "CreditsTuple")]
pub struct Credits {
    /// What each change of the round did, in plan order (its price counted in its profit);
    /// `None` when the round without it is refused: [`leave_out`] says why (recomputed where
    /// it is shown rather than carried, so that the trainee's page has no reader of refusals).
    pub changes: Vec<Option<Effect>>,
    /// The round's own gain: its line against the previous round's (points: this round's
    /// score − the previous round's, before the coach's hints; round 1 scores 0).
    pub total: Effect,
    /// The total − the credits of the changes that have one: what they do only together.
    pub interaction: Effect,
}

type CreditsTuple = (Vec<Option<Effect>>, Effect, Effect);

impl From<CreditsTuple> for Credits {
    fn from((changes, total, interaction): CreditsTuple) -> Credits {
        Credits {
            changes,
            total,
            interaction,
        }
    }
}

impl From<Credits> for CreditsTuple {
    fn from(c: Credits) -> CreditsTuple {
        (c.changes, c.total, c.interaction)
    }
}

/// A line run and scored against round 1: its runs' KPIs and its points.
struct Scored<'a> {
    kpis: Cow<'a, [Kpis]>,
    points: f64,
}

impl<'a> Scored<'a> {
    /// A line with its runs' KPIs `kpis`, which cost `cost`, scored against `baseline` with
    /// its runs' KPIs `base`.
    fn new(
        baseline: &Scenario,
        base: &[Kpis],
        seed: u64,
        kpis: Cow<'a, [Kpis]>,
        cost: f64,
    ) -> Scored<'a> {
        Scored {
            points: score_kpis(baseline, base, &kpis, cost, seed).total,
            kpis,
        }
    }
}

impl CreditJob {
    /// L: the previous line, or the baseline.
    fn previous<'a>(&'a self, baseline: &'a Scenario) -> &'a Scenario {
        self.previous.as_ref().unwrap_or(baseline)
    }

    /// Each line without one change (`None`: the line is L, as the only change is left
    /// out), or why it is refused.
    fn leave_outs(&self, baseline: &Scenario) -> Vec<Result<Option<Scenario>, Refusal>> {
        let n = self.changes.len();
        (0..n)
            .map(|i| match n {
                1 => Ok(None),
                _ => leave_out(self.previous(baseline), &self.changes, i).map(Some),
            })
            .collect()
    }

    /// How many lines the credits run beyond round 1 and the round's own line.
    pub fn lines_to_run(&self, baseline: &Scenario) -> u64 {
        let runs = self.leave_outs(baseline).iter().flatten().flatten().count();
        u64::from(self.previous.is_some()) + runs as u64
    }

    /// The credits of the round: `baseline` (round 1) with its runs' KPIs `base`, and the
    /// round's own line's KPIs `own`, which cost `cost` in all (every change so far); `run`
    /// runs any other line with the round's seed and replications.
    pub fn credits(
        &self,
        baseline: &Scenario,
        base: &[Kpis],
        own: &[Kpis],
        cost: f64,
        seed: u64,
        run: &mut dyn FnMut(&Scenario) -> Result<Vec<Kpis>, Unplayed>,
    ) -> Result<Credits, Unplayed> {
        let scored = |kpis, cost| Scored::new(baseline, base, seed, kpis, cost);
        let all = scored(Cow::Borrowed(own), cost);
        let l_kpis = match &self.previous {
            Some(l) => Cow::Owned(run(l)?),
            None => Cow::Borrowed(base),
        };
        let previous = scored(l_kpis, self.spent);
        let l = self.previous(baseline);
        let mut changes = Vec::with_capacity(self.changes.len());
        for (change, line) in self.changes.iter().zip(self.leave_outs(baseline)) {
            let price = cost_of(l, change.tool());
            changes.push(match line {
                Ok(line) => {
                    let kpis = match line {
                        Some(sc) => Cow::Owned(run(&sc)?),
                        None => Cow::Borrowed(&*previous.kpis),
                    };
                    Some(effect(&all, &scored(kpis, cost - price), price))
                }
                Err(_) => None,
            });
        }
        let total = effect(&all, &previous, cost_of_changes(l, &self.changes));
        let mut interaction = total;
        for e in changes.iter().flatten() {
            for kpi in Kpi::ALL {
                *interaction.slot(kpi) -= e.difference(kpi);
            }
            interaction.points -= e.points;
        }
        Ok(Credits {
            changes,
            total,
            interaction,
        })
    }
}

/// What line `x` does against line `y` (run with the same seed), `cost` being what `x`'s
/// changes cost more than `y`'s (charged against the profit difference as given, so that a
/// change without effect shows exactly its price).
fn effect(x: &Scored, y: &Scored, cost: f64) -> Effect {
    let mut e = Effect {
        points: x.points - y.points,
        ..Effect::default()
    };
    for kpi in Kpi::ALL {
        let pairs: Vec<f64> = x
            .kpis
            .iter()
            .zip(y.kpis.iter())
            .filter_map(|(a, b)| Some(kpi.of(a)? - kpi.of(b)?))
            .collect();
        let charged = if kpi == Kpi::Profit { cost } else { 0.0 };
        *e.slot(kpi) = mean(&pairs) - charged;
    }
    e
}
