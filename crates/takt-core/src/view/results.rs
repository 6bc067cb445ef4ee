//! A round's results as the page shows them: the KPI cards (each against the order or the
//! instructor's target) and the table of the 7 wastes. The app draws these numbers as they
//! are; they are tested here, against the analysis.

use crate::lean::{Analysis, Estimate, Waste};
use crate::model::{Kpi, Scenario};

/// What a KPI card is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalKind {
    /// The customer order (units due by the end of the horizon).
    Order,
    /// The instructor's target for this KPI.
    Target,
}

/// A card's goal and whether the round reached it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goal {
    /// Order or target.
    pub kind: GoalKind,
    /// The goal, in the KPI's own unit (quality as a fraction, like its target).
    pub value: f64,
    /// Whether the round's mean reaches it.
    pub met: bool,
}

/// One KPI card.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiCard {
    /// Which KPI.
    pub kpi: Kpi,
    /// The round's mean and 95 % half-width, in display units (quality in %); `None` when
    /// the figure does not apply (no unit completed).
    pub value: Option<Estimate>,
    /// The goal it is measured against, if any.
    pub goal: Option<Goal>,
}

/// The KPI cards of a round, in page order: output (against the order, else its target),
/// lead time, WIP, quality, unit cost, profit (each against its target, if set).
pub fn kpi_cards(analysis: &Analysis, line: &Scenario) -> Vec<KpiCard> {
    let k = &analysis.kpis;
    let targets = line.training.as_ref().map(|t| &t.targets);
    let target = |kpi: Kpi, value: Option<Estimate>| {
        let t = *targets?.get(&kpi)?;
        Some(Goal {
            kind: GoalKind::Target,
            value: t,
            met: kpi.meets(value?.mean, t),
        })
    };
    let order = k.order.map(|o| Goal {
        kind: GoalKind::Order,
        value: o.mean,
        met: k.completed.mean >= o.mean,
    });
    let percent = |e: Estimate| Estimate {
        mean: e.mean * 100.0,
        ci95: e.ci95 * 100.0,
    };
    [
        (Kpi::Completed, Some(k.completed), Some(k.completed)),
        (Kpi::LeadTime, k.lead_time, k.lead_time),
        (Kpi::Wip, Some(k.wip), Some(k.wip)),
        (
            Kpi::Quality,
            Some(percent(k.first_pass_yield)),
            Some(k.first_pass_yield),
        ),
        (Kpi::UnitCost, k.unit_cost, k.unit_cost),
        (Kpi::Profit, Some(k.profit), Some(k.profit)),
    ]
    .into_iter()
    .map(|(kpi, value, raw)| KpiCard {
        kpi,
        value,
        goal: match kpi {
            Kpi::Completed => order.or_else(|| target(kpi, raw)),
            _ => target(kpi, raw),
        },
    })
    .collect()
}

/// One row of the wastes table: a waste of the whole line (every station's plus what no
/// single station owns), as `takt analyze` reports it under `wastes`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WasteRow {
    /// Which waste.
    pub waste: Waste,
    /// Mean time per shift, in minutes (of the resource concerned: server-, operator- or
    /// unit-minutes).
    pub minutes: f64,
    /// Mean money per shift, in roubles.
    pub money: f64,
    /// Its money against the largest waste's, in [0, 1] (the bar's length).
    pub bar: f64,
}

/// The 7 wastes of the whole line, in report order.
pub fn waste_table(analysis: &Analysis, line: &Scenario) -> Vec<WasteRow> {
    let per_minute = 60.0 / line.time_unit.per_hour();
    let most = Waste::ALL
        .iter()
        .map(|&w| analysis.wastes.get(w).money.mean)
        .fold(0.0, f64::max);
    Waste::ALL
        .iter()
        .map(|&w| {
            let f = analysis.wastes.get(w);
            WasteRow {
                waste: w,
                minutes: f.time.mean * per_minute,
                money: f.money.mean,
                bar: if most > 0.0 { f.money.mean / most } else { 0.0 },
            }
        })
        .collect()
}
