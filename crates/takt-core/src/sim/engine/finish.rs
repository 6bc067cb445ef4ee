//! What a unit does when it finishes at a station: found defective (one draw per unit),
//! it is scrapped or sent to a rework bin and the server is free at once; otherwise it
//! stays on its server (blocked) until `handover.rs` moves it on. Either way the operator
//! who tended the server is released.

use super::sim::Sim;
use super::station::{Defect, Defects, Phase};

impl Sim {
    /// A server's `Done` event: the end of its setup (processing follows) or of its processing.
    pub(super) fn on_done(&mut self, st: u32, srv: u32) {
        let s = &self.stations[st as usize].servers[srv as usize];
        if s.phase == Phase::Setup {
            let u = s.held();
            self.begin_work(st, srv, u);
        } else {
            self.finish_work(st, srv);
        }
    }

    /// The unit on server `srv` of station `st` is finished: decides where it goes.
    fn finish_work(&mut self, st: u32, srv: u32) {
        let (i, k) = (st as usize, srv as usize);
        let now = self.now;
        let stn = &mut self.stations[i];
        let s = &mut stn.servers[k];
        let u = s.held();
        let op = s.operator.take().map(|a| a.op);
        let unit = &mut self.units[u];
        unit.va += s.pending_va;
        unit.work += s.pending_work;
        let repeat = unit.reworks > 0;
        self.stats
            .count_processed(now, &mut stn.stats, s.pending_work, s.pending_va, repeat);
        match stn.defects.as_mut().and_then(Defects::inspect) {
            Some(defect) => {
                self.stats.count_defective(now, &mut stn.stats);
                // A defective unit leaves the kanban loop here.
                if let Some(kanban) = &mut stn.kanban {
                    kanban.in_loop -= 1;
                }
                let s = &mut stn.servers[k];
                s.phase = Phase::Idle;
                s.unit = None;
                match defect {
                    Defect::Scrap => {
                        let work = self.units[u].work;
                        self.stats.count_scrapped(now, &mut stn.stats, work);
                        self.units.remove(u);
                        self.wip_changed(-1);
                    }
                    Defect::Rework { at } => {
                        self.stats.count_reworked(now, &mut stn.stats);
                        self.units[u].reworks += 1;
                        self.stations[at as usize].rework.push_back(u);
                        self.queue_changed(at);
                        self.poke(at);
                    }
                }
            }
            None => {
                stn.servers[k].phase = Phase::Blocked;
                stn.blocked.push_back(srv);
            }
        }
        // The visit this poke causes brings the server's state up to date.
        self.poke(st);
        if let Some(op) = op {
            self.release_operator(op);
        }
    }
}
