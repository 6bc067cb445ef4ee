//! Lean analysis of runs: the KPIs a lean trainer talks about, the line balance, OEE and the
//! 7 wastes (definitions in `docs/metrics.md`, in Russian and English).
//!
//! - [`Kpis`]: the line's KPIs of one run (output, lead time, WIP, takt, quality, costs);
//! - [`Balance`]: the planned line balance, from the scenario alone;
//! - [`RunAnalysis`]: one run in full: KPIs, stations (cycle time, OEE, wastes), operators;
//! - [`Analysis`]: replications summarised (every figure as mean ± 95 % CI half-width), the
//!   `simulate` [`Report`] (state shares side by side with bottleneck shares) and where the
//!   money goes.
//!
//! **Cycle time (время цикла)** has one meaning everywhere: the time a station needs per unit
//! of output = mean work content per unit (processing plus its share of changeovers) ÷ its
//! parallel servers. It is planned from the scenario ([`StationPlan::cycle_time`]) and
//! observed in a run ([`StationKpis::cycle_time`]).
//!
//! Money is in roubles; times are in the scenario's time unit; "per hour" costs are
//! converted with the time unit. Every run figure covers the post-warmup part of a run.

use super::formulas;
use crate::model::{Kpi, Routing, Scenario, Station};
use crate::sim::report::argmax;
use crate::sim::stats::{ci95, mean};
use crate::sim::{run_replications, Report, RunOptions, RunResult, SimError, State, StationRun};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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

impl Kpis {
    /// The KPIs of one run of `sc`.
    pub fn of(sc: &Scenario, run: &RunResult) -> Kpis {
        let span = run.horizon - run.warmup;
        let hours = span / sc.time_unit.per_hour();
        let completed = run.completed as f64;
        let order = sc.demand.as_ref().map(|d| d.quantity as f64);
        let lead_time =
            (!run.lead_times.is_empty()).then(|| run.lead_times.iter().sum::<f64>() / completed);
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

/// The people paid for: operators, or every server when the line has none.
fn headcount(sc: &Scenario) -> f64 {
    if sc.operators.is_empty() {
        sc.stations.iter().map(|s| f64::from(s.servers)).sum()
    } else {
        sc.operators.len() as f64
    }
}

/// Labour in roubles per time unit of one operator (or server).
fn labour_rate(sc: &Scenario) -> f64 {
    sc.costs.labour_per_hour / sc.time_unit.per_hour()
}

/// Holding in roubles per time unit of one unit in process.
fn holding_rate(sc: &Scenario) -> f64 {
    sc.costs.holding_per_hour / sc.time_unit.per_hour()
}

// ---------------------------------------------------------------------------------------------
// The plan: cycle times and line balance from the scenario alone

/// One station as planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationPlan {
    /// Station id.
    pub id: String,
    /// Parallel servers.
    pub servers: u32,
    /// Ideal cycle of one server: mean process time per unit (elements summed), no changeovers.
    pub process_time: f64,
    /// Mean changeover time per unit: setup mean × changeovers per unit.
    pub setup_time: f64,
    /// Время цикла / cycle time (plan): (process_time + setup_time) ÷ servers.
    pub cycle_time: f64,
    /// Cycle time ÷ takt time (> 1: the station cannot keep the takt).
    pub takt_ratio: Option<f64>,
}

/// The planned line balance (загрузка операторов against the takt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    /// Время такта / takt time, if the scenario has an order.
    pub takt_time: Option<f64>,
    /// Stations in scenario order.
    pub stations: Vec<StationPlan>,
    /// Σtᵢ: the stations' cycle times summed.
    pub total_cycle_time: f64,
    /// C: the longest station cycle time (the planned bottleneck's).
    pub cycle_time: f64,
    /// The station with the longest cycle time (the first of equals).
    pub bottleneck: String,
    /// Line balance efficiency E = Σtᵢ ÷ (N · C).
    pub efficiency: f64,
    /// Balance loss = 1 − E.
    pub loss: f64,
    /// Work content per unit of product: Σ (process_time + setup_time) over stations.
    pub work_content: f64,
    /// Minimum number of single-server stations: ⌈work content ÷ takt⌉ (with an order).
    pub min_stations: Option<u64>,
}

