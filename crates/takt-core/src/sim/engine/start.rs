//! A free server starts a unit: which unit it takes (rework first, then from the feeders,
//! merging components at an assembly station, or new raw material at a saturated source),
//! what holds it back (nothing to take, a full kanban loop, no operator yet), and the setup
//! and processing that follow.

use super::events::Kind;
use super::results::{LogEvent, State};
use super::sim::Sim;
use super::station::{Kanban, Phase};
use super::units::UnitId;
use crate::model::time::to_units;

impl Sim {
    /// Starts work on every idle server of station `st` that can start.
    pub(super) fn start_servers(&mut self, st: u32) {
        let i = st as usize;
        if st == 0 {
            self.release_backlog();
        }
        let mut starved = false;
        for k in 0..self.stations[i].servers.len() {
            let srv = k as u32;
            let s = &self.stations[i].servers[k];
            if s.phase != Phase::Idle || s.down {
                // Its accounting state may have changed during this visit (finished, handed on).
                self.update_state(st, srv);
                continue;
            }
            match self.take_unit(st) {
                Ok(u) => {
                    self.units[u].origin = Some(st);
                    let stn = &mut self.stations[i];
                    stn.servers[k].unit = Some(u);
                    if let Some(kanban) = &mut stn.kanban {
                        kanban.in_loop += 1;
                    }
                    if stn.tended {
                        stn.servers[k].phase = Phase::Claimed;
                        self.request_operator(st, srv);
                    } else {
                        self.begin(st, srv, u);
                    }
                }
                Err(reason) => {
                    starved |= reason == State::Starved;
                    self.stations[i].servers[k].idle_reason = reason;
                }
            }
            self.update_state(st, srv);
        }
        // A server free to start is room for a feeder's blocked unit when the buffer is finite.
        if starved && self.stations[i].buffer.is_some() {
            for q in 0..self.stations[i].inputs.len() {
                if let Some(from) = self.stations[i].inputs[q].from {
                    if !self.stations[from as usize].blocked.is_empty() {
                        self.poke(from);
                    }
                }
            }
        }
    }

    /// Takes the next unit for station `st`: rework first, then from the feeders (merging
    /// components at an assembly station), or new raw material at a saturated source.
    /// When none can be taken, tells why (Starved or Blocked).
    fn take_unit(&mut self, st: u32) -> Result<UnitId, State> {
        let i = st as usize;
        if let Some(u) = self.stations[i].rework.pop_front() {
            self.queue_changed(st);
            return Ok(u);
        }
        let stn = &self.stations[i];
        if stn.kanban.as_ref().is_some_and(Kanban::full) {
            return Err(State::Blocked);
        }
        if stn.saturated {
            if self.conwip_full() {
                return Err(State::Starved);
            }
            return Ok(self.new_unit());
        }
        if stn.inputs.is_empty() || stn.inputs.iter().any(|q| (q.units.len() as u32) < q.qty) {
            return Err(State::Starved);
        }
        let mut carrier = None;
        for q in 0..self.stations[i].inputs.len() {
            let (from, qty) = (
                self.stations[i].inputs[q].from,
                self.stations[i].inputs[q].qty,
            );
            for _ in 0..qty {
                let u = self.stations[i].inputs[q]
                    .units
                    .pop_front()
                    .expect("checked length");
                // The unit leaves the kanban loop of the station that started it.
                if let Some(origin) = self.units[u].origin {
                    if let Some(kanban) = &mut self.stations[origin as usize].kanban {
                        kanban.in_loop -= 1;
                        self.poke(origin);
                    }
                }
                match carrier {
                    None => carrier = Some(u),
                    Some(c) => {
                        let part = self.units.remove(u);
                        let c = &mut self.units[c];
                        c.release = c.release.min(part.release);
                        c.va += part.va;
                        c.work += part.work;
                        self.stats.count_merged(self.now);
                        self.wip_changed(-1);
                    }
                }
            }
            // Room was made: a feeder holding a finished unit may hand it on.
            if let Some(from) = from {
                if !self.stations[from as usize].blocked.is_empty() {
                    self.poke(from);
                }
            }
        }
        self.queue_changed(st);
        Ok(carrier.expect("every feeder queue gives at least one unit"))
    }

    /// Server `srv` of station `st` holds unit `u` and has its operator: it sets up if
    /// needed, else processes.
    pub(super) fn begin(&mut self, st: u32, srv: u32, u: UnitId) {
        let (i, k) = (st as usize, srv as usize);
        let product = self.units[u].product;
        let now = self.now;
        let stn = &mut self.stations[i];
        let s = &mut stn.servers[k];
        let setup = match &mut stn.setups {
            Some(setups) if setups.needed(s, product) => Some(setups.duration()),
            _ => None,
        };
        let Some(dt) = setup else {
            self.begin_work(st, srv, u);
            return;
        };
        s.phase = Phase::Setup;
        s.since_setup = 0;
        s.end = now.saturating_add(dt);
        s.gen = s.gen.wrapping_add(1);
        let (end, gen) = (s.end, s.gen);
        self.stats.count_setup(now, &mut stn.stats);
        self.events.schedule(end, Kind::Done { st, srv, gen });
        self.update_state(st, srv);
    }

    /// Processing of unit `u` starts (after the setup, if any): its time is drawn now.
    pub(super) fn begin_work(&mut self, st: u32, srv: u32, u: UnitId) {
        let now = self.now;
        let stn = &mut self.stations[st as usize];
        let mut each = self.log.is_on().then(Vec::new);
        let (total, va) = stn.draw_processing(each.as_mut());
        let s = &mut stn.servers[srv as usize];
        if let Some(each) = each {
            let operator = s.operator.as_ref().map(|a| a.op);
            self.log.push(now, |t| LogEvent::Work {
                t,
                station: st,
                server: srv,
                operator,
                elements: each.into_iter().map(to_units).collect(),
            });
        }
        s.phase = Phase::Working;
        s.pending_work = total;
        s.pending_va = va;
        s.since_setup += 1;
        s.last_product = Some(self.units[u].product);
        s.end = now.saturating_add(total);
        s.gen = s.gen.wrapping_add(1);
        let (end, gen) = (s.end, s.gen);
        self.events.schedule(end, Kind::Done { st, srv, gen });
        self.update_state(st, srv);
    }
}
