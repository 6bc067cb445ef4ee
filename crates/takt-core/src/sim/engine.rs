//! The discrete-event engine of a production line.
//!
//! Time is integer ticks (see [`crate::time`]); the event list is a binary heap
//! ordered by (time, insertion sequence), so same-time events run first-in first-out
//! and a run is reproducible. Randomness comes from named [`Stream`]s.
//!
//! The line model (documented in `docs/scenario-format.md`):
//! - a unit finished at a station stays on its server (*blocked*) until it can move on
//!   (blocking after service); with a transfer batch `b`, up to `b − 1` finished units wait
//!   beside the station and the `b`-th completes the batch, which moves when the next
//!   station has room for all of it; a transport time delays the arrival (room is reserved);
//! - room at a station = its buffer + its servers that are free to start now − units queued
//!   − units on their way; an assembly station has one queue per feeder;
//! - defective units are scrapped or go to the rework bin (unbounded, served first) of
//!   the named station;
//! - a station tended by operators starts a unit only when one of them is there
//!   (walking takes time); failures stop a server in calendar time (work resumes after repair);
//! - push, CONWIP and kanban release; raw material always at hand when `arrivals` is absent.

use super::active_period::{active_period_method, Shares};
use super::rng::Stream;
use crate::json::Errors;
use crate::model::time::{to_ticks, to_units, Ticks, TimeUnit};
use crate::model::{DefectAction, Dist, Release, Routing, Scenario};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;

const NONE: u32 = u32::MAX;

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
    /// An operator started walking to a station.
    Walk { t: f64, operator: u32, to: u32 },
    /// The number of units in the line (released, not yet finished or scrapped) changed.
    Wip { t: f64, units: u64 },
}