impl Balance {
    /// The plan of `sc`.
    pub fn of(sc: &Scenario) -> Balance {
        let takt = takt_time(sc);
        let stations: Vec<StationPlan> = sc
            .stations
            .iter()
            .map(|st| {
                let process_time = st.mean_process_time();
                let setup_time =
                    st.setup.as_ref().map_or(0.0, |s| s.time.mean()) * setups_per_unit(sc, st);
                let cycle_time = (process_time + setup_time) / f64::from(st.servers);
                StationPlan {
                    id: st.id.clone(),
                    servers: st.servers,
                    process_time,
                    setup_time,
                    cycle_time,
                    takt_ratio: takt.map(|t| cycle_time / t),
                }
            })
            .collect();
        let total: f64 = stations.iter().map(|s| s.cycle_time).sum();
        let longest = argmax(stations.iter().map(|s| s.cycle_time));
        let c = longest.map_or(0.0, |i| stations[i].cycle_time);
        let efficiency = if c > 0.0 {
            total / (stations.len() as f64 * c)
        } else {
            0.0
        };
        let work_content: f64 = stations.iter().map(|s| s.process_time + s.setup_time).sum();
        Balance {
            takt_time: takt,
            total_cycle_time: total,
            cycle_time: c,
            bottleneck: longest.map_or(String::new(), |i| stations[i].id.clone()),
            efficiency,
            loss: 1.0 - efficiency,
            work_content,
            // A relative tolerance keeps 60 ÷ 20 from rounding up to 4.
            min_stations: takt.map(|t| (work_content / t * (1.0 - 1e-9)).ceil().max(1.0) as u64),
            stations,
        }
    }
}

/// Mean changeovers per unit: one every `every` units; on a change of product with probability
/// q = 1 − Σ pₖ² (a random mix); with both, q ÷ (1 − (1 − q)^every) (the counter restarts at
/// every changeover).
fn setups_per_unit(sc: &Scenario, st: &Station) -> f64 {
    let Some(setup) = &st.setup else {
        return 0.0;
    };
    let q = if setup.on_change && sc.products.len() > 1 {
        let total: f64 = sc.products.iter().map(|p| p.share).sum();
        1.0 - sc
            .products
            .iter()
            .map(|p| (p.share / total).powi(2))
            .sum::<f64>()
    } else {
        0.0
    };
    match setup.every {
        Some(n) if q > 0.0 => q / (1.0 - (1.0 - q).powi(n as i32)),
        Some(n) => 1.0 / f64::from(n),
        None => q,
    }
}

/// The routing of a validated scenario (an invalid one: every station on its own).
fn routing(sc: &Scenario) -> Routing {
    sc.routing().unwrap_or_else(|_| Routing {
        succ: vec![None; sc.stations.len()],
        feeds: vec![Vec::new(); sc.stations.len()],
    })
}

/// Units of raw material in one unit leaving station `i` (assembly multiplies by `qty`).
fn components(routing: &Routing, i: usize) -> f64 {
    if routing.is_source(i) {
        1.0
    } else {
        routing.feeds[i]
            .iter()
            .map(|&(from, qty)| f64::from(qty) * components(routing, from))
            .sum()
    }
}

// ---------------------------------------------------------------------------------------------
// One run: stations, operators, wastes

/// OEE of a station: availability × performance × quality.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Oee<T = f64> {
    /// (planned − down − setup) ÷ planned; planned = observed time × servers.
    pub availability: T,
    /// Ideal cycle (mean process time per unit of one server) × units processed ÷ run time
    /// (planned − down − setup); 0 without run time.
    pub performance: T,
    /// Good ÷ processed (good = processed − defective); 1 when nothing was processed.
    pub quality: T,
    /// Availability × performance × quality.
    pub oee: T,
}

/// One station in one run (post-warmup).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationKpis<T = f64> {
    /// Station id.
    pub id: String,
    /// Units processed (every pass, rework included).
    pub processed: T,
    /// Units found defective here.
    pub defective: T,
    /// Время цикла / cycle time (observed): (working + setup time summed over servers) ÷ units
    /// processed ÷ servers; `None` when nothing was processed.
    pub cycle_time: Option<T>,
    /// ОЕЕ / OEE.
    pub oee: Oee<T>,
    /// The wastes seen at this station.
    pub wastes: Wastes<T>,
}

/// One operator in one run, as shares of the observed time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperatorKpis<T = f64> {
    /// Operator id.
    pub id: String,
    /// Загрузка / utilization: working (setups and processing) ÷ observed time.
    pub utilization: T,
    /// Walking ÷ observed time (motion).
    pub walking: T,
    /// Idle ÷ observed time.
    pub idle: T,
    /// Walks made.
    pub walks: T,
}

