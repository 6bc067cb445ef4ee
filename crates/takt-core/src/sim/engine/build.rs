//! Making a [`Sim`] from a scenario: a [`Prepared`] scenario (validated, routed) gives any
//! number of runs; each gets its stations, operators and random streams (one per named part,
//! see `rng`), then its first events.

use super::accounting::{OperatorStats, StationStats, Stats};
use super::carrier::Carrier;
use super::events::{EventQueue, Kind};
use super::handover::Transits;
use super::log::Log;
use super::operators::Operator;
use super::release::{Mix, Supply};
use super::results::{RunOptions, RunResult, SimError};
use super::sim::{Sim, Visits};
use super::station::{
    Breakdowns, Defect, Defects, Delay, InQueue, Kanban, QueueRef, Server, Setups, Station,
    TransferBatch, Work,
};
use super::units::Units;
use crate::model::time::to_ticks;
use crate::model::{DefectAction, Plan, Release, Routing, Scenario};
use crate::sim::rng::Stream;
use std::collections::VecDeque;

/// A validated scenario with its routing, ready for any number of runs.
pub struct Prepared<'a> {
    sc: &'a Scenario,
    routing: Routing,
}

impl<'a> Prepared<'a> {
    /// Validates the scenario once.
    pub fn new(sc: &'a Scenario) -> Result<Self, SimError> {
        sc.validate()?;
        Ok(Prepared {
            sc,
            routing: sc.routing()?,
        })
    }

    /// A simulation ready to step.
    pub fn sim(&self, opts: RunOptions) -> Sim {
        Sim::build(self.sc, &self.routing, opts)
    }

    /// Runs one replication to the horizon.
    pub fn run(&self, opts: RunOptions) -> Result<RunResult, SimError> {
        self.sim(opts).finish()
    }
}

/// Runs one replication to the horizon.
pub fn run(sc: &Scenario, opts: RunOptions) -> Result<RunResult, SimError> {
    Prepared::new(sc)?.run(opts)
}

/// The station at index `i` of a validated scenario, with its streams.
fn station(
    sc: &Scenario,
    routing: &Routing,
    i: usize,
    stream: &impl Fn(&str, &str) -> Stream,
) -> Station {
    let s = &sc.stations[i];
    let work = match &s.process {
        Some(d) => vec![Work {
            dist: d.clone(),
            value_added: true,
            stream: stream("process:", &s.id),
        }],
        None => s
            .elements
            .iter()
            .map(|e| Work {
                dist: e.time.clone(),
                value_added: e.value_added,
                stream: stream("element:", e.key()),
            })
            .collect(),
    };
    let feeds = &routing.feeds[i];
    let queue = |from| InQueue {
        from,
        qty: 1,
        units: VecDeque::new(),
        reserved: 0,
    };
    let inputs = if feeds.is_empty() {
        // A source: fed by arrivals (station 0 only) or saturated.
        if i == 0 && sc.arrivals.is_some() {
            vec![queue(None)]
        } else {
            Vec::new()
        }
    } else {
        feeds
            .iter()
            .map(|&(from, qty)| InQueue {
                qty,
                ..queue(Some(from as u32))
            })
            .collect()
    };
    let next = routing.succ[i].map(|j| QueueRef {
        station: j as u32,
        queue: routing.feeds[j].iter().position(|f| f.0 == i).unwrap_or(0) as u32,
    });
    let kanban = match &sc.release {
        Release::Kanban { limits } => limits.get(s.id.as_str()).copied(),
        _ => None,
    };
    Station {
        servers: (0..s.servers).map(|_| Server::new()).collect(),
        work,
        saturated: feeds.is_empty() && inputs.is_empty(),
        inputs,
        rework: VecDeque::new(),
        buffer: s.buffer,
        assembly: feeds.len() > 1,
        blocked: VecDeque::new(),
        batch: TransferBatch {
            size: s.batch,
            waiting: Vec::new(),
        },
        next,
        kanban: kanban.map(|limit| Kanban { limit, in_loop: 0 }),
        tended: sc.operators.iter().any(|o| o.stations.contains(&s.id)),
        defects: s.defects.as_ref().map(|d| Defects {
            rate: d.rate,
            then: match (&d.action, &d.to) {
                (DefectAction::Scrap, _) => Defect::Scrap,
                (DefectAction::Rework, Some(to)) => Defect::Rework {
                    at: sc.station_index(to).unwrap_or(i) as u32,
                },
                (DefectAction::Rework, None) => Defect::Rework { at: i as u32 },
            },
            stream: stream("defect:", &s.id),
        }),
        breakdowns: s.breakdowns.as_ref().map(|b| Breakdowns {
            between: b.between.clone(),
            repair: b.repair.clone(),
            stream: stream("breakdown:", &s.id),
        }),
        setups: s.setup.as_ref().map(|u| Setups {
            time: u.time.clone(),
            every: u.every,
            on_change: u.on_change,
            stream: stream("setup:", &s.id),
        }),
        transport: s.transport.as_ref().map(|d| Delay {
            time: d.clone(),
            stream: stream("transport:", &s.id),
        }),
        carrier: sc
            .operators
            .iter()
            .filter(|o| !o.carries.is_empty())
            .position(|o| o.carries.contains(&s.id))
            .map(|c| c as u32),
        stats: StationStats::default(),
    }
}

