//! The planned line balance, from the scenario alone: each station's work content and cycle
//! time against the takt (загрузка against время такта).

use super::changeovers::changeovers_per_unit;
use super::kpis::takt_time;
use crate::model::{Routing, Scenario};
use crate::sim::report::argmax;
use serde::{Deserialize, Serialize};

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
                    st.setup.as_ref().map_or(0.0, |s| s.time.mean()) * changeovers_per_unit(sc, st);
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

/// The routing of a validated scenario (an invalid one: every station on its own).
pub(super) fn routing(sc: &Scenario) -> Routing {
    sc.routing().unwrap_or_else(|_| Routing {
        succ: vec![None; sc.stations.len()],
        feeds: vec![Vec::new(); sc.stations.len()],
    })
}

/// Units of raw material in one unit leaving station `i` (assembly multiplies by `qty`).
pub(super) fn components(routing: &Routing, i: usize) -> f64 {
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
