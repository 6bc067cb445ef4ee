//! Rounds side by side: the score of a round KPI by KPI (how each KPI's points came about,
//! the round's own effect against the previous round beside its effect against round 1),
//! what each change of a round did ([`credit_view`]), every round's figures, and the output
//! of each round against the order. Figures are in display units: quality in %,
//! throughput per hour.

use crate::lean::Estimate;
use crate::model::{Kpi, Scenario};
use crate::training::credit::leave_out;
use crate::training::score::Score;
use crate::training::session::Session;
use crate::training::{Change, Effect, Refusal};

/// A KPI's figure in display units (quality, a fraction, in %).
pub fn display(kpi: Kpi, value: f64) -> f64 {
    if kpi == Kpi::Quality {
        value * 100.0
    } else {
        value
    }
}

/// What a KPI's full step of progress was measured from (see [`ScoreRow::scale`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The distance from round 1 to the instructor's target.
    Target,
    /// Half of round 1's value (a 50 % improvement earns the full weight).
    HalfBaseline,
    /// Half of round 1's defects (quality).
    HalfDefects,
    /// Half of round 1's revenue (profit, when the revenue is larger than the profit).
    HalfRevenue,
    /// Not recorded (a score stored before the scale was).
    Unknown,
}

/// One KPI of a round's score, in display units, with how its points came about.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// Which KPI.
    pub kpi: Kpi,
    /// Round 1's mean.
    pub baseline: f64,
    /// This round's mean (profit: after the cost of every change so far).
    pub improved: f64,
    /// The mean paired difference against round 1 and its 95 % half-width.
    pub difference: Estimate,
    /// Whether the difference is clear of the noise.
    pub clear: bool,
    /// The instructor's target, if any.
    pub target: Option<f64>,
    /// The difference in the better direction (positive = better).
    pub gain: f64,
    /// A full step of progress (see [`Basis`]); 0 when unknown.
    pub scale: f64,
    /// What the scale was measured from.
    pub basis: Basis,
    /// Progress: gain ÷ scale, clamped to [−1, 1]; 0 when not clear.
    pub progress: f64,
    /// Whether the progress was clamped (gain beyond one full scale either way).
    pub clamped: bool,
    /// Points earned, of `weight`: weight × progress.
    pub points: f64,
    /// The most points the KPI can earn.
    pub weight: f64,
    /// The previous round's mean (round 1's for round 2; profit after its changes).
    pub previous: f64,
    /// This round's own change: this round's mean − the previous round's.
    pub own: f64,
    /// This round's own points: its points − the previous round's (0 there for round 1).
    pub own_points: f64,
}

/// The rows of a score table against round 1 only (no previous round but round 1).
pub fn score_rows(score: &Score) -> Vec<ScoreRow> {
    score_rows_after(score, None)
}

/// The rows of a score table; `previous` is the previous round's score (`None` when the
/// previous round is round 1).
fn score_rows_after(score: &Score, previous: Option<&Score>) -> Vec<ScoreRow> {
    score
        .kpis
        .iter()
        .map(|k| {
            let before = previous.and_then(|p| p.kpis.iter().find(|x| x.kpi == k.kpi));
            let direction = if k.kpi.higher_is_better() { 1.0 } else { -1.0 };
            let gain = k.difference * direction;
            let to_target = k.target.map(|t| (t - k.baseline) * direction);
            let basis = if k.scale <= 0.0 {
                Basis::Unknown
            } else if to_target.is_some_and(|n| n > 0.0) {
                Basis::Target
            } else if k.kpi == Kpi::Quality {
                Basis::HalfDefects
            } else if k.kpi == Kpi::Profit && (k.scale - 0.5 * k.baseline.abs()).abs() > 1e-9 {
                Basis::HalfRevenue
            } else {
                Basis::HalfBaseline
            };
            let previous = before.map_or(k.baseline, |b| b.improved);
            ScoreRow {
                kpi: k.kpi,
                baseline: display(k.kpi, k.baseline),
                improved: display(k.kpi, k.improved),
                difference: Estimate {
                    mean: display(k.kpi, k.difference),
                    ci95: display(k.kpi, k.ci95),
                },
                clear: k.clear,
                target: k.target.map(|t| display(k.kpi, t)),
                gain: display(k.kpi, gain),
                scale: display(k.kpi, k.scale),
                basis,
                progress: k.progress,
                clamped: k.clear && k.scale > 0.0 && gain.abs() > k.scale,
                points: k.points,
                weight: k.weight,
                previous: display(k.kpi, previous),
                own: display(k.kpi, k.improved - previous),
                own_points: k.points - before.map_or(0.0, |b| b.points),
            }
        })
        .collect()
}

