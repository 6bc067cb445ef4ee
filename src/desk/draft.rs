//! The editor's draft and its undo history, kept in browser storage as it changes so that
//! no work is lost: moving to the desk and back, a reload, or opening the draft in the
//! trainee's view brings it back as it was. The desk reads the draft too ("the editor's
//! scenario" for the class).

use crate::platform::storage::{Document, SaveError, Stored};
use serde::{Deserialize, Serialize};
use takt_core::Scenario;

/// Where the draft lives (`takt.v1.editor.draft`).
pub const DRAFT_KEY: Document = Document::new("editor.draft");

/// Drafts kept for undo; the oldest are dropped first.
pub const HISTORY_LIMIT: usize = 100;

/// The draft: every text it has been, and which one is current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    history: Vec<String>,
    at: usize,
}

impl Draft {
    /// A draft with one text and nothing to undo.
    pub fn new(text: String) -> Self {
        Self {
            history: vec![text],
            at: 0,
        }
    }

    /// The current text.
    pub fn current(&self) -> &str {
        &self.history[self.at]
    }

    /// Makes `text` current, dropping anything that was undone; `false` if it is the
    /// current text already.
    pub fn commit(&mut self, text: String) -> bool {
        if text == self.current() {
            return false;
        }
        self.history.truncate(self.at + 1);
        self.history.push(text);
        let over = self.history.len().saturating_sub(HISTORY_LIMIT);
        self.history.drain(..over);
        self.at = self.history.len() - 1;
        true
    }

    /// Steps back one text; `false` when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let can = self.at > 0;
        self.at -= usize::from(can);
        can
    }

    /// Steps forward one text; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let can = self.at + 1 < self.history.len();
        self.at += usize::from(can);
        can
    }

    /// Whether [`Draft::undo`] would change anything.
    pub fn can_undo(&self) -> bool {
        self.at > 0
    }

    /// Whether [`Draft::redo`] would change anything.
    pub fn can_redo(&self) -> bool {
        self.at + 1 < self.history.len()
    }

    /// Reads a stored draft (a draft whose position is outside its history is not one).
    pub fn from_json(text: &str) -> Result<Draft, serde_json::Error> {
        let d: Draft = serde_json::from_str(text)?;
        if d.at >= d.history.len() {
            return Err(serde::de::Error::custom("`at` is outside `history`"));
        }
        Ok(d)
    }

    /// The stored draft; see [`Stored`] (a draft that cannot be read is kept aside).
    pub fn load() -> Stored<Draft, serde_json::Error> {
        DRAFT_KEY.load(Draft::from_json)
    }

    /// Stores the draft.
    pub fn save(&self) -> Result<(), SaveError> {
        DRAFT_KEY.save(&serde_json::to_string(self).unwrap_or_default())
    }
}

/// The editor's stored draft as a scenario, when it is one (valid as it stands).
pub fn saved_scenario() -> Option<Scenario> {
    match Draft::load() {
        Stored::Found(d) => Scenario::from_json(d.current()).ok(),
        _ => None,
    }
}
