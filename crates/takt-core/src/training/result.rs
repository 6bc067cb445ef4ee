//! A team's result file and its verification by re-simulation.
//!
//! A trainee exports a [`ResultFile`]: the scenario's fingerprint, the seed and replications,
//! the changes of every round and the scores claimed. The instructor checks each file by
//! playing the same rounds again ([`verify`]). The engine is deterministic, so an honest file
//! reproduces its claims exactly; one whose claims do not, or made on another scenario, is flagged.

use super::catalog::{Change, Refusal};
use super::coach::HintUse;
use super::round::Unplayed;
use super::session::Session;
use crate::json::{from_json_text, Errors};
use crate::model::{ClassRun, Scenario, DEFAULT_ROUNDS, MAX_ROUND_REPLICATIONS};
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
    /// When it was exported: Unix time in milliseconds, UTC (absent in files of older
    /// versions). Of one team's files the latest counts ([`leaderboard`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<u64>,
}

/// One round as claimed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimedRound {
    /// The changes made before this round (none in round 1).
    pub changes: Vec<Change>,
    /// Mean units completed.
    pub completed: f64,
    /// Points against round 1 (none for round 1), after the coach's hints.
    pub score: Option<f64>,
    /// The coach's hints asked for while planning this round (absent in older files: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<HintUse>,
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
                    hints: r.hints.clone(),
                })
                .collect(),
            exported: None,
        }
    }

    /// The same file, stamped with its export time (Unix milliseconds, UTC).
    pub fn exported_at(self, millis: u64) -> ResultFile {
        ResultFile {
            exported: Some(millis),
            ..self
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
    /// A round claims more of the coach's hints than it allows (round 1 and no coach: 0).
    Hints {
        round: usize,
        used: usize,
        allowed: usize,
    },
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
            Flag::Hints {
                round,
                used,
                allowed,
            } => write!(
                f,
                "round {round}: {used} hints of the coach, but this training allows {allowed}"
            ),
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
        session
            .claim_hints(&claim.hints)
            .map_err(|allowed| Flag::Hints {
                round,
                used: claim.hints.len(),
                allowed,
            })?;
        let mut job = session
            .job()
            .map_err(|refusal| Flag::Refused { round, refusal })?;
        // The credits and the coach's ranking explain a round; they are no claim, so the
        // replay does not run them.
        (job.credit, job.coach) = (None, false);
        let outcome = job
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
        let actual_score = outcome.score.as_ref().map(|s| s.total);
        if let Some(flag) = mismatch(
            Figure::Completed,
            Some(claim.completed),
            Some(outcome.analysis.kpis.completed.mean),
        )
        .or_else(|| mismatch(Figure::Score, claim.score, actual_score))
        {
            return Err(flag);
        }
        session.record(outcome);
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

/// How many rounds the training on `scenario` has (its `training.rounds`, or the default).
pub fn training_rounds(scenario: &Scenario) -> usize {
    scenario
        .training
        .as_ref()
        .and_then(|t| t.rounds)
        .unwrap_or(DEFAULT_ROUNDS) as usize
}

/// One result file as the leaderboard sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate<'a> {
    /// The team's name as written in the file (empty when the file could not be read).
    pub team: &'a str,
    /// The verified score (`None`: not verified, or not yet).
    pub score: Option<f64>,
    /// The rounds the file holds.
    pub rounds: usize,
    /// When it was exported ([`ResultFile::exported`]).
    pub exported: Option<u64>,
}

/// Where a file stands on the leaderboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Verified with every round of the training played: ranked.
    Finished,
    /// Verified, with fewer rounds than the training has: ranked after every finished
    /// file, more rounds first.
    Unfinished,
    /// The same team has a later file (`latest`, an index into the list): this one
    /// does not count.
    Duplicate { latest: usize },
    /// Not verified (flagged, or not checked yet): not ranked.
    NotRanked,
}

/// One line of a leaderboard, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The entry's index in the list ranked.
    pub entry: usize,
    /// Its place (1 = best), or `None` when it is not ranked.
    pub place: Option<usize>,
    /// Where it stands.
    pub class: Class,
}

