//! The best plan as the desk and the editor show it: what its output says about the order,
//! and every team's score as a share of its score (docs/metrics.md, "The best plan").

use super::forecast::{verdict, Verdict};
use crate::model::Scenario;
use crate::training::optimize::BestPlan;

/// What the best plan's output (mean ± 95 % half-width over the class's replications) says
/// about the order of `sc` (the line it was found for); `None` without an order.
pub fn order_verdict(best: &BestPlan, sc: &Scenario) -> Option<Verdict> {
    let order = sc.demand.as_ref()?.quantity;
    Some(verdict(best.kpis.completed, order))
}

/// A team's score as a share of the best plan's, in whole percent: the team's points (its
/// last scored round against round 1, what the leaderboard ranks) ÷ the best plan's points
/// (one round of changes against round 1, with the same seed and replications), rounded.
/// `None` when the best plan earns no points (there is nothing to measure against). A team
/// may pass 100 %: it has a budget every round, the best plan one round's.
pub fn share_of_best(team_points: f64, best: &BestPlan) -> Option<i64> {
    let best = best.score.total;
    (best > 0.0 && team_points.is_finite()).then(|| (100.0 * team_points / best).round() as i64)
}
