//! The logistician: an operator with `carries` moves those stations' transfer batches.
//!
//! A batch complete at a station it carries from waits for it (room at the next station is
//! reserved, as for any transport). Free, it takes the batch that has waited longest: it
//! walks from where it stands to that station, carries the batch to the next station (or
//! the shipping area after the last one), and there takes the next waiting batch; when none
//! waits it walks back to its post, the first station it carries from, and only then looks
//! again. Walking empty is its motion (walking); carrying is its work, and the station's
//! transport time; the time a batch waits to be picked up is the station's wait for the
//! logistician. Times: the operator's `walk` where given, else the layout's distance at
//! walking speed; carrying takes the station's `transport` where given, else the layout's
//! distance; without either, no time.

use super::accounting::OpState;
use super::events::Kind;
use super::handover::Transit;
use super::results::LogEvent;
use super::sim::Sim;
use crate::model::layout::Spot;
use crate::model::time::{to_ticks, to_units, Ticks};
use std::collections::VecDeque;

/// What a logistician is doing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Task {
    Free,
    /// Walking to the batch `id`, ready since `ready`.
    Fetching {
        id: u32,
        ready: Ticks,
    },
    /// Carrying the batch `id`.
    Carrying {
        id: u32,
    },
    /// Walking back to its post.
    Returning,
}

/// A logistician as the engine holds it.
pub(super) struct Carrier {
    /// Its index among the operators.
    pub(super) op: u32,
    post: Spot,
    at: Spot,
    /// Batches ready to be carried: transit id and when it was ready, oldest first.
    waiting: VecDeque<(u32, Ticks)>,
    task: Task,
}

impl Carrier {
    /// Operator `op`, posted at station `post`.
    pub(super) fn new(op: u32, post: usize) -> Carrier {
        Carrier {
            op,
            post: Spot::Station(post),
            at: Spot::Station(post),
            waiting: VecDeque::new(),
            task: Task::Free,
        }
    }
}

impl Sim {
    /// The time operator `op` takes to walk from one spot to another (see the module notes).
    pub(super) fn walk_time(&mut self, op: u32, from: Spot, to: Spot) -> Ticks {
        if from == to {
            return 0;
        }
        match &mut self.operators[op as usize].walk {
            Some(walk) => walk.draw(),
            None => self.plan_time(from, to),
        }
    }

    /// The time from one spot to another at walking speed on the layout (0 without one).
    pub(super) fn plan_time(&self, from: Spot, to: Spot) -> Ticks {
        self.plan
            .as_ref()
            .and_then(|p| p.time(from, to))
            .map_or(0, to_ticks)
    }

    /// A batch is complete at station `from` (carried by logistician `c`): it waits.
    pub(super) fn await_carrier(&mut self, c: u32, transit: Transit) {
        let id = self.transits.add(transit);
        let now = self.now;
        self.carriers[c as usize].waiting.push_back((id, now));
        self.carrier_next(c);
    }

    /// A free logistician takes the batch that has waited longest.
    fn carrier_next(&mut self, c: u32) {
        let k = &mut self.carriers[c as usize];
        if k.task != Task::Free {
            return;
        }
        let Some((id, ready)) = k.waiting.pop_front() else {
            return;
        };
        let (op, at) = (k.op, k.at);
        let from = self.transits.origin(id);
        k.task = Task::Fetching { id, ready };
        let walk = self.walk_time(op, at, Spot::Station(from as usize));
        if walk == 0 {
            self.on_fetched(c);
        } else {
            self.start_walk(op, from, walk);
            self.events.schedule(self.after(walk), Kind::Fetched { c });
        }
    }

    /// The logistician is at the batch: it carries it on.
    pub(super) fn on_fetched(&mut self, c: u32) {
        let now = self.now;
        let k = &mut self.carriers[c as usize];
        let Task::Fetching { id, ready } = k.task else {
            unreachable!("a logistician fetches a batch")
        };
        let op = k.op;
        let from = self.transits.origin(id);
        k.at = Spot::Station(from as usize);
        let (to, units) = self.transits.destination(id);
        let dest = to.map_or(Spot::Shipping, |q| Spot::Station(q.station as usize));
        let drawn = self.stations[from as usize]
            .transport
            .as_mut()
            .map(|transport| transport.draw());
        let carry = drawn.unwrap_or_else(|| self.plan_time(Spot::Station(from as usize), dest));
        let stn = &mut self.stations[from as usize];
        self.stats
            .count_move(now, &mut stn.stats, units as u64, carry);
        self.stats
            .count_carrier_wait(now, &mut stn.stats, now - ready);
        self.operators[op as usize]
            .stats
            .set_state(now, OpState::Working);
        let arrive = self.after(carry);
        self.log.push(now, |t| LogEvent::Carry {
            t,
            operator: op,
            from,
            to: to.map(|q| q.station),
            units: units as u32,
            arrive: to_units(arrive),
        });
        self.carriers[c as usize].task = Task::Carrying { id };
        self.events.schedule(arrive, Kind::Carried { c });
    }

    /// The batch is delivered: the logistician takes the next one, or walks back to its post.
    pub(super) fn on_carried(&mut self, c: u32) {
        let k = &mut self.carriers[c as usize];
        let Task::Carrying { id } = k.task else {
            unreachable!("a logistician delivers a batch")
        };
        let (to, _) = self.transits.destination(id);
        k.at = to.map_or(Spot::Shipping, |q| Spot::Station(q.station as usize));
        k.task = Task::Free;
        let (op, at, post) = (k.op, k.at, k.post);
        self.on_transit(id);
        if !self.carriers[c as usize].waiting.is_empty() {
            self.carrier_next(c);
            return;
        }
        let walk = self.walk_time(op, at, post);
        let Spot::Station(home) = post else {
            unreachable!("a post is a station")
        };
        if walk == 0 {
            self.on_returned(c);
        } else {
            self.carriers[c as usize].task = Task::Returning;
            self.start_walk(op, home as u32, walk);
            self.events.schedule(self.after(walk), Kind::Returned { c });
        }
    }

    /// The logistician is back at its post.
    pub(super) fn on_returned(&mut self, c: u32) {
        let k = &mut self.carriers[c as usize];
        k.at = k.post;
        k.task = Task::Free;
        let op = k.op;
        self.operators[op as usize]
            .stats
            .set_state(self.now, OpState::Idle);
        self.carrier_next(c);
    }
}
