//! Rounds side by side: the score of a round KPI by KPI, every round's figures, and the
//! output of each round against the order. Figures are in display units: quality in %,
//! throughput per hour.

use crate::lean::Estimate;
use crate::model::Kpi;
use crate::training::score::Score;
use crate::training::session::Session;

/// A KPI's figure in display units (quality, a fraction, in %).
pub fn display(kpi: Kpi, value: f64) -> f64 {
    if kpi == Kpi::Quality {
        value * 100.0
    } else {
        value
    }
}

/// One KPI of a round's score, in display units.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// Which KPI.
    pub kpi: Kpi,
    /// Round 1's mean.
    pub baseline: f64,
    /// This round's mean.
    pub improved: f64,
    /// The mean paired difference and its 95 % half-width.
    pub difference: Estimate,
    /// Whether the difference is clear of the noise.
    pub clear: bool,
    /// Points earned, of `weight`.
    pub points: f64,
    /// The most points the KPI can earn.
    pub weight: f64,
}

/// The rows of a round's score table.
pub fn score_rows(score: &Score) -> Vec<ScoreRow> {
    score
        .kpis
        .iter()
        .map(|k| ScoreRow {
            kpi: k.kpi,
            baseline: display(k.kpi, k.baseline),
            improved: display(k.kpi, k.improved),
            difference: Estimate {
                mean: display(k.kpi, k.difference),
                ci95: display(k.kpi, k.ci95),
            },
            clear: k.clear,
            points: k.points,
            weight: k.weight,
        })
        .collect()
}

/// A figure of the rounds table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// A scored KPI.
    Kpi(Kpi),
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
    /// Each round's points (`None` for round 1).
    pub points: Vec<Option<f64>>,
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
        Figure::ThroughputPerHour,
    ];
    let rows = figures
        .into_iter()
        .map(|figure| {
            let values = session
                .rounds
                .iter()
                .map(|r| {
                    let k = &r.analysis.kpis;
                    match figure {
                        Figure::Kpi(kpi) => kpi.of(k).map(|e| display(kpi, e.mean)),
                        Figure::ThroughputPerHour => Some(k.throughput.mean * per_hour),
                    }
                })
                .collect();
            (figure, values)
        })
        .collect();
    RoundsTable {
        rows,
        cost: session.rounds.iter().map(|r| r.cost).collect(),
        points: session
            .rounds
            .iter()
            .map(|r| r.score.as_ref().map(|s| s.total))
            .collect(),
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
