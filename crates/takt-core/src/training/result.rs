//! A team's result file and its verification by re-simulation.
//!
//! A trainee exports a [`ResultFile`]: the scenario's fingerprint, the seed and
//! replications, the changes of every round and the scores claimed. There is no server:
//! the instructor checks each file by playing the same rounds again ([`verify`]). The
//! engine is deterministic, so an honest file reproduces its claims exactly; a file whose
//! claims do not reproduce, or that was made on another scenario, is flagged.

use super::catalog::{Change, Refusal};
use super::round::{Outcome, Unplayed};
use super::session::Session;
use crate::json::{from_json_text, Errors};
use crate::model::{ClassRun, Scenario, MAX_ROUND_REPLICATIONS};
use crate::sim::Control;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The layout version of a result file.
pub const RESULT_VERSION: u32 = 1;

/// The fingerprint of a scenario: SHA-256 of its canonical JSON ([`Scenario::to_json`]),
/// in hex. Formatting, key order and defaults written out do not change it.
pub fn fingerprint(sc: &Scenario) -> String {
    Sha256::digest(sc.to_json().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a team claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    /// Layout version ([`RESULT_VERSION`]).
    pub version: u32,
    /// The team's name.
    pub team: String,
    /// The fingerprint of the scenario played.
    pub scenario: String,
    /// Seed of every round.
    pub seed: u64,
    /// Replications of every round.
    pub replications: u64,
    /// The rounds played, round 1 first.
    pub rounds: Vec<ClaimedRound>,
}

/// One round as claimed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimedRound {
    /// The changes made before this round (none in round 1).
    pub changes: Vec<Change>,
    /// Mean units completed.
    pub completed: f64,
    /// Points against round 1 (none for round 1).
    pub score: Option<f64>,
}

impl ResultFile {
    /// The result file of a session.
    pub fn of(session: &Session, team: &str) -> ResultFile {
        ResultFile {
            version: RESULT_VERSION,
            team: team.to_owned(),
            scenario: fingerprint(&session.scenario),
            seed: session.seed,
            replications: session.replications,
            rounds: session
                .rounds
                .iter()
                .map(|r| ClaimedRound {
                    changes: r.changes.clone(),
                    completed: r.analysis.kpis.completed.mean,
                    score: r.score.as_ref().map(|s| s.total),
                })
                .collect(),
        }
    }

    /// Reads a result file; errors name the field.
    pub fn from_json(text: &str) -> Result<ResultFile, ResultFileError> {
        let file: ResultFile = from_json_text(text).map_err(ResultFileError::Unreadable)?;
        if file.version != RESULT_VERSION {
            return Err(ResultFileError::Version {
                found: file.version,
            });
        }
        Ok(file)
    }
}

/// Why a text is not a result file this app reads.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultFileError {
    /// Not a result file (bad JSON, a wrong type, an unknown or missing field, too large):
    /// the problem at its field.
    Unreadable(Errors),
    /// A result file of another layout version than [`RESULT_VERSION`].
    Version { found: u32 },
}

impl fmt::Display for ResultFileError {
    /// The English text the CLI prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResultFileError::Unreadable(e) => write!(f, "{e}"),
            ResultFileError::Version { found } => write!(
                f,
                "version: this app reads version {RESULT_VERSION}, not {found}"
            ),
        }
    }
}

impl std::error::Error for ResultFileError {}

