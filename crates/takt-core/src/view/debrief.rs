//! The instructor's debrief: the verified teams' last rounds side by side, in display units.

use super::rounds::{display, output_bars, OutputBar};
use crate::lean::Estimate;
use crate::model::Kpi;
use crate::training::session::Session;

/// The teams side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    /// Per scored KPI, each team's last-round mean and 95 % half-width (display units).
    pub rows: Vec<(Kpi, Vec<Option<Estimate>>)>,
    /// The changes each team made in all its rounds.
    pub changes: Vec<usize>,
    /// Each team's last-round output against the order.
    pub output: Vec<OutputBar>,
    /// The order (units), if the scenario has one.
    pub order: Option<f64>,
}

/// The debrief of teams' replayed sessions (one per team, in board order). A team with no
/// round played has no figures and no output bar.
pub fn debrief(teams: &[&Session]) -> Debrief {
    let last = |s: &Session| s.rounds.last().map(|r| r.analysis.kpis.clone());
    let rows = Kpi::ALL
        .iter()
        .map(|&kpi| {
            let cells = teams
                .iter()
                .map(|s| {
                    let e = kpi.of(&last(s)?)?;
                    Some(Estimate {
                        mean: display(kpi, e.mean),
                        ci95: display(kpi, e.ci95),
                    })
                })
                .collect();
            (kpi, cells)
        })
        .collect();
    let order = teams
        .first()
        .and_then(|s| s.scenario.demand.as_ref())
        .map(|d| d.quantity as f64);
    let completed: Vec<Estimate> = teams
        .iter()
        .filter_map(|s| Some(last(s)?.completed))
        .collect();
    Debrief {
        rows,
        changes: teams
            .iter()
            .map(|s| s.rounds.iter().map(|r| r.changes.len()).sum())
            .collect(),
        output: output_bars(&completed, order),
        order,
    }
}
