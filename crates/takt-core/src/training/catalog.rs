//! The lean tool catalog: typed changes to a scenario.
//!
//! A trainee's round is a list of [`Change`]s applied to the previous round's line. Each
//! change names a [`Tool`] whose cost the instructor sets (`training.costs`), the round's
//! total must fit the budget (`training.budget`), and the changed line must still be a
//! valid scenario. A change that cannot be applied is refused with its reason, and then
//! nothing of the round is applied.

use crate::model::{Card, Operator, Release, Scenario, Tool};
use serde::Serialize;

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
    /// A coordinate on the floor plan, in metres.
    Metres,
}

impl Tool {
    /// The fields of this tool's change a trainee chooses, in form order (the names are the
    /// JSON keys). A change may also restate its card's strength ([`Tool::strengths`]).
    pub fn params(self) -> &'static [(&'static str, Param)] {
        use Param::*;
        match self {
            Tool::MoveElement => &[("element", Element), ("to", Station)],
            Tool::Buffer => &[("station", Station), ("buffer", Limit)],
            Tool::Kanban => &[("station", Station), ("limit", Limit)],
            Tool::Conwip => &[("limit", Limit)],
            Tool::Batch => &[("station", Station), ("batch", Count)],
            Tool::Smed | Tool::FiveS | Tool::PokaYoke | Tool::Transport | Tool::Tpm => {
                &[("station", Station)]
            }
            Tool::AddOperator => &[("id", NewId), ("stations", Stations)],
            Tool::RemoveOperator => &[("id", Operator)],
            Tool::AssignOperator => &[("id", Operator), ("stations", Stations)],
            Tool::AddServer | Tool::RemoveServer => &[("station", Station)],
            Tool::Walk => &[("id", Operator)],
            Tool::MoveStation => &[("station", Station), ("x", Metres), ("y", Metres)],
        }
    }
}

impl Tool {
    /// The strengths a card of this tool sets and a change may restate (never choose).
    pub fn strengths(self) -> &'static [&'static str] {
        match self {
            Tool::Smed | Tool::FiveS | Tool::PokaYoke | Tool::Transport | Tool::Walk => &["factor"],
            Tool::Tpm => &["between", "repair"],
            _ => &[],
        }
    }
}

/// One change to a line: a card and its target, plus the value of a structural choice.
/// How strongly a card acts (`factor`, TPM's `between` and `repair`) is the card's, set by
/// the instructor ([`crate::model::Card`]); a change may restate it, and a change that states
/// another value is refused ([`Reason::CardSets`]).
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
    /// SMED at `station`: its changeover time × the card's factor.
    Smed {
        station: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        factor: Option<f64>,
    },
    /// 5S at `station`: its non-value-added elements × the card's factor.
    FiveS {
        station: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        factor: Option<f64>,
    },
    /// Poka-yoke at `station`: its defect rate × the card's factor.
    PokaYoke {
        station: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        factor: Option<f64>,
    },
    /// TPM at `station`: its time between failures × the card's `between`, its repair time ×
    /// the card's `repair`.
    Tpm {
        station: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        between: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        repair: Option<f64>,
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
    /// Layout at `station`: the transport time from it × the card's factor.
    Transport {
        station: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        factor: Option<f64>,
    },
    /// Layout for operator `id`: their walking time × the card's factor.
    Walk {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        factor: Option<f64>,
    },
    /// Layout: `station` now stands at (`x`, `y`) metres on the floor plan.
    MoveStation { station: String, x: f64, y: f64 },
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
            Change::MoveStation { .. } => Tool::MoveStation,
        }
    }
}

pub use super::refusal::{Reason, Refusal};

/// A round accepted: the changed line and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The line after the changes.
    pub scenario: Scenario,
    /// Total cost of the changes (roubles).
    pub cost: f64,
}

/// The card of a tool as this scenario's training plays it (a scenario without training:
/// every tool's default card); `None` when the tool is not allowed.
pub fn card_of(sc: &Scenario, tool: Tool) -> Option<Card> {
    match &sc.training {
        Some(t) => t.card(tool),
        None => Some(Card::default_for(tool)),
    }
}

