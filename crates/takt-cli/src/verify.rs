//! `takt verify`: teams' result files re-simulated on the instructor's scenario, ranked.

use serde::Serialize;
use std::path::PathBuf;
use takt_core::training::result::{leaderboard as rank, verify, ResultFile};
use takt_core::Scenario;

/// One line of the leaderboard.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The result file.
    pub file: PathBuf,
    /// The team (empty when the file could not be read).
    pub team: String,
    /// Place among the verified results (none when flagged).
    pub rank: Option<usize>,
    /// The verified score (the last round's points).
    pub score: Option<f64>,
    /// Why the file is not ranked.
    pub flag: Option<String>,
}

/// Verifies every file and ranks the verified ones by score, best first (ties keep file order).
pub fn leaderboard(sc: &Scenario, files: &[PathBuf]) -> Vec<Entry> {
    let board: Vec<Entry> = files
        .iter()
        .map(|file| {
            let parsed = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read: {e}"))
                .and_then(|text| ResultFile::from_json(&text).map_err(|e| e.to_string()));
            let (team, outcome) = match parsed {
                Ok(r) => (
                    r.team.clone(),
                    verify(sc, &r, |_, _| {}).map_err(|f| f.to_string()),
                ),
                Err(e) => (String::new(), Err(e)),
            };
            Entry {
                file: file.clone(),
                team,
                rank: None,
                score: outcome.as_ref().ok().map(|v| v.score),
                flag: outcome.err(),
            }
        })
        .collect();
    let scores: Vec<Option<f64>> = board
        .iter()
        .map(|e| e.score.filter(|_| e.flag.is_none()))
        .collect();
    let mut entries: Vec<Option<Entry>> = board.into_iter().map(Some).collect();
    rank(&scores)
        .into_iter()
        .filter_map(|s| {
            let mut e = entries[s.entry].take()?;
            e.rank = s.place;
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
        let status = match &e.flag {
            None => "verified".to_owned(),
            Some(why) => format!("FLAGGED {}: {why}", e.file.display()),
        };
        out.push_str(&format!("{rank:<5} {:<24} {score:>8}  {status}\n", e.team));
    }
    out.trim_end().to_owned()
}
