//! The public types of a run: its options ([`RunOptions`]), what it returns ([`RunResult`]
//! with a [`StationRun`] per station, an [`OperatorRun`] per operator, a [`UnitRecord`] per
//! finished unit and the [`LogEvent`]s), the [`State`] a server is in, and why a run could not
//! be made ([`SimError`]). Nothing here runs: the engine fills these in.

use crate::json::Errors;
use crate::model::time::TimeUnit;
use crate::sim::active_period::Shares;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The default guard against runaway runs: at most this many events per replication.
pub const DEFAULT_MAX_EVENTS: u64 = 20_000_000;

/// What a server is doing, for state accounting (time integrals) and colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Processing a unit.
    Working,
    /// Changing over.
    Setup,
    /// Broken or under repair.
    Down,
    /// Idle: nothing to work on (or the release policy holds material back).
    Starved,
    /// Holding a finished unit that cannot move on, or held back by a full kanban loop.
    Blocked,
    /// A unit is ready but no operator is there (waiting for or walking to one).
    Off,
}

impl State {
    /// All states, in report order.
    pub const ALL: [State; 6] = [
        State::Working,
        State::Setup,
        State::Down,
        State::Starved,
        State::Blocked,
        State::Off,
    ];

    /// Whether the active period method counts this state as active.
    pub fn is_active(self) -> bool {
        matches!(self, State::Working | State::Setup | State::Down)
    }
}

/// Options of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// The run seed.
    pub seed: u64,
    /// The replication number (selects independent streams).
    pub replication: u64,
    /// Keep at most this many event-log entries (0 = no log).
    pub log_limit: usize,
    /// Keep a record of every finished unit.
    pub record_units: bool,
    /// Stop with an error after this many events.
    pub max_events: u64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            seed: 1,
            replication: 0,
            log_limit: 0,
            record_units: false,
            max_events: DEFAULT_MAX_EVENTS,
        }
    }
}

/// Why a run could not be made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimError {
    /// The scenario is invalid.
    Invalid(Errors),
    /// The run needed more events than allowed (e.g. near-zero process times).
    TooManyEvents {
        /// The limit that was reached.
        limit: u64,
        /// Simulated time reached, in time units.
        at: f64,
    },
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::Invalid(e) => write!(f, "{e}"),
            SimError::TooManyEvents { limit, at } => write!(
                f,
                "the run was stopped after {limit} events at time {at}: process times are too short for the horizon"
            ),
        }
    }
}

impl std::error::Error for SimError {}

impl From<Errors> for SimError {
    fn from(e: Errors) -> Self {
        SimError::Invalid(e)
    }
}

/// One entry of the event log (for animation and Gantt charts). Times in time units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LogEvent {
    /// A server changed state.
    State {
        t: f64,
        station: u32,
        server: u32,
        state: State,
    },
    /// The number of units waiting in front of a station changed.
    Queue { t: f64, station: u32, len: u32 },
    /// An operator started walking to a station, where it arrives at `arrive`.
    Walk {
        t: f64,
        operator: u32,
        to: u32,
        arrive: f64,
    },
    /// A logistician picked up a batch of `units` at station `from` and carries it to station
    /// `to` (`None`: the shipping area), where it arrives at `arrive`.
    Carry {
        t: f64,
        operator: u32,
        from: u32,
        to: Option<u32>,
        units: u32,
        arrive: f64,
    },
    /// The number of units in the line (released, not yet finished or scrapped) changed.
    Wip { t: f64, units: u64 },
    /// A server started processing a unit (after its changeover, if any): the duration of each
    /// of the station's work elements for this unit, in order, as drawn (the whole process as
    /// one element when the station has none), and the operator doing it, if the station is
    /// tended. What a time-study engineer observes (`crate::lean::time_study`).
    Work {
        t: f64,
        station: u32,
        server: u32,
        operator: Option<u32>,
        elements: Vec<f64>,
    },
}

impl LogEvent {
    /// When it happened, in time units.
    pub fn t(&self) -> f64 {
        match self {
            LogEvent::State { t, .. }
            | LogEvent::Queue { t, .. }
            | LogEvent::Walk { t, .. }
            | LogEvent::Carry { t, .. }
            | LogEvent::Wip { t, .. }
            | LogEvent::Work { t, .. } => *t,
        }
    }
}

