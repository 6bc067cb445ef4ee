//! Statistics of a run, and the one place that knows about warm-up: counts (`count_*`) are
//! kept only from the end of warm-up on; time integrals (server states, active periods,
//! queues, units in the line, operators' time) run from the start and restart at warm-up.
//! At the end they are closed and gathered into the [`RunResult`].

use super::results::{LogEvent, OperatorRun, RunResult, State, StationRun, UnitRecord};
use super::sim::Sim;
use super::station::Phase;
use super::units::Unit;
use crate::model::time::{to_units, Ticks};
use crate::sim::active_period::{active_period_method, Shares};

/// What an operator is doing, for its time accounting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OpState {
    Working,
    Walking,
    Idle,
}

/// The statistics of one operator.
pub(super) struct OperatorStats {
    state: OpState,
    since: Ticks,
    /// Time in each state, in [`OpState`] order.
    time: [Ticks; 3],
    walks: u64,
}

impl OperatorStats {
    pub(super) fn new() -> OperatorStats {
        OperatorStats {
            state: OpState::Idle,
            since: 0,
            time: [0; 3],
            walks: 0,
        }
    }

    /// The operator is now working, walking or idle.
    pub(super) fn set_state(&mut self, now: Ticks, state: OpState) {
        if self.state != state {
            self.time[self.state as usize] += now - self.since;
            self.state = state;
            self.since = now;
        }
    }

    fn restart(&mut self, now: Ticks) {
        self.time = [0; 3];
        self.since = now;
    }
}

/// The statistics of one station.
#[derive(Default)]
pub(super) struct StationStats {
    /// Time in each state summed over servers, in [`State::ALL`] order.
    state_time: [Ticks; 6],
    /// Units waiting in front (flow queues and rework bin), integrated since `q_since`.
    queued: u32,
    queue_max: u32,
    q_area: u128,
    q_since: Ticks,
    /// Servers in an active state, and the active periods (every server active).
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
    carrier_wait: Ticks,
    nva: Ticks,
    rework_work: Ticks,
    scrapped_work: Ticks,
}

impl StationStats {
    /// A server went from `old` (entered at `since`) to `new`; the station has `all` servers.
    fn state_changed(&mut self, now: Ticks, old: State, since: Ticks, new: State, all: u32) {
        self.state_time[old as usize] += now - since;
        match (old.is_active(), new.is_active()) {
            (false, true) => {
                self.active += 1;
                if self.active == all {
                    // An instant of inactivity (a unit handed on and the next taken) does not
                    // interrupt the period.
                    match self.active_end.take() {
                        Some(end) if end == now => {}
                        Some(end) => {
                            if end > self.active_since {
                                self.active_periods.push((self.active_since, end));
                            }
                            self.active_since = now;
                        }
                        None => self.active_since = now,
                    }
                }
            }
            (true, false) => {
                if self.active == all {
                    self.active_end = Some(now);
                }
                self.active -= 1;
            }
            _ => {}
        }
    }

    fn restart(&mut self, now: Ticks, queued_flow: u32) {
        self.state_time = [0; 6];
        self.q_area = 0;
        self.q_since = now;
        self.queue_max = queued_flow;
        self.active_periods.clear();
        self.active_since = now;
        self.active_end = None;
    }
}

/// The statistics of the line, and the end of warm-up.
pub(super) struct Stats {
    warmup: Ticks,
    record_units: bool,
    released: u64,
    completed: u64,
    completed_by_product: Vec<u64>,
    lost: u64,
    scrapped: u64,
    merged: u64,
    lead: Vec<Ticks>,
    va_done: Ticks,
    records: Vec<UnitRecord>,
    wip_area: u128,
    wip_since: Ticks,
    wip_start: u64,
    wip_max: u64,
}

impl Stats {
    pub(super) fn new(warmup: Ticks, record_units: bool, products: usize) -> Stats {
        Stats {
            warmup,
            record_units,
            released: 0,
            completed: 0,
            completed_by_product: vec![0; products],
            lost: 0,
            scrapped: 0,
            merged: 0,
            lead: Vec::new(),
            va_done: 0,
            records: Vec::new(),
            wip_area: 0,
            wip_since: 0,
            wip_start: 0,
            wip_max: 0,
        }
    }

    pub(super) fn warmup(&self) -> Ticks {
        self.warmup
    }

    /// Whether what happens at `now` is counted: only from the end of warm-up on.
    #[inline]
    fn counting(&self, now: Ticks) -> bool {
        now >= self.warmup
    }

    pub(super) fn count_released(&mut self, now: Ticks) {
        if self.counting(now) {
            self.released += 1;
        }
    }

