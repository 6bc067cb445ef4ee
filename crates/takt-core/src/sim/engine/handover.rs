//! Finished units move on: a blocked server hands its unit on when the next station has
//! room (first blocked, first out); a transfer batch waits until it is complete and moves as
//! one; a transport time delays the arrival (room is reserved meanwhile), a logistician
//! carries it (`carrier.rs`); after the last
//! station a unit leaves the line as a finished good.

use super::events::Kind;
use super::sim::Sim;
use super::station::{Phase, QueueRef};
use super::units::UnitId;

/// A batch on its way from station `from` to the next station (or out of the line).
#[derive(Default)]
pub(super) struct Transit {
    from: u32,
    to: Option<QueueRef>,
    units: Vec<UnitId>,
}

/// The batches on their way; a slot is reused once its batch has arrived.
#[derive(Default)]
pub(super) struct Transits {
    slots: Vec<Transit>,
    free: Vec<u32>,
}

impl Transits {
    /// The station batch `id` comes from.
    pub(super) fn origin(&self, id: u32) -> u32 {
        self.slots[id as usize].from
    }

    /// Where batch `id` goes, and how many units it holds.
    pub(super) fn destination(&self, id: u32) -> (Option<QueueRef>, usize) {
        let tr = &self.slots[id as usize];
        (tr.to, tr.units.len())
    }

    pub(super) fn add(&mut self, tr: Transit) -> u32 {
        match self.free.pop() {
            Some(id) => {
                self.slots[id as usize] = tr;
                id
            }
            None => {
                self.slots.push(tr);
                (self.slots.len() - 1) as u32
            }
        }
    }

    fn remove(&mut self, id: u32) -> Transit {
        let tr = std::mem::take(&mut self.slots[id as usize]);
        self.free.push(id);
        tr
    }
}

impl Sim {
    /// Moves finished units out of station `st` (blocked servers first-blocked first-out).
    pub(super) fn dispatch(&mut self, st: u32) {
        let i = st as usize;
        while let Some(&srv) = self.stations[i].blocked.front() {
            let stn = &mut self.stations[i];
            let unit = stn.servers[srv as usize].held();
            if (stn.batch.waiting.len() as u32) < stn.batch.size - 1 {
                stn.batch.waiting.push(unit);
            } else {
                let n = stn.batch.waiting.len() as u64 + 1;
                if let Some(next) = stn.next {
                    if self.stations[next.station as usize].room(next.queue) < n {
                        break;
                    }
                }
                self.depart(st, unit);
            }
            let stn = &mut self.stations[i];
            stn.blocked.pop_front();
            let s = &mut stn.servers[srv as usize];
            s.phase = Phase::Idle;
            s.unit = None;
            // No poke or state update here: `settle` visits `start_servers` right after, and
            // that brings every server's state up to date.
        }
    }

    /// Moves the waiting batch-mates and `last` (the unit completing the batch) on.
    fn depart(&mut self, st: u32, last: UnitId) {
        let now = self.now;
        let stn = &mut self.stations[st as usize];
        let next = stn.next;
        let n = stn.batch.waiting.len() + 1;
        if let Some(c) = stn.carrier {
            // Carried by a person: the batch waits for them (carrier.rs), its room reserved.
            let mut units = std::mem::take(&mut stn.batch.waiting);
            units.push(last);
            self.reserve(next, n);
            let from = st;
            self.await_carrier(
                c,
                Transit {
                    from,
                    to: next,
                    units,
                },
            );
            return;
        }
        let delay = match &mut stn.transport {
            Some(transport) => transport.draw(),
            None => 0,
        };
        self.stats.count_move(now, &mut stn.stats, n as u64, delay);
        if delay == 0 && n == 1 {
            self.arrive(next, last);
            self.arrived(next);
            return;
        }
        if delay == 0 {
            // Reuse the waiting vector: no allocation on the hot path.
            let mut out = std::mem::take(&mut stn.batch.waiting);
            for u in out.drain(..).chain(std::iter::once(last)) {
                self.arrive(next, u);
            }
            self.stations[st as usize].batch.waiting = out;
            self.arrived(next);
            return;
        }
        let mut units = std::mem::take(&mut stn.batch.waiting);
        units.push(last);
        self.reserve(next, n);
        let id = self.transits.add(Transit {
            from: st,
            to: next,
            units,
        });
        self.events
            .schedule(self.after(delay), Kind::Transit { id });
    }

    /// Room for `n` units on their way is kept in queue `to`.
    fn reserve(&mut self, to: Option<QueueRef>, n: usize) {
        if let Some(q) = to {
            self.stations[q.station as usize].inputs[q.queue as usize].reserved += n as u32;
        }
    }

    /// A transported batch arrives.
    pub(super) fn on_transit(&mut self, id: u32) {
        let Transit { to, units, .. } = self.transits.remove(id);
        match to {
            Some(q) => {
                let queue = &mut self.stations[q.station as usize].inputs[q.queue as usize];
                queue.reserved -= units.len() as u32;
                queue.units.extend(units);
                self.arrived(to);
            }
            None => {
                for u in units {
                    self.complete(u);
                }
            }
        }
    }

    /// A unit arrives in queue `to` (or leaves the line as a finished good when `to` is
    /// `None`). Call [`Sim::arrived`] after the last unit of a move.
    fn arrive(&mut self, to: Option<QueueRef>, u: UnitId) {
        match to {
            None => self.complete(u),
            Some(q) => self.stations[q.station as usize].inputs[q.queue as usize]
                .units
                .push_back(u),
        }
    }

    fn arrived(&mut self, to: Option<QueueRef>) {
        if let Some(q) = to {
            self.queue_changed(q.station);
            // Only a free server can take the new unit now.
            if self.stations[q.station as usize]
                .servers
                .iter()
                .any(|s| s.can_start())
            {
                self.poke(q.station);
            }
        }
    }

    /// A unit leaves the line as a finished good.
    fn complete(&mut self, u: UnitId) {
        let unit = self.units.remove(u);
        self.stats.count_completed(self.now, &unit);
        self.wip_changed(-1);
    }
}