/// The cost of a tool in this scenario's training settings (a tool not allowed: its
/// default cost, which the round's refusal makes moot).
pub fn cost_of(sc: &Scenario, tool: Tool) -> f64 {
    card_of(sc, tool)
        .and_then(|c| c.cost)
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
/// budget together, and leave a valid line. Otherwise nothing is applied. The round is taken
/// on its own: [`apply_after`] also refuses a card played on the same place in an earlier
/// round.
pub fn apply(sc: &Scenario, changes: &[Change]) -> Result<Applied, Refusal> {
    apply_after(sc, std::iter::empty(), changes)
}

/// [`apply`] for a round that follows `played` (each played round's changes, round 1 first):
/// a card already played on a change's place is refused ([`Reason::CardUsed`]).
pub fn apply_after<'a>(
    sc: &Scenario,
    played: impl IntoIterator<Item = &'a [Change]> + Clone,
    changes: &[Change],
) -> Result<Applied, Refusal> {
    let training = sc.training.clone().unwrap_or_default();
    let mut out = sc.clone();
    for (i, c) in changes.iter().enumerate() {
        let refuse = |reason: Reason| Refusal {
            change: Some(i),
            reason,
        };
        let tool = c.tool();
        let Some(card) = card_of(sc, tool) else {
            return Err(refuse(Reason::NotAllowed { tool }));
        };
        if let Some(round) = super::repeat::card_played(played.clone(), c) {
            let target = super::repeat::target(c).to_owned();
            return Err(refuse(Reason::CardUsed {
                tool,
                target,
                round,
            }));
        }
        check_card(&card, c).map_err(refuse)?;
        if let Some(first) = super::repeat::repeats(&changes[..i], c) {
            let target = super::repeat::target(c).to_owned();
            return Err(refuse(Reason::Repeated {
                tool,
                target,
                first,
            }));
        }
        apply_one(&mut out, c, &card).map_err(refuse)?;
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

/// Whether a change keeps to its card: a strength it states is the card's (to a millionth),
/// a structural value is within the card's bounds.
fn check_card(card: &Card, c: &Change) -> Result<(), Reason> {
    let stated: [(&str, Option<f64>, Option<f64>); 3] = match c {
        Change::Smed { factor, .. }
        | Change::FiveS { factor, .. }
        | Change::PokaYoke { factor, .. }
        | Change::Transport { factor, .. }
        | Change::Walk { factor, .. } => [
            ("factor", *factor, card.factor),
            ("", None, None),
            ("", None, None),
        ],
        Change::Tpm {
            between, repair, ..
        } => [
            ("between", *between, card.between),
            ("repair", *repair, card.repair),
            ("", None, None),
        ],
        _ => [("", None, None); 3],
    };
    for (field, got, set) in stated {
        if let (Some(got), Some(set)) = (got, set) {
            if !(got.is_finite() && (got - set).abs() <= 1e-6 * set.abs().max(1.0)) {
                return Err(Reason::CardSets {
                    field: field.to_owned(),
                    card: set,
                    got,
                });
            }
        }
    }
    let (field, value) = match c {
        Change::Buffer { buffer, .. } => ("buffer", *buffer),
        Change::Kanban { limit, .. } => ("limit", *limit),
        Change::Conwip { limit, .. } => ("limit", *limit),
        Change::Batch { batch, .. } => ("batch", Some(*batch)),
        _ => return Ok(()),
    };
    // Removing a kanban or CONWIP limit goes back to push: never out of bounds.
    let removes = value.is_none() && matches!(c, Change::Kanban { .. } | Change::Conwip { .. });
    let inside = match value {
        Some(v) => card.min.is_none_or(|lo| v >= lo) && card.max.is_none_or(|hi| v <= hi),
        None => removes || card.max.is_none(),
    };
    if inside {
        Ok(())
    } else {
        Err(Reason::OutOfBounds {
            field: field.to_owned(),
            got: value,
            min: card.min,
            max: card.max,
        })
    }
}

/// Applies one change to `sc` with its card's strength, or says why it cannot be made.
fn apply_one(sc: &mut Scenario, c: &Change, card: &Card) -> Result<(), Reason> {
    let factor = card.factor.unwrap_or(1.0);
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
        Change::Smed { station, .. } => {
            let f = factor;
            let s = station_mut(sc, station)?;
            let setup = s.setup.as_mut().ok_or_else(|| Reason::NoChangeovers {
                station: station.clone(),
            })?;
            setup.time = setup.time.scaled(f);
        }
        Change::FiveS { station, .. } => {
            let f = factor;
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
        Change::PokaYoke { station, .. } => {
            let f = factor;
            let d =
                station_mut(sc, station)?
                    .defects
                    .as_mut()
                    .ok_or_else(|| Reason::NoDefects {
                        station: station.clone(),
                    })?;
            d.rate *= f;
        }
        Change::Tpm { station, .. } => {
            let (between, r) = (card.between.unwrap_or(1.0), card.repair.unwrap_or(1.0));
            let b = station_mut(sc, station)?
                .breakdowns
                .as_mut()
                .ok_or_else(|| Reason::NoBreakdowns {
                    station: station.clone(),
                })?;
            b.between = b.between.scaled(between);
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
                carries: Vec::new(),
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
        Change::Transport { station, .. } => {
            let f = factor;
            let s = station_mut(sc, station)?;
            let t = s.transport.as_mut().ok_or_else(|| Reason::NoTransport {
                station: station.clone(),
            })?;
            *t = t.scaled(f);
        }
        Change::Walk { id, .. } => {
            let f = factor;
            // Walks that follow the floor plan become a given time: the factor times the
            // mean walk of the operator's loop on the plan.
            let planned = (sc.operators.iter().find(|o| o.id == *id))
                .filter(|o| o.walk.is_none() && o.stations.len() > 1)
                .map(|o| sc.loop_walk(o) / o.stations.len() as f64)
                .filter(|&w| w > 0.0);
            let o = operator_mut(sc, id)?;
            if let Some(mean) = planned {
                o.walk = Some(crate::model::Dist::Constant { value: mean });
            }
            let w = o.walk.as_mut().ok_or_else(|| Reason::NoWalk {
                operator: id.clone(),
            })?;
            *w = w.scaled(f);
        }
        Change::MoveStation { station, x, y } => {
            let place = (sc.layout.as_mut())
                .and_then(|l| l.stations.get_mut(station.as_str()))
                .ok_or_else(|| Reason::NotPlaced {
                    station: station.clone(),
                })?;
            *place = [*x, *y];
        }
    }
    Ok(())
}
