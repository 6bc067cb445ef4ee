//! Every CSV table the app and the CLI write: the KPI table of a session, the per-unit
//! records of a run, and the class leaderboard. Written by the `csv` crate (RFC 4180
//! quoting), never by string formatting.
//!
//! Two dialects, chosen by the interface language, both UTF-8 with a byte-order mark so
//! that a spreadsheet reads the Cyrillic right: [`Dialect::Russian`] (`;` between cells,
//! decimal comma: what a spreadsheet set to Russian opens) and [`Dialect::English`] (`,`
//! and a decimal point). A text cell a spreadsheet would run as a formula (starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading apostrophe;
//! numbers, negative ones too, stay numbers.

use crate::lean::KPI_FIGURES;
use crate::model::Scenario;
use crate::sim::UnitRecord;
use crate::training::session::Session;

/// The byte-order mark every table starts with.
pub const BOM: &str = "\u{feff}";

/// How cells are separated and decimals written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `;` between cells, decimal comma (`12,5`).
    Russian,
    /// `,` between cells, decimal point (`12.5`).
    English,
}

impl Dialect {
    /// The dialect of an interface language (`"ru"`, `"en"`); Russian unless English.
    pub fn of_lang(lang: &str) -> Dialect {
        if lang == "en" {
            Dialect::English
        } else {
            Dialect::Russian
        }
    }

    /// The cell separator.
    pub fn delimiter(self) -> u8 {
        match self {
            Dialect::Russian => b';',
            Dialect::English => b',',
        }
    }
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (a figure that does not apply).
    Empty,
    /// A number, written in the dialect's decimal (a non-finite one is left empty).
    Number(f64),
    /// Text, neutralised when a spreadsheet would run it.
    Text(String),
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Number(x)
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl Cell {
    /// The cell's text in `dialect`.
    fn written(&self, dialect: Dialect) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(x) if !x.is_finite() => String::new(),
            Cell::Number(x) => {
                // `0.0 == -0.0`: a negative zero is written as 0.
                let x = if *x == 0.0 { 0.0 } else { *x };
                let text = x.to_string();
                match dialect {
                    Dialect::Russian => text.replace('.', ","),
                    Dialect::English => text,
                }
            }
            Cell::Text(s) => neutralised(s),
        }
    }
}

/// `s`, with a leading apostrophe when a spreadsheet would run it as a formula.
pub fn neutralised(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A table: the header row, then `rows`, in `dialect`, with the byte-order mark. Rows
/// end with CRLF (RFC 4180); a cell is quoted when it holds the separator, a quote or a
/// line break.
pub fn table(dialect: Dialect, header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter())
        .terminator(csv::Terminator::CRLF)
        .flexible(false)
        .from_writer(Vec::new());
    // Writing to memory cannot fail but for a row of another width, which the callers
    // here never make: such a row is left out rather than taking the page down.
    let _ = w.write_record(header.iter().map(|h| neutralised(h)));
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| c.written(dialect)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// The results of every round of `session`, one row per round: the round, how many
/// changes it made and what they cost, every KPI's mean (`Kpis::figures`, in that order),
/// what every change so far has cost (`spent`), and the score.
pub fn kpi_csv(session: &Session, dialect: Dialect) -> String {
    let mut header = vec!["round", "changes", "cost"];
    header.extend(KPI_FIGURES);
    header.extend(["spent", "score"]);
    let mut spent = 0.0;
    let rows: Vec<Vec<Cell>> = session
        .rounds
        .iter()
        .enumerate()
        .map(|(k, r)| {
            spent += r.cost;
            let mut row = vec![
                Cell::Number((k + 1) as f64),
                Cell::Number(r.changes.len() as f64),
                Cell::Number(r.cost),
            ];
            row.extend(
                r.analysis
                    .kpis
                    .figures()
                    .map(|(_, e)| Cell::from(e.map(|e| e.mean))),
            );
            row.push(Cell::Number(spent));
            row.push(Cell::from(r.score.as_ref().map(|s| s.total)));
            row
        })
        .collect();
    table(dialect, &header, &rows)
}

/// The per-unit records of a run of `line` (times in the line's time unit); the product
/// is named by its id (empty when the line has no product variants).
pub fn units_csv(line: &Scenario, units: &[UnitRecord], dialect: Dialect) -> String {
    let header = [
        "unit",
        "product",
        "release",
        "finish",
        "lead_time",
        "value_added",
        "processing",
        "reworks",
    ];
    let rows: Vec<Vec<Cell>> = units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let product = line
                .products
                .get(u.product as usize)
                .map_or(Cell::Empty, |p| Cell::Text(p.id.clone()));
            vec![
                Cell::Number((k + 1) as f64),
                product,
                Cell::Number(u.release),
                Cell::Number(u.finish),
                Cell::Number(u.finish - u.release),
                Cell::Number(u.value_added),
                Cell::Number(u.processing),
                Cell::Number(f64::from(u.reworks)),
            ]
        })
        .collect();
    table(dialect, &header, &rows)
}

