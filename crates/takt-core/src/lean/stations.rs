//! One station and one operator in a run: observed cycle time, OEE and the station's wastes.

use super::balance::components;
use super::kpis::{holding_rate, labour_rate};
use super::wastes::{priced, Waste, WasteFigure, Wastes};
use crate::model::{Routing, Scenario};
use crate::sim::{State, StationRun};
use serde::{Deserialize, Serialize};

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

/// Cycle time, OEE and wastes of station `i` in a run observed for `span` time units.
pub(super) fn station_kpis(
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
        // Batches waiting for the logistician wait as much as a starved server does.
        Waste::Waiting => priced(
            time(State::Starved) + time(State::Blocked) + time(State::Off) + r.carrier_wait,
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
