//! [`Problem`]: what is wrong at one field of a document, as a value with its data.
//!
//! Every reader and every check reports a [`FieldError`](super::FieldError): a field path
//! and one of these. The CLI prints a problem's `Display` (English); the app words each
//! variant in the interface language from its data (`src/refusals.rs`), so no text of the
//! core reaches a user who reads another language.
//!
//! The enum sits in the bottom layer because every document reader shares
//! [`FieldError`](super::FieldError); the variants are raised where the rules are: the
//! reading ones by [`from_json_text`](super::from_json_text) and the change reader
//! (`training::read`), the others by the scenario's validation (`model::validate`,
//! `model::dist`, `model::routing`) and the replication count (`sim::replications`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// What is wrong at one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    // Reading the text.
    /// The text is not the document's shape: bad JSON, a wrong type, an unknown or missing
    /// field, nesting too deep. `detail` is serde_json's own (English) text, with the line
    /// and column.
    Unreadable { detail: String },
    /// The document is over the size limit (both in bytes).
    TooLarge { size: u64, limit: u64 },
    /// A required field is absent (`field`).
    MissingField { field: String },
    /// A field the object may not have; `expected` names the ones it may.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    /// A value of the wrong kind: `got` is the value as JSON (`None`: the document as a whole).
    Expected { shape: Shape, got: Option<String> },
    /// A tool that is not in the catalog; `known` names those that are.
    UnknownTool { name: String, known: Vec<String> },

    // Values.
    /// The scenario's `format` is not one this version reads (`known`).
    UnknownFormat { known: u32 },
    /// The setting needs a newer scenario `format` (at least `format`).
    NeedsFormat { format: u32 },
    /// A format-1 setting (`training.allowed`, `training.costs`) beside the improvement cards
    /// that replace it (`training.tools`).
    ReplacedByCards,
    /// The text is empty (or blank).
    Empty,
    /// The text is longer than `max` characters.
    TooLong { max: usize },
    /// The number is outside `min ..= max`.
    Between { min: f64, max: f64 },
    /// The number must be > 0.
    Positive,
    /// The number must be ≥ 0.
    NonNegative,
    /// The number must be finite and at most `max`.
    FiniteAtMost { max: f64 },
    /// The number must be finite.
    Finite,
    /// A rate: ≥ 0 and < 1.
    Fraction,
    /// The warm-up must end before the horizon.
    WarmupTooLong,
    /// A distribution's `max` is below its `min`.
    MaxBelowMin,
    /// A triangular distribution's mode is outside `min ..= max`.
    ModeOutside,
    /// A station's work elements add up to no time at all.
    NoWorkTime,

    // The line's structure.
    /// The line has no station.
    NoStations,
    /// A list of stations (kanban limits, an operator's stations) names none.
    NameAStation,
    /// An operator both tends stations and carries batches (a logistician only carries).
    TendsAndCarries,
    /// A station gives both `process` and `elements`.
    ProcessAndElements,
    /// A station gives neither `process` nor `elements`.
    NoProcess,
    /// A changeover gives neither `every` nor `on_change: true`.
    SetupWhen,
    /// Changeovers on a change of product need at least two products.
    NeedsTwoProducts,
    /// `defects.to` is only for rework.
    OnlyForRework,
    /// Rework may only go back (to the station itself or an earlier one).
    ReworkForward,
    /// The last station has no kanban loop (nothing is downstream).
    KanbanOnLast,
    /// A kanban limit below the station's transfer batch.
    BelowBatch { batch: u32 },
    /// The last station delivers finished goods; it cannot feed another station.
    LastFeeds,

    // References between the line's parts.
    /// No station has this id.
    UnknownStation { id: String },
    /// The id is used twice (`also`: the path of the other one, when it says).
    DuplicateId { id: String, also: Option<String> },
    /// A work element's name is used twice (`also`: the path of the other station).
    DuplicateElement { name: String, also: String },
    /// An input comes from a station that is not before this one in the list.
    NotUpstream { id: String },
    /// An input lists the same station twice.
    ListedTwice { id: String },
    /// Station `from` already feeds station `to`.
    AlreadyFeeds { from: String, to: String },
    /// The units of `station` go nowhere: the next station, `next`, declares inputs
    /// without it.
    GoesNowhere { station: String, next: String },
    /// A transfer batch never fits into the next station (`room` units).
    BatchNeverFits {
        batch: u32,
        station: String,
        room: u64,
    },
    /// An assembly station's buffer has no room for the `qty` units it needs from `from`.
    AssemblyRoom { qty: u32, from: String },
}

/// The kind of value a reader expected ([`Problem::Expected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A plan: a list of changes, or `{"changes": [...]}`.
    Plan,
    /// A list of changes.
    ChangeList,
    /// A change: an object with a `tool`.
    Change,
    /// A number.
    Number,
    /// A whole number ≥ 1.
    Count,
    /// A whole number, or `null`.
    Limit,
    /// Text.
    Text,
    /// A list of ids.
    Ids,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Plan => "a list of changes or {\"changes\": [...]}",
            Shape::ChangeList => "a list of changes",
            Shape::Change => "a change (an object with a `tool`)",
            Shape::Number => "a number",
            Shape::Count => "a whole number ≥ 1",
            Shape::Limit => "a whole number or null",
            Shape::Text => "text",
            Shape::Ids => "a list of ids",
        })
    }
}