/// One line of the class leaderboard as written to its table.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardLine {
    /// The place (none: not ranked).
    pub place: Option<usize>,
    /// The team.
    pub team: String,
    /// The verified score.
    pub score: Option<f64>,
    /// The rounds the file holds.
    pub rounds: usize,
    /// Where the file stands, in words of the interface language.
    pub status: String,
    /// The file's name.
    pub file: String,
}

/// The class leaderboard, in display order, under `header` (six column titles in the
/// interface language: place, team, score, rounds, status, file).
pub fn leaderboard_csv(dialect: Dialect, header: [&str; 6], lines: &[BoardLine]) -> String {
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .map(|l| {
            vec![
                Cell::from(l.place.map(|p| p as f64)),
                Cell::Text(l.team.clone()),
                Cell::from(l.score),
                Cell::Number(l.rounds as f64),
                Cell::Text(l.status.clone()),
                Cell::Text(l.file.clone()),
            ]
        })
        .collect();
    table(dialect, &header, &rows)
}

/// The time-study sheet (`crate::lean::time_study`) as a table: one row per work element,
/// then one for the operation (the cycles' sums, with no Kу). The columns: the element, its
/// time in each cycle (headed 1, 2, …), min, max, mean, Kу and the normative Kу. `names` are
/// the elements' names in the reader's language, in the sheet's order; `words` head the
/// columns and name the last row: [element, min, max, mean, Kу, normative Kу, operation].
pub fn time_study_csv(
    dialect: Dialect,
    study: &crate::lean::TimeStudy,
    names: &[String],
    words: [&str; 7],
) -> String {
    let cycles: Vec<String> = (1..=study.starts.len()).map(|k| k.to_string()).collect();
    let mut header = vec![words[0]];
    header.extend(cycles.iter().map(String::as_str));
    header.extend(&words[1..6]);
    let row = |name: &str,
               times: &[f64],
               spread: crate::lean::time_study::Spread,
               k: Option<f64>,
               norm: Option<f64>| {
        let mut cells = vec![Cell::from(name)];
        cells.extend(times.iter().map(|&t| Cell::Number(t)));
        cells.extend([
            Cell::Number(spread.min),
            Cell::Number(spread.max),
            Cell::Number(spread.mean),
            Cell::from(k),
            Cell::from(norm),
        ]);
        cells
    };
    let mut rows: Vec<Vec<Cell>> = study
        .elements
        .iter()
        .zip(names)
        .map(|(e, name)| row(name, &e.times, e.spread, e.stability, Some(e.normative)))
        .collect();
    rows.push(row(
        words[6],
        &study.operation,
        study.operation_spread,
        None,
        None,
    ));
    table(dialect, &header, &rows)
}

/// An operator's standard work combination (`crate::lean::standard_work`) as a table: one
/// row per step with its name (`names`, in the reader's language, in the steps' order), its
/// start and its duration, then the totals. `words` head the columns and name the totals:
/// [step, what, start, duration, work, walking, waiting, cycle].
pub fn combination_csv(
    dialect: Dialect,
    c: &crate::lean::standard_work::Combination,
    names: &[String],
    words: [&str; 8],
) -> String {
    let mut rows: Vec<Vec<Cell>> = c
        .steps
        .iter()
        .zip(names)
        .enumerate()
        .map(|(k, (s, name))| {
            vec![
                Cell::Number((k + 1) as f64),
                Cell::from(name.as_str()),
                Cell::Number(s.start),
                Cell::Number(s.duration),
            ]
        })
        .collect();
    for (word, total) in words[4..]
        .iter()
        .zip([c.work, c.walking, c.waiting, c.cycle])
    {
        rows.push(vec![
            Cell::Empty,
            Cell::from(*word),
            Cell::Empty,
            Cell::Number(total),
        ]);
    }
    table(dialect, &words[..4], &rows)
}

/// The spaghetti diagram's figures (`crate::lean::spaghetti`) as a table: one row per
/// operator (trips, metres in the shift, metres per unit finished), then the crew's. `names`
/// are the operators' names in the reader's language, in scenario order; `words` head the
/// columns and name the last row: [operator, trips, metres, metres per unit, crew].
pub fn spaghetti_csv(
    dialect: Dialect,
    d: &crate::lean::spaghetti::Spaghetti,
    names: &[String],
    words: [&str; 5],
) -> String {
    let row = |name: &str, trips: u64, metres: f64, per_unit: Option<f64>| {
        vec![
            Cell::from(name),
            Cell::Number(trips as f64),
            Cell::Number(metres),
            Cell::from(per_unit),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = (d.operators.iter().zip(names))
        .map(|(p, name)| row(name, p.trips, p.metres, p.per_unit))
        .collect();
    rows.push(row(words[4], d.trips, d.metres, d.per_unit));
    table(dialect, &words[..4], &rows)
}