/// Why a result file is not ranked.
///
/// In JSON (only between the page and its web worker) externally tagged,
/// `{"refused": {"round": 2, "refusal": {…}}}`: an internally tagged enum is read through
/// serde's buffered content, several times the code in the browser bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// It was made on another scenario (or the scenario was altered).
    OtherScenario { fingerprint: String },
    /// Round 1 claims changes: it runs the scenario as given.
    ChangedBaseline,
    /// A round's changes are refused on this scenario (not allowed, over budget, invalid).
    Refused { round: usize, refusal: Refusal },
    /// A claimed figure does not reproduce.
    Mismatch {
        round: usize,
        figure: Figure,
        claimed: Option<f64>,
        actual: Option<f64>,
    },
    /// It has no rounds, or more than the training's `max`.
    Rounds { rounds: usize, max: u32 },
    /// It asks for more replications than the verifier runs (or none): a scenario without
    /// `training`, whose teams choose their replications.
    Replications { replications: u64, max: u64 },
    /// Its replications or seed are not the ones the scenario's `training` fixes for the
    /// class ([`ClassRun`]): the first that differs, what the file has and what the class has.
    NotTheClass {
        setting: ClassSetting,
        found: u64,
        expected: u64,
    },
    /// A round could not be run: the engine's reason.
    Failed { round: usize, error: Unplayed },
}

/// A setting of a class's rounds that a result file must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassSetting {
    /// `replications` (the scenario's `training.replications`).
    Replications,
    /// `seed` (the scenario's `training.seed`).
    Seed,
}

impl ClassSetting {
    /// The field's name, in the result file and (under `training`) in the scenario.
    pub fn name(self) -> &'static str {
        match self {
            ClassSetting::Replications => "replications",
            ClassSetting::Seed => "seed",
        }
    }
}

/// A figure a result file claims for each round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Mean units completed.
    Completed,
    /// Points against round 1.
    Score,
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Figure::Completed => "completed",
            Figure::Score => "score",
        })
    }
}

impl fmt::Display for Flag {
    /// The English text the CLI prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = |x: &Option<f64>| x.map_or("none".to_owned(), |x| x.to_string());
        match self {
            Flag::OtherScenario { fingerprint } => {
                write!(f, "made on another scenario (fingerprint {fingerprint})")
            }
            Flag::ChangedBaseline => {
                f.write_str("round 1: round 1 runs the scenario as given, without changes")
            }
            Flag::Refused { round, refusal } => write!(f, "round {round}: {refusal}"),
            Flag::Mismatch {
                round,
                figure,
                claimed,
                actual,
            } => write!(
                f,
                "round {round}: {figure} claimed {} but re-simulation gives {}",
                num(claimed),
                num(actual)
            ),
            Flag::Rounds { rounds, max } => write!(
                f,
                "rounds: {rounds} rounds, but this training has 1 to {max}"
            ),
            Flag::Replications { replications, max } => {
                write!(f, "replications: {replications} is not between 1 and {max}")
            }
            Flag::NotTheClass {
                setting,
                found,
                expected,
            } => {
                let name = setting.name();
                write!(
                    f,
                    "{name}: {found}, but this class plays every round with {name} {expected} (the scenario's training.{name})"
                )
            }
            Flag::Failed { round, error } => write!(f, "round {round}: {error}"),
        }
    }
}

/// A verified result: the session replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    /// The team's name.
    pub team: String,
    /// The last round's points, as replayed (0 with no scored round).
    pub score: f64,
    /// The session as replayed (every round's results, for the debrief).
    pub session: Session,
}

