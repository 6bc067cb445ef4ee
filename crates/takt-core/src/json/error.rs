//! Field-path errors: every problem with a document names where it is, and all are
//! reported at once.

use super::Problem;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem with an input, at a field path such as `stations[2].process.mean`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// Where: a JSON path (empty = the whole document).
    pub path: String,
    /// What is wrong, with its data (`Display`: the English text).
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

/// A list of problems (never empty when returned as an error).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    /// A list with one problem.
    pub fn one(path: impl Into<String>, problem: Problem) -> Self {
        let mut e = Errors::default();
        e.push(path, problem);
        e
    }
    /// Adds a problem.
    pub fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.0.push(FieldError {
            path: path.into(),
            problem,
        });
    }
    /// Adds every problem of `other`, after these.
    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }
    /// The problems in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// `Ok(value)` when empty, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl Errors {
    /// The problems on one line, separated by `; ` (where a message holds them all).
    pub fn joined(&self) -> String {
        let each: Vec<String> = self.0.iter().map(FieldError::to_string).collect();
        each.join("; ")
    }
}
