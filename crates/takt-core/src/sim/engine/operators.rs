//! Operators: a server of a tended station that has taken a unit asks for one; a free
//! operator of that station comes (one already there first, else the first free one in
//! scenario order), walking if it stands elsewhere; otherwise the request waits in line and
//! the next operator released takes the oldest request it can serve.

use super::accounting::{OpState, OperatorStats};
use super::events::Kind;
use super::results::LogEvent;
use super::sim::Sim;
use super::station::{Assigned, Delay, ServerRef};
use crate::model::layout::Spot;
use crate::model::time::{to_units, Ticks};

/// An operator as the engine holds it (its time accounting is in `accounting.rs`).
pub(super) struct Operator {
    /// The stations it tends.
    pub(super) stations: Vec<u32>,
    /// Walking time between stations as given (`None`: from the layout, else no walking).
    pub(super) walk: Option<Delay>,
    /// The station it stands at or walks to (`None` before its first assignment).
    pub(super) at: Option<u32>,
    /// The server it is assigned to (`None`: free).
    pub(super) target: Option<ServerRef>,
    pub(super) stats: OperatorStats,
}

impl Sim {
    /// Server `srv` of station `st` holds a unit and needs an operator.
    pub(super) fn request_operator(&mut self, st: u32, srv: u32) {
        let free = |o: &Operator| o.target.is_none() && o.stations.contains(&st);
        let chosen = self
            .operators
            .iter()
            .position(|o| free(o) && o.at == Some(st))
            .or_else(|| self.operators.iter().position(free));
        let to = ServerRef {
            station: st,
            server: srv,
        };
        match chosen {
            Some(op) => self.assign(op as u32, to),
            None => self.requests.push_back(to),
        }
    }

    fn assign(&mut self, op: u32, to: ServerRef) {
        let o = &mut self.operators[op as usize];
        o.target = Some(to);
        self.stations[to.station as usize].servers[to.server as usize].operator =
            Some(Assigned { op, here: false });
        let at = o.at.replace(to.station);
        let walk = at.map_or(0, |at| {
            self.walk_time(
                op,
                Spot::Station(at as usize),
                Spot::Station(to.station as usize),
            )
        });
        if walk == 0 {
            self.on_walked(op);
        } else {
            self.start_walk(op, to.station, walk);
            self.events.schedule(self.after(walk), Kind::Walked { op });
        }
    }

    /// Operator `op` starts a walk of `walk` ticks to station `to`: counted, its state, logged.
    pub(super) fn start_walk(&mut self, op: u32, to: u32, walk: Ticks) {
        let now = self.now;
        let arrive = self.after(walk);
        let o = &mut self.operators[op as usize];
        self.stats.count_walk(now, &mut o.stats);
        o.stats.set_state(now, OpState::Walking);
        self.log.push(now, |t| LogEvent::Walk {
            t,
            operator: op,
            to,
            arrive: to_units(arrive),
        });
    }

    /// The operator is at its server: work begins, unless the server is down.
    pub(super) fn on_walked(&mut self, op: u32) {
        let now = self.now;
        let o = &mut self.operators[op as usize];
        let to = o.target.expect("an operator walks to a server");
        o.stats.set_state(now, OpState::Working);
        let s = &mut self.stations[to.station as usize].servers[to.server as usize];
        s.operator = Some(Assigned { op, here: true });
        if s.down {
            o.stats.set_state(now, OpState::Idle);
        } else {
            let u = s.held();
            self.begin(to.station, to.server, u);
        }
    }

    /// The operator's unit is finished: it is free for the oldest request it can serve.
    pub(super) fn release_operator(&mut self, op: u32) {
        let o = &mut self.operators[op as usize];
        o.target = None;
        o.stats.set_state(self.now, OpState::Idle);
        if let Some(pos) = self
            .requests
            .iter()
            .position(|r| o.stations.contains(&r.station))
        {
            let to = self.requests.remove(pos).expect("found");
            self.assign(op, to);
        }
    }
}