impl LogEvent {
    /// When it happened, in time units.
    pub fn t(&self) -> f64 {
        match self {
            LogEvent::State { t, .. }
            | LogEvent::Queue { t, .. }
            | LogEvent::Walk { t, .. }
            | LogEvent::Wip { t, .. } => *t,
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

// ---------------------------------------------------------------------------------------------
// Internal state

#[derive(Clone, Copy, Debug)]
enum Kind {
    Arrival,
    Done { st: u32, srv: u32, gen: u32 },
    Fail { st: u32, srv: u32 },
    Repair { st: u32, srv: u32 },
    Transit { id: u32 },
    Walked { op: u32 },
    Warmup,
}

#[derive(Clone, Copy, Debug)]
struct Ev {
    t: Ticks,
    seq: u64,
    kind: Kind,
}

impl PartialEq for Ev {
    fn eq(&self, o: &Self) -> bool {
        self.t == o.t && self.seq == o.seq
    }
}
impl Eq for Ev {}
impl PartialOrd for Ev {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Ev {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest, then first inserted.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

#[derive(Clone, Debug)]
struct Unit {
    release: Ticks,
    product: u32,
    va: Ticks,
    work: Ticks,
    reworks: u32,
    /// The station that last started it (for kanban loops), or NONE.
    origin: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Idle,
    /// Holds a unit, waiting for an operator.
    Claimed,
    Setup,
    Working,
    /// Holds a finished unit that cannot move on.
    Blocked,
}

#[derive(Clone, Debug)]
struct Server {
    phase: Phase,
    unit: u32,
    gen: u32,
    end: Ticks,
    remaining: Ticks,
    down: bool,
    /// Why it is idle (Starved or Blocked), set when it fails to start.
    idle_reason: State,
    state: State,
    since: Ticks,
    last_product: u32,
    since_setup: u32,
    operator: u32,
    operator_here: bool,
    pending_va: Ticks,
    pending_work: Ticks,
}

struct Work {
    dist: Dist,
    value_added: bool,
    stream: Stream,
}

struct InQ {
    from: u32,
    qty: u32,
    q: VecDeque<u32>,
    reserved: u32,
}

struct Stn {
    servers: Vec<Server>,
    work: Vec<Work>,
    inq: Vec<InQ>,
    rework: VecDeque<u32>,
    cap: u32,
    assembly: bool,
    saturated: bool,
    batch: u32,
    outbound: Vec<u32>,
    blocked: VecDeque<u32>,
    succ: u32,
    succ_q: u32,
    kanban: u32,
    loop_count: u32,
    needs_op: bool,
    defects: Option<(f64, DefectAction, u32, Stream)>,
    breakdowns: Option<(Dist, Dist, Stream)>,
    setup: Option<(Dist, Option<u32>, bool, Stream)>,
    transport: Option<(Dist, Stream)>,
    // statistics
    state_time: [Ticks; 6],
    queued: u32,
    queue_max: u32,
    q_area: u128,
    q_since: Ticks,
    active: u32,
    active_since: Ticks,
    /// When the station last stopped being fully active (a period closes only once time passes).
    active_end: Option<Ticks>,
    active_periods: Vec<(Ticks, Ticks)>,
    processed: u64,
    defective: u64,
    scrapped: u64,
    reworked: u64,
    setups: u64,
    failures: u64,
    moves: u64,
    moved_units: u64,
    transport_time: Ticks,
    nva: Ticks,
    rework_work: Ticks,
    scrapped_work: Ticks,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpState {
    Working,
    Walking,
    Idle,
}

struct Op {
    stations: Vec<u32>,
    walk: Option<(Dist, Stream)>,
    loc: u32,
    busy: bool,
    target: (u32, u32),
    state: OpState,
    since: Ticks,
    time: [Ticks; 3],
    walks: u64,
}

struct Transit {
    to: u32,
    q: u32,
    units: Vec<u32>,
}

/// A simulation of one replication, which can be stepped with [`Sim::run_until`].
pub struct Sim {
    now: Ticks,
    horizon: Ticks,
    warmup: Ticks,
    time_unit: TimeUnit,
    opts: RunOptions,
    station_ids: Vec<String>,
    operator_ids: Vec<String>,
    heap: BinaryHeap<Ev>,
    seq: u64,
    events: u64,
    units: Vec<Unit>,
    free_units: Vec<u32>,
    st: Vec<Stn>,
    ops: Vec<Op>,
    requests: VecDeque<(u32, u32)>,
    transits: Vec<Transit>,
    free_transits: Vec<u32>,
    dirty: Vec<u32>,
    is_dirty: Vec<bool>,
    arrivals: Option<(Dist, Stream)>,
    backlog: u64,
    conwip: u32,
    sources: Vec<u32>,
    mix: Option<(Vec<f64>, Stream)>,
    wip: u64,
    wip_area: u128,
    wip_since: Ticks,
    wip_start: u64,
    wip_max: u64,
    released: u64,
    completed: u64,
    completed_by_product: Vec<u64>,
    lost: u64,
    scrapped: u64,
    merged: u64,
    lead: Vec<Ticks>,
    va_done: Ticks,
    records: Vec<UnitRecord>,
    log: Vec<LogEvent>,
    log_truncated: bool,
    error: Option<SimError>,
}

impl Sim {
    /// Prepares a run of a validated scenario (it is validated again here).
    pub fn new(sc: &Scenario, opts: RunOptions) -> Result<Sim, SimError> {
        Ok(Prepared::new(sc)?.sim(opts))
    }

    fn build(sc: &Scenario, routing: &Routing, opts: RunOptions) -> Sim {
        let (seed, rep) = (opts.seed, opts.replication);
        let stream = |name: String| Stream::new(seed, rep, &name);
        let n = sc.stations.len();
        let mut st = Vec::with_capacity(n);
        let kanban = |id: &str| match &sc.release {
            Release::Kanban { limits } => limits.get(id).copied().unwrap_or(NONE),
            _ => NONE,
        };
        for (i, s) in sc.stations.iter().enumerate() {
            let work = match &s.process {
                Some(d) => vec![Work {
                    dist: d.clone(),
                    value_added: true,
                    stream: stream(format!("process:{}", s.id)),
                }],
                None => s
                    .elements
                    .iter()
                    .map(|e| Work {
                        dist: e.time.clone(),
                        value_added: e.value_added,
                        stream: stream(format!("element:{}", e.name)),
                    })
                    .collect(),
            };
            let feeds = &routing.feeds[i];
            let inq = if feeds.is_empty() {
                // A source: fed by arrivals (station 0 only) or saturated.
                if i == 0 && sc.arrivals.is_some() {
                    vec![InQ {
                        from: NONE,
                        qty: 1,
                        q: VecDeque::new(),
                        reserved: 0,
                    }]
                } else {
                    Vec::new()
                }
            } else {
                feeds
                    .iter()
                    .map(|&(from, qty)| InQ {
                        from: from as u32,
                        qty,
                        q: VecDeque::new(),
                        reserved: 0,
                    })
                    .collect()
            };
            let (succ, succ_q) = match routing.succ[i] {
                Some(j) => (
                    j as u32,
                    routing.feeds[j].iter().position(|f| f.0 == i).unwrap_or(0) as u32,
                ),
                None => (NONE, 0),
            };
            st.push(Stn {
                servers: (0..s.servers)
                    .map(|_| Server {
                        phase: Phase::Idle,
                        unit: NONE,
                        gen: 0,
                        end: 0,
                        remaining: 0,
                        down: false,
                        idle_reason: State::Starved,
                        state: State::Starved,
                        since: 0,
                        last_product: NONE,
                        since_setup: 0,
                        operator: NONE,
                        operator_here: false,
                        pending_va: 0,
                        pending_work: 0,
                    })
                    .collect(),
                work,
                saturated: feeds.is_empty() && inq.is_empty(),
                inq,
                rework: VecDeque::new(),
                cap: s.buffer.unwrap_or(NONE),
                assembly: feeds.len() > 1,
                batch: s.batch,
                outbound: Vec::new(),
                blocked: VecDeque::new(),
                succ,
                succ_q,
                kanban: kanban(&s.id),
                loop_count: 0,
                needs_op: sc.operators.iter().any(|o| o.stations.contains(&s.id)),
                defects: s.defects.as_ref().map(|d| {
                    let to = match (&d.action, &d.to) {
                        (DefectAction::Rework, Some(to)) => {
                            sc.station_index(to).unwrap_or(i) as u32
                        }
                        _ => i as u32,
                    };
                    (d.rate, d.action, to, stream(format!("defect:{}", s.id)))
                }),
                breakdowns: s.breakdowns.as_ref().map(|b| {
                    (
                        b.between.clone(),
                        b.repair.clone(),
                        stream(format!("breakdown:{}", s.id)),
                    )
                }),
                setup: s.setup.as_ref().map(|u| {
                    (
                        u.time.clone(),
                        u.every,
                        u.on_change,
                        stream(format!("setup:{}", s.id)),
                    )
                }),
                transport: s
                    .transport
                    .as_ref()
                    .map(|d| (d.clone(), stream(format!("transport:{}", s.id)))),
                state_time: [0; 6],
                queued: 0,
                queue_max: 0,
                q_area: 0,
                q_since: 0,
                active: 0,
                active_since: 0,
                active_end: None,
                active_periods: Vec::new(),
                processed: 0,
                defective: 0,
                scrapped: 0,
                reworked: 0,
                setups: 0,
                failures: 0,
                moves: 0,
                moved_units: 0,
                transport_time: 0,
                nva: 0,
                rework_work: 0,
                scrapped_work: 0,
            });
        }
        let ops = sc
            .operators
            .iter()
            .map(|o| Op {
                stations: o
                    .stations
                    .iter()
                    .filter_map(|s| sc.station_index(s))
                    .map(|i| i as u32)
                    .collect(),
                walk: o
                    .walk
                    .as_ref()
                    .map(|d| (d.clone(), stream(format!("walk:{}", o.id)))),
                loc: NONE,
                busy: false,
                target: (NONE, NONE),
                state: OpState::Idle,
                since: 0,
                time: [0; 3],
                walks: 0,
            })
            .collect();
        let mix = (sc.products.len() > 1).then(|| {
            let total: f64 = sc.products.iter().map(|p| p.share).sum();
            let mut acc = 0.0;
            let cum = sc
                .products
                .iter()
                .map(|p| {
                    acc += p.share / total;
                    acc
                })
                .collect();
            (cum, stream("mix".into()))
        });
        let mut sim = Sim {
            now: 0,
            horizon: to_ticks(sc.horizon),
            warmup: to_ticks(sc.warmup),
            time_unit: sc.time_unit,
            station_ids: sc.stations.iter().map(|s| s.id.clone()).collect(),
            operator_ids: sc.operators.iter().map(|o| o.id.clone()).collect(),
            heap: BinaryHeap::new(),
            seq: 0,
            events: 0,
            units: Vec::new(),
            free_units: Vec::new(),
            sources: (0..n)
                .filter(|&i| routing.is_source(i))
                .map(|i| i as u32)
                .collect(),
            st,
            ops,
            requests: VecDeque::new(),
            transits: Vec::new(),
            free_transits: Vec::new(),
            dirty: Vec::new(),
            is_dirty: vec![false; n],
            arrivals: sc
                .arrivals
                .as_ref()
                .map(|d| (d.clone(), stream("arrivals".into()))),
            backlog: 0,
            conwip: match sc.release {
                Release::Conwip { limit } => limit,
                _ => NONE,
            },
            mix,
            wip: 0,
            wip_area: 0,
            wip_since: 0,
            wip_start: 0,
            wip_max: 0,
            released: 0,
            completed: 0,
            completed_by_product: vec![0; sc.products.len().max(1)],
            lost: 0,
            scrapped: 0,
            merged: 0,
            lead: Vec::new(),
            va_done: 0,
            records: Vec::new(),
            log: Vec::new(),
            log_truncated: false,
            error: None,
            opts,
        };
        sim.start();
        sim
    }

    fn start(&mut self) {
        if self.warmup > 0 {
            self.schedule(self.warmup, Kind::Warmup);
        }
        if let Some((d, s)) = &mut self.arrivals {
            let t = to_ticks(d.sample(s));
            self.schedule(t, Kind::Arrival);
        }
        for i in 0..self.st.len() {
            for k in 0..self.st[i].servers.len() {
                self.schedule_failure(i as u32, k as u32);
            }
        }
        for i in 0..self.st.len() {
            self.poke(i as u32);
        }
        self.settle();
    }

    /// The current simulated time, in time units.
    pub fn now(&self) -> f64 {
        to_units(self.now)
    }

    /// Runs every event up to and including time `t` (time units; clamped to the horizon)
    /// and moves the clock to `t`.
    pub fn run_until(&mut self, t: f64) -> Result<(), SimError> {
        let limit = to_ticks(t).min(self.horizon);
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        while let Some(ev) = self.heap.peek() {
            if ev.t > limit {
                break;
            }
            let ev = self.heap.pop().expect("peeked");
            self.now = ev.t;
            self.events += 1;
            if self.events > self.opts.max_events {
                let e = SimError::TooManyEvents {
                    limit: self.opts.max_events,
                    at: to_units(self.now),
                };
                self.error = Some(e.clone());
                return Err(e);
            }
            self.handle(ev.kind);
            self.settle();
        }
        self.now = self.now.max(limit);
        Ok(())
    }

    /// Runs to the horizon and returns the results.
    pub fn finish(mut self) -> Result<RunResult, SimError> {
        self.run_until(to_units(self.horizon))?;
        self.now = self.horizon;
        Ok(self.result())
    }

    // -------------------------------------------------------------------------------------
    // Events

    fn schedule(&mut self, t: Ticks, kind: Kind) {
        self.seq += 1;
        self.heap.push(Ev {
            t,
            seq: self.seq,
            kind,
        });
    }

    fn after(&self, d: Ticks) -> Ticks {
        self.now.saturating_add(d)
    }

    fn handle(&mut self, kind: Kind) {
        match kind {
            Kind::Arrival => self.on_arrival(),
            Kind::Done { st, srv, gen } => {
                if self.st[st as usize].servers[srv as usize].gen == gen {
                    self.on_done(st, srv);
                }
            }
            Kind::Fail { st, srv } => self.on_fail(st, srv),
            Kind::Repair { st, srv } => self.on_repair(st, srv),
            Kind::Transit { id } => self.on_transit(id),
            Kind::Walked { op } => self.on_walked(op),
            Kind::Warmup => self.reset_statistics(),
        }
    }

    fn on_arrival(&mut self) {
        if let Some((d, s)) = &mut self.arrivals {
            let dt = to_ticks(d.sample(s));
            self.schedule(self.after(dt), Kind::Arrival);
        }
        if self.conwip != NONE {
            self.backlog += 1;
            self.poke(0);
        } else if self.room(0, 0) > 0 {
            self.release_into_queue();
        } else if self.now >= self.warmup {
            self.lost += 1;
        }
    }

    /// Releases one unit of raw material into the first station's queue.
    fn release_into_queue(&mut self) {
        let u = self.new_unit();
        self.st[0].inq[0].q.push_back(u);
        self.queue_changed(0);
        self.poke(0);
    }

    fn on_done(&mut self, st: u32, srv: u32) {
        let (i, k) = (st as usize, srv as usize);
        if self.st[i].servers[k].phase == Phase::Setup {
            self.begin_work(st, srv);
        } else {
            self.finish_work(st, srv);
        }
    }

    fn on_fail(&mut self, st: u32, srv: u32) {
        let now = self.now;
        let stn = &mut self.st[st as usize];
        let s = &mut stn.servers[srv as usize];
        s.down = true;
        if matches!(s.phase, Phase::Setup | Phase::Working) {
            s.remaining = s.end.saturating_sub(now);
            s.gen = s.gen.wrapping_add(1);
        }
        let op = s.operator;
        if now >= self.warmup {
            stn.failures += 1;
        }
        let (_, repair, stream) = stn.breakdowns.as_mut().expect("a failure needs breakdowns");
        let d = to_ticks(repair.sample(stream));
        self.schedule(self.after(d), Kind::Repair { st, srv });
        if op != NONE {
            self.set_op_state(op, OpState::Idle);
        }
        self.update_state(st, srv);
    }

    fn on_repair(&mut self, st: u32, srv: u32) {
        let now = self.now;
        let s = &mut self.st[st as usize].servers[srv as usize];
        s.down = false;
        match s.phase {
            Phase::Setup | Phase::Working => {
                s.end = now.saturating_add(s.remaining);
                let (end, gen, op) = (s.end, s.gen, s.operator);
                self.schedule(end, Kind::Done { st, srv, gen });
                if op != NONE {
                    self.set_op_state(op, OpState::Working);
                }
            }
            Phase::Claimed if s.operator_here => self.begin(st, srv),
            _ => {}
        }
        self.schedule_failure(st, srv);
        self.update_state(st, srv);
        self.poke(st);
    }

    fn schedule_failure(&mut self, st: u32, srv: u32) {
        if let Some((between, _, stream)) = &mut self.st[st as usize].breakdowns {
            let d = to_ticks(between.sample(stream));
            self.schedule(self.after(d), Kind::Fail { st, srv });
        }
    }

    fn on_transit(&mut self, id: u32) {
        let tr = std::mem::replace(
            &mut self.transits[id as usize],
            Transit {
                to: NONE,
                q: 0,
                units: Vec::new(),
            },
        );
        self.free_transits.push(id);
        if tr.to != NONE {
            self.st[tr.to as usize].inq[tr.q as usize].reserved -= tr.units.len() as u32;
        }
        for &u in &tr.units {
            self.arrive(tr.to, tr.q, u);
        }
        self.arrived(tr.to);
    }

    fn on_walked(&mut self, op: u32) {
        let (st, srv) = self.ops[op as usize].target;
        self.set_op_state(op, OpState::Working);
        let s = &mut self.st[st as usize].servers[srv as usize];
        s.operator_here = true;
        if s.down {
            self.set_op_state(op, OpState::Idle);
        } else {
            self.begin(st, srv);
        }
    }

    // -------------------------------------------------------------------------------------
    // Flow

    fn poke(&mut self, st: u32) {
        if !self.is_dirty[st as usize] {
            self.is_dirty[st as usize] = true;
            self.dirty.push(st);
        }
    }

    /// Lets every station that something happened to move units on and start work,
    /// until nothing more can happen at this instant.
    fn settle(&mut self) {
        while let Some(st) = self.dirty.pop() {
            self.is_dirty[st as usize] = false;
            self.dispatch(st);
            self.start_servers(st);
        }
    }

    /// Free room in queue `q` of station `j`: buffer + servers free to start − queued − reserved.
    fn room(&self, j: u32, q: u32) -> u64 {
        let s = &self.st[j as usize];
        if s.cap == NONE {
            return u64::MAX;
        }
        let inq = &s.inq[q as usize];
        let startable = if s.assembly {
            0
        } else {
            let idle = s
                .servers
                .iter()
                .filter(|v| v.phase == Phase::Idle && !v.down)
                .count() as u64;
            if s.kanban == NONE {
                idle
            } else {
                idle.min(u64::from(s.kanban.saturating_sub(s.loop_count)))
            }
        };
        (u64::from(s.cap) + startable).saturating_sub(inq.q.len() as u64 + u64::from(inq.reserved))
    }

    /// Moves finished units out of station `st` (blocked servers first-blocked first-out).
    fn dispatch(&mut self, st: u32) {
        let i = st as usize;
        while let Some(&srv) = self.st[i].blocked.front() {
            let stn = &mut self.st[i];
            let unit = stn.servers[srv as usize].unit;
            if (stn.outbound.len() as u32) < stn.batch - 1 {
                stn.outbound.push(unit);
            } else {
                let n = stn.outbound.len() as u64 + 1;
                let (succ, succ_q) = (stn.succ, stn.succ_q);
                if succ != NONE && self.room(succ, succ_q) < n {
                    break;
                }
                self.depart(st, unit);
            }
            let stn = &mut self.st[i];
            stn.blocked.pop_front();
            let s = &mut stn.servers[srv as usize];
            s.phase = Phase::Idle;
            s.unit = NONE;
            // No poke or state update here: `settle` visits `start_servers` right after, and
            // that brings every server's state up to date.
        }
    }

    /// Moves the waiting batch-mates and `last` (the unit completing the batch) on.
    fn depart(&mut self, st: u32, last: u32) {
        let now = self.now;
        let stats = now >= self.warmup;
        let stn = &mut self.st[st as usize];
        let (succ, succ_q) = (stn.succ, stn.succ_q);
        let n = stn.outbound.len() + 1;
        if stats {
            stn.moves += 1;
            stn.moved_units += n as u64;
        }
        let delay = match &mut stn.transport {
            Some((d, s)) => to_ticks(d.sample(s)),
            None => 0,
        };
        if delay == 0 && n == 1 {
            self.arrive(succ, succ_q, last);
            self.arrived(succ);
            return;
        }
        if delay == 0 {
            // Reuse the outbound vector: no allocation on the hot path.
            let mut out = std::mem::take(&mut stn.outbound);
            for u in out.drain(..).chain(std::iter::once(last)) {
                self.arrive(succ, succ_q, u);
            }
            self.st[st as usize].outbound = out;
            self.arrived(succ);
            return;
        }
        if stats {
            stn.transport_time += delay;
        }
        let mut batch = std::mem::take(&mut stn.outbound);
        batch.push(last);
        if succ != NONE {
            self.st[succ as usize].inq[succ_q as usize].reserved += n as u32;
        }
        let tr = Transit {
            to: succ,
            q: succ_q,
            units: batch,
        };
        let id = match self.free_transits.pop() {
            Some(id) => {
                self.transits[id as usize] = tr;
                id
            }
            None => {
                self.transits.push(tr);
                (self.transits.len() - 1) as u32
            }
        };
        self.schedule(self.after(delay), Kind::Transit { id });
    }

    /// A unit arrives in queue `q` of station `to` (or leaves the line as a finished good
    /// when `to` is NONE). Call [`Sim::arrived`] after the last unit of a move.
    fn arrive(&mut self, to: u32, q: u32, u: u32) {
        if to == NONE {
            self.complete(u);
        } else {
            self.st[to as usize].inq[q as usize].q.push_back(u);
        }
    }

    fn arrived(&mut self, to: u32) {
        if to != NONE {
            self.queue_changed(to);
            // Only a free server can take the new unit now.
            if self.st[to as usize]
                .servers
                .iter()
                .any(|s| s.phase == Phase::Idle && !s.down)
            {
                self.poke(to);
            }
        }
    }

    fn complete(&mut self, u: u32) {
        let unit = self.free_unit(u);
        if self.now >= self.warmup {
            self.completed += 1;
            self.completed_by_product[unit.product as usize] += 1;
            let lead = self.now - unit.release;
            self.lead.push(lead);
            self.va_done += unit.va;
            if self.opts.record_units {
                self.records.push(UnitRecord {
                    product: unit.product,
                    release: to_units(unit.release),
                    finish: to_units(self.now),
                    value_added: to_units(unit.va),
                    processing: to_units(unit.work),
                    reworks: unit.reworks,
                });
            }
        }
        self.wip_changed(-1);
    }

    /// Starts work on every idle server of station `st` that can start.
    fn start_servers(&mut self, st: u32) {
        let i = st as usize;
        if st == 0 && self.conwip != NONE {
            // Orders wait in the backlog until a CONWIP card is free (idle servers count as room).
            while self.backlog > 0 && self.wip < u64::from(self.conwip) && self.room(0, 0) > 0 {
                self.backlog -= 1;
                self.release_into_queue();
            }
        }
        let mut starved = false;
        for k in 0..self.st[i].servers.len() {
            let srv = k as u32;
            let s = &self.st[i].servers[k];
            if s.phase != Phase::Idle || s.down {
                // Its accounting state may have changed during this visit (finished, handed on).
                self.update_state(st, srv);
                continue;
            }
            let reason = match self.take_unit(st) {
                Ok(u) => {
                    let stn = &mut self.st[i];
                    let s = &mut stn.servers[k];
                    s.unit = u;
                    self.units[u as usize].origin = st;
                    if stn.kanban != NONE {
                        stn.loop_count += 1;
                    }
                    if stn.needs_op {
                        stn.servers[k].phase = Phase::Claimed;
                        stn.servers[k].operator_here = false;
                        self.request_operator(st, srv);
                    } else {
                        self.begin(st, srv);
                    }
                    self.update_state(st, srv);
                    continue;
                }
                Err(reason) => reason,
            };
            starved |= reason == State::Starved;
            self.st[i].servers[k].idle_reason = reason;
            self.update_state(st, srv);
        }
        // A server free to start is room for a feeder's blocked unit when the buffer is finite.
        if starved && self.st[i].cap != NONE {
            for q in 0..self.st[i].inq.len() {
                let from = self.st[i].inq[q].from;
                if from != NONE && !self.st[from as usize].blocked.is_empty() {
                    self.poke(from);
                }
            }
        }
    }

    /// Takes the next unit for station `st`: rework first, then from the feeders (merging
    /// components at an assembly station), or new raw material at a saturated source.
    /// When none can be taken, tells why (Starved or Blocked).
    fn take_unit(&mut self, st: u32) -> Result<u32, State> {
        let i = st as usize;
        if let Some(u) = self.st[i].rework.pop_front() {
            self.queue_changed(st);
            return Ok(u);
        }
        let stn = &self.st[i];
        if stn.kanban != NONE && stn.loop_count >= stn.kanban {
            return Err(State::Blocked);
        }
        if stn.saturated {
            if self.conwip != NONE && self.wip >= u64::from(self.conwip) {
                return Err(State::Starved);
            }
            return Ok(self.new_unit());
        }
        if stn.inq.is_empty() || stn.inq.iter().any(|q| (q.q.len() as u32) < q.qty) {
            return Err(State::Starved);
        }
        let mut carrier = NONE;
        for q in 0..self.st[i].inq.len() {
            let (from, qty) = (self.st[i].inq[q].from, self.st[i].inq[q].qty);
            for _ in 0..qty {
                let u = self.st[i].inq[q].q.pop_front().expect("checked length");
                let origin = self.units[u as usize].origin;
                if origin != NONE && self.st[origin as usize].kanban != NONE {
                    self.st[origin as usize].loop_count -= 1;
                    self.poke(origin);
                }
                if carrier == NONE {
                    carrier = u;
                } else {
                    let part = self.free_unit(u);
                    let c = &mut self.units[carrier as usize];
                    c.release = c.release.min(part.release);
                    c.va += part.va;
                    c.work += part.work;
                    if self.now >= self.warmup {
                        self.merged += 1;
                    }
                    self.wip_changed(-1);
                }
            }
            // Room was made: a feeder holding a finished unit may hand it on.
            if from != NONE && !self.st[from as usize].blocked.is_empty() {
                self.poke(from);
            }
        }
        self.queue_changed(st);
        Ok(carrier)
    }

    fn new_unit(&mut self) -> u32 {
        let product = match &mut self.mix {
            Some((cum, s)) => {
                let u = s.uniform();
                cum.iter().position(|c| u < *c).unwrap_or(cum.len() - 1) as u32
            }
            None => 0,
        };
        let unit = Unit {
            release: self.now,
            product,
            va: 0,
            work: 0,
            reworks: 0,
            origin: NONE,
        };
        if self.now >= self.warmup {
            self.released += 1;
        }
        self.wip_changed(1);
        match self.free_units.pop() {
            Some(u) => {
                self.units[u as usize] = unit;
                u
            }
            None => {
                self.units.push(unit);
                (self.units.len() - 1) as u32
            }
        }
    }

    fn free_unit(&mut self, u: u32) -> Unit {
        self.free_units.push(u);
        self.units[u as usize].clone()
    }

    /// The server has its unit and its operator: set up if needed, else process.
    fn begin(&mut self, st: u32, srv: u32) {
        let (i, k) = (st as usize, srv as usize);
        let product = self.units[self.st[i].servers[k].unit as usize].product;
        let stn = &mut self.st[i];
        let s = &mut stn.servers[k];
        let needs_setup = match &stn.setup {
            Some((_, every, on_change, _)) => {
                (*on_change && s.last_product != NONE && s.last_product != product)
                    || every.is_some_and(|n| s.since_setup >= n)
            }
            None => false,
        };
        if needs_setup {
            let (d, _, _, stream) = stn.setup.as_mut().expect("checked");
            let dt = to_ticks(d.sample(stream));
            s.phase = Phase::Setup;
            s.since_setup = 0;
            s.end = self.now.saturating_add(dt);
            s.gen = s.gen.wrapping_add(1);
            let (end, gen) = (s.end, s.gen);
            if self.now >= self.warmup {
                stn.setups += 1;
            }
            self.schedule(end, Kind::Done { st, srv, gen });
            self.update_state(st, srv);
        } else {
            self.begin_work(st, srv);
        }
    }

    fn begin_work(&mut self, st: u32, srv: u32) {
        let (i, k) = (st as usize, srv as usize);
        let stn = &mut self.st[i];
        let (mut total, mut va) = (0u64, 0u64);
        for w in &mut stn.work {
            let d = to_ticks(w.dist.sample(&mut w.stream));
            total = total.saturating_add(d);
            if w.value_added {
                va = va.saturating_add(d);
            }
        }
        let s = &mut stn.servers[k];
        s.phase = Phase::Working;
        s.pending_work = total;
        s.pending_va = va;
        s.since_setup += 1;
        s.last_product = self.units[s.unit as usize].product;
        s.end = self.now.saturating_add(total);
        s.gen = s.gen.wrapping_add(1);
        let (end, gen) = (s.end, s.gen);
        self.schedule(end, Kind::Done { st, srv, gen });
        self.update_state(st, srv);
    }

    fn finish_work(&mut self, st: u32, srv: u32) {
        let (i, k) = (st as usize, srv as usize);
        let stats = self.now >= self.warmup;
        let stn = &mut self.st[i];
        let s = &mut stn.servers[k];
        let u = s.unit;
        let op = std::mem::replace(&mut s.operator, NONE);
        s.operator_here = false;
        let unit = &mut self.units[u as usize];
        unit.va += s.pending_va;
        unit.work += s.pending_work;
        if stats {
            stn.processed += 1;
            stn.nva += s.pending_work - s.pending_va;
            if unit.reworks > 0 {
                stn.rework_work += s.pending_work;
            }
        }
        let defect = match &mut stn.defects {
            Some((rate, action, to, stream)) => {
                (stream.uniform() < *rate).then_some((*action, *to))
            }
            None => None,
        };
        if let Some((action, to)) = defect {
            if stats {
                stn.defective += 1;
            }
            if stn.kanban != NONE {
                stn.loop_count -= 1;
            }
            let s = &mut stn.servers[k];
            s.phase = Phase::Idle;
            s.unit = NONE;
            match action {
                DefectAction::Scrap => {
                    if stats {
                        stn.scrapped += 1;
                        stn.scrapped_work += self.units[u as usize].work;
                        self.scrapped += 1;
                    }
                    self.free_unit(u);
                    self.wip_changed(-1);
                }
                DefectAction::Rework => {
                    if stats {
                        stn.reworked += 1;
                    }
                    self.units[u as usize].reworks += 1;
                    self.st[to as usize].rework.push_back(u);
                    self.queue_changed(to);
                    self.poke(to);
                }
            }
        } else {
            stn.servers[k].phase = Phase::Blocked;
            stn.blocked.push_back(srv);
        }
        // The visit this poke causes brings the server's state up to date.
        self.poke(st);
        if op != NONE {
            self.release_operator(op);
        }
    }

    // -------------------------------------------------------------------------------------
    // Operators

    fn request_operator(&mut self, st: u32, srv: u32) {
        let free = |o: &Op| !o.busy && o.stations.contains(&st);
        let chosen = self
            .ops
            .iter()
            .position(|o| free(o) && o.loc == st)
            .or_else(|| self.ops.iter().position(free));
        match chosen {
            Some(op) => self.assign(op as u32, st, srv),
            None => self.requests.push_back((st, srv)),
        }
    }

    fn assign(&mut self, op: u32, st: u32, srv: u32) {
        let o = &mut self.ops[op as usize];
        o.busy = true;
        o.target = (st, srv);
        self.st[st as usize].servers[srv as usize].operator = op;
        let walk = if o.loc != NONE && o.loc != st {
            o.walk.as_mut().map_or(0, |(d, s)| to_ticks(d.sample(s)))
        } else {
            0
        };
        o.loc = st;
        if walk == 0 {
            self.on_walked(op);
        } else {
            if self.now >= self.warmup {
                self.ops[op as usize].walks += 1;
            }
            self.set_op_state(op, OpState::Walking);
            self.log(|t| LogEvent::Walk {
                t,
                operator: op,
                to: st,
            });
            self.schedule(self.after(walk), Kind::Walked { op });
        }
    }

    fn release_operator(&mut self, op: u32) {
        let o = &mut self.ops[op as usize];
        o.busy = false;
        o.target = (NONE, NONE);
        self.set_op_state(op, OpState::Idle);
        let o = &self.ops[op as usize];
        if let Some(pos) = self
            .requests
            .iter()
            .position(|(st, _)| o.stations.contains(st))
        {
            let (st, srv) = self.requests.remove(pos).expect("found");
            self.assign(op, st, srv);
        }
    }

    fn set_op_state(&mut self, op: u32, state: OpState) {
        let now = self.now;
        let o = &mut self.ops[op as usize];
        if o.state != state {
            o.time[o.state as usize] += now - o.since;
            o.state = state;
            o.since = now;
        }
    }

    // -------------------------------------------------------------------------------------
    // Statistics

    /// Brings a server's accounting state up to date (cheap when nothing changed).
    #[inline(always)]
    fn update_state(&mut self, st: u32, srv: u32) {
        let s = &self.st[st as usize].servers[srv as usize];
        let new = if s.down {
            State::Down
        } else {
            match s.phase {
                Phase::Working => State::Working,
                Phase::Setup => State::Setup,
                Phase::Blocked => State::Blocked,
                Phase::Claimed => State::Off,
                Phase::Idle => s.idle_reason,
            }
        };
        if new != s.state {
            self.change_state(st, srv, new);
        }
    }

    /// Closes the time spent in the old state, tracks active periods and logs the change.
    #[inline(never)]
    fn change_state(&mut self, st: u32, srv: u32, new: State) {
        let now = self.now;
        let stn = &mut self.st[st as usize];
        let s = &mut stn.servers[srv as usize];
        let old = s.state;
        stn.state_time[old as usize] += now - s.since;
        s.state = new;
        s.since = now;
        let all = stn.servers.len() as u32;
        match (old.is_active(), new.is_active()) {
            (false, true) => {
                stn.active += 1;
                if stn.active == all {
                    // An instant of inactivity (a unit handed on and the next taken) does not
                    // interrupt the period.
                    match stn.active_end.take() {
                        Some(end) if end == now => {}
                        Some(end) => {
                            if end > stn.active_since {
                                stn.active_periods.push((stn.active_since, end));
                            }
                            stn.active_since = now;
                        }
                        None => stn.active_since = now,
                    }
                }
            }
            (true, false) => {
                if stn.active == all {
                    stn.active_end = Some(now);
                }
                stn.active -= 1;
            }
            _ => {}
        }
        self.log(|t| LogEvent::State {
            t,
            station: st,
            server: srv,
            state: new,
        });
    }

    fn queue_changed(&mut self, st: u32) {
        let now = self.now;
        let stn = &mut self.st[st as usize];
        let flow: u32 = stn.inq.iter().map(|q| q.q.len() as u32).sum();
        let len = flow + stn.rework.len() as u32;
        if len == stn.queued {
            return;
        }
        stn.q_area += u128::from(stn.queued) * u128::from(now - stn.q_since);
        stn.q_since = now;
        stn.queued = len;
        stn.queue_max = stn.queue_max.max(flow);
        self.log(|t| LogEvent::Queue {
            t,
            station: st,
            len,
        });
    }

    fn wip_changed(&mut self, delta: i64) {
        self.wip_area += u128::from(self.wip) * u128::from(self.now - self.wip_since);
        self.wip_since = self.now;
        self.wip = self.wip.saturating_add_signed(delta);
        self.wip_max = self.wip_max.max(self.wip);
        let units = self.wip;
        self.log(|t| LogEvent::Wip { t, units });
        if delta < 0 && self.conwip != NONE {
            // A CONWIP card came back: the sources may release again.
            for k in 0..self.sources.len() {
                self.poke(self.sources[k]);
            }
        }
    }

    #[inline]
    fn log(&mut self, entry: impl FnOnce(f64) -> LogEvent) {
        if self.opts.log_limit == 0 {
            return;
        }
        if self.log.len() < self.opts.log_limit {
            self.log.push(entry(to_units(self.now)));
        } else {
            self.log_truncated = true;
        }
    }

    /// Warmup: statistics restart now.
    fn reset_statistics(&mut self) {
        let now = self.now;
        for stn in &mut self.st {
            for s in &mut stn.servers {
                s.since = now;
            }
            stn.state_time = [0; 6];
            stn.q_area = 0;
            stn.q_since = now;
            stn.queue_max = stn.inq.iter().map(|q| q.q.len() as u32).sum();
            stn.active_periods.clear();
            stn.active_since = now;
            stn.active_end = None;
        }
        for o in &mut self.ops {
            o.time = [0; 3];
            o.since = now;
        }
        self.wip_area = 0;
        self.wip_since = now;
        self.wip_start = self.wip;
        self.wip_max = self.wip;
    }

    fn result(mut self) -> RunResult {
        let now = self.now;
        let span = now - self.warmup;
        for i in 0..self.st.len() {
            let stn = &mut self.st[i];
            for s in &mut stn.servers {
                stn.state_time[s.state as usize] += now - s.since;
                s.since = now;
            }
            let end = if stn.active == stn.servers.len() as u32 {
                Some(now)
            } else {
                stn.active_end.take()
            };
            if let Some(end) = end.filter(|&e| e > stn.active_since) {
                stn.active_periods.push((stn.active_since, end));
            }
            stn.q_area += u128::from(stn.queued) * u128::from(now - stn.q_since);
        }
        for op in 0..self.ops.len() {
            let o = &mut self.ops[op];
            o.time[o.state as usize] += now - o.since;
            o.since = now;
        }
        self.wip_area += u128::from(self.wip) * u128::from(now - self.wip_since);
        let avg = |area: u128| {
            if span == 0 {
                0.0
            } else {
                area as f64 / span as f64
            }
        };
        let mut stations = self
            .st
            .iter()
            .zip(&self.station_ids)
            .map(|(s, id)| StationRun {
                id: id.clone(),
                servers: s.servers.len() as u32,
                state_time: s.state_time.map(to_units),
                queue_mean: avg(s.q_area),
                queue_max: s.queue_max,
                processed: s.processed,
                defective: s.defective,
                scrapped: s.scrapped,
                reworked: s.reworked,
                setups: s.setups,
                failures: s.failures,
                moves: s.moves,
                moved_units: s.moved_units,
                transport_time: to_units(s.transport_time),
                non_value_added: to_units(s.nva),
                rework_processing: to_units(s.rework_work),
                scrapped_work: to_units(s.scrapped_work),
                active_periods: s
                    .active_periods
                    .iter()
                    .map(|&(a, b)| (to_units(a), to_units(b)))
                    .collect(),
                bottleneck: Shares::default(),
            })
            .collect::<Vec<StationRun>>();
        let periods: Vec<&[(f64, f64)]> = stations
            .iter()
            .map(|s| s.active_periods.as_slice())
            .collect();
        let shares = active_period_method(&periods, to_units(self.warmup), to_units(now));
        for (s, share) in stations.iter_mut().zip(shares) {
            s.bottleneck = share;
        }
        let operators = self
            .ops
            .iter()
            .zip(&self.operator_ids)
            .map(|(o, id)| OperatorRun {
                id: id.clone(),
                working: to_units(o.time[OpState::Working as usize]),
                walking: to_units(o.time[OpState::Walking as usize]),
                idle: to_units(o.time[OpState::Idle as usize]),
                walks: o.walks,
            })
            .collect();
        RunResult {
            seed: self.opts.seed,
            replication: self.opts.replication,
            time_unit: self.time_unit,
            warmup: to_units(self.warmup),
            horizon: to_units(now),
            released: self.released,
            completed: self.completed,
            completed_by_product: std::mem::take(&mut self.completed_by_product),
            lost: self.lost,
            scrapped: self.scrapped,
            merged: self.merged,
            wip_start: self.wip_start,
            wip_end: self.wip,
            wip_mean: avg(self.wip_area),
            wip_max: self.wip_max,
            lead_times: self.lead.iter().map(|&t| to_units(t)).collect(),
            value_added: to_units(self.va_done),
            units: std::mem::take(&mut self.records),
            stations,
            operators,
            events: self.events,
            log: std::mem::take(&mut self.log),
            log_truncated: self.log_truncated,
        }
    }
}

/// A validated scenario with its routing, ready for any number of runs.
pub struct Prepared<'a> {
    sc: &'a Scenario,
    routing: Routing,
}

impl<'a> Prepared<'a> {
    /// Validates the scenario once.
    pub fn new(sc: &'a Scenario) -> Result<Self, SimError> {
        sc.validate()?;
        Ok(Prepared {
            sc,
            routing: sc.routing()?,
        })
    }

    /// A simulation ready to step.
    pub fn sim(&self, opts: RunOptions) -> Sim {
        Sim::build(self.sc, &self.routing, opts)
    }

    /// Runs one replication to the horizon.
    pub fn run(&self, opts: RunOptions) -> Result<RunResult, SimError> {
        self.sim(opts).finish()
    }
}

/// Runs one replication to the horizon.
pub fn run(sc: &Scenario, opts: RunOptions) -> Result<RunResult, SimError> {
    Prepared::new(sc)?.run(opts)
}
