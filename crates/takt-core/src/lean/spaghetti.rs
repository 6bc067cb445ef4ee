//! The spaghetti diagram (диаграмма спагетти): every path the crew walked on the floor plan
//! during one logged shift, with the metres per shift and per unit made.
//!
//! Read from the event log: an operator who tends stations walks from the station it was
//! last at ([`LogEvent::Work`] or an earlier walk) to the one a [`LogEvent::Walk`] names; a
//! logistician starts at its post, walks empty ([`LogEvent::Walk`]) and carries batches
//! ([`LogEvent::Carry`], to the shipping area when it has no station to go to). Every trip
//! started after the warm-up counts, whole, even if it ends after the shift. A trip between
//! places the layout does not give is counted but has no metres (`unplaced`).

use crate::model::{Plan, Scenario, Spot};
use crate::sim::{LogEvent, RunResult};
use std::fmt;

/// One way between two places, as often as it was taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    pub from: Spot,
    pub to: Spot,
    /// Carrying a batch (a logistician's loaded trip) or walking empty.
    pub loaded: bool,
    /// Times taken.
    pub trips: u64,
    /// Metres of one trip (`None`: the layout does not place both ends).
    pub metres: Option<f64>,
}

/// One operator's paths.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// Operator id.
    pub operator: String,
    /// Each way taken, in the order first taken.
    pub legs: Vec<Leg>,
    /// Trips made.
    pub trips: u64,
    /// Metres walked (loaded or not) in the shift.
    pub metres: f64,
    /// Trips the layout cannot measure.
    pub unplaced: u64,
    /// Metres per unit finished (`None` when none was).
    pub per_unit: Option<f64>,
}

/// The diagram of one shift.
#[derive(Debug, Clone, PartialEq)]
pub struct Spaghetti {
    /// The floor plan in scenario order.
    pub plan: Plan,
    /// Per operator, in scenario order.
    pub operators: Vec<Paths>,
    /// Trips the whole crew made.
    pub trips: u64,
    /// Metres the whole crew walked.
    pub metres: f64,
    /// Good units finished in the shift (after the warm-up).
    pub units: u64,
    /// Metres per unit finished (`None` when none was).
    pub per_unit: Option<f64>,
}

/// Why there is no diagram.
#[derive(Debug, Clone, PartialEq)]
pub enum SpaghettiError {
    /// The scenario has no `layout`.
    NoLayout,
    /// The run was made without a log, or its log was cut short.
    NoLog,
}

impl fmt::Display for SpaghettiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpaghettiError::NoLayout => f.write_str("layout: the scenario has no floor plan"),
            SpaghettiError::NoLog => f.write_str("the run has no complete event log"),
        }
    }
}

impl Paths {
    fn take(&mut self, plan: &Plan, from: Spot, to: Spot, loaded: bool) {
        if from == to {
            return;
        }
        let metres = plan.metres(from, to);
        self.trips += 1;
        match metres {
            Some(m) => self.metres += m,
            None => self.unplaced += 1,
        }
        match (self.legs.iter_mut()).find(|l| (l.from, l.to, l.loaded) == (from, to, loaded)) {
            Some(leg) => leg.trips += 1,
            None => self.legs.push(Leg {
                from,
                to,
                loaded,
                trips: 1,
                metres,
            }),
        }
    }
}

/// The spaghetti diagram of `run`, a logged run of `sc`.
pub fn spaghetti(sc: &Scenario, run: &RunResult) -> Result<Spaghetti, SpaghettiError> {
    let layout = sc.layout.as_ref().ok_or(SpaghettiError::NoLayout)?;
    if run.log.is_empty() || run.log_truncated {
        return Err(SpaghettiError::NoLog);
    }
    let plan = Plan::new(
        layout,
        sc.stations.iter().map(|s| s.id.as_str()),
        sc.time_unit,
    );
    let mut at: Vec<Option<Spot>> = (sc.operators.iter())
        .map(|o| {
            let post = sc.station_index(o.carries.first()?)?;
            Some(Spot::Station(post))
        })
        .collect();
    let mut operators: Vec<Paths> = (sc.operators.iter())
        .map(|o| Paths {
            operator: o.id.clone(),
            legs: Vec::new(),
            trips: 0,
            metres: 0.0,
            unplaced: 0,
            per_unit: None,
        })
        .collect();
    let counted = |t: f64| t >= sc.warmup;
    for e in &run.log {
        let (o, to, loaded, t) = match *e {
            LogEvent::Work {
                operator: Some(o),
                station,
                ..
            } => {
                if let Some(place) = at.get_mut(o as usize) {
                    *place = Some(Spot::Station(station as usize));
                }
                continue;
            }
            LogEvent::Walk {
                operator, to, t, ..
            } => (operator, Spot::Station(to as usize), false, t),
            LogEvent::Carry {
                operator, to, t, ..
            } => {
                let to = to.map_or(Spot::Shipping, |s| Spot::Station(s as usize));
                (operator, to, true, t)
            }
            _ => continue,
        };
        let (Some(place), Some(paths)) = (at.get_mut(o as usize), operators.get_mut(o as usize))
        else {
            continue;
        };
        if let (Some(from), true) = (*place, counted(t)) {
            paths.take(&plan, from, to, loaded);
        }
        *place = Some(to);
    }
    let units = run.completed;
    let per_unit = |m: f64| (units > 0).then(|| m / units as f64);
    for p in &mut operators {
        p.per_unit = per_unit(p.metres);
    }
    let metres = operators.iter().map(|p| p.metres).sum();
    Ok(Spaghetti {
        plan,
        trips: operators.iter().map(|p| p.trips).sum(),
        metres,
        units,
        per_unit: per_unit(metres),
        operators,
    })
}
