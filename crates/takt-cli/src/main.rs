//! `takt`: the command-line tool over the Takt core, for instructors and batch runs.
//!
//! Exit codes: 0 success; 1 the file cannot be read or the run failed; 2 invalid input
//! (the errors, one per line with their field paths, go to stderr and nothing to stdout).

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
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of independent replications.
        #[arg(long, default_value_t = 1)]
        replications: u64,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Check a scenario and list every problem.
    Validate {
        /// Scenario file.
        file: PathBuf,
    },
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
            let report = simulate(&sc, seed, replications).map_err(|e| match e {
                takt_core::SimError::Invalid(errs) => invalid(&file, &errs),
                other => Failure {
                    code: 1,
                    message: format!("{}: {other}", file.display()),
                },
            })?;
            Ok(if pretty {
                serde_json::to_string_pretty(&report).expect("serializes")
            } else {
                report.to_json()
            })
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

fn load(file: &Path) -> Result<Scenario, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure {
        code: 1,
        message: format!("cannot read {}: {e}", file.display()),
    })?;
    Scenario::from_json(&text).map_err(|errs| invalid(file, &errs))
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