    /// An arrival turned away.
    pub(super) fn count_lost(&mut self, now: Ticks) {
        if self.counting(now) {
            self.lost += 1;
        }
    }

    /// A component absorbed by assembly.
    pub(super) fn count_merged(&mut self, now: Ticks) {
        if self.counting(now) {
            self.merged += 1;
        }
    }

    /// A unit left the last station.
    pub(super) fn count_completed(&mut self, now: Ticks, unit: &Unit) {
        if !self.counting(now) {
            return;
        }
        self.completed += 1;
        self.completed_by_product[unit.product as usize] += 1;
        self.lead.push(now - unit.release);
        self.va_done += unit.va;
        if self.record_units {
            self.records.push(UnitRecord {
                product: unit.product,
                release: to_units(unit.release),
                finish: to_units(now),
                value_added: to_units(unit.va),
                processing: to_units(unit.work),
                reworks: unit.reworks,
            });
        }
    }

    /// A unit processed at a station (`repeat`: it had been sent to rework before).
    pub(super) fn count_processed(
        &self,
        now: Ticks,
        at: &mut StationStats,
        work: Ticks,
        va: Ticks,
        repeat: bool,
    ) {
        if self.counting(now) {
            at.processed += 1;
            at.nva += work - va;
            if repeat {
                at.rework_work += work;
            }
        }
    }

    pub(super) fn count_defective(&self, now: Ticks, at: &mut StationStats) {
        if self.counting(now) {
            at.defective += 1;
        }
    }

    /// A unit scrapped at a station, with the processing it had received (`work`).
    pub(super) fn count_scrapped(&mut self, now: Ticks, at: &mut StationStats, work: Ticks) {
        if self.counting(now) {
            at.scrapped += 1;
            at.scrapped_work += work;
            self.scrapped += 1;
        }
    }

    pub(super) fn count_reworked(&self, now: Ticks, at: &mut StationStats) {
        if self.counting(now) {
            at.reworked += 1;
        }
    }

    pub(super) fn count_setup(&self, now: Ticks, at: &mut StationStats) {
        if self.counting(now) {
            at.setups += 1;
        }
    }

    pub(super) fn count_failure(&self, now: Ticks, at: &mut StationStats) {
        if self.counting(now) {
            at.failures += 1;
        }
    }

    /// A move of `units` from a station to the next, transported for `transport`.
    pub(super) fn count_move(
        &self,
        now: Ticks,
        at: &mut StationStats,
        units: u64,
        transport: Ticks,
    ) {
        if self.counting(now) {
            at.moves += 1;
            at.moved_units += units;
            at.transport_time += transport;
        }
    }

    /// A batch at `at` waited `wait` for the logistician.
    pub(super) fn count_carrier_wait(&self, now: Ticks, at: &mut StationStats, wait: Ticks) {
        if self.counting(now) {
            at.carrier_wait += wait;
        }
    }

    pub(super) fn count_walk(&self, now: Ticks, by: &mut OperatorStats) {
        if self.counting(now) {
            by.walks += 1;
        }
    }

    /// The units in the line went from `before` to `after`.
    pub(super) fn wip_changed(&mut self, now: Ticks, before: u64, after: u64) {
        self.wip_area += u128::from(before) * u128::from(now - self.wip_since);
        self.wip_since = now;
        self.wip_max = self.wip_max.max(after);
    }

    /// Warm-up ends with `wip` units in the line.
    fn restart(&mut self, now: Ticks, wip: u64) {
        self.wip_area = 0;
        self.wip_since = now;
        self.wip_start = wip;
        self.wip_max = wip;
    }
}

impl Sim {
    /// Brings a server's accounting state up to date (cheap when nothing changed).
    #[inline(always)]
    pub(super) fn update_state(&mut self, st: u32, srv: u32) {
        let s = &self.stations[st as usize].servers[srv as usize];
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
        let stn = &mut self.stations[st as usize];
        let all = stn.servers.len() as u32;
        let s = &mut stn.servers[srv as usize];
        let (old, since) = (s.state, s.since);
        s.state = new;
        s.since = now;
        stn.stats.state_changed(now, old, since, new, all);
        self.log.push(now, |t| LogEvent::State {
            t,
            station: st,
            server: srv,
            state: new,
        });
    }

    /// The units waiting in front of station `st` may have changed.
    pub(super) fn queue_changed(&mut self, st: u32) {
        let now = self.now;
        let stn = &mut self.stations[st as usize];
        let flow = stn.queued_flow();
        let len = flow + stn.rework.len() as u32;
        let q = &mut stn.stats;
        if len == q.queued {
            return;
        }
        q.q_area += u128::from(q.queued) * u128::from(now - q.q_since);
        q.q_since = now;
        q.queued = len;
        q.queue_max = q.queue_max.max(flow);
        self.log.push(now, |t| LogEvent::Queue {
            t,
            station: st,
            len,
        });
    }

