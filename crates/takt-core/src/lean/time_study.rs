//! Хронометраж / time study: the observation sheet a time-study engineer (нормировщик)
//! fills in at one workplace, read off a run's event log instead of a stopwatch.
//!
//! The engine logs, at every start of work, the duration it drew for each of the station's
//! work elements ([`LogEvent::Work`]). The sheet takes the first `cycles` consecutive
//! cycles of one workplace (the station's server that works first at or after `from`) and
//! gives, per element, its time in every cycle, its minimum, maximum and mean, and its
//! stability coefficient Kу = max ÷ min, judged against the normative coefficient for manual
//! work in mass production ([`normative_stability`]); and per cycle, the operation time (the
//! sum of the elements), its mean against the takt time. Definitions in `docs/metrics.md`.

use crate::lean::kpis::takt_time;
use crate::model::{Scenario, Text};
use crate::sim::LogEvent;
use std::fmt;

/// Cycles on a sheet unless asked otherwise (the usual 10 observations).
pub const DEFAULT_CYCLES: usize = 10;

/// The most cycles one sheet takes.
pub const MAX_CYCLES: usize = 100;

/// The normative stability coefficient of a manual work element in mass production: 1.5
/// when more than three of its observed times exceed 10 seconds, else 2.0 (short elements
/// are harder to time and vary more).
pub fn normative_stability(seconds: &[f64]) -> f64 {
    if seconds.iter().filter(|&&s| s > 10.0).count() > 3 {
        1.5
    } else {
        2.0
    }
}

/// Minimum, maximum and mean of a series of observed times.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
}

impl Spread {
    fn of(times: &[f64]) -> Spread {
        let min = times.iter().copied().fold(f64::INFINITY, f64::min);
        let max = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Spread {
            min,
            max,
            mean: times.iter().sum::<f64>() / times.len() as f64,
        }
    }

    /// Kу = max ÷ min; `None` when the minimum is 0 (an element that took no time).
    pub fn stability(&self) -> Option<f64> {
        (self.min > 0.0).then(|| self.max / self.min)
    }
}

/// One work element's row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementRow {
    /// The element's key (the station's id when the station has one process and no elements).
    pub key: String,
    /// Its name (`None`: the station's process, named by the station).
    pub name: Option<Text>,
    /// Whether the customer pays for it.
    pub value_added: bool,
    /// Its time in each observed cycle, in the scenario's time unit.
    pub times: Vec<f64>,
    pub spread: Spread,
    /// Kу = max ÷ min (`None` when the minimum is 0).
    pub stability: Option<f64>,
    /// The normative Kу it is judged against.
    pub normative: f64,
    /// Whether the series is stable: Kу at most the normative one (an element that took no
    /// time in some cycle is not).
    pub stable: bool,
}

/// The observation sheet of one workplace.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeStudy {
    /// The station's id.
    pub station: String,
    /// The workplace observed: the station's server.
    pub server: u32,
    /// When each observed cycle started, in the scenario's time unit.
    pub starts: Vec<f64>,
    /// One row per work element, in the station's order.
    pub elements: Vec<ElementRow>,
    /// The operation time of each cycle: the sum of its elements.
    pub operation: Vec<f64>,
    pub operation_spread: Spread,
    /// The takt time (`None` without an order).
    pub takt: Option<f64>,
    /// Cycles asked for; fewer were observed when the run had fewer (`starts.len()`).
    pub requested: usize,
}

impl TimeStudy {
    /// Whether the operation's mean time fits in the takt time (`None` without an order).
    pub fn meets_takt(&self) -> Option<bool> {
        self.takt.map(|t| self.operation_spread.mean <= t)
    }

    /// Each element's name in `lang`, in the sheet's order: the element's own, or the
    /// station's for a station's one process.
    pub fn names(&self, sc: &Scenario, lang: &str) -> Vec<String> {
        self.elements
            .iter()
            .map(|e| match &e.name {
                Some(n) => n.get(lang).to_owned(),
                None => sc.station_label(&self.station, lang).to_owned(),
            })
            .collect()
    }

    /// A trainee's own stopwatch readings checked against the log (the exercise): `laps` are
    /// the moments (time units, in the shift) the trainee marked each element's end, cycle
    /// after cycle, in order; each cycle is timed from its start, which the app shows. Only
    /// whole cycles count. Per element: the trainee's mean and the log's over those cycles.
    pub fn check_timing(&self, laps: &[f64]) -> Vec<Timed> {
        let m = self.elements.len();
        let cycles = (laps.len() / m.max(1)).min(self.starts.len());
        self.elements
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let theirs: Vec<f64> = (0..cycles)
                    .map(|c| {
                        let end = laps[c * m + k];
                        let begin = if k == 0 {
                            self.starts[c]
                        } else {
                            laps[c * m + k - 1]
                        };
                        end - begin
                    })
                    .collect();
                let mean = |v: &[f64]| {
                    if v.is_empty() {
                        0.0
                    } else {
                        v.iter().sum::<f64>() / v.len() as f64
                    }
                };
                let (yours, logged) = (mean(&theirs), mean(&e.times[..cycles]));
                let error = if logged > 0.0 {
                    (yours - logged) / logged
                } else {
                    0.0
                };
                Timed {
                    cycles,
                    yours,
                    logged,
                    error,
                    close: cycles > 0 && error.abs() <= TIMING_TOLERANCE,
                }
            })
            .collect()
    }
}

