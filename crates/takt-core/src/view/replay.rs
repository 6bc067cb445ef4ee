//! Watching one shift: the line at any moment, rebuilt from a run's event log, and the
//! series behind the results charts.
//!
//! [`Replay`] turns the [`LogEvent`]s of a [`RunResult`] (run with a `log_limit`) into
//! [`Frame`]s: at time `t`, every event with time ≤ `t` has been applied. Every time here is
//! in the scenario's time unit.
//!
//! What the engine logs and what is inferred:
//! - at t = 0, before the first event, every server is starved, every queue empty, the line
//!   empty and every operator at the first station it tends (the engine places an operator
//!   without walking the first time it is needed, which in a line starting empty is almost
//!   always its first station);
//! - an operator is walking from a [`LogEvent::Walk`] until a server of the target station
//!   starts work or a changeover (the engine does not log the arrival itself); a station tended
//!   by a single operator that starts work has that operator present;
//! - a logistician (an operator who `carries`) starts at its post (the first station it
//!   carries from), is on the way from each [`LogEvent::Walk`] or [`LogEvent::Carry`] of its
//!   own until the event's `arrive`, and then at the station it went to (a batch carried to
//!   the shipping area leaves it at the last station).

use crate::model::{DefectAction, Routing, Scenario, Text};
use crate::sim::{LogEvent, RunResult, State};

/// Events between two stored frames: [`Replay::frame`] applies fewer than this many.
const CHECKPOINT_EVERY: usize = 256;

/// The most bins [`histogram`] makes, whatever it is asked for.
const MAX_BINS: usize = 1000;

/// Where an operator is (stations by index in scenario order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At a station (working there or waiting for work).
    At(usize),
    /// On the way between two stations.
    Walking { from: usize, to: usize },
}

/// One station at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct StationFrame {
    /// The state of each server.
    pub servers: Vec<State>,
    /// Units waiting in front (every feeder queue and the rework bin).
    pub queue: u32,
}

/// The line at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The moment shown, in time units (clamped into [`Replay::start`]..=[`Replay::end`]).
    pub t: f64,
    /// Per station, in scenario order.
    pub stations: Vec<StationFrame>,
    /// Per operator, in scenario order.
    pub operators: Vec<Place>,
    /// Units in the line (released, not yet finished or scrapped).
    pub wip: u64,
}

/// What stays the same during a run: a station and its place in the line.
#[derive(Debug, Clone, PartialEq)]
pub struct StationInfo {
    /// Station id.
    pub id: String,
    /// Display name, plain or per language (the id when it has none).
    pub name: Text,
    /// Parallel servers.
    pub servers: u32,
    /// Whether units can wait in front: false for a source that takes raw material as it
    /// needs it and receives no rework.
    pub queue: bool,
    /// Places in front: the buffer times the feeders (an assembly station has one queue per
    /// feeder); `None` = unlimited. The rework bin comes on top of it.
    pub capacity: Option<u32>,
    /// The station its units move on to; `None` for the last one (finished goods).
    pub next: Option<usize>,
}

/// A logistician's trip: when it starts, when it arrives, and at which station.
type Trip = (f64, f64, usize);

/// The state of the line at any moment of one run, from its event log.
///
/// Frames are rebuilt from a stored frame every 256 events, so a frame
/// costs a few hundred event applications at most, whatever the length of the log.
#[derive(Debug, Clone)]
pub struct Replay {
    stations: Vec<StationInfo>,
    /// Per station, the operators who tend it.
    tended_by: Vec<Vec<usize>>,
    /// Per logistician (by operator index): each trip, in order.
    trips: Vec<(usize, Vec<Trip>)>,
    log: Vec<LogEvent>,
    /// `checkpoints[k]`: the line after the first `k × CHECKPOINT_EVERY` events.
    checkpoints: Vec<Frame>,
    end: f64,
    truncated: bool,
}

