//! A trainee's training session: the scenario, the rounds played and the changes planned
//! for the next round. The app keeps one in browser storage and exports it; the same type
//! is read back wherever a session is checked.
//!
//! Round 1 runs the scenario as given (the baseline). Each later round applies its changes
//! to the line the previous round left, is run with the session's seed (common random
//! numbers) and is scored against round 1; the cost of every change made so far is charged
//! against its profit.

use super::catalog::{apply, apply_after, cost_of_changes, Applied, Change, Reason, Refusal};
use super::coach::{hint_on, Hint, HintUse};
use super::credit::{CreditJob, Credits};
use super::round::{Outcome, RoundJob};
use super::score::Score;
use crate::json::Errors;
use crate::lean::Analysis;
use crate::model::{ClassRun, Coach, Scenario, DEFAULT_ROUNDS};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The layout version of a stored or exported session.
pub const SESSION_VERSION: u32 = 1;

/// A training session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Layout version ([`SESSION_VERSION`]).
    pub version: u32,
    /// Where the scenario came from (a built-in library id, or `custom`).
    pub scenario_id: String,
    /// The line of round 1, as given.
    pub scenario: Scenario,
    /// Seed of every round's runs.
    pub seed: u64,
    /// Replications of every round.
    pub replications: u64,
    /// The rounds played, round 1 first.
    pub rounds: Vec<Round>,
    /// The changes planned for the next round.
    pub plan: Vec<Change>,
    /// The team's name (for the result file).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    /// The coach's hints asked for while planning the next round (they go with its changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<HintUse>,
}

/// Why a stored or exported session cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionError {
    /// The text is not a session (bad JSON, a wrong type, an unknown or missing field, too
    /// large): the problem at its field.
    Unreadable(Errors),
    /// A session of another layout version than [`SESSION_VERSION`].
    Version { found: u32 },
    /// The session's scenario is not valid: every problem at its field (paths within the
    /// scenario).
    Scenario(Errors),
}

impl fmt::Display for SessionError {
    /// The English text the CLI prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::Unreadable(e) => write!(f, "{e}"),
            SessionError::Version { found } => write!(
                f,
                "version: this app reads version {SESSION_VERSION}, not {found}"
            ),
            SessionError::Scenario(e) => write!(f, "scenario: {}", e.joined()),
        }
    }
}

impl std::error::Error for SessionError {}

/// A round played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The changes made before this round (none in round 1).
    pub changes: Vec<Change>,
    /// What these changes cost (roubles).
    pub cost: f64,
    /// The round's results over all replications.
    #[serde(deserialize_with = "crate::json::via_value")]
    pub analysis: Analysis,
    /// The score against round 1 (none for round 1).
    pub score: Option<Score>,
    /// What each change of the round did (from round 2 on; absent in a session stored
    /// before credits were, and in a session replayed by `takt verify` or the desk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<Credits>,
    /// The coach's hints asked for while planning this round, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<HintUse>,
    /// With a coach: the stations of the round's line ranked by the sensitivity run, for the
    /// hints asked for while planning the next round (`training::coach`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<String>,
}

impl Session {
    /// A new session on `scenario` with `seed`, and the replications it asks for (or the
    /// default). A class's session is [`Session::for_class`].
    pub fn new(scenario_id: impl Into<String>, scenario: Scenario, seed: u64) -> Session {
        let replications = ClassRun::of(scenario.training.as_ref()).replications;
        Session {
            version: SESSION_VERSION,
            scenario_id: scenario_id.into(),
            scenario,
            seed,
            replications,
            rounds: Vec::new(),
            plan: Vec::new(),
            team: String::new(),
            hints: Vec::new(),
        }
    }

    /// A new session as the trainee page starts one: the replications and seed the
    /// scenario's training fixes ([`ClassRun`]).
    pub fn for_class(scenario_id: impl Into<String>, scenario: Scenario) -> Session {
        let seed = ClassRun::of(scenario.training.as_ref()).seed;
        Session::new(scenario_id, scenario, seed)
    }

    /// The replications and seed the scenario fixes for this session's rounds.
    pub fn class_run(&self) -> ClassRun {
        ClassRun::of(self.scenario.training.as_ref())
    }

    /// Sets the replications of the coming rounds, if the class lets the team choose them
    /// and `replications` is in range; returns whether it was set.
    pub fn choose_replications(&mut self, replications: u64) -> bool {
        let run = self.class_run();
        let ok = !run.fixed && run.accepts(replications);
        if ok {
            self.replications = replications;
        }
        ok
    }

