//! A station and its servers as the engine holds them: what each server is doing, the
//! queues in front, and the optional parts of a station (defects, breakdowns, setups,
//! transfer batch, transport, kanban loop), each drawing from its own random stream.
//! The rules that move units between them are in `start.rs`, `finish.rs` and `handover.rs`.

use super::accounting::StationStats;
use super::results::State;
use super::units::UnitId;
use crate::model::time::{to_ticks, Ticks};
use crate::model::Dist;
use crate::sim::rng::Stream;
use std::collections::VecDeque;

/// One server of one station.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ServerRef {
    pub(super) station: u32,
    pub(super) server: u32,
}

/// One queue in front of one station (`queue` indexes the station's feeder queues).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct QueueRef {
    pub(super) station: u32,
    pub(super) queue: u32,
}

/// What a server does with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    Idle,
    /// Holds a unit, waiting for an operator.
    Claimed,
    Setup,
    Working,
    /// Holds a finished unit that cannot move on.
    Blocked,
}

/// The operator assigned to a server: walking to it, or there.
#[derive(Clone, Copy, Debug)]
pub(super) struct Assigned {
    pub(super) op: u32,
    pub(super) here: bool,
}

#[derive(Clone, Debug)]
pub(super) struct Server {
    pub(super) phase: Phase,
    /// The unit it holds (from taking it until it is handed on, scrapped or sent to rework).
    pub(super) unit: Option<UnitId>,
    /// The generation of its pending `Done` event (a failure makes the pending one stale).
    pub(super) gen: u32,
    /// When its setup or processing ends.
    pub(super) end: Ticks,
    /// Setup or processing left when it failed.
    pub(super) remaining: Ticks,
    pub(super) down: bool,
    /// Why it is idle (Starved or Blocked), set when it fails to start.
    pub(super) idle_reason: State,
    /// Its accounting state (see `Sim::update_state`), and since when.
    pub(super) state: State,
    pub(super) since: Ticks,
    /// The product of the last unit processed (none yet: no changeover before the first).
    pub(super) last_product: Option<u32>,
    /// Units processed since the last setup.
    pub(super) since_setup: u32,
    pub(super) operator: Option<Assigned>,
    /// The processing time (value-added, total) of the unit in hand, credited when it finishes.
    pub(super) pending_va: Ticks,
    pub(super) pending_work: Ticks,
}

impl Server {
    pub(super) fn new() -> Server {
        Server {
            phase: Phase::Idle,
            unit: None,
            gen: 0,
            end: 0,
            remaining: 0,
            down: false,
            idle_reason: State::Starved,
            state: State::Starved,
            since: 0,
            last_product: None,
            since_setup: 0,
            operator: None,
            pending_va: 0,
            pending_work: 0,
        }
    }

    /// The unit it holds: a server that is not idle holds one.
    pub(super) fn held(&self) -> UnitId {
        self.unit.expect("a server that is not idle holds a unit")
    }

    /// Free to take a unit now.
    #[inline]
    pub(super) fn can_start(&self) -> bool {
        self.phase == Phase::Idle && !self.down
    }
}

/// A work element (or a station's whole process).
pub(super) struct Work {
    pub(super) dist: Dist,
    pub(super) value_added: bool,
    pub(super) stream: Stream,
}

/// A queue in front of a station: one per feeder (an assembly station has several), or the
/// first station's queue of arrivals.
pub(super) struct InQueue {
    /// The feeding station (`None`: arrivals).
    pub(super) from: Option<u32>,
    /// Units of it that one start takes (components of one product at an assembly station).
    pub(super) qty: u32,
    pub(super) units: VecDeque<UnitId>,
    /// Units on their way here (transport): room is reserved for them.
    pub(super) reserved: u32,
}

/// A random duration with its own stream: time between arrivals, transport, walking.
pub(super) struct Delay {
    pub(super) time: Dist,
    pub(super) stream: Stream,
}

impl Delay {
    pub(super) fn draw(&mut self) -> Ticks {
        to_ticks(self.time.sample(&mut self.stream))
    }
}

/// What happens to a defective unit.
#[derive(Clone, Copy, Debug)]
pub(super) enum Defect {
    Scrap,
    /// Into the rework bin of station `at`.
    Rework {
        at: u32,
    },
}

/// Quality at a station: each finished unit is defective with probability `rate`.
pub(super) struct Defects {
    pub(super) rate: f64,
    pub(super) then: Defect,
    pub(super) stream: Stream,
}

impl Defects {
    /// Inspects a finished unit (one draw per unit, defective or not).
    pub(super) fn inspect(&mut self) -> Option<Defect> {
        (self.stream.uniform() < self.rate).then_some(self.then)
    }
}

