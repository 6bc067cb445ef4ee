//! A live class handed from the classroom mode (`classroom.html`) to the desk
//! (`desk.html#instructor`) for the debrief and the print views: the class's code, its
//! scenario and every team's latest result file, kept in browser storage between the two
//! pages. The desk takes it once, checks every file again in its worker against the
//! scenario, and the class is then on the desk like result files dropped there.
//!
//! Stored as lines (a reader of arbitrary JSON would cost the desk's page about 10 KB,
//! docs/bundle.md): a header, the code, the scenario as one line of JSON, then one result
//! file per line. JSON written compactly holds no line break (one inside a string is
//! written `\n`).

use crate::platform::storage::{Document, SaveError, Stored};

/// Where the class waits for the desk.
const HANDOVER_KEY: Document = Document::new("classroom.handover");

/// The first line: the format and its version.
const HEADER: &str = "takt class handover 1";

/// A class on its way to the desk.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    /// The class's join code (it names where the results came from).
    pub code: String,
    /// The class's scenario, as the server keeps it.
    pub scenario: String,
    /// Each team's latest result file, as it was submitted.
    pub results: Vec<String>,
}

/// One line of JSON: a document written over several lines is written again compactly.
fn one_line(json: &str) -> String {
    if !json.contains('\n') {
        return json.to_owned();
    }
    serde_json::from_str::<serde_json::Value>(json)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| json.replace(['\n', '\r'], " "))
}

impl Handover {
    /// The stored text.
    pub fn to_text(&self) -> String {
        let mut text = format!("{HEADER}\n{}\n{}", self.code, one_line(&self.scenario));
        for r in &self.results {
            text.push('\n');
            text.push_str(&one_line(r));
        }
        text
    }

    /// Reads the stored text back; `None` when it is not a handover.
    pub fn from_text(text: &str) -> Option<Handover> {
        let mut lines = text.lines();
        (lines.next()? == HEADER).then_some(())?;
        Some(Handover {
            code: lines.next()?.to_owned(),
            scenario: lines.next()?.to_owned(),
            results: lines.map(str::to_owned).collect(),
        })
    }

    /// Leaves the class for the desk.
    pub fn leave(&self) -> Result<(), SaveError> {
        HANDOVER_KEY.save(&self.to_text())
    }

    /// The class left for the desk, if any; taken once.
    pub fn take() -> Option<Handover> {
        let found = HANDOVER_KEY.load(|t| Handover::from_text(t).ok_or(()));
        HANDOVER_KEY.clear();
        match found {
            Stored::Found(h) => Some(h),
            _ => None,
        }
    }
}
