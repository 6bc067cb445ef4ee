//! `takt`: the command-line tool over the Takt core, for instructors and batch runs.
//!
//! Exit codes: 0 success; 1 the file cannot be read or the run failed; 2 invalid input
//! (the errors, one per line with their field paths, go to stderr and nothing to stdout);
//! 3 `verify` flagged at least one result file.

mod text;
mod verify;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use takt_core::{simulate, Scenario};

#[derive(Parser)]
#[command(
    name = "takt",
    version,
    about = "Takt: lean production line simulator (CLI)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Simulate a scenario and print the report as one JSON object.
    Simulate {
        /// Scenario file (JSON, see docs/scenario-format.md).
        file: PathBuf,
        /// Run seed.
        #[arg(long, default_value_t = takt_core::model::DEFAULT_SEED)]
        seed: u64,
        /// Number of independent replications.
        #[arg(long, default_value_t = 1)]
        replications: u64,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Score an improved line, or a round of changes, against a baseline (common random numbers).
    Score {
        /// The baseline scenario.
        baseline: PathBuf,
        /// An improved scenario, or a round of changes (a JSON list, or {"changes": [...]}).
        improved: PathBuf,
        /// Run seed.
        #[arg(long, default_value_t = takt_core::model::DEFAULT_SEED)]
        seed: u64,
        /// Replications of each line (default: the scenario's training setting, else 30).
        #[arg(long)]
        replications: Option<u64>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Analyse a scenario: KPIs, line balance, OEE, bottlenecks and the 7 wastes.
    Analyze {
        /// Scenario file (JSON, see docs/scenario-format.md).
        file: PathBuf,
        /// Run seed.
        #[arg(long, default_value_t = takt_core::model::DEFAULT_SEED)]
        seed: u64,
        /// Number of independent replications.
        #[arg(long, default_value_t = 1)]
        replications: u64,
        /// Output: one JSON object, or readable tables.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Language of the names in the readable tables (JSON keeps every language).
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// Verify teams' result files by re-simulating them on the scenario; print the leaderboard.
    Verify {
        /// The scenario the teams played.
        scenario: PathBuf,
        /// Result files exported by the app.
        #[arg(required = true)]
        results: Vec<PathBuf>,
        /// Output: one JSON object, or a readable table.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the names in the readable table.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// Check a scenario and list every problem.
    Validate {
        /// Scenario file.
        file: PathBuf,
    },
}

/// Output format of `analyze` and `verify`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Json,
    /// Readable tables (also `table`).
    #[value(alias = "table")]
    Text,
}

/// The language of the display names (scenario, stations, operators) in readable output.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Lang {
    Ru,
    En,
}

impl Lang {
    /// The language code, as a scenario's names are keyed.
    fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// A failure with its exit code.
struct Failure {
    code: u8,
    message: String,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(out) => {
            // A closed pipe (`takt simulate … | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{out}");
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Simulate {
            file,
            seed,
            replications,
            pretty,
        } => {
            let sc = load(&file)?;
            let report = simulate(&sc, seed, replications).map_err(|e| run_failure(&file, e))?;
            Ok(if pretty {
                serde_json::to_string_pretty(&report).expect("serializes")
            } else {
                report.to_json()
            })
        }
        Command::Score {
            baseline,
            improved,
            seed,
            replications,
            pretty,
        } => {
            let base = load(&baseline)?;
            let text = read(&improved)?;
            let (line, cost) = if takt_core::training::is_changes(&text) {
                let changes = takt_core::training::parse_changes(&text)
                    .map_err(|e| invalid(&improved, &e))?;
                let applied = takt_core::training::apply(&base, &changes).map_err(|r| Failure {
                    code: 2,
                    message: format!("{}: {r}", improved.display()),
                })?;
                (applied.scenario, applied.cost)
            } else {
                (
                    Scenario::from_json(&text).map_err(|e| invalid(&improved, &e))?,
                    0.0,
                )
            };
            let score = takt_core::training::score::score(&base, &line, cost, seed, replications)
                .map_err(|e| run_failure(&improved, e))?;
            Ok(json(&score, pretty))
        }
        Command::Analyze {
            file,
            seed,
            replications,
            format,
            lang,
        } => {
            let sc = load(&file)?;
            let analysis = takt_core::lean::analyze(&sc, seed, replications)
                .map_err(|e| run_failure(&file, e))?;
            Ok(match format {
                Format::Json => json(&analysis, false),
                Format::Text => text::render(&sc, &analysis, lang.code()),
            })
        }
        Command::Verify {
            scenario,
            results,
            format,
            lang,
        } => {
            let sc = load(&scenario)?;
            let board = verify::leaderboard(&sc, &results);
            let flagged = board.iter().any(|e| e.flag.is_some());
            let out = match format {
                Format::Json => json(&board, false),
                Format::Text => verify::table(&sc, &board, lang.code()),
            };
            if flagged {
                // The leaderboard still goes to stdout; the exit code says "look at the flags".
                let _ = writeln!(std::io::stdout().lock(), "{out}");
                return Err(Failure {
                    code: 3,
                    message: "some result files are flagged (see the table)".into(),
                });
            }
            Ok(out)
        }
        Command::Validate { file } => {
            let sc = load(&file)?;
            Ok(format!(
                "{}: ok ({} stations)",
                file.display(),
                sc.stations.len()
            ))
        }
    }
}

fn read(file: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|e| Failure {
        code: 1,
        message: format!("cannot read {}: {e}", file.display()),
    })
}

fn load(file: &Path) -> Result<Scenario, Failure> {
    Scenario::from_json(&read(file)?).map_err(|errs| invalid(file, &errs))
}

fn json<T: serde::Serialize>(value: &T, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(value).expect("serializes")
    } else {
        serde_json::to_string(value).expect("serializes")
    }
}

/// A run that could not be made: invalid input (exit 2) or stopped by the event guard (exit 1).
fn run_failure(file: &Path, e: takt_core::SimError) -> Failure {
    match e {
        takt_core::SimError::Invalid(errs) => invalid(file, &errs),
        other => Failure {
            code: 1,
            message: format!("{}: {other}", file.display()),
        },
    }
}

fn invalid(file: &Path, errs: &takt_core::Errors) -> Failure {
    let lines: Vec<String> = errs
        .iter()
        .map(|e| format!("{}: {e}", file.display()))
        .collect();
    Failure {
        code: 2,
        message: lines.join("\n"),
    }
}
