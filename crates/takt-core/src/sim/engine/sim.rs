//! The [`Sim`]: everything one replication holds, the event loop that steps it, and which
//! handler each kind of event goes to. After each event the stations it touched are
//! visited (`settle`) until nothing more can happen at that instant.

use super::accounting::Stats;
use super::build::Prepared;
use super::carrier::Carrier;
use super::events::{EventQueue, Kind};
use super::handover::Transits;
use super::log::Log;
use super::operators::Operator;
use super::release::Supply;
use super::results::{RunOptions, RunResult, SimError};
use super::station::{ServerRef, Station};
use super::units::Units;
use crate::model::time::{to_ticks, to_units, Ticks, TimeUnit};
use crate::model::{Plan, Scenario};
use std::collections::VecDeque;

/// A simulation of one replication, which can be stepped with [`Sim::run_until`].
pub struct Sim {
    pub(super) now: Ticks,
    pub(super) horizon: Ticks,
    pub(super) time_unit: TimeUnit,
    pub(super) opts: RunOptions,
    pub(super) station_ids: Vec<String>,
    pub(super) operator_ids: Vec<String>,
    pub(super) events: EventQueue,
    pub(super) units: Units,
    pub(super) stations: Vec<Station>,
    pub(super) operators: Vec<Operator>,
    /// The logistics: operators who carry batches (`carrier.rs`).
    pub(super) carriers: Vec<Carrier>,
    /// The floor plan, for walking times not given (`None`: the scenario has no layout).
    pub(super) plan: Option<Plan>,
    /// Servers waiting for an operator, first come first served.
    pub(super) requests: VecDeque<ServerRef>,
    pub(super) transits: Transits,
    pub(super) visits: Visits,
    pub(super) supply: Supply,
    /// Units in the line (released, not yet finished, scrapped or merged).
    pub(super) wip: u64,
    pub(super) stats: Stats,
    pub(super) log: Log,
    pub(super) error: Option<SimError>,
}

/// The stations to visit before the clock moves on (each at most once in the list).
pub(super) struct Visits {
    list: Vec<u32>,
    listed: Vec<bool>,
}

impl Visits {
    pub(super) fn new(stations: usize) -> Visits {
        Visits {
            list: Vec::new(),
            listed: vec![false; stations],
        }
    }
}

impl Sim {
    /// Prepares a run of a validated scenario (it is validated again here).
    pub fn new(sc: &Scenario, opts: RunOptions) -> Result<Sim, SimError> {
        Ok(Prepared::new(sc)?.sim(opts))
    }

    /// The current simulated time, in time units.
    pub fn now(&self) -> f64 {
        to_units(self.now)
    }

    /// Runs every event up to and including time `t` (time units; clamped to the horizon)
    /// and moves the clock to `t`.
    pub fn run_until(&mut self, t: f64) -> Result<(), SimError> {
        let limit = to_ticks(t).min(self.horizon);
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        while let Some(ev) = self.events.next_until(limit) {
            self.now = ev.t();
            if self.events.taken() > self.opts.max_events {
                let e = SimError::TooManyEvents {
                    limit: self.opts.max_events,
                    at: to_units(self.now),
                };
                self.error = Some(e.clone());
                return Err(e);
            }
            self.handle(ev.kind);
            self.settle();
        }
        self.now = self.now.max(limit);
        Ok(())
    }

    /// Runs to the horizon and returns the results.
    pub fn finish(mut self) -> Result<RunResult, SimError> {
        self.run_until(to_units(self.horizon))?;
        self.now = self.horizon;
        Ok(self.result())
    }

    /// `d` from now.
    pub(super) fn after(&self, d: Ticks) -> Ticks {
        self.now.saturating_add(d)
    }

    fn handle(&mut self, kind: Kind) {
        match kind {
            Kind::Arrival => self.on_arrival(),
            Kind::Done { st, srv, gen } => {
                if self.stations[st as usize].servers[srv as usize].gen == gen {
                    self.on_done(st, srv);
                }
            }
            Kind::Fail { st, srv } => self.on_fail(st, srv),
            Kind::Repair { st, srv } => self.on_repair(st, srv),
            Kind::Transit { id } => self.on_transit(id),
            Kind::Walked { op } => self.on_walked(op),
            Kind::Fetched { c } => self.on_fetched(c),
            Kind::Carried { c } => self.on_carried(c),
            Kind::Returned { c } => self.on_returned(c),
            Kind::Warmup => self.restart_statistics(),
        }
    }

    /// Something happened to station `st`: visit it before the clock moves on.
    pub(super) fn poke(&mut self, st: u32) {
        let v = &mut self.visits;
        if !v.listed[st as usize] {
            v.listed[st as usize] = true;
            v.list.push(st);
        }
    }

    /// Lets every station that something happened to move units on and start work,
    /// until nothing more can happen at this instant.
    pub(super) fn settle(&mut self) {
        while let Some(st) = self.visits.list.pop() {
            self.visits.listed[st as usize] = false;
            self.dispatch(st);
            self.start_servers(st);
        }
    }
}
