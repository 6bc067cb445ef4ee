//! The Yamazumi chart's numbers: each station's work per unit and per server, stacked by
//! work element (value-added or not) with its changeovers on top, against the takt. A
//! column's segments add up to the station's planned cycle time (`lean::Balance`). The
//! same per operator ([`operators`]): each one's share of its stations' work and its walking.

use crate::lean::Balance;
use crate::model::{Operator, Plan, Scenario, Spot};

/// What a segment of a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Work that adds value (a value-added element, or a station's whole process).
    ValueAdded,
    /// Work that adds none (searching, fetching: a non-value-added element).
    NonValueAdded,
    /// The station's changeovers, per unit.
    Changeover,
}

/// One segment of a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// What kind of work.
    pub work: Work,
    /// The work element (its index in the station's `elements`); `None` for a station's
    /// whole `process` and for changeovers.
    pub element: Option<usize>,
    /// Mean time per unit and per server, in the scenario's time unit.
    pub time: f64,
}

/// One station's column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The station (its index in the scenario).
    pub station: usize,
    /// Its work, bottom up.
    pub segments: Vec<Segment>,
    /// Its planned cycle time: the segments' total.
    pub cycle_time: f64,
}

/// The whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Yamazumi {
    /// The takt time (`None` without an order).
    pub takt: Option<f64>,
    /// One column per station, in line order.
    pub columns: Vec<Column>,
}

/// The Yamazumi of a line as planned.
pub fn yamazumi(sc: &Scenario) -> Yamazumi {
    let balance = Balance::of(sc);
    let columns = sc
        .stations
        .iter()
        .zip(&balance.stations)
        .enumerate()
        .map(|(station, (st, plan))| {
            let per = f64::from(st.servers);
            let mut segments: Vec<Segment> = match &st.process {
                Some(d) => vec![Segment {
                    work: Work::ValueAdded,
                    element: None,
                    time: d.mean() / per,
                }],
                None => st
                    .elements
                    .iter()
                    .enumerate()
                    .map(|(k, e)| Segment {
                        work: if e.value_added {
                            Work::ValueAdded
                        } else {
                            Work::NonValueAdded
                        },
                        element: Some(k),
                        time: e.time.mean() / per,
                    })
                    .collect(),
            };
            if plan.setup_time > 0.0 {
                segments.push(Segment {
                    work: Work::Changeover,
                    element: None,
                    time: plan.setup_time / per,
                });
            }
            Column {
                station,
                segments,
                cycle_time: plan.cycle_time,
            }
        })
        .collect();
    Yamazumi {
        takt: balance.takt_time,
        columns,
    }
}

/// What a segment of an operator's column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// The operator's share of a station's work per unit (its index in the scenario); for a
    /// logistician, carrying that station's batches.
    Station(usize),
    /// Walking between the operator's stations, per unit.
    Walking,
}

/// One segment of an operator's column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OperatorSegment {
    /// Station work or walking.
    pub load: Load,
    /// Mean time per unit, in the scenario's time unit.
    pub time: f64,
}

/// One operator's column.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorColumn {
    /// The operator (its index in the scenario's `operators`).
    pub operator: usize,
    /// Its stations in the order it lists them, then walking (when it walks).
    pub segments: Vec<OperatorSegment>,
    /// Its work per unit: the segments' total.
    pub total: f64,
}

/// The Yamazumi per operator (загрузка операторов): each operator's work per unit of
/// product, including walking, against the takt.
///
/// - A station's work per unit is its process time plus changeovers per unit (`Balance`),
///   not divided by its servers (the operator does each unit's whole work), shared equally
///   among the operators who tend it.
/// - An operator who tends more than one station walks a round through them for each unit:
///   one walk (its mean) per station it tends, or its loop on the floor plan
///   (`Scenario::loop_walk`); one who tends one station does not walk.
/// - A logistician carries a batch of each station it carries from and walks there and back,
///   a batch's share per unit (`carrying`).
///
/// Empty when the line has no operators.
pub fn operators(sc: &Scenario) -> Vec<OperatorColumn> {
    let balance = Balance::of(sc);
    let tending = |station: &str| {
        sc.operators
            .iter()
            .filter(|o| o.stations.iter().any(|s| s == station))
            .count()
            .max(1)
    };
    sc.operators
        .iter()
        .enumerate()
        .map(|(operator, o)| {
            let mut segments: Vec<OperatorSegment> = o
                .stations
                .iter()
                .filter_map(|id| {
                    let k = sc.station_index(id)?;
                    let plan = &balance.stations[k];
                    Some(OperatorSegment {
                        load: Load::Station(k),
                        time: (plan.process_time + plan.setup_time) / tending(id) as f64,
                    })
                })
                .collect();
            segments.extend(carrying(sc, o));
            let walk = sc.loop_walk(o);
            if walk > 0.0 {
                segments.push(OperatorSegment {
                    load: Load::Walking,
                    time: walk,
                });
            }
            let total = segments.iter().map(|s| s.time).sum();
            OperatorColumn {
                operator,
                segments,
                total,
            }
        })
        .collect()
}

/// A logistician's load per unit: for each station it carries from, carrying one batch (the
/// station's `transport`, else the floor plan's distance at walking speed) and walking to it
/// from its post and back from where the batch went (its `walk`, else the plan), shared over
/// the batch's units. Nothing for an operator who carries nothing.
fn carrying(sc: &Scenario, o: &Operator) -> Vec<OperatorSegment> {
    let (Ok(routing), Some(post)) = (
        sc.routing(),
        o.carries.first().and_then(|id| sc.station_index(id)),
    ) else {
        return Vec::new();
    };
    let plan = (sc.layout.as_ref())
        .map(|l| Plan::new(l, sc.stations.iter().map(|s| s.id.as_str()), sc.time_unit));
    let time = |a: Spot, b: Spot| plan.as_ref().and_then(|p| p.time(a, b)).unwrap_or(0.0);
    let walk = |a: Spot, b: Spot| match &o.walk {
        _ if a == b => 0.0,
        Some(w) => w.mean(),
        None => time(a, b),
    };
    let post = Spot::Station(post);
    let mut segments = Vec::new();
    let mut walking = 0.0;
    for k in o.carries.iter().filter_map(|id| sc.station_index(id)) {
        let s = &sc.stations[k];
        let batch = f64::from(s.batch.max(1));
        let (here, next) = (
            Spot::Station(k),
            routing.succ[k].map_or(Spot::Shipping, Spot::Station),
        );
        let carry = s
            .transport
            .as_ref()
            .map_or_else(|| time(here, next), |t| t.mean());
        walking += (walk(post, here) + walk(next, post)) / batch;
        segments.push(OperatorSegment {
            load: Load::Station(k),
            time: carry / batch,
        });
    }
    if walking > 0.0 {
        segments.push(OperatorSegment {
            load: Load::Walking,
            time: walking,
        });
    }
    segments
}