/// A limit as the messages write it: `1000`, `0.001`, and `1e9` for a round power of ten
/// from a billion up (a long number that is not one stays whole: `4294967295`).
pub fn number_text(x: f64) -> String {
    let short = format!("{x:e}");
    if x.abs() >= 1e9 && !short.contains('.') {
        short
    } else {
        format!("{x}")
    }
}

/// Megabytes with one decimal: `17.0 MB`.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / f64::from(1u32 << 20))
}

/// `` `a`, `b` `` (the names of a list, each quoted).
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Problem {
    /// The English text the CLI prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { detail } => f.write_str(detail),
            Problem::TooLarge { size, limit } => write!(
                f,
                "the file is too large ({}; at most {})",
                megabytes(*size),
                megabytes(*limit)
            ),
            Problem::MissingField { field } => write!(f, "missing field `{field}`"),
            Problem::UnknownField { field, expected } => write!(
                f,
                "unknown field `{field}`, expected one of {}",
                quoted(expected)
            ),
            Problem::Expected { shape, got: None } => write!(f, "expected {shape}"),
            Problem::Expected {
                shape,
                got: Some(got),
            } => write!(f, "expected {shape}, got {got}"),
            Problem::UnknownTool { name, known } => {
                write!(f, "unknown variant `{name}`, expected one of {}", quoted(known))
            }
            Problem::UnknownFormat { known } => write!(f, "formats 1 to {known} are known"),
            Problem::NeedsFormat { format } => {
                write!(f, "needs \"format\": {format} (see docs/scenario-format.md)")
            }
            Problem::ReplacedByCards => f.write_str(
                "replaced by training.tools (the improvement cards): give each tool's cost there",
            ),
            Problem::Empty => f.write_str("must not be empty"),
            Problem::TooLong { max } => write!(f, "at most {max} characters"),
            Problem::Between { min, max } => write!(
                f,
                "must be between {} and {}",
                number_text(*min),
                number_text(*max)
            ),
            Problem::Positive => f.write_str("must be > 0"),
            Problem::NonNegative => f.write_str("must be ≥ 0"),
            Problem::FiniteAtMost { max } => {
                write!(f, "must be a finite number ≤ {}", number_text(*max))
            }
            Problem::Finite => f.write_str("must be a finite number"),
            Problem::Fraction => f.write_str("must be ≥ 0 and < 1"),
            Problem::WarmupTooLong => f.write_str("must be less than horizon"),
            Problem::MaxBelowMin => f.write_str("must be ≥ min"),
            Problem::ModeOutside => f.write_str("must satisfy min ≤ mode ≤ max"),
            Problem::NoWorkTime => f.write_str("the total mean time must be > 0"),
            Problem::NoStations => f.write_str("at least one station is needed"),
            Problem::NameAStation => f.write_str("name at least one station"),
            Problem::TendsAndCarries => {
                f.write_str("an operator who carries batches tends no station (leave `stations` empty)")
            }
            Problem::ProcessAndElements => {
                f.write_str("give either process or elements, not both")
            }
            Problem::NoProcess => f.write_str("required (or give elements)"),
            Problem::SetupWhen => f.write_str("give `every` or `on_change: true`"),
            Problem::NeedsTwoProducts => f.write_str("needs at least two `products`"),
            Problem::OnlyForRework => f.write_str("only with action 'rework'"),
            Problem::ReworkForward => {
                f.write_str("rework goes back to this station or an earlier one")
            }
            Problem::KanbanOnLast => {
                f.write_str("the last station has no kanban loop (nothing downstream)")
            }
            Problem::BelowBatch { batch } => {
                write!(f, "must be ≥ the station's batch ({batch})")
            }
            Problem::LastFeeds => {
                f.write_str("the last station delivers finished goods and cannot feed another")
            }
            Problem::UnknownStation { id } => write!(f, "no station has id '{id}'"),
            Problem::DuplicateId { id, also: None } => write!(f, "duplicate id '{id}'"),
            Problem::DuplicateId {
                id,
                also: Some(also),
            } => write!(f, "duplicate id '{id}' (also {also})"),
            Problem::DuplicateElement { name, also } => {
                write!(f, "duplicate element name '{name}' (also in {also})")
            }
            Problem::NotUpstream { id } => write!(
                f,
                "'{id}' must come before this station in the list (flow order)"
            ),
            Problem::ListedTwice { id } => write!(f, "'{id}' is listed twice"),
            Problem::AlreadyFeeds { from, to } => write!(f, "'{from}' already feeds '{to}'"),
            Problem::GoesNowhere { station, next } => write!(
                f,
                "its units go nowhere: the next station '{next}' declares inputs without '{station}'"
            ),
            Problem::BatchNeverFits {
                batch,
                station,
                room,
            } => write!(
                f,
                "a batch of {batch} never fits into '{station}' (room for {room})"
            ),
            Problem::AssemblyRoom { qty, from } => write!(
                f,
                "an assembly station needs room for {qty} units from '{from}'"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_written_as_the_messages_always_wrote_them() {
        assert_eq!(number_text(1000.0), "1000");
        assert_eq!(number_text(0.001), "0.001");
        assert_eq!(number_text(1e9), "1e9");
        assert_eq!(number_text(1e12), "1e12");
        assert_eq!(number_text(4_294_967_295.0), "4294967295");
        assert_eq!(number_text(1_000_000.0), "1000000");
        assert_eq!(megabytes(17 << 20), "17.0 MB");
    }
}
