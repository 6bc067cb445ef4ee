//! Reading a round's changes from JSON: each change is read through its tool's field table
//! ([`Tool::params`]), so that an error names the field (`changes[0].factor`).

use super::catalog::Change;
use crate::json::{Errors, Problem, Shape};
use crate::model::{tool_name, Tool};
use serde::Deserialize;
use std::fmt;

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let fields = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        Change::from_fields(fields).map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

impl Change {
    /// A change from its JSON fields: `tool`, then exactly the tool's [`Tool::params`].
    fn from_fields(mut f: serde_json::Map<String, serde_json::Value>) -> Result<Change, BadField> {
        let tool = match f.remove("tool") {
            Some(serde_json::Value::String(name)) => Tool::ALL
                .into_iter()
                .find(|t| tool_name(*t) == name)
                .ok_or_else(|| {
                    let known = Tool::ALL.into_iter().map(tool_name).collect();
                    BadField::at("tool", Problem::UnknownTool { name, known })
                })?,
            Some(serde_json::Value::Null) | None => return Err(BadField::missing("tool")),
            Some(other) => return Err(BadField::expected("tool", Shape::Text, &other)),
        };
        let known: Vec<&str> = tool
            .params()
            .iter()
            .map(|(p, _)| *p)
            .chain(tool.strengths().iter().copied())
            .collect();
        if let Some(extra) = f.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(BadField::whole(Problem::UnknownField {
                field: extra.clone(),
                expected: known.iter().map(|p| (*p).to_owned()).collect(),
            }));
        }
        let mut f = Fields(f);
        Ok(match tool {
            Tool::MoveElement => Change::MoveElement {
                element: f.text("element")?,
                to: f.text("to")?,
            },
            Tool::Buffer => Change::Buffer {
                station: f.text("station")?,
                buffer: f.limit("buffer")?,
            },
            Tool::Kanban => Change::Kanban {
                station: f.text("station")?,
                limit: f.limit("limit")?,
            },
            Tool::Conwip => Change::Conwip {
                limit: f.limit("limit")?,
            },
            Tool::Batch => Change::Batch {
                station: f.text("station")?,
                batch: f.count("batch")?,
            },
            Tool::Smed => Change::Smed {
                station: f.text("station")?,
                factor: f.optional_number("factor")?,
            },
            Tool::FiveS => Change::FiveS {
                station: f.text("station")?,
                factor: f.optional_number("factor")?,
            },
            Tool::PokaYoke => Change::PokaYoke {
                station: f.text("station")?,
                factor: f.optional_number("factor")?,
            },
            Tool::Tpm => Change::Tpm {
                station: f.text("station")?,
                between: f.optional_number("between")?,
                repair: f.optional_number("repair")?,
            },
            Tool::AddOperator => Change::AddOperator {
                id: f.text("id")?,
                stations: f.list("stations")?,
            },
            Tool::RemoveOperator => Change::RemoveOperator { id: f.text("id")? },
            Tool::AssignOperator => Change::AssignOperator {
                id: f.text("id")?,
                stations: f.list("stations")?,
            },
            Tool::AddServer => Change::AddServer {
                station: f.text("station")?,
            },
            Tool::RemoveServer => Change::RemoveServer {
                station: f.text("station")?,
            },
            Tool::Transport => Change::Transport {
                station: f.text("station")?,
                factor: f.optional_number("factor")?,
            },
            Tool::Walk => Change::Walk {
                id: f.text("id")?,
                factor: f.optional_number("factor")?,
            },
            Tool::MoveStation => Change::MoveStation {
                station: f.text("station")?,
                x: f.number("x")?,
                y: f.number("y")?,
            },
        })
    }
}

/// Why a change's fields could not be read: the field at fault (`None`: the change as a
/// whole, e.g. a missing or unknown field) and the problem.
#[derive(Debug)]
struct BadField {
    field: Option<&'static str>,
    problem: Problem,
}

impl BadField {
    fn at(field: &'static str, problem: Problem) -> BadField {
        BadField {
            field: Some(field),
            problem,
        }
    }

    /// The field holds `got` where `shape` was expected.
    fn expected(field: &'static str, shape: Shape, got: &serde_json::Value) -> BadField {
        BadField::at(
            field,
            Problem::Expected {
                shape,
                got: Some(got.to_string()),
            },
        )
    }