/// The 7 wastes (GOST R 56908-2016), in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Waste {
    /// Перепроизводство.
    Overproduction,
    /// Запасы.
    Inventory,
    /// Транспортировка.
    Transport,
    /// Ожидание.
    Waiting,
    /// Лишняя обработка.
    OverProcessing,
    /// Лишние перемещения.
    Motion,
    /// Дефекты.
    Defects,
}

impl Waste {
    /// All seven, in report order.
    pub const ALL: [Waste; 7] = [
        Waste::Overproduction,
        Waste::Inventory,
        Waste::Transport,
        Waste::Waiting,
        Waste::OverProcessing,
        Waste::Motion,
        Waste::Defects,
    ];

    /// The English name.
    pub fn en(self) -> &'static str {
        match self {
            Waste::Overproduction => "overproduction",
            Waste::Inventory => "inventory",
            Waste::Transport => "transport",
            Waste::Waiting => "waiting",
            Waste::OverProcessing => "over-processing",
            Waste::Motion => "motion",
            Waste::Defects => "defects",
        }
    }

    /// The Russian name (GOST R 56908).
    pub fn ru(self) -> &'static str {
        match self {
            Waste::Overproduction => "перепроизводство",
            Waste::Inventory => "запасы",
            Waste::Transport => "транспортировка",
            Waste::Waiting => "ожидание",
            Waste::OverProcessing => "лишняя обработка",
            Waste::Motion => "лишние перемещения",
            Waste::Defects => "дефекты",
        }
    }
}

/// A waste in time (time units of the resource concerned: server-, operator- or unit-time)
/// and money (roubles).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct WasteFigure<T = f64> {
    /// Time.
    pub time: T,
    /// Money.
    pub money: T,
}

/// The 7 wastes of a station, of the line as a whole, or in total.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Wastes<T = f64> {
    /// Units completed beyond the order.
    pub overproduction: WasteFigure<T>,
    /// Units in process (WIP unit-time).
    pub inventory: WasteFigure<T>,
    /// Moving transfer batches.
    pub transport: WasteFigure<T>,
    /// Servers starved, blocked or waiting for an operator.
    pub waiting: WasteFigure<T>,
    /// Processing in non-value-added work elements.
    pub over_processing: WasteFigure<T>,
    /// Operators walking.
    pub motion: WasteFigure<T>,
    /// Scrap (material) and rework (processing).
    pub defects: WasteFigure<T>,
}

impl<T> Wastes<T> {
    /// One waste's figure.
    pub fn get(&self, w: Waste) -> &WasteFigure<T> {
        match w {
            Waste::Overproduction => &self.overproduction,
            Waste::Inventory => &self.inventory,
            Waste::Transport => &self.transport,
            Waste::Waiting => &self.waiting,
            Waste::OverProcessing => &self.over_processing,
            Waste::Motion => &self.motion,
            Waste::Defects => &self.defects,
        }
    }
}

impl Wastes {
    /// Wastes given each one's figure.
    fn from_fn(mut f: impl FnMut(Waste) -> WasteFigure) -> Wastes {
        Wastes {
            overproduction: f(Waste::Overproduction),
            inventory: f(Waste::Inventory),
            transport: f(Waste::Transport),
            waiting: f(Waste::Waiting),
            over_processing: f(Waste::OverProcessing),
            motion: f(Waste::Motion),
            defects: f(Waste::Defects),
        }
    }
}

/// Time priced at a rate per time unit.
fn priced(time: f64, rate: f64) -> WasteFigure {
    WasteFigure {
        time,
        money: time * rate,
    }
}

/// One run in full (`T = f64`), or replications summarised (`T = Estimate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunAnalysis<T = f64> {
    /// The line's KPIs.
    pub kpis: Kpis<T>,
    /// Stations in scenario order.
    pub stations: Vec<StationKpis<T>>,
    /// Operators in scenario order.
    pub operators: Vec<OperatorKpis<T>>,
    /// The wastes of the whole line: the stations' plus `line_wastes`.
    pub wastes: Wastes<T>,
    /// The wastes no single station owns: overproduction, motion, and the WIP not waiting in
    /// a station's queue (in service, blocked, in transport, waiting for its transfer batch).
    pub line_wastes: Wastes<T>,
}

