//! The lean tool catalog: typed changes to a scenario.
//!
//! A trainee's round is a list of [`Change`]s applied to the previous round's line. Each
//! change names a [`Tool`] whose cost the instructor sets (`training.costs`), the round's
//! total must fit the budget (`training.budget`), and the changed line must still be a
//! valid scenario. A change that cannot be applied is refused with its reason, and then
//! nothing of the round is applied.

use crate::json::Errors;
use crate::model::{tool_name, Operator, Release, Scenario, Tool};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of value a change's field takes (so that a form can be built for any tool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// The id of a station of the line.
    Station,
    /// The name of a work element of the line.
    Element,
    /// The id of an operator of the line.
    Operator,
    /// A new id (not yet used by an operator).
    NewId,
    /// A list of station ids.
    Stations,
    /// A whole number ≥ 1.
    Count,
    /// A whole number ≥ 0, or nothing (`null`: no limit).
    Limit,
    /// A multiplier in [0, 1].
    Factor,
    /// A multiplier ≥ 1.
    Multiplier,
}

impl Tool {
    /// The fields of this tool's change, in form order (the names are the JSON keys).
    pub fn params(self) -> &'static [(&'static str, Param)] {
        use Param::*;
        match self {
            Tool::MoveElement => &[("element", Element), ("to", Station)],
            Tool::Buffer => &[("station", Station), ("buffer", Limit)],
            Tool::Kanban => &[("station", Station), ("limit", Limit)],
            Tool::Conwip => &[("limit", Limit)],
            Tool::Batch => &[("station", Station), ("batch", Count)],
            Tool::Smed | Tool::FiveS | Tool::PokaYoke | Tool::Transport => {
                &[("station", Station), ("factor", Factor)]
            }
            Tool::Tpm => &[
                ("station", Station),
                ("between", Multiplier),
                ("repair", Factor),
            ],
            Tool::AddOperator => &[("id", NewId), ("stations", Stations)],
            Tool::RemoveOperator => &[("id", Operator)],
            Tool::AssignOperator => &[("id", Operator), ("stations", Stations)],
            Tool::AddServer | Tool::RemoveServer => &[("station", Station)],
            Tool::Walk => &[("id", Operator), ("factor", Factor)],
        }
    }
}

/// One change to a line. `factor` multiplies a time or a rate: 0.5 halves it.
///
/// In JSON an object with `tool` and the tool's fields ([`Tool::params`]); it is read
/// through that table (see the `Deserialize` impl below) rather than a derived tagged-enum
/// reader, which would be about a tenth of the browser's wasm on its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "tool", rename_all = "snake_case")]
pub enum Change {
    /// Move work element `element` to station `to` (it keeps its name and time).
    MoveElement { element: String, to: String },
    /// Set the buffer in front of `station` (`null` = unlimited).
    Buffer {
        station: String,
        buffer: Option<u32>,
    },
    /// Set (or with `null` remove) the kanban limit of `station`; the line becomes a kanban line.
    Kanban { station: String, limit: Option<u32> },
    /// Set (or with `null` remove) a CONWIP limit; the line becomes a CONWIP line.
    Conwip { limit: Option<u32> },
    /// Set the transfer batch of `station`.
    Batch { station: String, batch: u32 },
    /// Multiply the changeover time of `station` by `factor` (0 < factor ≤ 1).
    Smed { station: String, factor: f64 },
    /// Multiply the non-value-added elements of `station` by `factor` (0 ≤ factor ≤ 1).
    FiveS { station: String, factor: f64 },
    /// Multiply the defect rate of `station` by `factor` (0 ≤ factor ≤ 1).
    PokaYoke { station: String, factor: f64 },
    /// Multiply the time between failures of `station` by `between` (≥ 1) and its repair time by `repair` (0 < repair ≤ 1).
    Tpm {
        station: String,
        between: f64,
        repair: f64,
    },
    /// Hire operator `id` to tend `stations`.
    AddOperator { id: String, stations: Vec<String> },
    /// Release operator `id`.
    RemoveOperator { id: String },
    /// Operator `id` now tends `stations`.
    AssignOperator { id: String, stations: Vec<String> },
    /// One more parallel server at `station`.
    AddServer { station: String },
    /// One server fewer at `station`.
    RemoveServer { station: String },
    /// Multiply the transport time from `station` by `factor` (0 ≤ factor ≤ 1).
    Transport { station: String, factor: f64 },
    /// Multiply the walking time of operator `id` by `factor` (0 ≤ factor ≤ 1).
    Walk { id: String, factor: f64 },
}