/// A finished unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRecord {
    /// Product variant index (into `products`; 0 when there are none).
    pub product: u32,
    /// Released into the line at.
    pub release: f64,
    /// Left the last station at.
    pub finish: f64,
    /// Value-added processing time it received.
    pub value_added: f64,
    /// Total processing time it received (all passes, all components).
    pub processing: f64,
    /// Times it was sent to rework.
    pub reworks: u32,
}

/// Per-station results of one run (times are post-warmup, in time units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationRun {
    /// Station id.
    pub id: String,
    /// Servers.
    pub servers: u32,
    /// Time in each state summed over servers, in [`State::ALL`] order.
    pub state_time: [f64; 6],
    /// Time-average number of units waiting in front (all feeder queues and the rework bin).
    pub queue_mean: f64,
    /// Most units ever waiting in the flow buffer(s) at once.
    pub queue_max: u32,
    /// Units processed (every pass).
    pub processed: u64,
    /// Units found defective here.
    pub defective: u64,
    /// Units scrapped here.
    pub scrapped: u64,
    /// Units sent to rework from here.
    pub reworked: u64,
    /// Changeovers done.
    pub setups: u64,
    /// Failures.
    pub failures: u64,
    /// Transfer moves (batches) to the next station.
    pub moves: u64,
    /// Units moved.
    pub moved_units: u64,
    /// Transport time of the moves started.
    pub transport_time: f64,
    /// Time the batches carried by a logistician waited for them to pick them up.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub carrier_wait: f64,
    /// Processing time spent on non-value-added elements.
    pub non_value_added: f64,
    /// Processing time of repeat passes (units that had been sent to rework before).
    pub rework_processing: f64,
    /// Processing time sunk into the units scrapped here (all their passes at all stations).
    pub scrapped_work: f64,
    /// Active periods (station fully active: every server working, in setup or down), in time order.
    pub active_periods: Vec<(f64, f64)>,
    /// Its bottleneck shares by the active period method (over all stations of this run).
    pub bottleneck: Shares,
}

/// Per-operator results of one run (post-warmup, time units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperatorRun {
    /// Operator id.
    pub id: String,
    /// Time working (setups and processing).
    pub working: f64,
    /// Time walking between stations.
    pub walking: f64,
    /// Time idle (including waiting at a broken station).
    pub idle: f64,
    /// Walks made.
    pub walks: u64,
}

/// The results of one replication. Counts and times are post-warmup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// Seed of the run.
    pub seed: u64,
    /// Replication number.
    pub replication: u64,
    /// Time unit of every time below.
    pub time_unit: TimeUnit,
    /// Start of statistics.
    pub warmup: f64,
    /// End of the run.
    pub horizon: f64,
    /// Units released into the line (every component counts).
    pub released: u64,
    /// Units that left the last station.
    pub completed: u64,
    /// Completed units per product variant.
    pub completed_by_product: Vec<u64>,
    /// Arrivals turned away because the first queue was full.
    pub lost: u64,
    /// Units scrapped.
    pub scrapped: u64,
    /// Components consumed by assembly (each product absorbs all but one of its parts).
    pub merged: u64,
    /// Units in the line at warmup (they are counted in conservation).
    pub wip_start: u64,
    /// Units in the line at the end.
    pub wip_end: u64,
    /// Time-average units in the line.
    pub wip_mean: f64,
    /// Most units in the line at once.
    pub wip_max: u64,
    /// Lead time of each completed unit, in completion order.
    pub lead_times: Vec<f64>,
    /// Value-added processing time received by the completed units, summed.
    pub value_added: f64,
    /// Records of completed units (when asked for).
    pub units: Vec<UnitRecord>,
    /// Per station, in scenario order.
    pub stations: Vec<StationRun>,
    /// Per operator, in scenario order.
    pub operators: Vec<OperatorRun>,
    /// Events processed (the whole run).
    pub events: u64,
    /// The event log (when asked for).
    pub log: Vec<LogEvent>,
    /// Whether the log hit its limit.
    pub log_truncated: bool,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}