/// A round's score as the trainee reads it: every KPI's points and how they came about,
/// the total, this round's own part of it, and why the total is negative when it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreView {
    /// The round (2 or later: round 1 is the baseline and has no score).
    pub round: usize,
    /// One row per scored KPI.
    pub rows: Vec<ScoreRow>,
    /// Points against round 1: the sum of the rows' points − the hints' (`hints`).
    pub total: f64,
    /// The most points (the sum of the weights).
    pub max: f64,
    /// This round's own points: its total − the previous round's (round 1: 0).
    pub own_total: f64,
    /// What every change so far cost, charged against this round's profit (roubles).
    pub cost: f64,
    /// The coach's hints used up to this round and the points they cost, deducted from
    /// `total` (`None`: none used).
    pub hints: Option<(u32, f64)>,
    /// When the total is negative: the KPIs that lost points (clearly worse than round 1),
    /// worst first.
    pub losses: Vec<Kpi>,
}

/// The score of round `round` (1-based) of a session, or `None` for round 1 or a round
/// not played.
pub fn score_view(session: &Session, round: usize) -> Option<ScoreView> {
    let score = session.rounds.get(round.checked_sub(1)?)?.score.as_ref()?;
    let previous = round
        .checked_sub(2)
        .and_then(|k| session.rounds.get(k))
        .and_then(|r| r.score.as_ref());
    let rows = score_rows_after(score, previous);
    let mut losing: Vec<&ScoreRow> = rows.iter().filter(|r| r.points < 0.0).collect();
    losing.sort_by(|a, b| a.points.total_cmp(&b.points));
    Some(ScoreView {
        round,
        total: score.total,
        max: score.max,
        own_total: score.total - previous.map_or(0.0, |p| p.total),
        cost: score.cost,
        hints: (score.hints > 0).then_some((score.hints, score.hint_points)),
        losses: if score.total < 0.0 {
            losing.into_iter().map(|r| r.kpi).collect()
        } else {
            Vec::new()
        },
        rows,
    })
}

/// The profit of each round after the cost of every change made up to it (what the score
/// weighs; round 1 has none): the shift's profit − the changes' cost so far (roubles).
pub fn profit_after_changes(session: &Session) -> Vec<f64> {
    let mut spent = 0.0;
    session
        .rounds
        .iter()
        .map(|r| {
            spent += r.cost;
            r.analysis.kpis.profit.mean - spent
        })
        .collect()
}

/// A figure of the rounds table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// A scored KPI (profit: the shift's, before the cost of the changes).
    Kpi(Kpi),
    /// Profit after the cost of every change so far: what the score weighs.
    ProfitAfterChanges,
    /// Units completed per hour.
    ThroughputPerHour,
}

/// The rounds table: one row per figure, one column per round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundsTable {
    /// Each figure's mean in each round (`None`: it does not apply, e.g. no unit completed).
    pub rows: Vec<(Figure, Vec<Option<f64>>)>,
    /// What each round's changes cost (roubles).
    pub cost: Vec<f64>,
    /// Each round's points against round 1 (`None` for round 1).
    pub points: Vec<Option<f64>>,
    /// Each round's own points: its points − the previous round's (`None` for round 1).
    pub own_points: Vec<Option<f64>>,
}

/// Every round's figures side by side.
pub fn rounds_table(session: &Session) -> RoundsTable {
    let per_hour = session.scenario.time_unit.per_hour();
    let figures = [
        Figure::Kpi(Kpi::Completed),
        Figure::Kpi(Kpi::LeadTime),
        Figure::Kpi(Kpi::Wip),
        Figure::Kpi(Kpi::Quality),
        Figure::Kpi(Kpi::UnitCost),
        Figure::Kpi(Kpi::Profit),
        Figure::ProfitAfterChanges,
        Figure::ThroughputPerHour,
    ];
    let after = profit_after_changes(session);
    let rows = figures
        .into_iter()
        .map(|figure| {
            let values = session
                .rounds
                .iter()
                .zip(&after)
                .map(|(r, after)| {
                    let k = &r.analysis.kpis;
                    match figure {
                        Figure::Kpi(kpi) => kpi.of(k).map(|e| display(kpi, e.mean)),
                        Figure::ProfitAfterChanges => Some(*after),
                        Figure::ThroughputPerHour => Some(k.throughput.mean * per_hour),
                    }
                })
                .collect();
            (figure, values)
        })
        .collect();
    let points: Vec<Option<f64>> = session
        .rounds
        .iter()
        .map(|r| r.score.as_ref().map(|s| s.total))
        .collect();
    let own_points = points
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let before = k.checked_sub(1).and_then(|j| points[j]).unwrap_or(0.0);
            p.map(|p| p - before)
        })
        .collect();
    RoundsTable {
        rows,
        cost: session.rounds.iter().map(|r| r.cost).collect(),
        points,
        own_points,
    }
}

