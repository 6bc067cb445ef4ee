//! The best plan: the round of changes, within one round's budget and the cards the
//! training allows, that scores best against the round-1 line (`takt optimize`; the
//! instructor's "find the best plan"). See docs/metrics.md, "The best plan".
//!
//! - `moves`: the candidate moves, per card and place (structural tools: a few sensible
//!   values within the card's bounds; element moves that balance two neighbours);
//! - `judge`: a plan applied, run with the class's seed (common random numbers) and scored;
//! - `search`: local search from the empty plan, then iterated local search, each plan
//!   screened on a few replications, within an evaluation budget.
//!
//! The best plans screened are then confirmed with the class's replications, and the best
//! confirmed is the answer. The search's effort is an evaluation budget in simulated events
//! ([`Options::budget`]), so a seed and a time limit give the same plan on every machine;
//! the host's clock only caps it (a slow machine may stop before the budget is spent, and
//! says so: [`BestPlan::capped`]).

mod judge;
mod moves;
mod search;

use crate::lean::{meets_order, Analysis, Estimate, Kpis};
use crate::model::{Scenario, DEFAULT_REPLICATIONS, DEFAULT_SEED};
use crate::sim::{run_replications_observed, Control, RunOptions};
use crate::training::catalog::Change;
use crate::training::round::Unplayed;
use crate::training::score::Score;
pub use judge::smooth_points;
use judge::{Judge, Rank};
pub use moves::{moves, Move};
use search::{Halt, Search};
use serde::{Deserialize, Serialize};

/// The time limit of a search when none is given (seconds).
pub const DEFAULT_TIME_LIMIT: f64 = 10.0;
/// Events simulated per second of the time limit: the evaluation budget. Set so that the
/// search takes about a quarter of its time limit natively on two cores, and about the
/// limit in a browser's web worker (one thread, about half native speed).
pub const EVENTS_PER_SECOND: f64 = 500_000.0;
/// The best screened plans confirmed with the class's replications.
pub const CONFIRMED: usize = 5;

/// What to search with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// Seed of every run (the class's).
    pub seed: u64,
    /// Replications of the confirmation and of the score (the class's).
    pub replications: u64,
    /// Seconds: sets the evaluation budget ([`Options::budget`]).
    pub time_limit: f64,
    /// Seconds of the host's clock after which the search stops, whatever is left of its
    /// budget (`takt optimize`: the time limit).
    pub cap: f64,
}

impl Options {
    /// The class's seed and replications (or the defaults for free practice), the default
    /// time limit as budget and cap.
    pub fn of(sc: &Scenario) -> Options {
        let t = sc.training.as_ref();
        Options {
            seed: t.and_then(|t| t.seed).unwrap_or(DEFAULT_SEED),
            replications: t
                .and_then(|t| t.replications)
                .unwrap_or(DEFAULT_REPLICATIONS),
            time_limit: DEFAULT_TIME_LIMIT,
            cap: DEFAULT_TIME_LIMIT,
        }
    }

    /// The evaluation budget: events simulated while screening, time limit ×
    /// [`EVENTS_PER_SECOND`].
    pub fn budget(&self) -> u64 {
        (self.time_limit.max(0.0) * EVENTS_PER_SECOND) as u64
    }

    /// Replications of a screening: a quarter of the confirmation's, 3 to 10.
    pub fn screening(&self) -> u64 {
        (self.replications / 4).clamp(3, 10).min(self.replications)
    }
}

/// How far a search has got, in simulated events of its budget and confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Work done.
    pub done: u64,
    /// Work in all (an estimate: the search may end before its budget is spent).
    pub total: u64,
    /// Plans run so far.
    pub evaluated: u64,
}

impl Progress {
    /// The share of the work done, in whole percent (0 to 100).
    pub fn percent(&self) -> u64 {
        (self.done.min(self.total) * 100)
            .checked_div(self.total)
            .unwrap_or(100)
    }
}