    /// Warm-up ends: statistics restart now.
    pub(super) fn restart_statistics(&mut self) {
        let now = self.now;
        for stn in &mut self.stations {
            for s in &mut stn.servers {
                s.since = now;
            }
            let flow = stn.queued_flow();
            stn.stats.restart(now, flow);
        }
        for o in &mut self.operators {
            o.stats.restart(now);
        }
        self.stats.restart(now, self.wip);
    }

    /// Closes every time integral at the end of the run and gathers the results.
    pub(super) fn result(mut self) -> RunResult {
        let now = self.now;
        let warmup = self.stats.warmup;
        let span = now - warmup;
        for stn in &mut self.stations {
            let q = &mut stn.stats;
            for s in &mut stn.servers {
                q.state_time[s.state as usize] += now - s.since;
                s.since = now;
            }
            let end = if q.active == stn.servers.len() as u32 {
                Some(now)
            } else {
                q.active_end.take()
            };
            if let Some(end) = end.filter(|&e| e > q.active_since) {
                q.active_periods.push((q.active_since, end));
            }
            q.q_area += u128::from(q.queued) * u128::from(now - q.q_since);
        }
        for o in &mut self.operators {
            let o = &mut o.stats;
            o.time[o.state as usize] += now - o.since;
            o.since = now;
        }
        let (log, log_truncated) = self.log.take();
        let stats = &mut self.stats;
        stats.wip_area += u128::from(self.wip) * u128::from(now - stats.wip_since);
        let avg = |area: u128| {
            if span == 0 {
                0.0
            } else {
                area as f64 / span as f64
            }
        };
        let mut stations = self
            .stations
            .iter()
            .zip(&self.station_ids)
            .map(|(s, id)| {
                let q = &s.stats;
                StationRun {
                    id: id.clone(),
                    servers: s.servers.len() as u32,
                    state_time: q.state_time.map(to_units),
                    queue_mean: avg(q.q_area),
                    queue_max: q.queue_max,
                    processed: q.processed,
                    defective: q.defective,
                    scrapped: q.scrapped,
                    reworked: q.reworked,
                    setups: q.setups,
                    failures: q.failures,
                    moves: q.moves,
                    moved_units: q.moved_units,
                    transport_time: to_units(q.transport_time),
                    carrier_wait: to_units(q.carrier_wait),
                    non_value_added: to_units(q.nva),
                    rework_processing: to_units(q.rework_work),
                    scrapped_work: to_units(q.scrapped_work),
                    active_periods: q
                        .active_periods
                        .iter()
                        .map(|&(a, b)| (to_units(a), to_units(b)))
                        .collect(),
                    bottleneck: Shares::default(),
                }
            })
            .collect::<Vec<StationRun>>();
        let periods: Vec<&[(f64, f64)]> = stations
            .iter()
            .map(|s| s.active_periods.as_slice())
            .collect();
        let shares = active_period_method(&periods, to_units(warmup), to_units(now));
        for (s, share) in stations.iter_mut().zip(shares) {
            s.bottleneck = share;
        }
        let operators = self
            .operators
            .iter()
            .zip(&self.operator_ids)
            .map(|(o, id)| {
                let time = |state: OpState| to_units(o.stats.time[state as usize]);
                OperatorRun {
                    id: id.clone(),
                    working: time(OpState::Working),
                    walking: time(OpState::Walking),
                    idle: time(OpState::Idle),
                    walks: o.stats.walks,
                }
            })
            .collect();
        RunResult {
            seed: self.opts.seed,
            replication: self.opts.replication,
            time_unit: self.time_unit,
            warmup: to_units(warmup),
            horizon: to_units(now),
            released: stats.released,
            completed: stats.completed,
            completed_by_product: std::mem::take(&mut stats.completed_by_product),
            lost: stats.lost,
            scrapped: stats.scrapped,
            merged: stats.merged,
            wip_start: stats.wip_start,
            wip_end: self.wip,
            wip_mean: avg(stats.wip_area),
            wip_max: stats.wip_max,
            lead_times: stats.lead.iter().map(|&t| to_units(t)).collect(),
            value_added: to_units(stats.va_done),
            units: std::mem::take(&mut stats.records),
            stations,
            operators,
            events: self.events.taken(),
            log,
            log_truncated,
        }
    }
}
