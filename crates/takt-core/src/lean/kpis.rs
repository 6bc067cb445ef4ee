//! The line's KPIs of one run: output, lead time, WIP, takt, quality and money (each defined
//! once here; `docs/metrics.md` says it in Russian and English).

use super::formulas;
use crate::model::{Kpi, Scenario};
use crate::sim::RunResult;
use serde::{Deserialize, Serialize};

/// A figure over replications: its mean and the half-width of its 95 % confidence interval
/// (0 with a single replication).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Mean over replications.
    pub mean: f64,
    /// 95 % confidence half-width (Student's t).
    pub ci95: f64,
}

/// The KPIs of one replication (`T = f64`), or of replications summarised (`T = Estimate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis<T = f64> {
    /// Выработка / output: units that left the last station.
    pub completed: T,
    /// The order quantity (`demand.quantity`), if the scenario has one.
    pub order: Option<T>,
    /// Plan attainment / выполнение плана: completed ÷ order.
    pub plan_attainment: Option<T>,
    /// Throughput: completed ÷ observed time (units per time unit).
    pub throughput: T,
    /// Время протекания процесса / lead time: mean over the completed units.
    pub lead_time: Option<T>,
    /// НЗП / WIP: time-average number of units in the line.
    pub wip: T,
    /// Время такта / takt time: available time (the horizon) ÷ order quantity.
    pub takt_time: Option<T>,
    /// Value-added ratio (process cycle efficiency): value-added time per completed unit ÷ lead time.
    pub value_added_ratio: Option<T>,
    /// First-pass yield (rolled): the product over stations of good ÷ processed.
    pub first_pass_yield: T,
    /// Units scrapped.
    pub scrapped: T,
    /// Units sent to rework.
    pub reworked: T,
    /// Revenue: price × units delivered against the order (all completed units without an order).
    pub revenue: T,
    /// Material: every unit released into the line.
    pub material_cost: T,
    /// Labour: headcount (operators, or servers when the line has none) × hours × rate.
    pub labour_cost: T,
    /// Holding: time-average WIP × hours × rate.
    pub holding_cost: T,
    /// Себестоимость / unit cost: total cost ÷ completed units.
    pub unit_cost: Option<T>,
    /// Profit: revenue − total cost.
    pub profit: T,
    /// Little's law self-check: WIP against throughput × lead time.
    pub little: Little<T>,
}

/// Little's law, WIP = throughput × lead time, as a self-check of a run. It holds for long
/// runs of a line without scrap or assembly; a large gap on such a run points to a short
/// horizon (many units still in the line) rather than an error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Little<T = f64> {
    /// Time-average WIP.
    pub wip: T,
    /// Throughput × mean lead time.
    pub throughput_x_lead_time: T,
    /// |difference| ÷ WIP (0 when WIP is 0).
    pub gap: T,
}

/// The names of [`Kpis::figures`], in their order: the JSON field names (Little's law's
/// with a `little_` prefix).
pub const KPI_FIGURES: [&str; 20] = [
    "completed",
    "order",
    "plan_attainment",
    "throughput",
    "lead_time",
    "wip",
    "takt_time",
    "value_added_ratio",
    "first_pass_yield",
    "scrapped",
    "reworked",
    "revenue",
    "material_cost",
    "labour_cost",
    "holding_cost",
    "unit_cost",
    "profit",
    "little_wip",
    "little_throughput_x_lead_time",
    "little_gap",
];

impl Kpi {
    /// This KPI's figure in `k` (unit cost and lead time may be absent).
    pub fn of<T: Copy>(self, k: &Kpis<T>) -> Option<T> {
        match self {
            Kpi::Completed => Some(k.completed),
            Kpi::Profit => Some(k.profit),
            Kpi::UnitCost => k.unit_cost,
            Kpi::LeadTime => k.lead_time,
            Kpi::Wip => Some(k.wip),
            Kpi::Quality => Some(k.first_pass_yield),
        }
    }
}

impl<T: Copy> Kpis<T> {
    /// Every figure, named as in [`KPI_FIGURES`] (`None`: the figure does not apply).
    pub fn figures(&self) -> [(&'static str, Option<T>); 20] {
        let values = [
            Some(self.completed),
            self.order,
            self.plan_attainment,
            Some(self.throughput),
            self.lead_time,
            Some(self.wip),
            self.takt_time,
            self.value_added_ratio,
            Some(self.first_pass_yield),
            Some(self.scrapped),
            Some(self.reworked),
            Some(self.revenue),
            Some(self.material_cost),
            Some(self.labour_cost),
            Some(self.holding_cost),
            self.unit_cost,
            Some(self.profit),
            Some(self.little.wip),
            Some(self.little.throughput_x_lead_time),
            Some(self.little.gap),
        ];
        std::array::from_fn(|i| (KPI_FIGURES[i], values[i]))
    }
}

/// The mean lead time of the units a run completed after warm-up (`None`: none completed).
pub fn mean_lead_time(run: &RunResult) -> Option<f64> {
    (!run.lead_times.is_empty()).then(|| run.lead_times.iter().sum::<f64>() / run.completed as f64)
}

impl Kpis {
    /// The KPIs of one run of `sc`.
    pub fn of(sc: &Scenario, run: &RunResult) -> Kpis {
        let span = run.horizon - run.warmup;
        let hours = span / sc.time_unit.per_hour();
        let completed = run.completed as f64;
        let order = sc.demand.as_ref().map(|d| d.quantity as f64);
        let lead_time = mean_lead_time(run);
        let throughput = if span > 0.0 { completed / span } else { 0.0 };
        let price = sc.demand.as_ref().map_or(0.0, |d| d.price);
        let delivered = order.map_or(completed, |q| completed.min(q));
        let revenue = price * delivered;
        let material_cost = sc.costs.material * run.released as f64;
        let labour_cost = sc.costs.labour_per_hour * headcount(sc) * hours;
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
            takt_time: takt_time(sc),
            value_added_ratio: lead_time
                .filter(|lt| *lt > 0.0)
                .map(|lt| run.value_added / completed / lt),
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
                gap: if run.wip_mean > 0.0 {
                    (run.wip_mean - little_rhs).abs() / run.wip_mean
                } else {
                    0.0
                },
            },
        }
    }
}

/// Время такта / takt time of a scenario: the horizon ÷ the order quantity (`None` without an order).
pub fn takt_time(sc: &Scenario) -> Option<f64> {
    let d = sc.demand.as_ref()?;
    formulas::takt_time(sc.horizon, d.quantity).ok()
}

/// Whether units a shift meet the order: the whole 95 % interval at or above it (its lower
/// end reaches the order). The improve step's forecast says "met" by this rule; the best
/// plan ranks plans that meet the order first.
pub fn meets_order(completed: Estimate, order: u64) -> bool {
    completed.mean - completed.ci95 >= order as f64
}

/// The people paid for: operators, or every server when the line has none.
pub(super) fn headcount(sc: &Scenario) -> f64 {
    if sc.operators.is_empty() {
        sc.stations.iter().map(|s| f64::from(s.servers)).sum()
    } else {
        sc.operators.len() as f64
    }
}

/// Labour in roubles per time unit of one operator (or server).
pub(super) fn labour_rate(sc: &Scenario) -> f64 {
    sc.costs.labour_per_hour / sc.time_unit.per_hour()
}

/// Holding in roubles per time unit of one unit in process.
pub(super) fn holding_rate(sc: &Scenario) -> f64 {
    sc.costs.holding_per_hour / sc.time_unit.per_hour()
}

// ---------------------------------------------------------------------------------------------
// The plan: cycle times and line balance from the scenario alone
