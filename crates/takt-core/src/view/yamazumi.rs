//! The Yamazumi chart's numbers: each station's work per unit and per server, stacked by
//! work element (value-added or not) with its changeovers on top, against the takt. A
//! column's segments add up to the station's planned cycle time (`lean::Balance`).

use crate::lean::Balance;
use crate::model::Scenario;

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