impl Replay {
    /// Prepares the replay of `run`, a run of `sc` (events naming stations, servers or
    /// operators the scenario does not have are ignored).
    pub fn new(sc: &Scenario, run: &RunResult) -> Replay {
        let n = sc.stations.len();
        let routing = sc.routing().unwrap_or_else(|_| Routing {
            succ: vec![None; n],
            feeds: vec![Vec::new(); n],
        });
        let reworked_at: Vec<usize> = sc
            .stations
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let d = s.defects.as_ref()?;
                (d.action == DefectAction::Rework)
                    .then(|| d.to.as_deref().and_then(|to| sc.station_index(to)))
                    .map(|to| to.unwrap_or(i))
            })
            .collect();
        let stations = sc
            .stations
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let feeders = routing.feeds[i].len();
                StationInfo {
                    id: s.id.clone(),
                    name: s.name.clone().unwrap_or_else(|| Text::plain(s.id.clone())),
                    servers: s.servers,
                    queue: feeders > 0
                        || (i == 0 && sc.arrivals.is_some())
                        || reworked_at.contains(&i),
                    capacity: s.buffer.map(|b| b.saturating_mul(feeders.max(1) as u32)),
                    next: routing.succ[i],
                }
            })
            .collect();
        let mut tended_by = vec![Vec::new(); n];
        let mut operators = Vec::with_capacity(sc.operators.len());
        for (o, op) in sc.operators.iter().enumerate() {
            let tends: Vec<usize> = op
                .stations
                .iter()
                .filter_map(|id| sc.station_index(id))
                .collect();
            for &i in &tends {
                tended_by[i].push(o);
            }
            let post = op.carries.first().and_then(|id| sc.station_index(id));
            operators.push(Place::At(post.or(tends.first().copied()).unwrap_or(0)));
        }
        let initial = Frame {
            t: 0.0,
            stations: sc
                .stations
                .iter()
                .map(|s| StationFrame {
                    servers: vec![State::Starved; s.servers as usize],
                    queue: 0,
                })
                .collect(),
            operators,
            wip: 0,
        };
        let last = run.log.last().map_or(0.0, LogEvent::t);
        let trips = (sc.operators.iter().enumerate())
            .filter(|(_, op)| !op.carries.is_empty())
            .map(|(o, _)| {
                let trip = |e: &LogEvent| match *e {
                    LogEvent::Walk {
                        t,
                        operator,
                        to,
                        arrive,
                    } if operator as usize == o => Some((t, arrive, to as usize)),
                    LogEvent::Carry {
                        t,
                        operator,
                        from,
                        to,
                        arrive,
                        ..
                    } if operator as usize == o => Some((t, arrive, to.unwrap_or(from) as usize)),
                    _ => None,
                };
                (o, run.log.iter().filter_map(trip).collect())
            })
            .collect();
        let mut replay = Replay {
            stations,
            tended_by,
            trips,
            log: run.log.clone(),
            checkpoints: Vec::new(),
            // `max` skips a NaN, so the end is never before the start.
            end: if run.log_truncated {
                last.max(0.0)
            } else {
                run.horizon.max(last).max(0.0)
            },
            truncated: run.log_truncated,
        };
        replay.checkpoints = replay.checkpoints_from(initial);
        replay
    }

    fn checkpoints_from(&self, initial: Frame) -> Vec<Frame> {
        let mut checkpoints = Vec::with_capacity(self.log.len() / CHECKPOINT_EVERY + 1);
        let mut frame = initial.clone();
        checkpoints.push(initial);
        for (k, e) in self.log.iter().enumerate() {
            self.apply(&mut frame, e);
            if (k + 1) % CHECKPOINT_EVERY == 0 {
                frame.t = e.t();
                checkpoints.push(frame.clone());
            }
        }
        checkpoints
    }

    /// The stations, in scenario order.
    pub fn stations(&self) -> &[StationInfo] {
        &self.stations
    }

    /// The first moment of the run (0).
    pub fn start(&self) -> f64 {
        0.0
    }

    /// The last moment the log covers: the horizon, or the last logged event when the log
    /// hit its limit.
    pub fn end(&self) -> f64 {
        self.end
    }

    /// Whether the log hit its limit (the run went on after [`Replay::end`]).
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// The number of logged events.
    pub fn event_count(&self) -> usize {
        self.log.len()
    }

    /// The time of event `index` (in log order), if there is one.
    pub fn time_of(&self, index: usize) -> Option<f64> {
        self.log.get(index).map(LogEvent::t)
    }

    /// The line at time `t` (clamped into the run; NaN = the start), after every event with
    /// time ≤ `t`.
    pub fn frame(&self, t: f64) -> Frame {
        let t = self.clamp(t);
        let applied = self.applied(t);
        // `checkpoints` holds one frame per full `CHECKPOINT_EVERY` events, plus the initial one.
        let k = applied / CHECKPOINT_EVERY;
        let mut frame = self.checkpoints[k].clone();
        for e in &self.log[k * CHECKPOINT_EVERY..applied] {
            self.apply(&mut frame, e);
        }
        frame.t = t;
        for (o, trips) in &self.trips {
            let k = trips.partition_point(|trip| trip.0 <= t);
            if let (Some(&(_, arrive, to)), Some(place)) = (
                k.checked_sub(1).map(|k| &trips[k]),
                frame.operators.get_mut(*o),
            ) {
                if arrive <= t {
                    *place = Place::At(to);
                }
            }
        }
        frame
    }

    /// The first event time after `t`, if any (to step forward).
    pub fn next_time(&self, t: f64) -> Option<f64> {
        self.time_of(self.applied(self.clamp(t)))
    }

    /// The moment of the change before the one [`Replay::frame`]`(t)` shows: the last event
    /// time before the last event time ≤ `t`, or the start when that was the first change;
    /// `None` at the start (to step back).
    pub fn prev_time(&self, t: f64) -> Option<f64> {
        let shown = self.time_of(self.applied(self.clamp(t)).checked_sub(1)?)?;
        match self.applied_before(shown).checked_sub(1) {
            Some(i) => self.time_of(i),
            None => (shown > self.start()).then_some(self.start()),
        }
    }

    fn clamp(&self, t: f64) -> f64 {
        // `max` and `min` skip a NaN: a NaN `t` becomes the start.
        t.max(self.start()).min(self.end)
    }

    /// The number of events with time ≤ `t`.
    fn applied(&self, t: f64) -> usize {
        self.log.partition_point(|e| e.t() <= t)
    }

    /// The number of events with time < `t`.
    fn applied_before(&self, t: f64) -> usize {
        self.log.partition_point(|e| e.t() < t)
    }

    fn apply(&self, frame: &mut Frame, event: &LogEvent) {
        match *event {
            LogEvent::State {
                station,
                server,
                state,
                ..
            } => {
                let station = station as usize;
                let Some(s) = frame
                    .stations
                    .get_mut(station)
                    .and_then(|s| s.servers.get_mut(server as usize))
                else {
                    return;
                };
                *s = state;
                if matches!(state, State::Working | State::Setup) {
                    self.operator_present(frame, station);
                }
            }
            LogEvent::Queue { station, len, .. } => {
                if let Some(s) = frame.stations.get_mut(station as usize) {
                    s.queue = len;
                }
            }
            LogEvent::Walk { operator, to, .. } => {
                if let Some(place) = frame.operators.get_mut(operator as usize) {
                    let from = match *place {
                        Place::At(s) | Place::Walking { to: s, .. } => s,
                    };
                    *place = Place::Walking {
                        from,
                        to: to as usize,
                    };
                }
            }
            LogEvent::Carry {
                operator, from, to, ..
            } => {
                if let Some(place) = frame.operators.get_mut(operator as usize) {
                    let from = from as usize;
                    let to = to.map_or(from, |to| to as usize);
                    *place = Place::Walking { from, to };
                }
            }
            LogEvent::Wip { units, .. } => frame.wip = units,
            // What the work was: nothing the line's picture shows.
            LogEvent::Work { .. } => {}
        }
    }

    /// Station `station` started work or a changeover: an operator walking there has arrived,
    /// and its only operator (if it has just one) is there.
    fn operator_present(&self, frame: &mut Frame, station: usize) {
        let tending = &self.tended_by[station];
        let walker = tending
            .iter()
            .copied()
            .find(|&o| matches!(frame.operators[o], Place::Walking { to, .. } if to == station));
        match (walker, tending.as_slice()) {
            (Some(o), _) | (None, &[o]) => frame.operators[o] = Place::At(station),
            _ => {}
        }
    }
}

