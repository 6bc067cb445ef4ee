//! The event log of a run (for animation, Gantt charts and the course's sheets): every change
//! of a server's state, of a queue, of the units in the line, every walk and every start of
//! work with its elements' durations, up to a limit.

use super::results::LogEvent;
use crate::model::time::{to_units, Ticks};

/// The event log, up to its limit (none when the limit is 0).
pub(super) struct Log {
    limit: usize,
    entries: Vec<LogEvent>,
    /// Whether an entry was left out at the limit.
    truncated: bool,
}

impl Log {
    pub(super) fn new(limit: usize) -> Log {
        Log {
            limit,
            entries: Vec::new(),
            truncated: false,
        }
    }

    /// Whether anything is logged (a limit above 0).
    #[inline]
    pub(super) fn is_on(&self) -> bool {
        self.limit > 0
    }

    /// Logs the entry made for the time `now` (in time units), unless there is no log.
    #[inline]
    pub(super) fn push(&mut self, now: Ticks, entry: impl FnOnce(f64) -> LogEvent) {
        if self.limit == 0 {
            return;
        }
        if self.entries.len() < self.limit {
            self.entries.push(entry(to_units(now)));
        } else {
            self.truncated = true;
        }
    }

    /// The entries, and whether the limit cut the log short.
    pub(super) fn take(&mut self) -> (Vec<LogEvent>, bool) {
        (std::mem::take(&mut self.entries), self.truncated)
    }
}