/// Failures of each server of a station, in calendar time.
pub(super) struct Breakdowns {
    pub(super) between: Dist,
    pub(super) repair: Dist,
    pub(super) stream: Stream,
}

impl Breakdowns {
    pub(super) fn time_to_failure(&mut self) -> Ticks {
        to_ticks(self.between.sample(&mut self.stream))
    }

    pub(super) fn repair_time(&mut self) -> Ticks {
        to_ticks(self.repair.sample(&mut self.stream))
    }
}

/// Changeovers: on a change of product and/or every `every` units.
pub(super) struct Setups {
    pub(super) time: Dist,
    pub(super) every: Option<u32>,
    pub(super) on_change: bool,
    pub(super) stream: Stream,
}

impl Setups {
    /// Whether `server` must set up before processing a unit of `product`.
    pub(super) fn needed(&self, server: &Server, product: u32) -> bool {
        (self.on_change && server.last_product.is_some_and(|p| p != product))
            || self.every.is_some_and(|n| server.since_setup >= n)
    }

    pub(super) fn duration(&mut self) -> Ticks {
        to_ticks(self.time.sample(&mut self.stream))
    }
}

/// A transfer batch: up to `size − 1` finished units wait beside the station; the `size`-th
/// completes the batch, which moves on as one.
pub(super) struct TransferBatch {
    pub(super) size: u32,
    pub(super) waiting: Vec<UnitId>,
}

/// A kanban loop from a station: it starts a unit only while fewer than `limit` units it
/// started are still in the loop (a unit leaves it when the next station takes it, or when
/// it is found defective).
pub(super) struct Kanban {
    pub(super) limit: u32,
    pub(super) in_loop: u32,
}

impl Kanban {
    /// Cards left: units the station may still start.
    pub(super) fn free(&self) -> u32 {
        self.limit.saturating_sub(self.in_loop)
    }

    pub(super) fn full(&self) -> bool {
        self.in_loop >= self.limit
    }
}

/// A station as the engine holds it.
pub(super) struct Station {
    pub(super) servers: Vec<Server>,
    /// Its process: one element, or its work elements in order.
    pub(super) work: Vec<Work>,
    /// The queues in front (one per feeder; none at a source without arrivals).
    pub(super) inputs: Vec<InQueue>,
    /// The rework bin: unbounded, served first.
    pub(super) rework: VecDeque<UnitId>,
    /// The buffer (`None`: unbounded).
    pub(super) buffer: Option<u32>,
    /// Takes one set of components from each feeder per start.
    pub(super) assembly: bool,
    /// A source with raw material always at hand.
    pub(super) saturated: bool,
    /// Its servers holding a finished unit, first blocked first.
    pub(super) blocked: VecDeque<u32>,
    pub(super) batch: TransferBatch,
    /// Where its units go (`None`: out of the line, finished goods).
    pub(super) next: Option<QueueRef>,
    pub(super) kanban: Option<Kanban>,
    /// Tended by operators: a unit starts only when one of them is there.
    pub(super) tended: bool,
    pub(super) defects: Option<Defects>,
    pub(super) breakdowns: Option<Breakdowns>,
    pub(super) setups: Option<Setups>,
    pub(super) transport: Option<Delay>,
    /// The logistician who carries its batches (index among the carriers), if any.
    pub(super) carrier: Option<u32>,
    pub(super) stats: StationStats,
}

impl Station {
    /// Free room in queue `q`: buffer + servers free to start − queued − reserved.
    pub(super) fn room(&self, q: u32) -> u64 {
        let Some(buffer) = self.buffer else {
            return u64::MAX;
        };
        let queue = &self.inputs[q as usize];
        let startable = if self.assembly {
            0
        } else {
            let idle = self.servers.iter().filter(|s| s.can_start()).count() as u64;
            match &self.kanban {
                None => idle,
                Some(kanban) => idle.min(u64::from(kanban.free())),
            }
        };
        (u64::from(buffer) + startable)
            .saturating_sub(queue.units.len() as u64 + u64::from(queue.reserved))
    }

    /// Draws the processing time of one unit, every element in order: (total, value-added);
    /// each element's duration is pushed onto `each` when given (the event log's).
    pub(super) fn draw_processing(&mut self, mut each: Option<&mut Vec<Ticks>>) -> (Ticks, Ticks) {
        let (mut total, mut va) = (0u64, 0u64);
        for w in &mut self.work {
            let d = to_ticks(w.dist.sample(&mut w.stream));
            if let Some(each) = each.as_deref_mut() {
                each.push(d);
            }
            total = total.saturating_add(d);
            if w.value_added {
                va = va.saturating_add(d);
            }
        }
        (total, va)
    }

    /// Units waiting in the flow queues (not the rework bin).
    pub(super) fn queued_flow(&self) -> u32 {
        self.inputs.iter().map(|q| q.units.len() as u32).sum()
    }
}