/// The best plan found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestPlan {
    /// Its changes, in the round format (`takt score FILE PLAN.json`).
    pub plan: Vec<Change>,
    /// What they cost.
    pub cost: f64,
    /// The planned line's KPIs over the class's replications.
    pub kpis: Kpis<Estimate>,
    /// Its score against the round-1 line, as `takt score` gives it.
    pub score: Score,
    /// Whether it meets the order (the 95 % interval of units a shift at or above it);
    /// `None` without an order.
    pub meets_order: Option<bool>,
    /// Plans run (screened and confirmed).
    pub evaluated: u64,
    /// Whether the host's clock stopped the search before its budget was spent.
    pub capped: bool,
}

/// Searches the best plan for `sc` (see the module's doc). `clock` gives the seconds since
/// the search began (checked against [`Options::cap`]); `observe` hears the progress after
/// every plan run and may cancel.
pub fn optimize(
    sc: &Scenario,
    options: &Options,
    mut clock: impl FnMut() -> f64,
    mut observe: impl FnMut(Progress) -> Control,
) -> Result<BestPlan, Unplayed> {
    // One copy of the search whatever the host's closures (a smaller browser module).
    search_best(sc, options, &mut clock, &mut observe)
}

fn search_best(
    sc: &Scenario,
    options: &Options,
    clock: &mut dyn FnMut() -> f64,
    observe: &mut dyn FnMut(Progress) -> Control,
) -> Result<BestPlan, Unplayed> {
    let full = options.replications;
    let base = run_replications_observed(sc, options.seed, full, &RunOptions::default(), |_| {
        Control::Continue
    })
    .map_err(Unplayed::Failed)?
    .unwrap_or_default();
    let per_run = base.iter().map(|r| r.events).sum::<u64>() / full;
    let judge = Judge {
        line: sc,
        seed: options.seed,
        base,
    };
    let budget = options.budget();
    let confirmation = (CONFIRMED as u64 + 1) * full * per_run;
    let total = budget + confirmation;
    let money = sc.training.as_ref().and_then(|t| t.budget);
    let candidates = moves(sc);
    let mut heard = |spent: u64, evaluated: u64| {
        let progress = Progress {
            done: spent.min(budget),
            total,
            evaluated,
        };
        if observe(progress) == Control::Cancel {
            Some(Halt::Cancelled)
        } else if clock() >= options.cap {
            Some(Halt::Time)
        } else {
            None
        }
    };
    let mut search = Search::new(
        &judge,
        candidates,
        money,
        options.screening(),
        full,
        budget,
        &mut heard,
    );
    search.run(options.seed);
    if search.halt == Some(Halt::Cancelled) {
        return Err(Unplayed::Cancelled);
    }
    let capped = search.halt == Some(Halt::Time);
    let mut evaluated = search.evaluated;
    let mut plans = search.best(CONFIRMED);
    if !plans.contains(&Vec::new()) {
        plans.push(Vec::new());
    }
    let plans: Vec<Vec<Change>> = plans.iter().map(|p| search.changes(p)).collect();
    drop(search);
    // Confirmed with the class's replications; the best by rank, the cheaper of equals.
    let mut best: Option<(Rank, f64, Vec<Change>, judge::Judged)> = None;
    for (k, changes) in plans.into_iter().enumerate() {
        if let Some(j) = judge.judge(&changes, full, false) {
            evaluated += 1;
            let rank = judge.confirmed(&j);
            let better = best.as_ref().is_none_or(|(r, cost, _, _)| {
                rank.beats(r) || (rank.cmp(r).is_eq() && j.cost < *cost)
            });
            if better {
                best = Some((rank, j.cost, changes, j));
            }
        }
        let done = budget + (k as u64 + 1) * full * per_run;
        let progress = Progress {
            done: done.min(total),
            total,
            evaluated,
        };
        if observe(progress) == Control::Cancel {
            return Err(Unplayed::Cancelled);
        }
    }
    // The empty plan is always confirmed: the round-1 line runs.
    let (_, cost, plan, j) = best.ok_or(Unplayed::Cancelled)?;
    let order = sc.demand.as_ref().map(|d| d.quantity);
    Ok(BestPlan {
        plan,
        cost,
        kpis: Analysis::of(&j.line, &j.runs).kpis,
        score: j.score,
        meets_order: order.map(|q| meets_order(j.completed, q)),
        evaluated,
        capped,
    })
}
