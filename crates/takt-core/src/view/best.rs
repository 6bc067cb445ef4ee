//! The best plan as the desk and the editor show it ([`BestView`]: the plan, its cost, points
//! and output), and every team's score as a share of its score
//! (docs/metrics.md, "The best plan").

use crate::lean::Estimate;
use crate::training::catalog::Change;
use crate::training::optimize::BestPlan;
use serde::{Deserialize, Serialize};

/// What the page shows of a best plan (computed in the web worker, so it travels as JSON:
/// only these figures, not the whole score and KPIs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestView {
    /// Its changes.
    pub plan: Vec<Change>,
    /// What they cost (roubles).
    pub cost: f64,
    /// Its points against round 1 (the score's total), of `max`.
    pub points: f64,
    /// The most points a round can earn.
    pub max: f64,
    /// Units a shift over the class's replications: mean and 95 % half-width (what it says
    /// about the order: `view::forecast::verdict`).
    pub completed: Estimate,
    /// Plans run.
    pub evaluated: u64,
    /// Whether the clock stopped the search before its budget was spent.
    pub capped: bool,
}

impl BestView {
    /// The view of `best`.
    pub fn of(best: &BestPlan) -> BestView {
        BestView {
            plan: best.plan.clone(),
            cost: best.cost,
            points: best.score.total,
            max: best.score.max,
            completed: best.kpis.completed,
            evaluated: best.evaluated,
            capped: best.capped,
        }
    }
}

/// A team's score as a share of the best plan's, in whole percent: the team's points (its
/// last scored round against round 1, what the leaderboard ranks) ÷ the best plan's points
/// (one round of changes against round 1, with the same seed and replications), rounded.
/// `None` when the best plan earns no points (there is nothing to measure against). A team
/// may pass 100 %: it has a budget every round, the best plan one round's.
pub fn share_of_best(team_points: f64, best_points: f64) -> Option<i64> {
    (best_points > 0.0 && team_points.is_finite())
        .then(|| (100.0 * team_points / best_points).round() as i64)
}
