//! Playing one round: the round's line and, from round 2 on, the round-1 line (to score
//! against) run with the session's seed, then the analysis, the score, the coach's ranking of
//! the stations (`super::coach`) and the credit of each change (`super::credit`), more lines
//! run with the same seed. The app's web worker,
//! `takt score`, `takt verify` and the desk all play a round through [`RoundJob::play`]; they
//! only relay its progress.

use super::coach::{speed_ups, SENSITIVITY_REPLICATIONS};
use super::credit::{CreditJob, Credits};
use super::score::{score_kpis, Score};
use crate::lean::{Analysis, Kpis};
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
    /// From round 2 on, what crediting each change of the round needs (absent: no credits,
    /// as `takt verify` plays).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<CreditJob>,
    /// The coach's hints used up to this round: each deducts the points of the baseline's
    /// `training.coach` from the score.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hints: u32,
    /// Whether to rank the stations of the round's line for the coach's hints
    /// (`super::coach::sensitivity`, after the round's own runs).
    #[serde(default, skip_serializing_if = "is_false")]
    pub coach: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
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
    /// The credit of each change of the round (when the job asked for them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<Credits>,
    /// The stations of the round's line ranked by the coach's sensitivity run (when the job
    /// asked for it), the one whose speed-up raises the output most first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<String>,
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
    /// Replications of each line of the coach's sensitivity run.
    fn coach_replications(&self) -> u64 {
        self.replications.min(SENSITIVITY_REPLICATIONS)
    }

    /// Replications the round runs in all: its line's, the baseline's from round 2 on, the
    /// lines its credits need, and the coach's sensitivity run.
    pub fn total_replications(&self) -> u64 {
        let credit_lines = match (&self.credit, &self.baseline) {
            (Some(c), Some(b)) => c.lines_to_run(b),
            _ => 0,
        };
        let coach = if self.coach {
            self.coach_replications() * self.scenario.stations.len() as u64
        } else {
            0
        };
        self.replications * (1 + u64::from(self.baseline.is_some()) + credit_lines) + coach
    }

    /// Plays the round: the baseline first (when there is one), then the round's line, the
    /// coach's sensitivity run, and the lines its credits need. `progress` is called about a
    /// hundred times per line and may cancel.
    pub fn play(&self, mut progress: impl FnMut(Progress) -> Control) -> Result<Outcome, Unplayed> {
        let total = self.total_replications();
        let mut done = 0;
        let mut run = |sc: &Scenario, replications: u64| -> Result<Vec<RunResult>, Unplayed> {
            let before = done;
            let observe = |d: u64| {
                progress(Progress {
                    done: before + d,
                    total,
                })
            };
            let runs = run_replications_observed(
                sc,
                self.seed,
                replications,
                &RunOptions::default(),
                observe,
            )
            .map_err(Unplayed::Failed)?
            .ok_or(Unplayed::Cancelled)?;
            done += replications;
            Ok(runs)
        };
        let kpis = |sc: &Scenario, runs: &[RunResult]| -> Vec<Kpis> {
            runs.iter().map(|r| Kpis::of(sc, r)).collect()
        };
        let base = match &self.baseline {
            Some(b) => Some((b, kpis(b, &run(b, self.replications)?))),
            None => None,
        };
        let own_runs = run(&self.scenario, self.replications)?;
        let analysis = Analysis::of(&self.scenario, &own_runs);
        let own = kpis(&self.scenario, &own_runs);
        let ranking = if self.coach {
            // The line as it is: the round's own first replications (the same seed).
            let k = self.coach_replications();
            let completed = |runs: &[RunResult]| -> Vec<f64> {
                runs.iter()
                    .take(k as usize)
                    .map(|r| r.completed as f64)
                    .collect()
            };
            let line = completed(&own_runs);
            let faster = &mut |sc: &Scenario| run(sc, k).map(|runs| completed(&runs));
            speed_ups(&self.scenario, &line, faster)?.ranked(&analysis.report.bottleneck)
        } else {
            Vec::new()
        };
        drop(own_runs);
        let Some((baseline, base)) = base else {
            return Ok(Outcome {
                analysis,
                score: None,
                credits: None,
                ranking,
            });
        };
        let per_hint = baseline
            .training
            .as_ref()
            .and_then(|t| t.coach)
            .map_or(0.0, |c| c.points);
        let score = score_kpis(baseline, &base, &own, self.cost, self.seed)
            .with_hints(self.hints, per_hint);
        let credits = match &self.credit {
            Some(c) => Some(
                c.credits(baseline, &base, &own, self.cost, self.seed, &mut |sc| {
                    run(sc, self.replications).map(|runs| kpis(sc, &runs))
                })?,
            ),
            None => None,
        };
        Ok(Outcome {
            analysis,
            score: Some(score),
            credits,
            ranking,
        })
    }
}
