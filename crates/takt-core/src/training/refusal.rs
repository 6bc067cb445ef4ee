//! Why a round of changes is refused: the change at fault and a typed [`Reason`] with its
//! data. The CLI prints the English `Display`; the app words each reason in the interface
//! language (`src/refusals.rs`).

use crate::json::Errors;
use crate::model::{tool_name, Tool};
use serde::{Deserialize, Serialize};
use std::fmt;

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

impl Refusal {
    /// The path of the change at fault, with its field where the reason is about one
    /// (`changes[0].factor`); `None` for the round as a whole.
    pub fn path(&self) -> Option<String> {
        let i = self.change?;
        Some(match self.reason.field() {
            Some(field) => format!("changes[{i}].{field}"),
            None => format!("changes[{i}]"),
        })
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            Some(path) => write!(f, "{path}: {}", self.reason),
            None => write!(f, "{}", self.reason),
        }
    }
}

impl Reason {
    /// The change's field the reason is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Reason::CardSets { field, .. } | Reason::OutOfBounds { field, .. } => Some(field),
            _ => None,
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
    /// A station moved on a floor plan that does not place it (or on a line without one).
    NotPlaced { station: String },
    /// An operator with this id is already on the line.
    OperatorExists { id: String },
    /// A server removed from a station that has only one.
    OneServer { station: String },
    /// The change states its strength (`field`: `factor`, `between` or `repair`) as `got`,
    /// but the instructor's card sets `card`.
    CardSets { field: String, card: f64, got: f64 },
    /// A structural value (`field`: `buffer`, `limit` or `batch`; `got` = `None`: unlimited)
    /// outside the bounds the card sets.
    OutOfBounds {
        field: String,
        got: Option<u32>,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// The card was already played on the same place in round `round` (numbered from 1): a
    /// card's effect counts once per place in a training (see `training::repeat`).
    CardUsed {
        tool: Tool,
        target: String,
        round: usize,
    },
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
            Reason::NotPlaced { station } => {
                write!(f, "'{station}' has no place on the floor plan (layout)")
            }
            Reason::NoWalk { operator } => {
                write!(f, "operator '{operator}' has no walking time")
            }
            Reason::OperatorExists { id } => write!(f, "an operator '{id}' already exists"),
            Reason::OneServer { station } => write!(f, "'{station}' has only one server"),
            Reason::CardSets { card, got, .. } => write!(
                f,
                "the instructor's card sets {card}; a change may not state {got}"
            ),
            Reason::OutOfBounds { got, min, max, .. } => {
                let got = got.map_or("unlimited".to_owned(), |g| g.to_string());
                let bound = |b: &Option<u32>| b.map_or("—".to_owned(), |b| b.to_string());
                write!(
                    f,
                    "the card allows {} to {}, not {got}",
                    bound(min),
                    bound(max)
                )
            }
            Reason::CardUsed { tool, round, .. } => write!(
                f,
                "the card '{}' was already played on the same place in round {round}; a card counts once per place",
                tool_name(*tool)
            ),
            Reason::Repeated { tool, first, .. } => write!(
                f,
                "'{}' is already used on the same place by changes[{first}]",
                tool_name(*tool)
            ),
        }
    }
}

impl std::error::Error for Refusal {}