impl RunAnalysis {
    /// Analyses one run of `sc`.
    pub fn of(sc: &Scenario, run: &RunResult) -> RunAnalysis {
        let kpis = Kpis::of(sc, run);
        let span = run.horizon - run.warmup;
        let (labour, holding) = (labour_rate(sc), holding_rate(sc));
        let routing = routing(sc);
        let stations: Vec<StationKpis> = run
            .stations
            .iter()
            .enumerate()
            .map(|(i, r)| station_kpis(sc, &routing, i, r, span))
            .collect();
        let queued: f64 = run.stations.iter().map(|s| s.queue_mean * span).sum();
        let excess = kpis.order.map_or(0.0, |q| (kpis.completed - q).max(0.0));
        let line_wastes = Wastes::from_fn(|w| match w {
            Waste::Overproduction if excess > 0.0 => {
                // The excess units' material and their share of the labour paid.
                let labour_time = excess * headcount(sc) * span / kpis.completed;
                let material = sc.costs.material * components(&routing, sc.stations.len() - 1);
                WasteFigure {
                    time: labour_time,
                    money: excess * material + labour_time * labour,
                }
            }
            Waste::Inventory => priced((run.wip_mean * span - queued).max(0.0), holding),
            Waste::Motion => priced(run.operators.iter().map(|o| o.walking).sum(), labour),
            _ => WasteFigure::default(),
        });
        let wastes = Wastes::from_fn(|w| {
            let parts = stations.iter().map(|s| &s.wastes).chain([&line_wastes]);
            parts.fold(WasteFigure::default(), |acc, p| WasteFigure {
                time: acc.time + p.get(w).time,
                money: acc.money + p.get(w).money,
            })
        });
        RunAnalysis {
            kpis,
            stations,
            operators: run
                .operators
                .iter()
                .map(|o| OperatorKpis {
                    id: o.id.clone(),
                    utilization: o.working / span,
                    walking: o.walking / span,
                    idle: o.idle / span,
                    walks: o.walks as f64,
                })
                .collect(),
            wastes,
            line_wastes,
        }
    }
}

/// Cycle time, OEE and wastes of station `i` in a run observed for `span` time units.
fn station_kpis(
    sc: &Scenario,
    routing: &Routing,
    i: usize,
    r: &StationRun,
    span: f64,
) -> StationKpis {
    let time = |s: State| r.state_time[s as usize];
    let servers = f64::from(r.servers);
    let processed = r.processed as f64;
    let planned = span * servers;
    let run_time = (planned - time(State::Down) - time(State::Setup)).max(0.0);
    let performance = if run_time > 0.0 {
        sc.stations[i].mean_process_time() * processed / run_time
    } else {
        0.0
    };
    let quality = if r.processed > 0 {
        (r.processed - r.defective) as f64 / processed
    } else {
        1.0
    };
    let availability = run_time / planned;
    let (labour, holding) = (labour_rate(sc), holding_rate(sc));
    let wastes = Wastes::from_fn(|w| match w {
        Waste::Inventory => priced(r.queue_mean * span, holding),
        Waste::Transport => priced(r.transport_time, labour),
        Waste::Waiting => priced(
            time(State::Starved) + time(State::Blocked) + time(State::Off),
            labour,
        ),
        Waste::OverProcessing => priced(r.non_value_added, labour),
        Waste::Defects => {
            let rework = priced(r.rework_processing + r.scrapped_work, labour);
            WasteFigure {
                time: rework.time,
                money: rework.money
                    + r.scrapped as f64 * sc.costs.material * components(routing, i),
            }
        }
        Waste::Overproduction | Waste::Motion => WasteFigure::default(),
    });
    StationKpis {
        id: r.id.clone(),
        processed,
        defective: r.defective as f64,
        cycle_time: (r.processed > 0)
            .then(|| (time(State::Working) + time(State::Setup)) / processed / servers),
        oee: Oee {
            availability,
            performance,
            quality,
            oee: availability * performance * quality,
        },
        wastes,
    }
}

// ---------------------------------------------------------------------------------------------
// Replications

/// One entry of "where the money goes": a waste at a station (or of the line as a whole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WasteItem {
    /// The station, or `None` for the line as a whole.
    pub station: Option<String>,
    /// Which waste.
    pub waste: Waste,
    /// Mean time per replication.
    pub time: f64,
    /// Mean money per replication.
    pub money: f64,
    /// Share of all waste money (0 when there is none).
    pub share: f64,
}