/// The key one team's files share: the name trimmed and compared without case (an
/// empty name is no team: such files never count as duplicates).
fn team_key(team: &str) -> Option<String> {
    let key = team.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// Ranks a class's result files (`files`, in the order they were loaded; `rounds`: the
/// training's rounds). Of one team's files (the name compared trimmed and without case)
/// only the latest counts: the one exported last, a file with an export time being
/// later than one without, and the one loaded later when neither says; the others are
/// [`Class::Duplicate`]. The verified files that count are ranked by their score, best
/// first: every finished one, then the [`Class::Unfinished`] ones (more rounds first, then
/// the score); equal keep the list's order. Then the duplicates, then the files not
/// ranked, each in the list's order. `takt verify` and the instructor's desk rank with
/// this one function.
pub fn leaderboard(files: &[Candidate], rounds: usize) -> Vec<Standing> {
    let latest = |k: usize| -> usize {
        let Some(key) = team_key(files[k].team) else {
            return k;
        };
        (0..files.len())
            .filter(|&j| team_key(files[j].team).as_ref() == Some(&key))
            .max_by_key(|&j| (files[j].exported, j))
            .unwrap_or(k)
    };
    let class = |k: usize| -> Class {
        let last = latest(k);
        if last != k {
            return Class::Duplicate { latest: last };
        }
        match files[k].score {
            None => Class::NotRanked,
            Some(_) if files[k].rounds >= rounds => Class::Finished,
            Some(_) => Class::Unfinished,
        }
    };
    let classes: Vec<Class> = (0..files.len()).map(class).collect();
    let score = |k: usize| files[k].score.unwrap_or(f64::NEG_INFINITY);
    let mut ranked: Vec<usize> = (0..files.len())
        .filter(|&k| matches!(classes[k], Class::Finished | Class::Unfinished))
        .collect();
    // A stable sort: equal keep the list's order.
    ranked.sort_by(|&a, &b| {
        let finished = |k: usize| classes[k] == Class::Finished;
        finished(b)
            .cmp(&finished(a))
            .then(files[b].rounds.cmp(&files[a].rounds))
            .then(score(b).total_cmp(&score(a)))
    });
    let duplicates = (0..files.len()).filter(|&k| matches!(classes[k], Class::Duplicate { .. }));
    let others = (0..files.len()).filter(|&k| classes[k] == Class::NotRanked);
    ranked
        .into_iter()
        .enumerate()
        .map(|(place, entry)| Standing {
            entry,
            place: Some(place + 1),
            class: classes[entry],
        })
        .chain(duplicates.chain(others).map(|entry| Standing {
            entry,
            place: None,
            class: classes[entry],
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(team: &str, score: Option<f64>, rounds: usize, exported: Option<u64>) -> Candidate<'_> {
        Candidate {
            team,
            score,
            rounds,
            exported,
        }
    }

    fn order(board: &[Standing]) -> Vec<(usize, Option<usize>)> {
        board.iter().map(|s| (s.entry, s.place)).collect()
    }

    #[test]
    fn the_leaderboard_ranks_verified_scores_best_first_and_keeps_the_rest_in_order() {
        let scores = [None, Some(10.0), Some(30.0), None, Some(10.0), Some(-5.0)];
        let names = ["a", "b", "c", "d", "e", "f"];
        let files: Vec<Candidate> = (0..6).map(|k| file(names[k], scores[k], 3, None)).collect();
        let board = leaderboard(&files, 3);
        assert_eq!(
            order(&board),
            [
                (2, Some(1)),
                (1, Some(2)),
                (4, Some(3)),
                (5, Some(4)),
                (0, None),
                (3, None)
            ]
        );
        assert!(board[..4].iter().all(|s| s.class == Class::Finished));
        assert!(board[4..].iter().all(|s| s.class == Class::NotRanked));
        assert!(leaderboard(&[], 3).is_empty());
    }

    #[test]
    fn an_unfinished_file_ranks_after_every_finished_one_whatever_its_score() {
        let files = [
            file("Early birds", Some(900.0), 2, None),
            file("Slow", Some(-10.0), 3, None),
            file("One round", Some(0.0), 1, None),
            file("Fast", Some(50.0), 3, None),
        ];
        let board = leaderboard(&files, 3);
        assert_eq!(
            order(&board),
            [(3, Some(1)), (1, Some(2)), (0, Some(3)), (2, Some(4))]
        );
        let classes: Vec<Class> = board.iter().map(|s| s.class).collect();
        use Class::*;
        assert_eq!(classes, [Finished, Finished, Unfinished, Unfinished]);
    }

    #[test]
    fn of_one_team_s_files_the_latest_counts_and_the_others_are_duplicates() {
        // "Бригада 1" three times, spelled three ways: the one exported last counts even
        // though it was loaded first and scores lowest.
        let files = [
            file(" бригада 1", Some(5.0), 3, Some(3_000)),
            file("Бригада 1", Some(80.0), 3, Some(1_000)),
            file("Other", Some(10.0), 3, None),
            file("БРИГАДА 1 ", Some(90.0), 3, Some(2_000)),
        ];
        let board = leaderboard(&files, 3);
        assert_eq!(
            order(&board),
            [(2, Some(1)), (0, Some(2)), (1, None), (3, None)]
        );
        assert_eq!(board[2].class, Class::Duplicate { latest: 0 });
        assert_eq!(board[3].class, Class::Duplicate { latest: 0 });
        // Without export times, the file loaded later wins; a timed file is later than an
        // untimed one; unnamed files are never duplicates.
        let files = [
            file("A", Some(1.0), 3, None),
            file("a", Some(2.0), 3, None),
            file("", Some(3.0), 3, None),
            file(" ", Some(4.0), 3, None),
        ];
        let board = leaderboard(&files, 3);
        assert_eq!(board[3].class, Class::Duplicate { latest: 1 });
        assert_eq!(board.iter().filter(|s| s.place.is_some()).count(), 3);
        let files = [file("A", Some(1.0), 3, Some(7)), file("a", None, 3, None)];
        let board = leaderboard(&files, 3);
        assert_eq!(order(&board), [(0, Some(1)), (1, None)]);
        assert_eq!(board[1].class, Class::Duplicate { latest: 0 });
    }
}