/// The line WIP as a step function: `(time, units)` from that time on, one point per change
/// (changes at the same moment are merged), starting with `(0, 0)`. Empty when the log holds
/// no WIP change (no log was asked for).
pub fn wip_series(run: &RunResult) -> Vec<(f64, u64)> {
    let mut points: Vec<(f64, u64)> = Vec::new();
    for e in &run.log {
        let LogEvent::Wip { t, units } = *e else {
            continue;
        };
        if points.is_empty() {
            points.push((0.0, 0));
        }
        if points.last().is_some_and(|p| p.0 == t) {
            points.pop();
        }
        if points.last().is_none_or(|p| p.1 != units) {
            points.push((t, units));
        }
    }
    points
}

/// One bar of a histogram: the values in `[from, to)` (in the values' unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lower edge (included).
    pub from: f64,
    /// Upper edge (excluded).
    pub to: f64,
    /// Values in it.
    pub count: u64,
}

/// Counts `values` in contiguous bins of one "nice" width (1, 2 or 5 × 10ᵏ) with edges on
/// multiples of it, at most `max_bins` of them (clamped to 1..=1000). Every finite value falls
/// in a bin; NaN and infinite values are left out. No finite value: no bins.
pub fn histogram(values: &[f64], max_bins: usize) -> Vec<Bin> {
    let max_bins = max_bins.clamp(1, MAX_BINS);
    let finite = || values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return Vec::new();
    }
    let width = if hi > lo {
        (hi - lo) / max_bins as f64
    } else {
        // All values equal: one bin about a tenth of the value wide.
        (lo.abs() / 10.0).max(f64::MIN_POSITIVE)
    };
    let mut step = Step::at_least(width);
    // Edges on multiples of the width can need one bin more than the range; a wider step
    // fixes that (at most a few times, for very few bins).
    let mut tries = 0;
    while step.index(hi).saturating_sub(step.index(lo)) >= max_bins as i64 && tries < 8 {
        step = step.wider();
        tries += 1;
    }
    let first = step.index(lo);
    let n = (step.index(hi).saturating_sub(first).saturating_add(1)).clamp(1, max_bins as i64);
    let mut bins: Vec<Bin> = (0..n)
        .map(|k| Bin {
            from: step.edge(first.saturating_add(k)),
            to: step.edge(first.saturating_add(k + 1)),
            count: 0,
        })
        .collect();
    for v in finite() {
        let k = step.index(v).saturating_sub(first).clamp(0, n - 1);
        bins[k as usize].count += 1;
    }
    bins
}

