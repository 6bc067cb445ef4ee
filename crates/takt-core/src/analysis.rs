//! Lean analysis of runs: the KPIs a lean trainer talks about (definitions in
//! `docs/metrics.md`, in Russian and English).
//!
//! Money is in roubles; times are in the scenario's time unit; "per hour" costs are
//! converted with the time unit. Every figure covers the post-warmup part of a run.

use crate::engine::RunResult;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The KPIs of one replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Выработка / output: units that left the last station.
    pub completed: f64,
    /// The order quantity (`demand.quantity`), if the scenario has one.
    pub order: Option<f64>,
    /// Plan attainment / выполнение плана: completed ÷ order.
    pub plan_attainment: Option<f64>,
    /// Throughput: completed ÷ observed time (units per time unit).
    pub throughput: f64,
    /// Время протекания процесса / lead time: mean over the completed units.
    pub lead_time: Option<f64>,
    /// НЗП / WIP: time-average number of units in the line.
    pub wip: f64,
    /// Время такта / takt time: available time (the horizon) ÷ order quantity.
    pub takt_time: Option<f64>,
    /// Value-added ratio (process cycle efficiency): value-added time per completed unit ÷ lead time.
    pub value_added_ratio: Option<f64>,
    /// First-pass yield (rolled): the product over stations of good ÷ processed.
    pub first_pass_yield: f64,
    /// Units scrapped.
    pub scrapped: f64,
    /// Units sent to rework.
    pub reworked: f64,
    /// Revenue: price × units delivered against the order (all completed units without an order).
    pub revenue: f64,
    /// Material: every unit released into the line.
    pub material_cost: f64,
    /// Labour: headcount (operators, or servers when the line has none) × hours × rate.
    pub labour_cost: f64,
    /// Holding: time-average WIP × hours × rate.
    pub holding_cost: f64,
    /// Себестоимость / unit cost: total cost ÷ completed units.
    pub unit_cost: Option<f64>,
    /// Profit: revenue − total cost.
    pub profit: f64,
    /// Little's law self-check: WIP against throughput × lead time.
    pub little: Little,
}

/// Little's law, WIP = throughput × lead time, as a self-check of a run. It holds for long
/// runs of a line without scrap or assembly; a large gap on such a run points to a short
/// horizon (many units still in the line) rather than an error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Little {
    /// Time-average WIP.
    pub wip: f64,
    /// Throughput × mean lead time.
    pub throughput_x_lead_time: f64,
    /// |difference| ÷ WIP (0 when WIP is 0).
    pub gap: f64,
}

impl Kpis {
    /// The KPIs of one run of `sc`.
    pub fn of(sc: &Scenario, run: &RunResult) -> Kpis {
        let span = run.horizon - run.warmup;
        let hours = span / sc.time_unit.per_hour();
        let completed = run.completed as f64;
        let order = sc.demand.as_ref().map(|d| d.quantity as f64);
        let lead_time = (!run.lead_times.is_empty()).then(|| run.lead_times.iter().sum::<f64>() / completed);
        let throughput = if span > 0.0 { completed / span } else { 0.0 };
        let headcount = if sc.operators.is_empty() {
            sc.stations.iter().map(|s| f64::from(s.servers)).sum()
        } else {
            sc.operators.len() as f64
        };
        let price = sc.demand.as_ref().map_or(0.0, |d| d.price);
        let delivered = order.map_or(completed, |q| completed.min(q));
        let revenue = price * delivered;
        let material_cost = sc.costs.material * run.released as f64;
        let labour_cost = sc.costs.labour_per_hour * headcount * hours;
        let holding_cost = sc.costs.holding_per_hour * run.wip_mean * hours;
        let cost = material_cost + labour_cost + holding_cost;
        let first_pass_yield = run
            .stations
            .iter()
            .filter(|s| s.processed > 0)
            .map(|s| (s.processed - s.defective) as f64 / s.processed as f64)
            .product();
        let little_rhs = lead_time.map_or(0.0, |lt| throughput * lt);
        Kpis {
            completed,
            order,
            plan_attainment: order.map(|q| completed / q),
            throughput,
            lead_time,
            wip: run.wip_mean,
            takt_time: order.map(|q| sc.horizon / q),
            value_added_ratio: lead_time.filter(|lt| *lt > 0.0).map(|lt| run.value_added / completed / lt),
            first_pass_yield,
            scrapped: run.scrapped as f64,
            reworked: run.stations.iter().map(|s| s.reworked as f64).sum(),
            revenue,
            material_cost,
            labour_cost,
            holding_cost,
            unit_cost: (completed > 0.0).then(|| cost / completed),
            profit: revenue - cost,
            little: Little {
                wip: run.wip_mean,
                throughput_x_lead_time: little_rhs,
                gap: if run.wip_mean > 0.0 { (run.wip_mean - little_rhs).abs() / run.wip_mean } else { 0.0 },
            },
        }
    }
}
