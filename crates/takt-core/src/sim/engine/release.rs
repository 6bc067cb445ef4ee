//! Raw material entering the line: arrivals (turned away when the first queue is full), the
//! CONWIP backlog and cards, saturated sources, the product of each new unit, and the count
//! of units in the line.

use super::events::Kind;
use super::results::LogEvent;
use super::sim::Sim;
use super::station::Delay;
use super::units::{Unit, UnitId};
use crate::sim::rng::Stream;

/// Where raw material comes from, and what holds it back.
pub(super) struct Supply {
    /// Time between arrivals (`None`: raw material always at hand).
    pub(super) arrivals: Option<Delay>,
    /// Arrived orders waiting for a CONWIP card.
    pub(super) backlog: u64,
    /// The CONWIP limit on units in the line.
    pub(super) conwip: Option<u32>,
    /// The stations nothing feeds (they may release again when a CONWIP card comes back).
    pub(super) sources: Vec<u32>,
    pub(super) mix: Option<Mix>,
}

/// The product mix: each new unit's product is drawn by its share.
pub(super) struct Mix {
    /// The shares, normalised and summed up to each product.
    pub(super) cumulative: Vec<f64>,
    pub(super) stream: Stream,
}

impl Mix {
    fn draw(&mut self) -> u32 {
        let u = self.stream.uniform();
        let cum = &self.cumulative;
        cum.iter().position(|c| u < *c).unwrap_or(cum.len() - 1) as u32
    }
}

impl Sim {
    pub(super) fn on_arrival(&mut self) {
        if let Some(arrivals) = &mut self.supply.arrivals {
            let dt = arrivals.draw();
            self.events.schedule(self.after(dt), Kind::Arrival);
        }
        if self.supply.conwip.is_some() {
            self.supply.backlog += 1;
            self.poke(0);
        } else if self.stations[0].room(0) > 0 {
            self.release_into_queue();
        } else {
            self.stats.count_lost(self.now);
        }
    }

    /// Releases one unit of raw material into the first station's queue.
    fn release_into_queue(&mut self) {
        let u = self.new_unit();
        self.stations[0].inputs[0].units.push_back(u);
        self.queue_changed(0);
        self.poke(0);
    }

    /// Under CONWIP, orders wait in the backlog until a card is free (idle servers of the
    /// first station count as room).
    pub(super) fn release_backlog(&mut self) {
        let Some(limit) = self.supply.conwip else {
            return;
        };
        while self.supply.backlog > 0 && self.wip < u64::from(limit) && self.stations[0].room(0) > 0
        {
            self.supply.backlog -= 1;
            self.release_into_queue();
        }
    }

    /// Whether every CONWIP card is in the line (a saturated source must wait).
    pub(super) fn conwip_full(&self) -> bool {
        self.supply
            .conwip
            .is_some_and(|limit| self.wip >= u64::from(limit))
    }

    /// A new unit of raw material (its product drawn from the mix).
    pub(super) fn new_unit(&mut self) -> UnitId {
        let product = match &mut self.supply.mix {
            Some(mix) => mix.draw(),
            None => 0,
        };
        let unit = Unit {
            release: self.now,
            product,
            va: 0,
            work: 0,
            reworks: 0,
            origin: None,
        };
        self.stats.count_released(self.now);
        self.wip_changed(1);
        self.units.add(unit)
    }

    /// The units in the line changed by `delta`.
    pub(super) fn wip_changed(&mut self, delta: i64) {
        let before = self.wip;
        self.wip = before.saturating_add_signed(delta);
        self.stats.wip_changed(self.now, before, self.wip);
        let units = self.wip;
        self.log.push(self.now, |t| LogEvent::Wip { t, units });
        if delta < 0 && self.supply.conwip.is_some() {
            // A CONWIP card came back: the sources may release again.
            for k in 0..self.supply.sources.len() {
                self.poke(self.supply.sources[k]);
            }
        }
    }
}