impl Change {
    /// The tool this change uses.
    pub fn tool(&self) -> Tool {
        match self {
            Change::MoveElement { .. } => Tool::MoveElement,
            Change::Buffer { .. } => Tool::Buffer,
            Change::Kanban { .. } => Tool::Kanban,
            Change::Conwip { .. } => Tool::Conwip,
            Change::Batch { .. } => Tool::Batch,
            Change::Smed { .. } => Tool::Smed,
            Change::FiveS { .. } => Tool::FiveS,
            Change::PokaYoke { .. } => Tool::PokaYoke,
            Change::Tpm { .. } => Tool::Tpm,
            Change::AddOperator { .. } => Tool::AddOperator,
            Change::RemoveOperator { .. } => Tool::RemoveOperator,
            Change::AssignOperator { .. } => Tool::AssignOperator,
            Change::AddServer { .. } => Tool::AddServer,
            Change::RemoveServer { .. } => Tool::RemoveServer,
            Change::Transport { .. } => Tool::Transport,
            Change::Walk { .. } => Tool::Walk,
        }
    }
}

/// Why a round of changes was refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// Index of the offending change (`None`: the round as a whole, e.g. over budget).
    pub change: Option<usize>,
    /// The reason, with its data (`Display`: the English text).
    pub reason: Reason,
}

impl Refusal {
    /// A refusal of the round as a whole.
    pub fn round(reason: Reason) -> Refusal {
        Refusal {
            change: None,
            reason,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.change {
            Some(i) => write!(f, "changes[{i}]: {}", self.reason),
            None => write!(f, "{}", self.reason),
        }
    }
}

/// Why a change, or a round of them, cannot be made. Stations, operators and work elements
/// are named by their ids as written in the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The instructor does not allow this tool in the training.
    NotAllowed { tool: Tool },
    /// The round's changes cost more than its budget (roubles).
    OverBudget { cost: f64, budget: f64 },
    /// The line the changes make is not a valid scenario.
    InvalidLine(Errors),
    /// Every round of the training has been played (raised by `Session::job`).
    AllPlayed,
    /// No station has this id.
    NoStation { id: String },
    /// No operator has this id.
    NoOperator { id: String },
    /// No station has a work element of this name.
    NoElement { name: String },
    /// The element is already done at that station.
    AlreadyThere { element: String, station: String },
    /// The station gives one process time, not work elements (nothing can move to it).
    SingleProcess { station: String },
    /// The element is all the work its station has.
    OnlyWork { element: String, station: String },
    /// A kanban limit on a CONWIP line.
    UsesConwip,
    /// A CONWIP limit on a kanban line.
    UsesKanban,
    /// SMED on a station without changeovers.
    NoChangeovers { station: String },
    /// 5S on a station without non-value-added work elements.
    NoWaste { station: String },
    /// Poka-yoke on a station without defects.
    NoDefects { station: String },
    /// TPM on a station without breakdowns.
    NoBreakdowns { station: String },
    /// A shorter transport from a station without a transport time.
    NoTransport { station: String },
    /// Shorter walks for an operator who does not walk.
    NoWalk { operator: String },
    /// An operator with this id is already on the line.
    OperatorExists { id: String },
    /// A server removed from a station that has only one.
    OneServer { station: String },
    /// A factor outside `0 < factor ≤ max` (`strictly_positive`) or `0 ≤ factor ≤ max`.
    BadFactor {
        got: f64,
        max: f64,
        strictly_positive: bool,
    },
    /// TPM's `between` multiplier outside `min ..= max`.
    BadMultiplier { got: f64, min: f64, max: f64 },
    /// The same tool on the same place (`target`: a station, element or operator id, `""`
    /// for the line) as the round's change `first` (see `training::repeat`).
    Repeated {
        tool: Tool,
        target: String,
        first: usize,
    },
}

