//! The event list: what can happen at an instant ([`Kind`]) and in which order events run.
//!
//! A binary heap ordered by (time, insertion sequence): same-time events run first-in
//! first-out, so a run is reproducible.

use crate::model::time::Ticks;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What happens at an event. Stations, servers and operators are indices in scenario order.
#[derive(Clone, Copy, Debug)]
pub(super) enum Kind {
    /// The next raw material arrives (the scenario's `arrivals`).
    Arrival,
    /// Server `srv` of station `st` ends its setup or its processing. Stale (ignored) when
    /// the server's `gen` has moved on: a failure interrupted the work and reschedules it.
    Done { st: u32, srv: u32, gen: u32 },
    /// A server fails.
    Fail { st: u32, srv: u32 },
    /// A failed server is repaired.
    Repair { st: u32, srv: u32 },
    /// A transported batch reaches the next station (or the end of the line).
    Transit { id: u32 },
    /// An operator reaches the station it walked to.
    Walked { op: u32 },
    /// The end of warm-up: the statistics restart.
    Warmup,
}

/// An event: its place in the order — time in the high 64 bits, insertion sequence in the
/// low 64 (the tie-break) — and what happens.
#[derive(Clone, Copy, Debug)]
pub(super) struct Event {
    key: u128,
    pub(super) kind: Kind,
}

impl Event {
    /// When it happens.
    #[inline]
    pub(super) fn t(&self) -> Ticks {
        (self.key >> 64) as Ticks
    }
}

impl PartialEq for Event {
    fn eq(&self, o: &Self) -> bool {
        self.key == o.key
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Event {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest, then first inserted.
    #[inline]
    fn cmp(&self, o: &Self) -> Ordering {
        o.key.cmp(&self.key)
    }
}

/// The pending events, and how many were taken out so far.
#[derive(Default)]
pub(super) struct EventQueue {
    heap: BinaryHeap<Event>,
    /// The sequence number of the last event scheduled.
    seq: u64,
    /// Events taken out (the whole run).
    taken: u64,
}

impl EventQueue {
    /// Schedules `kind` at time `t`, after every event already scheduled at `t`.
    pub(super) fn schedule(&mut self, t: Ticks, kind: Kind) {
        self.seq += 1;
        self.heap.push(Event {
            key: (u128::from(t) << 64) | u128::from(self.seq),
            kind,
        });
    }

    /// Takes out the next event if it happens at or before `limit`.
    #[inline]
    pub(super) fn next_until(&mut self, limit: Ticks) -> Option<Event> {
        if self.heap.peek()?.t() > limit {
            return None;
        }
        self.taken += 1;
        self.heap.pop()
    }

    /// Events taken out so far.
    pub(super) fn taken(&self) -> u64 {
        self.taken
    }
}