/// Replays every round of `file` on `scenario` and compares each claim; `progress` is
/// called after each round with (rounds done, rounds in all).
pub fn verify(
    scenario: &Scenario,
    file: &ResultFile,
    mut progress: impl FnMut(usize, usize),
) -> Result<Verified, Flag> {
    let own = fingerprint(scenario);
    if file.scenario != own {
        return Err(Flag::OtherScenario {
            fingerprint: file.scenario.clone(),
        });
    }
    let mut session = Session::new("verified", scenario.clone(), file.seed);
    session.replications = file.replications;
    let total = session.total_rounds();
    if file.rounds.is_empty() || file.rounds.len() > total as usize {
        return Err(Flag::Rounds {
            rounds: file.rounds.len(),
            max: total,
        });
    }
    // The page plays a class's rounds with exactly its replications and seed, and free
    // practice with the default seed and 1 to the cap replications: nothing else is accepted.
    let class = ClassRun::of(scenario.training.as_ref());
    let differs = |setting, found, expected| {
        (found != expected).then_some(Flag::NotTheClass {
            setting,
            found,
            expected,
        })
    };
    if class.fixed {
        if let Some(flag) = differs(
            ClassSetting::Replications,
            file.replications,
            class.replications,
        ) {
            return Err(flag);
        }
    } else if !class.accepts(file.replications) {
        return Err(Flag::Replications {
            replications: file.replications,
            max: MAX_ROUND_REPLICATIONS,
        });
    }
    if let Some(flag) = differs(ClassSetting::Seed, file.seed, class.seed) {
        return Err(flag);
    }
    for (k, claim) in file.rounds.iter().enumerate() {
        let round = k + 1;
        if k == 0 && !claim.changes.is_empty() {
            return Err(Flag::ChangedBaseline);
        }
        session.plan = claim.changes.clone();
        let job = session
            .job()
            .map_err(|refusal| Flag::Refused { round, refusal })?;
        let Outcome { analysis, score } = job
            .play(|_| Control::Continue)
            .map_err(|error| Flag::Failed { round, error })?;
        let mismatch = |figure: Figure, claimed: Option<f64>, actual: Option<f64>| {
            let same = match (claimed, actual) {
                (Some(c), Some(a)) => (c - a).abs() <= 1e-9 * a.abs().max(1.0),
                (c, a) => c.is_none() && a.is_none(),
            };
            (!same).then_some(Flag::Mismatch {
                round,
                figure,
                claimed,
                actual,
            })
        };
        let actual_score = score.as_ref().map(|s| s.total);
        if let Some(flag) = mismatch(
            Figure::Completed,
            Some(claim.completed),
            Some(analysis.kpis.completed.mean),
        )
        .or_else(|| mismatch(Figure::Score, claim.score, actual_score))
        {
            return Err(flag);
        }
        session.record(analysis, score);
        progress(round, file.rounds.len());
    }
    // Ranked by the points as replayed: a claim is accepted within a rounding tolerance,
    // so the claimed figure itself may be off by that much.
    let score = session
        .rounds
        .iter()
        .rev()
        .find_map(|r| r.score.as_ref().map(|s| s.total))
        .unwrap_or(0.0);
    Ok(Verified {
        team: file.team.clone(),
        score,
        session,
    })
}

/// One line of a leaderboard, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The entry's index in the list ranked.
    pub entry: usize,
    /// Its place (1 = best), or `None` when it is not ranked (flagged, not yet verified).
    pub place: Option<usize>,
}

/// Ranks entries by their verified score (`scores[k]`; `None`: not ranked): the ranked ones
/// first, best score first (equal scores keep the list's order), then the others in the
/// list's order. `takt verify` and the instructor's desk rank with this one function.
pub fn leaderboard(scores: &[Option<f64>]) -> Vec<Standing> {
    let mut ranked: Vec<usize> = (0..scores.len()).filter(|&k| scores[k].is_some()).collect();
    // A stable sort: equal scores keep the list's order.
    ranked.sort_by(|&a, &b| {
        let score = |k: usize| scores[k].unwrap_or(f64::NEG_INFINITY);
        score(b).total_cmp(&score(a))
    });
    let others = (0..scores.len()).filter(|&k| scores[k].is_none());
    ranked
        .into_iter()
        .enumerate()
        .map(|(place, entry)| Standing {
            entry,
            place: Some(place + 1),
        })
        .chain(others.map(|entry| Standing { entry, place: None }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leaderboard_ranks_verified_scores_best_first_and_keeps_the_rest_in_order() {
        let board = leaderboard(&[None, Some(10.0), Some(30.0), None, Some(10.0), Some(-5.0)]);
        let order: Vec<(usize, Option<usize>)> = board.iter().map(|s| (s.entry, s.place)).collect();
        assert_eq!(
            order,
            [
                (2, Some(1)),
                (1, Some(2)),
                (4, Some(3)),
                (5, Some(4)),
                (0, None),
                (3, None)
            ]
        );
        assert!(leaderboard(&[]).is_empty());
    }
}