/// Axis ticks from 0: multiples of a nice step (1, 2 or 5 × 10ᵏ) up to the first one ≥ `max`,
/// about `count` of them (for a non-positive or non-finite `max`, just 0 and 1).
pub fn ticks(max: f64, count: usize) -> Vec<f64> {
    if !(max > 0.0 && max.is_finite()) {
        return vec![0.0, 1.0];
    }
    let step = Step::at_least(max / count.clamp(1, MAX_BINS) as f64);
    let below = step.index(max);
    let last = below.saturating_add(i64::from(step.edge(below) < max));
    (0..=last.clamp(1, MAX_BINS as i64))
        .map(|k| step.edge(k))
        .collect()
}

/// A "nice" width: `mantissa` (1, 2 or 5) × 10^`exponent`.
#[derive(Debug, Clone, Copy)]
struct Step {
    mantissa: u8,
    exponent: i32,
}

impl Step {
    /// The smallest nice width ≥ `x` (x > 0 and finite).
    fn at_least(x: f64) -> Step {
        let exponent = x.log10().floor() as i32;
        let mut step = Step {
            mantissa: 1,
            exponent,
        };
        // A tolerance keeps 0.2000000001 (a rounding error) at 0.2.
        while step.edge(1) < x * (1.0 - 1e-9) {
            step = step.wider();
        }
        step
    }

    fn wider(self) -> Step {
        match self.mantissa {
            1 => Step {
                mantissa: 2,
                ..self
            },
            2 => Step {
                mantissa: 5,
                ..self
            },
            _ => Step {
                mantissa: 1,
                exponent: self.exponent.saturating_add(1),
            },
        }
    }

    /// `k` widths, computed from integers so edges are the decimal numbers they look like.
    fn edge(self, k: i64) -> f64 {
        let units = k as f64 * f64::from(self.mantissa);
        let scale = 10f64.powi(self.exponent.abs());
        if self.exponent >= 0 {
            units * scale
        } else {
            units / scale
        }
    }

    /// The `k` with `edge(k) ≤ v < edge(k + 1)`.
    fn index(self, v: f64) -> i64 {
        let k = (v / self.edge(1)).floor() as i64;
        if v >= self.edge(k.saturating_add(1)) {
            k.saturating_add(1)
        } else if v < self.edge(k) {
            k.saturating_sub(1)
        } else {
            k
        }
    }
}