/// One bar of an output chart: units completed (mean and 95 % half-width) and whether
/// they meet the order (always, without one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutputBar {
    /// Units completed.
    pub completed: Estimate,
    /// Whether the mean meets the order.
    pub met: bool,
}

/// Output bars against an order (`None`: no order).
pub fn output_bars(completed: &[Estimate], order: Option<f64>) -> Vec<OutputBar> {
    completed
        .iter()
        .map(|&e| OutputBar {
            completed: e,
            met: order.is_none_or(|o| e.mean >= o),
        })
        .collect()
}

/// The output of each round against the scenario's order.
pub fn rounds_output(session: &Session) -> (Vec<OutputBar>, Option<f64>) {
    let order = session.scenario.demand.as_ref().map(|d| d.quantity as f64);
    let completed: Vec<Estimate> = session
        .rounds
        .iter()
        .map(|r| r.analysis.kpis.completed)
        .collect();
    (output_bars(&completed, order), order)
}

/// The figures of one line of a round's credits: what it did to the output, the profit
/// (after what it cost) and the points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CreditFigures {
    /// Units completed (mean difference).
    pub completed: f64,
    /// Profit after the cost of the changes (roubles).
    pub profit: f64,
    /// Points.
    pub points: f64,
}

impl CreditFigures {
    fn of(e: &Effect) -> CreditFigures {
        CreditFigures {
            completed: e.completed,
            profit: e.profit,
            points: e.points,
        }
    }
}

/// One change of a round with its credit.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditLine {
    /// The change.
    pub change: Change,
    /// What it did (`None` when the round without it is refused).
    pub figures: Option<CreditFigures>,
    /// Why the round without it is refused.
    pub refused: Option<Refusal>,
}

/// What each change of a round did, and the lines that make them add up to the round's own
/// points: the interaction and the coach's hints.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditView {
    /// The line the changes were made to (to name their stations and elements).
    pub line: Scenario,
    /// One per change, in plan order.
    pub changes: Vec<CreditLine>,
    /// What the changes do only together.
    pub interaction: CreditFigures,
    /// The hints of the coach asked for this round, and the points they cost (`None`: none).
    pub hints: Option<(usize, f64)>,
    /// The round's own points: Σ of the changes' + the interaction − the hints'.
    pub own_points: f64,
}

/// The credits of round `round` (1-based), or `None` for round 1, a round not played or one
/// without credits (played before they were, or replayed by the desk).
pub fn credit_view(session: &Session, round: usize) -> Option<CreditView> {
    if round < 2 {
        return None;
    }
    let r = session.rounds.get(round - 1)?;
    let credits = r.credits.as_ref()?;
    let coach_points = |k: usize| {
        session
            .rounds
            .get(k)
            .and_then(|r| r.score.as_ref())
            .map_or(0.0, |s| s.hint_points)
    };
    let hints = (!r.hints.is_empty()).then(|| {
        (
            r.hints.len(),
            coach_points(round - 1) - coach_points(round - 2),
        )
    });
    let points = |k: usize| {
        session
            .rounds
            .get(k)
            .and_then(|r| r.score.as_ref())
            .map_or(0.0, |s| s.total)
    };
    let line = session.line_after(round - 1);
    Some(CreditView {
        changes: r
            .changes
            .iter()
            .zip(&credits.changes)
            .enumerate()
            .map(|(i, (change, effect))| CreditLine {
                change: change.clone(),
                figures: effect.as_ref().map(CreditFigures::of),
                refused: match effect {
                    Some(_) => None,
                    None => leave_out(&line, &r.changes, i).err(),
                },
            })
            .collect(),
        interaction: CreditFigures::of(&credits.interaction),
        hints,
        own_points: points(round - 1) - points(round - 2),
        line,
    })
}