impl fmt::Display for Reason {
    /// The English text the CLI prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotAllowed { tool } => write!(
                f,
                "the tool '{}' is not allowed in this training",
                tool_name(*tool)
            ),
            Reason::OverBudget { cost, budget } => write!(
                f,
                "the changes cost {cost} but the round's budget is {budget}"
            ),
            Reason::InvalidLine(e) => write!(f, "the changed line is not valid: {}", e.joined()),
            Reason::AllPlayed => f.write_str("every round of this training has been played"),
            Reason::NoStation { id } => write!(f, "no station has id '{id}'"),
            Reason::NoOperator { id } => write!(f, "no operator has id '{id}'"),
            Reason::NoElement { name } => {
                write!(f, "no station has a work element named '{name}'")
            }
            Reason::AlreadyThere { element, station } => {
                write!(f, "'{element}' is already done at '{station}'")
            }
            Reason::SingleProcess { station } => write!(
                f,
                "'{station}' gives a single process time, not work elements"
            ),
            Reason::OnlyWork { element, station } => {
                write!(f, "'{element}' is the only work of '{station}'")
            }
            Reason::UsesConwip => {
                f.write_str("the line uses CONWIP: remove the CONWIP limit first")
            }
            Reason::UsesKanban => {
                f.write_str("the line uses kanban: remove the kanban limits first")
            }
            Reason::NoChangeovers { station } => write!(f, "'{station}' has no changeovers"),
            Reason::NoWaste { station } => {
                write!(f, "'{station}' has no non-value-added work elements")
            }
            Reason::NoDefects { station } => write!(f, "'{station}' has no defects"),
            Reason::NoBreakdowns { station } => write!(f, "'{station}' has no breakdowns"),
            Reason::NoTransport { station } => write!(f, "'{station}' has no transport time"),
            Reason::NoWalk { operator } => {
                write!(f, "operator '{operator}' has no walking time")
            }
            Reason::OperatorExists { id } => write!(f, "an operator '{id}' already exists"),
            Reason::OneServer { station } => write!(f, "'{station}' has only one server"),
            Reason::BadFactor {
                got,
                max,
                strictly_positive,
            } => {
                let low = if *strictly_positive { "0 <" } else { "0 ≤" };
                write!(f, "factor must satisfy {low} factor ≤ {max} (got {got})")
            }
            Reason::BadMultiplier { got, min, max } => {
                write!(f, "between must be between {min} and {max} (got {got})")
            }
            Reason::Repeated { tool, first, .. } => write!(
                f,
                "'{}' is already used on the same place by changes[{first}]",
                tool_name(*tool)
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// A round accepted: the changed line and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The line after the changes.
    pub scenario: Scenario,
    /// Total cost of the changes (roubles).
    pub cost: f64,
}

/// The cost of a tool in this scenario's training settings.
pub fn cost_of(sc: &Scenario, tool: Tool) -> f64 {
    sc.training
        .as_ref()
        .and_then(|t| t.costs.get(&tool).copied())
        .unwrap_or_else(|| tool.default_cost())
}

/// What a round of changes costs on `sc`, whether or not it can be applied: each change
/// costs its tool's price.
pub fn cost_of_changes(sc: &Scenario, changes: &[Change]) -> f64 {
    // From +0: an empty sum of f64 is −0, which would print as "-0".
    changes
        .iter()
        .fold(0.0, |total, c| total + cost_of(sc, c.tool()))
}