impl Sim {
    fn build(sc: &Scenario, routing: &Routing, opts: RunOptions) -> Sim {
        let (seed, rep) = (opts.seed, opts.replication);
        // A stream's name is a kind and an id ("process:" + "weld"), hashed without building it.
        let stream = |kind: &str, id: &str| Stream::named(seed, rep, [kind, id]);
        let n = sc.stations.len();
        let stations = (0..n).map(|i| station(sc, routing, i, &stream)).collect();
        let operators = sc
            .operators
            .iter()
            .map(|o| Operator {
                stations: o
                    .stations
                    .iter()
                    .filter_map(|s| sc.station_index(s))
                    .map(|i| i as u32)
                    .collect(),
                walk: o.walk.as_ref().map(|d| Delay {
                    time: d.clone(),
                    stream: stream("walk:", &o.id),
                }),
                at: None,
                target: None,
                stats: OperatorStats::new(),
            })
            .collect();
        let carriers = sc
            .operators
            .iter()
            .enumerate()
            .filter_map(|(k, o)| {
                let post = sc.station_index(o.carries.first()?)?;
                Some(Carrier::new(k as u32, post))
            })
            .collect();
        let plan = sc
            .layout
            .as_ref()
            .map(|l| Plan::new(l, sc.stations.iter().map(|s| s.id.as_str()), sc.time_unit));
        let mix = (sc.products.len() > 1).then(|| {
            let total: f64 = sc.products.iter().map(|p| p.share).sum();
            let mut acc = 0.0;
            let cumulative = sc
                .products
                .iter()
                .map(|p| {
                    acc += p.share / total;
                    acc
                })
                .collect();
            Mix {
                cumulative,
                stream: stream("mix", ""),
            }
        });
        let supply = Supply {
            arrivals: sc.arrivals.as_ref().map(|d| Delay {
                time: d.clone(),
                stream: stream("arrivals", ""),
            }),
            backlog: 0,
            conwip: match sc.release {
                Release::Conwip { limit } => Some(limit),
                _ => None,
            },
            sources: (0..n)
                .filter(|&i| routing.is_source(i))
                .map(|i| i as u32)
                .collect(),
            mix,
        };
        let mut sim = Sim {
            now: 0,
            horizon: to_ticks(sc.horizon),
            time_unit: sc.time_unit,
            station_ids: sc.stations.iter().map(|s| s.id.clone()).collect(),
            operator_ids: sc.operators.iter().map(|o| o.id.clone()).collect(),
            events: EventQueue::default(),
            units: Units::new(),
            stations,
            operators,
            carriers,
            plan,
            requests: VecDeque::new(),
            transits: Transits::default(),
            visits: Visits::new(n),
            supply,
            wip: 0,
            stats: Stats::new(
                to_ticks(sc.warmup),
                opts.record_units,
                sc.products.len().max(1),
            ),
            log: Log::new(opts.log_limit),
            error: None,
            opts,
        };
        sim.start();
        sim
    }

    /// The first events: the end of warm-up, the first arrival, each server's first failure;
    /// then every station is visited once.
    fn start(&mut self) {
        let warmup = self.stats.warmup();
        if warmup > 0 {
            self.events.schedule(warmup, Kind::Warmup);
        }
        if let Some(arrivals) = &mut self.supply.arrivals {
            let t = arrivals.draw();
            self.events.schedule(t, Kind::Arrival);
        }
        for i in 0..self.stations.len() {
            for k in 0..self.stations[i].servers.len() {
                self.schedule_failure(i as u32, k as u32);
            }
        }
        for i in 0..self.stations.len() {
            self.poke(i as u32);
        }
        self.settle();
    }
}