    /// Puts a class's replications and seed on a session that has not played a round yet
    /// (one stored by an older page, which let the team choose); returns whether it changed.
    pub fn follow_class(&mut self) -> bool {
        let run = self.class_run();
        let off = run.fixed && (self.replications != run.replications || self.seed != run.seed);
        if off && self.rounds.is_empty() {
            self.replications = run.replications;
            self.seed = run.seed;
            return true;
        }
        false
    }

    /// Reads a session from JSON; a session of another layout version, or whose scenario
    /// is not valid, is refused.
    pub fn from_json(text: &str) -> Result<Session, SessionError> {
        let session: Session =
            crate::json::from_json_text(text).map_err(SessionError::Unreadable)?;
        if session.version != SESSION_VERSION {
            return Err(SessionError::Version {
                found: session.version,
            });
        }
        session
            .scenario
            .validate()
            .map_err(SessionError::Scenario)?;
        Ok(session)
    }

    /// How many rounds the training has.
    pub fn total_rounds(&self) -> u32 {
        self.scenario
            .training
            .as_ref()
            .and_then(|t| t.rounds)
            .unwrap_or(DEFAULT_ROUNDS)
    }

    /// The number of the next round (1-based), or `None` when every round is played.
    pub fn next_round(&self) -> Option<u32> {
        let next = self.rounds.len() as u32 + 1;
        (next <= self.total_rounds()).then_some(next)
    }

    /// The round budget (roubles; `None` = unlimited).
    pub fn budget(&self) -> Option<f64> {
        self.scenario.training.as_ref().and_then(|t| t.budget)
    }

    /// The line as the rounds played have left it.
    pub fn line(&self) -> Scenario {
        self.line_after(self.rounds.len())
    }

    /// The line as the first `played` rounds left it (the line of round `played + 1`).
    pub fn line_after(&self, played: usize) -> Scenario {
        self.rounds
            .iter()
            .take(played)
            .skip(1)
            .fold(self.scenario.clone(), |line, round| {
                // Each recorded round was accepted when it was played.
                apply(&line, &round.changes).map_or(line, |a| a.scenario)
            })
    }

    /// The line the plan would make, with its cost; or why the plan is refused (a card
    /// already played on the same place in a round played is refused too).
    pub fn planned(&self) -> Result<Applied, Refusal> {
        self.try_plan(&self.plan)
    }

    /// The line `plan` would make as the next round, with its cost; or why it is refused.
    pub fn try_plan(&self, plan: &[Change]) -> Result<Applied, Refusal> {
        apply_after(
            &self.line(),
            self.rounds.iter().map(|r| r.changes.as_slice()),
            plan,
        )
    }

    /// What the plan costs on the current line (roubles), even when it is refused.
    pub fn plan_cost(&self) -> f64 {
        cost_of_changes(&self.line(), &self.plan)
    }

    /// Everything changed in the rounds played cost this much (roubles).
    pub fn spent(&self) -> f64 {
        self.rounds.iter().map(|r| r.cost).sum()
    }

    /// What to run for the next round, or why it cannot be run. Round 1 runs the
    /// scenario as given, whatever is planned.
    pub fn job(&self) -> Result<RoundJob, Refusal> {
        if self.next_round().is_none() {
            return Err(Refusal::round(Reason::AllPlayed));
        }
        let (baseline, scenario, cost, credit) = if self.rounds.is_empty() {
            (None, self.scenario.clone(), 0.0, None)
        } else {
            let planned = self.planned()?;
            let credit = CreditJob {
                previous: (self.rounds.len() > 1).then(|| self.line()),
                spent: self.spent(),
                changes: self.plan.clone(),
            };
            (
                Some(self.scenario.clone()),
                planned.scenario,
                self.spent() + planned.cost,
                Some(credit),
            )
        };
        Ok(RoundJob {
            baseline,
            scenario,
            cost,
            seed: self.seed,
            replications: self.replications,
            credit,
            hints: self.hints_used(),
            // The ranking serves the hints of the next round's improve step, if there is one.
            coach: self.coach().is_some() && self.rounds.len() + 1 < self.total_rounds() as usize,
        })
    }