/// Applies a round of changes to `sc`: every change must be allowed, apply cleanly, fit the
/// budget together, and leave a valid line. Otherwise nothing is applied.
pub fn apply(sc: &Scenario, changes: &[Change]) -> Result<Applied, Refusal> {
    let training = sc.training.clone().unwrap_or_default();
    let mut out = sc.clone();
    for (i, c) in changes.iter().enumerate() {
        let refuse = |reason: Reason| Refusal {
            change: Some(i),
            reason,
        };
        let tool = c.tool();
        if !training.allows(tool) {
            return Err(refuse(Reason::NotAllowed { tool }));
        }
        if let Some(first) = super::repeat::repeats(&changes[..i], c) {
            let target = super::repeat::target(c).to_owned();
            return Err(refuse(Reason::Repeated {
                tool,
                target,
                first,
            }));
        }
        apply_one(&mut out, c).map_err(refuse)?;
    }
    let cost = cost_of_changes(sc, changes);
    if let Some(budget) = training.budget {
        if cost > budget {
            return Err(Refusal::round(Reason::OverBudget { cost, budget }));
        }
    }
    out.validate()
        .map_err(|e| Refusal::round(Reason::InvalidLine(e)))?;
    Ok(Applied {
        scenario: out,
        cost,
    })
}

fn no_station(id: &str) -> Reason {
    Reason::NoStation { id: id.to_owned() }
}

fn station_mut<'a>(
    sc: &'a mut Scenario,
    id: &str,
) -> Result<&'a mut crate::model::Station, Reason> {
    sc.stations
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or_else(|| no_station(id))
}

fn operator_mut<'a>(sc: &'a mut Scenario, id: &str) -> Result<&'a mut Operator, Reason> {
    sc.operators
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(|| Reason::NoOperator { id: id.to_owned() })
}

fn factor(f: f64, max: f64, strictly_positive: bool) -> Result<f64, Reason> {
    let ok = f.is_finite() && f <= max && if strictly_positive { f > 0.0 } else { f >= 0.0 };
    if ok {
        Ok(f)
    } else {
        Err(Reason::BadFactor {
            got: f,
            max,
            strictly_positive,
        })
    }
}

