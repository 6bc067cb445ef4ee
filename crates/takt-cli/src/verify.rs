//! `takt verify`: teams' result files re-simulated on the instructor's scenario, ranked.

use serde::Serialize;
use std::path::PathBuf;
use takt_core::training::result::{
    leaderboard as rank, training_rounds, verify, Candidate, Class, ResultFile,
};
use takt_core::Scenario;

/// One line of the leaderboard.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The result file.
    pub file: PathBuf,
    /// The team (empty when the file could not be read).
    pub team: String,
    /// Place among the verified results (none when flagged or a duplicate).
    pub rank: Option<usize>,
    /// The rounds the file holds (0 when it could not be read).
    pub rounds: usize,
    /// Fewer rounds than the training has: ranked after every finished file.
    pub unfinished: bool,
    /// The same team has a later file (its path): this one does not count.
    pub duplicate_of: Option<PathBuf>,
    /// The verified score (the last round's points).
    pub score: Option<f64>,
    /// Why the file is not ranked.
    pub flag: Option<String>,
}

/// Verifies every file and ranks them with the core's leaderboard: finished files by
/// score, best first, then unfinished ones; of one team's files only the latest counts.
pub fn leaderboard(sc: &Scenario, files: &[PathBuf]) -> Vec<Entry> {
    let board: Vec<(Option<u64>, Entry)> = files
        .iter()
        .map(|file| {
            let parsed = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read: {e}"))
                .and_then(|text| ResultFile::from_json(&text).map_err(|e| e.to_string()));
            let (team, rounds, exported, outcome) = match parsed {
                Ok(r) => (
                    r.team.clone(),
                    r.rounds.len(),
                    r.exported,
                    verify(sc, &r, |_, _| {}).map_err(|f| f.to_string()),
                ),
                Err(e) => (String::new(), 0, None, Err(e)),
            };
            (
                exported,
                Entry {
                    file: file.clone(),
                    team,
                    rank: None,
                    rounds,
                    unfinished: false,
                    duplicate_of: None,
                    score: outcome.as_ref().ok().map(|v| v.score),
                    flag: outcome.err(),
                },
            )
        })
        .collect();
    let candidates: Vec<Candidate> = board
        .iter()
        .map(|(exported, e)| Candidate {
            team: &e.team,
            score: e.score.filter(|_| e.flag.is_none()),
            rounds: e.rounds,
            exported: *exported,
        })
        .collect();
    let standings = rank(&candidates, training_rounds(sc));
    let paths: Vec<PathBuf> = board.iter().map(|(_, e)| e.file.clone()).collect();
    let mut entries: Vec<Option<Entry>> = board.into_iter().map(|(_, e)| Some(e)).collect();
    standings
        .into_iter()
        .filter_map(|s| {
            let mut e = entries[s.entry].take()?;
            e.rank = s.place;
            e.unfinished = s.class == Class::Unfinished;
            if let Class::Duplicate { latest } = s.class {
                e.duplicate_of = Some(paths[latest].clone());
            }
            Some(e)
        })
        .collect()
}

/// The leaderboard as a readable table, under the scenario's name in `lang`.
pub fn table(sc: &Scenario, board: &[Entry], lang: &str) -> String {
    let mut out = format!(
        "{}\n{:<5} {:<24} {:>8}  {}\n",
        sc.title_in(lang),
        "rank",
        "team",
        "score",
        "status"
    );
    for e in board {
        let rank = e.rank.map_or("-".to_owned(), |r| r.to_string());
        let score = e.score.map_or("-".to_owned(), |s| format!("{s:.2}"));
        let status = match (&e.flag, &e.duplicate_of) {
            (_, Some(latest)) => format!(
                "DUPLICATE {}: the same team's later file {} counts",
                e.file.display(),
                latest.display()
            ),
            (Some(why), None) => format!("FLAGGED {}: {why}", e.file.display()),
            (None, None) if e.unfinished => format!("verified, UNFINISHED ({} rounds)", e.rounds),
            (None, None) => "verified".to_owned(),
        };
        out.push_str(&format!("{rank:<5} {:<24} {score:>8}  {status}\n", e.team));
    }
    out.trim_end().to_owned()
}
