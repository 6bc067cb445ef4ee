//! КПСЦ / the value stream map (GOST R 57524-2017 "Поток создания ценности") of a round, as
//! it stood: drawn from a run of the line, not from the planned times.
//!
//! - a **process box** per station: its cycle time (working time per unit it processed),
//!   its changeover time (per changeover), its uptime (the share of its time not down), its
//!   operators, and its first-pass yield (the share of its units found good);
//! - an **inventory triangle** in front of each station: the mean number of units waiting
//!   there and their time in stock (mean ÷ the station's rate, Little's law);
//! - how material moves into it: pushed, or pulled by a kanban loop of the station before;
//! - the **customer** with the takt time, and the **timeline**: along the longest way to the
//!   customer, time in stock and processing alternate. The **lead time** is the one measured
//!   on the finished units (the timeline's sum when none finished); what it holds beyond the
//!   timeline's stock and processing is time *held between processes* (units waiting for their
//!   transfer batch, in transport, or blocked in a process), which no triangle shows. The
//!   value-added processing on the way is the value-added time, and its share of the lead
//!   time the process cycle efficiency (PCE).
//!
//! Definitions in `docs/metrics.md`.

use crate::lean::kpis::takt_time;
use crate::model::{Release, Scenario};
use crate::sim::{RunResult, State};

/// One station as a process box.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessBox {
    /// The station (by index).
    pub station: usize,
    /// Working time per unit processed (time units).
    pub cycle_time: f64,
    /// Value-added working time per unit processed.
    pub value_added: f64,
    /// Its servers (parallel workplaces).
    pub servers: u32,
    /// Time per changeover (0 with none).
    pub changeover: f64,
    /// The share of its time not down (0–1).
    pub uptime: f64,
    /// The operators who tend it (0: it needs none).
    pub operators: usize,
    /// The share of its units found good (0–1; 1 when it processed none).
    pub first_pass_yield: f64,
}

/// Units waiting in front of a station.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inventory {
    /// Mean units waiting (time average).
    pub mean: f64,
    /// Their time in stock: the mean ÷ the station's rate (0 when it processed nothing).
    pub time: f64,
}

/// How material comes into a station.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Raw material: the line's first stations.
    Source,
    /// Pushed on by the station before.
    Push,
    /// Pulled: the station before works only while its kanban loop has a free card.
    Kanban { cards: u32 },
    /// The line releases work only while fewer than `limit` units are in it.
    Conwip { limit: u32 },
}

/// The map of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueStream {
    /// Per station, in scenario order.
    pub processes: Vec<ProcessBox>,
    /// In front of each station, in scenario order.
    pub inventories: Vec<Inventory>,
    /// Into each station, in scenario order.
    pub flows: Vec<Flow>,
    /// The customer's takt time and order (`None` without an order).
    pub takt: Option<f64>,
    pub demand: Option<u64>,
    /// The timeline's way: station indices from the first to the customer.
    pub path: Vec<usize>,
    /// Along the way: time in stock, and processing.
    pub stock: f64,
    pub processing: f64,
    /// The lead time: measured on the finished units (the mean), or `stock + processing`
    /// when none finished.
    pub lead_time: f64,
    /// Whether `lead_time` was measured.
    pub measured: bool,
    /// Lead time beyond the timeline's stock and processing: held between processes
    /// (transfer batches, transport, blocking); 0 when the timeline is longer.
    pub held: f64,
    /// Value-added processing along the way, and its share of the lead time.
    pub value_added: f64,
    pub pce: f64,
}

/// The value stream map of `run`, a run of `sc`.
pub fn value_stream(sc: &Scenario, run: &RunResult) -> ValueStream {
    let share = |s: &crate::sim::StationRun, state: State| s.state_time[state as usize];
    let processes: Vec<ProcessBox> = run
        .stations
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let per = |t: f64| {
                if s.processed > 0 {
                    t / s.processed as f64
                } else {
                    0.0
                }
            };
            let working = share(s, State::Working);
            let total: f64 = s.state_time.iter().sum();
            let id = &sc.stations[i].id;
            ProcessBox {
                station: i,
                cycle_time: per(working),
                value_added: per(working - s.non_value_added).max(0.0),
                servers: s.servers,
                changeover: if s.setups > 0 {
                    share(s, State::Setup) / s.setups as f64
                } else {
                    0.0
                },
                uptime: if total > 0.0 {
                    1.0 - share(s, State::Down) / total
                } else {
                    1.0
                },
                operators: sc
                    .operators
                    .iter()
                    .filter(|o| o.stations.contains(id))
                    .count(),
                first_pass_yield: if s.processed > 0 {
                    1.0 - s.defective as f64 / s.processed as f64
                } else {
                    1.0
                },
            }
        })
        .collect();
    let period = run.horizon - run.warmup;
    let inventories: Vec<Inventory> = run
        .stations
        .iter()
        .map(|s| {
            let rate = s.processed as f64 / period;
            Inventory {
                mean: s.queue_mean,
                time: if rate > 0.0 { s.queue_mean / rate } else { 0.0 },
            }
        })
        .collect();
    let routing = sc.routing().ok();
    let feeds = |i: usize| -> Vec<usize> {
        routing
            .as_ref()
            .map(|r| r.feeds[i].iter().map(|(f, _)| *f).collect())
            .unwrap_or_else(|| if i > 0 { vec![i - 1] } else { Vec::new() })
    };
    let flows = (0..sc.stations.len())
        .map(|i| {
            let before = feeds(i);
            match (&sc.release, before.first()) {
                (Release::Conwip { limit }, None) => Flow::Conwip { limit: *limit },
                (_, None) => Flow::Source,
                (Release::Kanban { limits }, Some(&f)) => limits
                    .get(&sc.stations[f].id)
                    .map_or(Flow::Push, |&cards| Flow::Kanban { cards }),
                _ => Flow::Push,
            }
        })
        .collect();
    // The longest way to each station: its own stock and processing after the longest of its
    // feeders' (stations come after their feeders in scenario order).
    let n = sc.stations.len();
    let mut longest = vec![0.0_f64; n];
    let mut via = vec![None::<usize>; n];
    for i in 0..n {
        let best = feeds(i)
            .into_iter()
            .max_by(|a, b| longest[*a].total_cmp(&longest[*b]));
        via[i] = best;
        longest[i] =
            best.map_or(0.0, |f| longest[f]) + inventories[i].time + processes[i].cycle_time;
    }
    let last = routing
        .as_ref()
        .and_then(|r| r.succ.iter().position(Option::is_none))
        .unwrap_or(n.saturating_sub(1));
    let mut path = vec![last];
    while let Some(f) = via[*path.last().unwrap_or(&0)] {
        path.push(f);
    }
    path.reverse();
    let stock: f64 = path.iter().map(|&i| inventories[i].time).sum();
    let processing: f64 = path.iter().map(|&i| processes[i].cycle_time).sum();
    let value_added: f64 = path.iter().map(|&i| processes[i].value_added).sum();
    let measured = (!run.lead_times.is_empty())
        .then(|| run.lead_times.iter().sum::<f64>() / run.lead_times.len() as f64);
    let lead_time = measured.unwrap_or(stock + processing);
    ValueStream {
        processes,
        inventories,
        flows,
        takt: takt_time(sc),
        demand: sc.demand.as_ref().map(|d| d.quantity),
        path,
        stock,
        processing,
        measured: measured.is_some(),
        held: (lead_time - stock - processing).max(0.0),
        pce: if lead_time > 0.0 {
            value_added / lead_time
        } else {
            0.0
        },
        lead_time,
        value_added,
    }
}