    /// About the change as a whole (its path is the change's).
    fn whole(problem: Problem) -> BadField {
        BadField {
            field: None,
            problem,
        }
    }

    fn missing(field: &'static str) -> BadField {
        BadField::whole(Problem::MissingField {
            field: field.to_owned(),
        })
    }
}

/// `field: reason`, the form used when the change is read inside a larger document (whose
/// reader names the change's own path).
impl fmt::Display for BadField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "{field}: {}", self.problem),
            None => write!(f, "{}", self.problem),
        }
    }
}

/// A change's fields, each taken out once by its reader; errors name the field.
struct Fields(serde_json::Map<String, serde_json::Value>);

impl Fields {
    /// The field's value (`Null` when absent).
    fn take(&mut self, name: &str) -> serde_json::Value {
        self.0.remove(name).unwrap_or(serde_json::Value::Null)
    }

    /// The field's value, or "missing field" when absent.
    fn required(&mut self, name: &'static str) -> Result<serde_json::Value, BadField> {
        match self.take(name) {
            serde_json::Value::Null => Err(BadField::missing(name)),
            v => Ok(v),
        }
    }

    fn text(&mut self, name: &'static str) -> Result<String, BadField> {
        as_text(self.required(name)?, name)
    }

    fn count(&mut self, name: &'static str) -> Result<u32, BadField> {
        let v = self.required(name)?;
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1)
            .ok_or_else(|| BadField::expected(name, Shape::Count, &v))
    }

    fn limit(&mut self, name: &'static str) -> Result<Option<u32>, BadField> {
        match self.take(name) {
            serde_json::Value::Null => Ok(None),
            v => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| BadField::expected(name, Shape::Limit, &v)),
        }
    }

    /// A number the change may leave out (a card's strength: the card sets it).
    fn optional_number(&mut self, name: &'static str) -> Result<Option<f64>, BadField> {
        match self.take(name) {
            serde_json::Value::Null => Ok(None),
            v => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| BadField::expected(name, Shape::Number, &v)),
        }
    }

    fn number(&mut self, name: &'static str) -> Result<f64, BadField> {
        let v = self.required(name)?;
        v.as_f64()
            .ok_or_else(|| BadField::expected(name, Shape::Number, &v))
    }

    fn list(&mut self, name: &'static str) -> Result<Vec<String>, BadField> {
        match self.required(name)? {
            serde_json::Value::Array(items) => {
                items.into_iter().map(|i| as_text(i, name)).collect()
            }
            other => Err(BadField::expected(name, Shape::Ids, &other)),
        }
    }
}

fn as_text(v: serde_json::Value, name: &'static str) -> Result<String, BadField> {
    match v {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Null => Err(BadField::missing(name)),
        other => Err(BadField::expected(name, Shape::Text, &other)),
    }
}

/// Reads a round of changes: a JSON array of changes, or an object `{"changes": [...]}`.
/// Errors name the path: the change (`changes[1]: missing field `station``) or its field
/// (`changes[1].factor: expected a number, got "half"`).
pub fn parse_changes(text: &str) -> Result<Vec<Change>, Errors> {
    use serde_json::Value;
    let expected = |path: &str, shape: Shape, got: Option<&Value>| {
        Errors::one(
            path,
            Problem::Expected {
                shape,
                got: got.map(Value::to_string),
            },
        )
    };
    let items = match crate::json::from_json_text::<Value>(text)? {
        Value::Array(items) => items,
        Value::Object(mut m) => match m.remove("changes") {
            Some(Value::Array(items)) => items,
            Some(other) => return Err(expected("changes", Shape::ChangeList, Some(&other))),
            None => return Err(expected("", Shape::Plan, None)),
        },
        _ => return Err(expected("", Shape::Plan, None)),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Object(fields) => Change::from_fields(fields).map_err(|e| {
                let path = match e.field {
                    Some(field) => format!("changes[{i}].{field}"),
                    None => format!("changes[{i}]"),
                };
                Errors::one(path, e.problem)
            }),
            other => Err(expected(
                &format!("changes[{i}]"),
                Shape::Change,
                Some(&other),
            )),
        })
        .collect()
}

/// Whether a JSON document looks like a round of changes rather than a scenario.
pub fn is_changes(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(_)) => true,
        Ok(serde_json::Value::Object(m)) => {
            m.contains_key("changes") && !m.contains_key("stations")
        }
        _ => false,
    }
}