/// Applies one change to `sc`, or says why it cannot be made.
fn apply_one(sc: &mut Scenario, c: &Change) -> Result<(), Reason> {
    match c {
        Change::MoveElement { element, to } => {
            let target = sc.station_index(to).ok_or_else(|| no_station(to))?;
            let from = sc
                .stations
                .iter()
                .position(|s| s.elements.iter().any(|e| e.key() == element))
                .ok_or_else(|| Reason::NoElement {
                    name: element.clone(),
                })?;
            if from == target {
                return Err(Reason::AlreadyThere {
                    element: element.clone(),
                    station: to.clone(),
                });
            }
            if sc.stations[target].process.is_some() {
                return Err(Reason::SingleProcess {
                    station: to.clone(),
                });
            }
            if sc.stations[from].elements.len() == 1 {
                return Err(Reason::OnlyWork {
                    element: element.clone(),
                    station: sc.stations[from].id.clone(),
                });
            }
            let k = sc.stations[from]
                .elements
                .iter()
                .position(|e| e.key() == element)
                .expect("found");
            let moved = sc.stations[from].elements.remove(k);
            sc.stations[target].elements.push(moved);
        }
        Change::Buffer { station, buffer } => station_mut(sc, station)?.buffer = *buffer,
        Change::Kanban { station, limit } => {
            sc.station_index(station)
                .ok_or_else(|| no_station(station))?;
            let mut limits = match &sc.release {
                Release::Kanban { limits } => limits.clone(),
                Release::Push => crate::json::Map::new(),
                Release::Conwip { .. } => return Err(Reason::UsesConwip),
            };
            match limit {
                Some(k) => limits.insert(station.clone(), *k),
                None => limits.remove(station),
            };
            sc.release = if limits.is_empty() {
                Release::Push
            } else {
                Release::Kanban { limits }
            };
        }
        Change::Conwip { limit } => {
            if matches!(sc.release, Release::Kanban { .. }) {
                return Err(Reason::UsesKanban);
            }
            sc.release = match limit {
                Some(limit) => Release::Conwip { limit: *limit },
                None => Release::Push,
            };
        }
        Change::Batch { station, batch } => station_mut(sc, station)?.batch = *batch,
        Change::Smed { station, factor: f } => {
            let f = factor(*f, 1.0, true)?;
            let s = station_mut(sc, station)?;
            let setup = s.setup.as_mut().ok_or_else(|| Reason::NoChangeovers {
                station: station.clone(),
            })?;
            setup.time = setup.time.scaled(f);
        }
        Change::FiveS { station, factor: f } => {
            let f = factor(*f, 1.0, false)?;
            let s = station_mut(sc, station)?;
            let mut any = false;
            for e in s.elements.iter_mut().filter(|e| !e.value_added) {
                e.time = e.time.scaled(f);
                any = true;
            }
            if !any {
                return Err(Reason::NoWaste {
                    station: station.clone(),
                });
            }
        }
        Change::PokaYoke { station, factor: f } => {
            let f = factor(*f, 1.0, false)?;
            let d =
                station_mut(sc, station)?
                    .defects
                    .as_mut()
                    .ok_or_else(|| Reason::NoDefects {
                        station: station.clone(),
                    })?;
            d.rate *= f;
        }
        Change::Tpm {
            station,
            between,
            repair,
        } => {
            if !(between.is_finite() && *between >= 1.0 && *between <= 1000.0) {
                return Err(Reason::BadMultiplier {
                    got: *between,
                    min: 1.0,
                    max: 1000.0,
                });
            }
            let r = factor(*repair, 1.0, true)?;
            let b = station_mut(sc, station)?
                .breakdowns
                .as_mut()
                .ok_or_else(|| Reason::NoBreakdowns {
                    station: station.clone(),
                })?;
            b.between = b.between.scaled(*between);
            b.repair = b.repair.scaled(r);
        }
        Change::AddOperator { id, stations } => {
            if sc.operators.iter().any(|o| &o.id == id) {
                return Err(Reason::OperatorExists { id: id.clone() });
            }
            sc.operators.push(Operator {
                id: id.clone(),
                name: None,
                stations: stations.clone(),
                walk: None,
            });
        }
        Change::RemoveOperator { id } => {
            let k = sc
                .operators
                .iter()
                .position(|o| &o.id == id)
                .ok_or_else(|| Reason::NoOperator { id: id.clone() })?;
            sc.operators.remove(k);
        }
        Change::AssignOperator { id, stations } => {
            operator_mut(sc, id)?.stations = stations.clone()
        }
        Change::AddServer { station } => station_mut(sc, station)?.servers += 1,
        Change::RemoveServer { station } => {
            let s = station_mut(sc, station)?;
            if s.servers == 1 {
                return Err(Reason::OneServer {
                    station: station.clone(),
                });
            }
            s.servers -= 1;
        }
        Change::Transport { station, factor: f } => {
            let f = factor(*f, 1.0, false)?;
            let s = station_mut(sc, station)?;
            let t = s.transport.as_mut().ok_or_else(|| Reason::NoTransport {
                station: station.clone(),
            })?;
            *t = t.scaled(f);
        }
        Change::Walk { id, factor: f } => {
            let f = factor(*f, 1.0, false)?;
            let o = operator_mut(sc, id)?;
            let w = o.walk.as_mut().ok_or_else(|| Reason::NoWalk {
                operator: id.clone(),
            })?;
            *w = w.scaled(f);
        }
    }
    Ok(())
}
