//! The names of the files a user downloads: each carries the team and the round, so that
//! a class's files do not overwrite each other in one folder, and is safe on every file
//! system.

/// Longest team part of a file name, in characters.
pub const TEAM_CHARS: usize = 40;

/// The name of a download: `takt-<kind>-<team>-round-<round>.<ext>`
/// (`takt-result-Бригада-1-round-3.json`). The team's name keeps its letters, Cyrillic
/// too; characters a file system refuses (`/ \ : * ? " < > |`, control characters) are
/// dropped, runs of spaces become one `-`, and it is cut to [`TEAM_CHARS`]. With no team
/// (or nothing left of it) the team part is left out; `round` 0 leaves the round out.
pub fn download_name(kind: &str, team: &str, round: usize, ext: &str) -> String {
    let kept: String = team
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
        .collect();
    let team: String = kept
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .trim_matches(['.', '-'])
        .chars()
        .take(TEAM_CHARS)
        .collect();
    let mut name = format!("takt-{kind}");
    if !team.is_empty() {
        name.push('-');
        name.push_str(team.trim_end_matches(['.', '-']));
    }
    if round > 0 {
        name.push_str(&format!("-round-{round}"));
    }
    format!("{name}.{ext}")
}
