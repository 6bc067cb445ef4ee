//! `takt`: the command-line tool over the Takt core, for instructors and batch runs.
//!
//! Exit codes: 0 success; 1 the file cannot be read or the run failed; 2 invalid input
//! (the errors, one per line with their field paths, go to stderr and nothing to stdout);
//! 3 `verify` flagged at least one result file.

mod classroom;
mod text;
mod verify;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use takt_core::model::Kpi;
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
    /// Serve a live class on this computer (docs/classroom.md): the app and the class's API,
    /// on 127.0.0.1 or with --lan on the room's network. Prints the instructor's link and the
    /// teams' link; runs until Ctrl-C.
    Classroom {
        /// The app's release build to serve.
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// The class's database (SQLite; made when absent, kept across restarts).
        #[arg(long, default_value = "takt-classroom.sqlite")]
        db: PathBuf,
        /// The port (0: any free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Listen on this computer's network addresses too, for the teams' laptops.
        #[arg(long)]
        lan: bool,
    },
    /// Search the best round of changes within the training's cards and budget; print it
    /// with its cost, KPIs and score as one JSON object.
    Optimize {
        /// Scenario file (the round-1 line, with its training settings).
        file: PathBuf,
        /// Run seed (default: the scenario's training seed, else 1).
        #[arg(long)]
        seed: Option<u64>,
        /// Replications of the confirmation and the score (default: the training's, else 30).
        #[arg(long)]
        replications: Option<u64>,
        /// Seconds: the search's evaluation budget, and the wall-clock time it may take.
        #[arg(long, default_value_t = takt_core::training::optimize::DEFAULT_TIME_LIMIT)]
        time_limit: f64,
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
    /// Print a scenario in the newest format (a format-1 file's tools become improvement cards).
    Migrate {
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
            if !takt_core::training::is_changes(&text) {
                let line = Scenario::from_json(&text).map_err(|e| invalid(&improved, &e))?;
                let score =
                    takt_core::training::score::score(&base, &line, 0.0, seed, replications)
                        .map_err(|e| run_failure(&improved, e))?;
                return Ok(json(&score, pretty));
            }
            let changes =
                takt_core::training::parse_changes(&text).map_err(|e| invalid(&improved, &e))?;
            let applied = takt_core::training::apply(&base, &changes).map_err(|r| Failure {
                code: 2,
                message: format!("{}: {r}", improved.display()),
            })?;
            // Played as a round 2 is: the round's line against the baseline, and each change's
            // credit (leave-one-out, common random numbers).
            let job = takt_core::training::RoundJob {
                baseline: Some(base.clone()),
                scenario: applied.scenario,
                cost: applied.cost,
                seed,
                replications: replications
                    .or(base.training.as_ref().and_then(|t| t.replications))
                    .unwrap_or(takt_core::model::DEFAULT_REPLICATIONS),
                credit: Some(takt_core::training::CreditJob {
                    previous: None,
                    spent: 0.0,
                    changes: changes.clone(),
                }),
                hints: 0,
                coach: false,
            };
            let outcome = job
                .play(|_| takt_core::sim::Control::Continue)
                .map_err(|e| match e {
                    takt_core::training::Unplayed::Failed(e) => run_failure(&improved, e),
                    cancelled => Failure {
                        code: 1,
                        message: format!("{}: {cancelled}", improved.display()),
                    },
                })?;
            // The score's fields, then `credits`, per change: the change, its `cost` and its
            // `effect` (each KPI's difference by name, and `points`), or, when the round cannot
            // do without it, why the round without it is `refused`; then `interaction`.
            #[derive(serde::Serialize)]
            struct Credited<'a> {
                change: &'a takt_core::training::Change,
                cost: f64,
                #[serde(skip_serializing_if = "Option::is_none")]
                effect: Option<Named<'a>>,
                #[serde(skip_serializing_if = "Option::is_none")]
                refused: Option<takt_core::training::Refusal>,
            }
            #[derive(serde::Serialize)]
            struct Scored<'a> {
                #[serde(flatten)]
                score: &'a Option<takt_core::training::Score>,
                credits: Vec<Credited<'a>>,
                interaction: Option<Named<'a>>,
            }
            let credits = outcome.credits.as_ref();
            let effects = credits.map_or(&[][..], |c| c.changes.as_slice());
            let credited = changes
                .iter()
                .zip(effects)
                .enumerate()
                .map(|(i, (change, effect))| Credited {
                    change,
                    cost: takt_core::training::cost_of(&base, change.tool()),
                    effect: effect.as_ref().map(Named),
                    refused: effect
                        .is_none()
                        .then(|| takt_core::training::credit::leave_out(&base, &changes, i).err())
                        .flatten(),
                });
            Ok(json(
                &Scored {
                    score: &outcome.score,
                    credits: credited.collect(),
                    interaction: credits.map(|c| Named(&c.interaction)),
                },
                pretty,
            ))
        }
        Command::Classroom {
            dist,
            db,
            port,
            lan,
        } => classroom::serve(takt_classroom::Options {
            dist,
            db,
            port,
            lan,
        })
        .map_err(|message| Failure { code: 1, message }),
        Command::Optimize {
            file,
            seed,
            replications,
            time_limit,
            pretty,
        } => {
            let sc = load(&file)?;
            if !(time_limit.is_finite() && time_limit > 0.0) {
                return Err(Failure {
                    code: 2,
                    message: "--time-limit: must be a number of seconds > 0".into(),
                });
            }
            let defaults = takt_core::training::optimize::Options::of(&sc);
            let options = takt_core::training::optimize::Options {
                seed: seed.unwrap_or(defaults.seed),
                replications: replications.unwrap_or(defaults.replications),
                time_limit,
                cap: time_limit,
            };
            let start = std::time::Instant::now();
            let best = takt_core::training::optimize::optimize(
                &sc,
                &options,
                || start.elapsed().as_secs_f64(),
                |_| takt_core::sim::Control::Continue,
            )
            .map_err(|e| match e {
                takt_core::training::Unplayed::Failed(e) => run_failure(&file, e),
                cancelled => Failure {
                    code: 1,
                    message: format!("{}: {cancelled}", file.display()),
                },
            })?;
            Ok(json(&best, pretty))
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
        Command::Migrate { file } => Ok(load(&file)?.migrated().to_json()),
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

/// An effect with its figures named: each KPI's difference (`completed`, `profit`, …), then
/// `points` (the core stores it as a list of numbers).
struct Named<'a>(&'a takt_core::training::Effect);

impl serde::Serialize for Named<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(Kpi::ALL.len() + 1))?;
        for kpi in Kpi::ALL {
            map.serialize_entry(kpi.name(), &self.0.difference(kpi))?;
        }
        map.serialize_entry("points", &self.0.points)?;
        map.end()
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