    /// Records the round just run from the job's results; the plan becomes its changes, and
    /// the hints asked for meanwhile its hints.
    pub fn record(&mut self, outcome: Outcome) {
        let (changes, cost) = if self.rounds.is_empty() {
            (Vec::new(), 0.0)
        } else {
            let cost = self.planned().map_or(0.0, |a| a.cost);
            (std::mem::take(&mut self.plan), cost)
        };
        self.rounds.push(Round {
            changes,
            cost,
            analysis: outcome.analysis,
            score: outcome.score,
            credits: outcome.credits,
            hints: std::mem::take(&mut self.hints),
            ranking: outcome.ranking,
        });
    }

    /// The coach the instructor allows (`None`: none, or no hint per round).
    pub fn coach(&self) -> Option<Coach> {
        let coach = self.scenario.training.as_ref()?.coach?;
        (coach.hints > 0).then_some(coach)
    }

    /// Hints used so far: in every round played and while planning the next one.
    pub fn hints_used(&self) -> u32 {
        let used = self.rounds.iter().map(|r| r.hints.len()).sum::<usize>() + self.hints.len();
        u32::try_from(used).unwrap_or(u32::MAX)
    }

    /// Hints the team may still ask for while planning the next round: none before round 1
    /// is played or after the last, nor without a coach; at most three per station.
    pub fn hints_left(&self) -> usize {
        let Some(coach) = self.coach() else { return 0 };
        if self.rounds.is_empty() || self.next_round().is_none() {
            return 0;
        }
        let most = (coach.hints as usize).min(3 * self.scenario.stations.len());
        most.saturating_sub(self.hints.len())
    }

    /// The next hint, or `None` when none is left ([`Session::hints_left`]). The first three
    /// are on the station the last round's sensitivity run ranks first ([`Round::ranking`]),
    /// each deeper; the next three on the second, and so on.
    pub fn next_hint(&self) -> Option<Hint> {
        if self.hints_left() == 0 {
            return None;
        }
        let round = self.rounds.last()?;
        let k = self.hints.len();
        let station = match self.hints.last() {
            Some(h) if !k.is_multiple_of(3) => h.station.clone(),
            _ if round.ranking.is_empty() => {
                // A round stored without a ranking: its bottleneck, then the line's order.
                let bottleneck = &round.analysis.report.bottleneck;
                let ids = self.scenario.stations.iter().map(|s| &s.id);
                let rest = ids.filter(|id| *id != bottleneck);
                std::iter::once(bottleneck).chain(rest).nth(k / 3)?.clone()
            }
            _ => round.ranking.get(k / 3)?.clone(),
        };
        Some(hint_on(&self.line(), &round.analysis, &station, k % 3 + 1))
    }

    /// The `k`-th hint asked for while planning the next round, in full.
    pub fn hint(&self, k: usize) -> Option<Hint> {
        let used = self.hints.get(k)?;
        let analysis = &self.rounds.last()?.analysis;
        let depth = usize::from(used.depth);
        Some(hint_on(&self.line(), analysis, &used.station, depth))
    }

    /// Takes `hints` as the ones asked for while planning the next round (a result file's
    /// claim), or refuses them with the most it allows.
    pub fn claim_hints(&mut self, hints: &[HintUse]) -> Result<(), usize> {
        self.hints.clear();
        let allowed = self.hints_left();
        if hints.len() > allowed {
            return Err(allowed);
        }
        self.hints = hints.to_vec();
        Ok(())
    }

    /// Records a hint given at `at` (Unix milliseconds); returns whether there was one left.
    pub fn take_hint(&mut self, hint: Hint, at: u64) -> bool {
        let left = self.hints_left() > 0;
        if left {
            self.hints.push(HintUse {
                station: hint.station,
                depth: hint.depth,
                at,
            });
        }
        left
    }

    /// Plans moving work element `element` to station `to`. A second move of the same
    /// element replaces the first, and a move back to where the element is now is dropped,
    /// so the plan (and its cost) holds only real moves.
    pub fn plan_move(&mut self, element: &str, to: &str) {
        self.plan
            .retain(|c| !matches!(c, Change::MoveElement { element: e, .. } if e == element));
        let home = self
            .line()
            .stations
            .iter()
            .find(|s| s.elements.iter().any(|e| e.key() == element))
            .map(|s| s.id.clone());
        if home.as_deref() != Some(to) {
            self.plan.push(Change::MoveElement {
                element: element.to_owned(),
                to: to.to_owned(),
            });
        }
    }
}
