//! The event list: what can happen at an instant ([`Kind`]) and in which order events run.
//!
//! A 4-ary min-heap keyed by (time, insertion sequence) packed in one integer: same-time
//! events run first-in first-out, so a run is reproducible. A line has few events pending
//! (about one per server), so the heap is shallow: four children per node halve its depth
//! against a binary heap, and each level compares keys that sit side by side in memory.

use crate::model::time::Ticks;

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
    /// Logistician `c` reaches the batch it walked to.
    Fetched { c: u32 },
    /// Logistician `c` delivers the batch it carries.
    Carried { c: u32 },
    /// Logistician `c` is back at its post.
    Returned { c: u32 },
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

/// Children per node of the heap.
const ARITY: usize = 4;

/// The pending events, and how many were taken out so far.
#[derive(Default)]
pub(super) struct EventQueue {
    /// A min-heap on `key`: node `i` has children `ARITY·i + 1 ..= ARITY·i + ARITY`.
    heap: Vec<Event>,
    /// The sequence number of the last event scheduled.
    seq: u64,
    /// Events taken out (the whole run).
    taken: u64,
}

impl EventQueue {
    /// Schedules `kind` at time `t`, after every event already scheduled at `t`.
    pub(super) fn schedule(&mut self, t: Ticks, kind: Kind) {
        self.seq += 1;
        let ev = Event {
            key: (u128::from(t) << 64) | u128::from(self.seq),
            kind,
        };
        // Sift up: move parents down into the hole until `ev` fits.
        let mut hole = self.heap.len();
        self.heap.push(ev);
        while hole > 0 {
            let parent = (hole - 1) / ARITY;
            if self.heap[parent].key <= ev.key {
                break;
            }
            self.heap[hole] = self.heap[parent];
            hole = parent;
        }
        self.heap[hole] = ev;
    }

    /// Takes out the next event if it happens at or before `limit`.
    #[inline]
    pub(super) fn next_until(&mut self, limit: Ticks) -> Option<Event> {
        if self.heap.first()?.t() > limit {
            return None;
        }
        self.taken += 1;
        let last = self.heap.pop().expect("not empty");
        let Some(&first) = self.heap.first() else {
            return Some(last);
        };
        // Sift `last` down from the root: move the least child up until `last` fits.
        let n = self.heap.len();
        let mut hole = 0;
        loop {
            let from = ARITY * hole + 1;
            if from >= n {
                break;
            }
            let to = (from + ARITY).min(n);
            let mut least = from;
            for c in from + 1..to {
                if self.heap[c].key < self.heap[least].key {
                    least = c;
                }
            }
            if self.heap[least].key >= last.key {
                break;
            }
            self.heap[hole] = self.heap[least];
            hole = least;
        }
        self.heap[hole] = last;
        Some(first)
    }

    /// Events taken out so far.
    pub(super) fn taken(&self) -> u64 {
        self.taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator for the test's times.
    fn times(n: usize) -> Vec<Ticks> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % 50
            })
            .collect()
    }

    #[test]
    fn events_come_out_by_time_then_in_the_order_they_were_scheduled() {
        for n in [0, 1, 2, 5, 16, 17, 100, 1000] {
            let mut q = EventQueue::default();
            let ts = times(n);
            for (i, &t) in ts.iter().enumerate() {
                q.schedule(t, Kind::Transit { id: i as u32 });
            }
            let mut want: Vec<(Ticks, u32)> =
                ts.iter().enumerate().map(|(i, &t)| (t, i as u32)).collect();
            want.sort(); // by time, then by insertion (the id)
            let mut got = Vec::new();
            while let Some(ev) = q.next_until(Ticks::MAX) {
                let Kind::Transit { id } = ev.kind else {
                    unreachable!()
                };
                got.push((ev.t(), id));
            }
            assert_eq!(got, want, "{n} events");
            assert_eq!(q.taken(), n as u64);
        }
    }

    #[test]
    fn holds_interleaved_with_takes_keep_the_order_and_the_limit() {
        let mut q = EventQueue::default();
        for (i, &t) in times(16).iter().enumerate() {
            q.schedule(t, Kind::Walked { op: i as u32 });
        }
        let mut now = 0;
        for (i, dt) in times(5000).into_iter().enumerate() {
            let ev = q.next_until(Ticks::MAX).expect("16 pending");
            assert!(ev.t() >= now, "time went back");
            now = ev.t();
            q.schedule(now + dt, Kind::Walked { op: i as u32 });
        }
        // Nothing pending is earlier than the last event taken.
        assert!(now > 0);
        assert!(q.next_until(now - 1).is_none());
        assert_eq!(q.taken(), 5000);
    }
}