/// The analysis of a set of replications of one scenario (`takt analyze`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The planned line balance.
    pub balance: Balance,
    /// The line's KPIs.
    pub kpis: Kpis<Estimate>,
    /// Stations in scenario order: observed cycle time, OEE, wastes.
    pub stations: Vec<StationKpis<Estimate>>,
    /// Operators in scenario order.
    pub operators: Vec<OperatorKpis<Estimate>>,
    /// The wastes of the whole line.
    pub wastes: Wastes<Estimate>,
    /// The wastes no single station owns.
    pub line_wastes: Wastes<Estimate>,
    /// Where the money goes: every waste at every station (and of the line), by mean money
    /// then time, largest first; wastes with neither time nor money are left out.
    pub money: Vec<WasteItem>,
    /// The `simulate` report: lead-time percentiles, state shares side by side with the active
    /// period bottleneck shares, how often each station is the primary bottleneck.
    pub report: Report,
}

impl Analysis {
    /// Analyses runs (in replication order, at least one) of `sc`.
    ///
    /// # Panics
    /// When `runs` is empty.
    pub fn of(sc: &Scenario, runs: &[RunResult]) -> Analysis {
        // Every number of a run becomes its mean and CI half-width over the runs: the same
        // structure with `Estimate` for `f64` (see `summarise`). Through `Value`, not JSON
        // text: parsing text back with exact float rounding made a browser what-if 8× slower.
        let each: Vec<Value> = runs
            .iter()
            .map(|r| serde_json::to_value(RunAnalysis::of(sc, r)).expect("serializes"))
            .collect();
        let summary: RunAnalysis<Estimate> =
            serde_json::from_value(summarise(&each.iter().collect::<Vec<_>>()))
                .expect("a summary has the shape of a run");
        Analysis {
            balance: Balance::of(sc),
            money: where_the_money_goes(&summary),
            kpis: summary.kpis,
            stations: summary.stations,
            operators: summary.operators,
            wastes: summary.wastes,
            line_wastes: summary.line_wastes,
            report: Report::from_runs(runs[0].seed, runs),
        }
    }
}

/// Runs `replications` replications of `sc` and analyses them.
pub fn analyze(sc: &Scenario, seed: u64, replications: u64) -> Result<Analysis, SimError> {
    let runs = run_replications(sc, seed, replications, &RunOptions::default())?;
    Ok(Analysis::of(sc, &runs))
}

/// Summarises JSON values of one shape: each number becomes `{mean, ci95}` over the values
/// that have it (an optional figure absent from some runs is summarised over the others;
/// absent from all, it stays `null`); text is taken from the first.
fn summarise(values: &[&Value]) -> Value {
    let column = |pick: &dyn Fn(&Value) -> &Value| -> Vec<&Value> {
        values.iter().map(|v| pick(v)).collect()
    };
    match values[0] {
        Value::Object(first) => Value::Object(
            first
                .keys()
                .map(|k| (k.clone(), summarise(&column(&|v| &v[k]))))
                .collect(),
        ),
        Value::Array(first) => Value::Array(
            (0..first.len())
                .map(|i| summarise(&column(&|v| &v[i])))
                .collect(),
        ),
        first => {
            let xs: Vec<f64> = values.iter().filter_map(|v| v.as_f64()).collect();
            if xs.is_empty() {
                first.clone()
            } else {
                serde_json::json!({"mean": mean(&xs), "ci95": ci95(&xs)})
            }
        }
    }
}

/// Every waste of every station and of the line, by mean money then time, largest first.
fn where_the_money_goes(a: &RunAnalysis<Estimate>) -> Vec<WasteItem> {
    let total: f64 = Waste::ALL.iter().map(|&w| a.wastes.get(w).money.mean).sum();
    let owners = a
        .stations
        .iter()
        .map(|s| (Some(&s.id), &s.wastes))
        .chain([(None, &a.line_wastes)]);
    let mut items: Vec<WasteItem> = owners
        .flat_map(|(station, wastes)| {
            Waste::ALL.map(|w| WasteItem {
                station: station.cloned(),
                waste: w,
                time: wastes.get(w).time.mean,
                money: wastes.get(w).money.mean,
                share: if total > 0.0 {
                    wastes.get(w).money.mean / total
                } else {
                    0.0
                },
            })
        })
        .filter(|item| item.time > 0.0 || item.money > 0.0)
        .collect();
    items.sort_by(|x, y| y.money.total_cmp(&x.money).then(y.time.total_cmp(&x.time)));
    items
}