/// How far (a share of the log's mean) a trainee's mean may be from the log's and still be
/// called close: a hand stopwatch's reaction time is a few tenths of a second.
pub const TIMING_TOLERANCE: f64 = 0.10;

/// One element timed by a trainee against the log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timed {
    /// Whole cycles timed.
    pub cycles: usize,
    /// The trainee's mean and the log's over the same cycles (time units).
    pub yours: f64,
    pub logged: f64,
    /// (yours − logged) ÷ logged.
    pub error: f64,
    /// Within [`TIMING_TOLERANCE`].
    pub close: bool,
}

/// Why there is no sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeStudyError {
    /// No station has this id.
    Station(String),
    /// Cycles must be 1 to [`MAX_CYCLES`].
    Cycles(usize),
    /// The station did not start work at or after the given time in this log (the run was
    /// made without a log, or its log was cut short before, or the station never worked).
    NoCycles,
}

impl fmt::Display for TimeStudyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeStudyError::Station(id) => write!(f, "station: no station has the id '{id}'"),
            TimeStudyError::Cycles(n) => {
                write!(f, "cycles: {n} is not between 1 and {MAX_CYCLES}")
            }
            TimeStudyError::NoCycles => {
                write!(
                    f,
                    "the station did not start work in the logged part of the run"
                )
            }
        }
    }
}

impl std::error::Error for TimeStudyError {}

/// The sheet of station `station` of `sc` over `cycles` consecutive cycles of its first
/// workplace to work at or after `from` (the scenario's time unit), from a run's `log`.
pub fn time_study(
    sc: &Scenario,
    log: &[LogEvent],
    station: &str,
    cycles: usize,
    from: f64,
) -> Result<TimeStudy, TimeStudyError> {
    let index = sc
        .stations
        .iter()
        .position(|s| s.id == station)
        .ok_or_else(|| TimeStudyError::Station(station.to_owned()))?;
    if cycles == 0 || cycles > MAX_CYCLES {
        return Err(TimeStudyError::Cycles(cycles));
    }
    let mut observed = log.iter().filter_map(|e| match e {
        LogEvent::Work {
            t,
            station,
            server,
            elements,
            ..
        } if *station as usize == index && *t >= from => Some((*t, *server, elements)),
        _ => None,
    });
    let (t0, server, first) = observed.next().ok_or(TimeStudyError::NoCycles)?;
    let taken: Vec<(f64, &Vec<f64>)> = std::iter::once((t0, first))
        .chain(
            observed
                .filter(|(_, s, _)| *s == server)
                .map(|(t, _, e)| (t, e)),
        )
        .take(cycles)
        .collect();

    let s = &sc.stations[index];
    // The rows: the station's elements, or its one process.
    let heads: Vec<(String, Option<Text>, bool)> = if s.elements.is_empty() {
        vec![(s.id.clone(), None, true)]
    } else {
        s.elements
            .iter()
            .map(|e| (e.key().to_owned(), Some(e.name.clone()), e.value_added))
            .collect()
    };
    let seconds = 3600.0 / sc.time_unit.per_hour();
    let elements = heads
        .into_iter()
        .enumerate()
        .map(|(k, (key, name, value_added))| {
            let times: Vec<f64> = taken
                .iter()
                .map(|(_, e)| e.get(k).copied().unwrap_or(0.0))
                .collect();
            let spread = Spread::of(&times);
            let stability = spread.stability();
            let in_seconds: Vec<f64> = times.iter().map(|t| t * seconds).collect();
            let normative = normative_stability(&in_seconds);
            ElementRow {
                key,
                name,
                value_added,
                stable: stability.is_some_and(|k| k <= normative),
                times,
                spread,
                stability,
                normative,
            }
        })
        .collect();
    let operation: Vec<f64> = taken.iter().map(|(_, e)| e.iter().sum()).collect();
    Ok(TimeStudy {
        station: s.id.clone(),
        server,
        starts: taken.iter().map(|(t, _)| *t).collect(),
        elements,
        operation_spread: Spread::of(&operation),
        operation,
        takt: takt_time(sc),
        requested: cycles,
    })
}
