//! Failures and repairs of servers. A failure stops a server in calendar time, whatever it
//! is doing: setup or processing in hand is interrupted and resumes after the repair for the
//! time it had left; the next failure is drawn when the repair ends.

use super::accounting::OpState;
use super::events::Kind;
use super::sim::Sim;
use super::station::Phase;

impl Sim {
    /// Draws when server `srv` of station `st` fails next (if the station has breakdowns).
    pub(super) fn schedule_failure(&mut self, st: u32, srv: u32) {
        if let Some(breakdowns) = &mut self.stations[st as usize].breakdowns {
            let d = breakdowns.time_to_failure();
            self.events.schedule(self.after(d), Kind::Fail { st, srv });
        }
    }

    pub(super) fn on_fail(&mut self, st: u32, srv: u32) {
        let now = self.now;
        let stn = &mut self.stations[st as usize];
        let s = &mut stn.servers[srv as usize];
        s.down = true;
        if matches!(s.phase, Phase::Setup | Phase::Working) {
            // The pending `Done` goes stale; the repair schedules the rest of the work.
            s.remaining = s.end.saturating_sub(now);
            s.gen = s.gen.wrapping_add(1);
        }
        let op = s.operator.map(|a| a.op);
        self.stats.count_failure(now, &mut stn.stats);
        let repair = stn
            .breakdowns
            .as_mut()
            .expect("a failure needs breakdowns")
            .repair_time();
        self.events
            .schedule(self.after(repair), Kind::Repair { st, srv });
        if let Some(op) = op {
            self.operators[op as usize]
                .stats
                .set_state(now, OpState::Idle);
        }
        self.update_state(st, srv);
    }

    pub(super) fn on_repair(&mut self, st: u32, srv: u32) {
        let now = self.now;
        let s = &mut self.stations[st as usize].servers[srv as usize];
        s.down = false;
        match s.phase {
            Phase::Setup | Phase::Working => {
                s.end = now.saturating_add(s.remaining);
                let (end, gen, op) = (s.end, s.gen, s.operator);
                self.events.schedule(end, Kind::Done { st, srv, gen });
                if let Some(a) = op {
                    self.operators[a.op as usize]
                        .stats
                        .set_state(now, OpState::Working);
                }
            }
            Phase::Claimed if s.operator.is_some_and(|a| a.here) => {
                let u = s.held();
                self.begin(st, srv, u);
            }
            _ => {}
        }
        self.schedule_failure(st, srv);
        self.update_state(st, srv);
        self.poke(st);
    }
}
