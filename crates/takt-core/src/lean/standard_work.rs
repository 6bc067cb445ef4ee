//! Стандартная операционная карта / the standard work combination sheet of one operator,
//! read off a run's event log: one cycle of the operator's routine as it was done — each work
//! element at each station it tends, the walks between them and the waiting — against the
//! takt time, with the operator's cycle time.
//!
//! The cycle: from the operator's first start of work at or after `from` to its next start of
//! work at the same station (one loop of its stations; for an operator of one station, one
//! unit; for a logistician, from one pick-up at a station to the next there). Work comes from
//! [`LogEvent::Work`] (the elements as drawn, one after another) or, for a logistician,
//! [`LogEvent::Carry`],
//! walking from [`LogEvent::Walk`] (from its start to its arrival), and waiting is every moment
//! of the cycle in neither (no unit to work on, or a station down). Definitions in
//! `docs/metrics.md`.

use crate::lean::kpis::takt_time;
use crate::model::Scenario;
use crate::sim::LogEvent;
use std::fmt;

/// Gaps shorter than this (time units) are rounding, not waiting.
const EPSILON: f64 = 1e-9;

/// What a step of the routine is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StepKind {
    /// Work element `element` of station `station` (by index; `element` is `None` for a
    /// station with one process), value-added or not.
    Work {
        station: usize,
        element: Option<usize>,
        value_added: bool,
    },
    /// Walking to station `to` (by index).
    Walk { to: usize },
    /// A logistician carrying a batch from station `from` to station `to` (by index; `None`:
    /// the shipping area): its work.
    Carry { from: usize, to: Option<usize> },
    /// Waiting: no unit to work on, or the station down.
    Wait,
}

/// One step of the routine: when it starts (from the cycle's start) and how long it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    pub start: f64,
    pub duration: f64,
}

/// One operator's cycle, step by step.
#[derive(Debug, Clone, PartialEq)]
pub struct Combination {
    /// The operator's id.
    pub operator: String,
    /// When the cycle started in the shift (time units).
    pub start: f64,
    /// The operator's cycle time: the loop from a start at a station to the next there.
    pub cycle: f64,
    /// Its steps in time order; together they fill the cycle.
    pub steps: Vec<Step>,
    /// Time working, walking and waiting in the cycle (they add up to `cycle`).
    pub work: f64,
    pub walking: f64,
    pub waiting: f64,
    /// The takt time (`None` without an order).
    pub takt: Option<f64>,
}

/// Why there is no sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum CombinationError {
    /// No operator has this id.
    Operator(String),
    /// The operator did not complete a loop in the logged part of the run after `from`.
    NoCycle,
}

impl fmt::Display for CombinationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CombinationError::Operator(id) => {
                write!(f, "operator: no operator has the id '{id}'")
            }
            CombinationError::NoCycle => write!(
                f,
                "the operator did not complete a cycle in the logged part of the run"
            ),
        }
    }
}

impl std::error::Error for CombinationError {}

/// The standard work combination of operator `operator` of `sc`: its first cycle starting at
/// or after `from`, from a run's `log`.
pub fn combination(
    sc: &Scenario,
    log: &[LogEvent],
    operator: &str,
    from: f64,
) -> Result<Combination, CombinationError> {
    let op = sc
        .operators
        .iter()
        .position(|o| o.id == operator)
        .ok_or_else(|| CombinationError::Operator(operator.to_owned()))? as u32;
    let mine = |e: &&LogEvent| match e {
        LogEvent::Work { operator, .. } => *operator == Some(op),
        LogEvent::Walk { operator, .. } | LogEvent::Carry { operator, .. } => *operator == op,
        _ => false,
    };
    let works = || {
        log.iter().filter(mine).filter_map(|e| match e {
            LogEvent::Work { t, station, .. } => Some((*t, *station)),
            LogEvent::Carry { t, from, .. } => Some((*t, *from)),
            _ => None,
        })
    };
    let (t0, home) = works()
        .find(|(t, _)| *t >= from)
        .ok_or(CombinationError::NoCycle)?;
    let t1 = works()
        .find(|(t, s)| *t > t0 && *s == home)
        .map(|(t, _)| t)
        .ok_or(CombinationError::NoCycle)?;

    let mut busy: Vec<Step> = Vec::new();
    for e in log.iter().filter(mine) {
        match e {
            LogEvent::Work {
                t,
                station,
                elements,
                ..
            } if *t >= t0 && *t < t1 => {
                let st = &sc.stations[*station as usize];
                let mut at = *t - t0;
                for (k, &d) in elements.iter().enumerate() {
                    let element = (!st.elements.is_empty()).then_some(k);
                    busy.push(Step {
                        kind: StepKind::Work {
                            station: *station as usize,
                            element,
                            value_added: element
                                .and_then(|k| st.elements.get(k))
                                .is_none_or(|e| e.value_added),
                        },
                        start: at,
                        duration: d,
                    });
                    at += d;
                }
            }
            LogEvent::Carry {
                t,
                from,
                to,
                arrive,
                ..
            } if *t >= t0 && *t < t1 => busy.push(Step {
                kind: StepKind::Carry {
                    from: *from as usize,
                    to: to.map(|s| s as usize),
                },
                start: *t - t0,
                duration: arrive.min(t1) - *t,
            }),
            LogEvent::Walk { t, to, arrive, .. } if *t >= t0 && *t < t1 => busy.push(Step {
                kind: StepKind::Walk { to: *to as usize },
                start: *t - t0,
                duration: arrive.min(t1) - *t,
            }),
            _ => {}
        }
    }
    busy.sort_by(|a, b| a.start.total_cmp(&b.start));
    // Waiting fills every gap, to the end of the cycle.
    let cycle = t1 - t0;
    let mut steps = Vec::with_capacity(busy.len() * 2);
    let mut done = 0.0_f64;
    for s in busy.into_iter().chain(std::iter::once(Step {
        kind: StepKind::Wait,
        start: cycle,
        duration: 0.0,
    })) {
        if s.start - done > EPSILON {
            steps.push(Step {
                kind: StepKind::Wait,
                start: done,
                duration: s.start - done,
            });
        }
        if s.duration > 0.0 {
            done = done.max(s.start + s.duration);
            steps.push(s);
        }
    }
    let total = |f: fn(&StepKind) -> bool| {
        steps
            .iter()
            .filter(|s| f(&s.kind))
            .map(|s| s.duration)
            .sum::<f64>()
    };
    Ok(Combination {
        operator: operator.to_owned(),
        start: t0,
        cycle,
        work: total(|k| matches!(k, StepKind::Work { .. } | StepKind::Carry { .. })),
        walking: total(|k| matches!(k, StepKind::Walk { .. })),
        waiting: total(|k| matches!(k, StepKind::Wait)),
        steps,
        takt: takt_time(sc),
    })
}
