//! Playing one round: the round's line and, from round 2 on, the round-1 line (to score
//! against) run with the session's seed, then the analysis and the score. The app's web
//! worker, `takt verify` and the desk all play a round through [`RoundJob::play`]; they only
//! relay its progress.

use super::score::{score_runs, Score};
use crate::lean::Analysis;
use crate::model::Scenario;
use crate::sim::{run_replications_observed, Control, RunOptions, RunResult, SimError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What to run for the next round: the round-1 line as the baseline (for the score) and
/// the line to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundJob {
    /// The round-1 line; `None` for round 1 itself (nothing to score against).
    pub baseline: Option<Scenario>,
    /// The line of this round.
    pub scenario: Scenario,
    /// Everything changed so far cost this much (roubles), charged against profit.
    pub cost: f64,
    /// Seed (the session's).
    pub seed: u64,
    /// Replications of each line.
    pub replications: u64,
}

/// How far a round has got: replications done of the round's line and its baseline together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Replications done.
    pub done: u64,
    /// Replications in all.
    pub total: u64,
}

/// A round's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The analysis of the round's line over all replications.
    #[serde(deserialize_with = "crate::json::via_value")]
    pub analysis: Analysis,
    /// Its score against the baseline (when the job had one).
    pub score: Option<Score>,
}

/// Why a round was not played to the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unplayed {
    /// The progress callback asked to stop.
    Cancelled,
    /// A line could not be run (invalid, or a run exceeded its limits).
    Failed(SimError),
}

impl fmt::Display for Unplayed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unplayed::Cancelled => f.write_str("the round was cancelled"),
            Unplayed::Failed(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Unplayed {}

impl RoundJob {
    /// Replications the round runs in all: its line's, and the baseline's from round 2 on.
    pub fn total_replications(&self) -> u64 {
        self.replications * (1 + u64::from(self.baseline.is_some()))
    }

    /// Plays the round: the baseline first (when there is one), then the round's line.
    /// `progress` is called about a hundred times per line and may cancel.
    pub fn play(&self, mut progress: impl FnMut(Progress) -> Control) -> Result<Outcome, Unplayed> {
        let lines: Vec<&Scenario> = self.baseline.iter().chain([&self.scenario]).collect();
        let total = self.total_replications();
        let mut runs: Vec<Vec<RunResult>> = Vec::with_capacity(lines.len());
        for (k, sc) in lines.into_iter().enumerate() {
            let before = k as u64 * self.replications;
            let observe = |done: u64| {
                progress(Progress {
                    done: before + done,
                    total,
                })
            };
            let line = run_replications_observed(
                sc,
                self.seed,
                self.replications,
                &RunOptions::default(),
                observe,
            )
            .map_err(Unplayed::Failed)?
            .ok_or(Unplayed::Cancelled)?;
            runs.push(line);
        }
        let own = runs.pop().unwrap_or_default();
        let score = match (&self.baseline, runs.first()) {
            (Some(b), Some(base_runs)) => {
                Some(score_runs(b, base_runs, &self.scenario, &own, self.cost))
            }
            _ => None,
        };
        Ok(Outcome {
            analysis: Analysis::of(&self.scenario, &own),
            score,
        })
    }
}
