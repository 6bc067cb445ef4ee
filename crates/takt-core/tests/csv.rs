//! CSV tables: read back with the `csv` reader in each dialect, every row has its columns,
//! numbers stay numbers (negative ones too), and text a spreadsheet would run is
//! neutralised.

mod common;

use common::play;
use takt_core::training::session::Session;
use takt_core::view::csv::{
    kpi_csv, leaderboard_csv, table, units_csv, BoardLine, Cell, Dialect, BOM,
};
use takt_core::view::files::download_name;
use takt_core::Scenario;

fn factory() -> Scenario {
    Scenario::from_json(include_str!(
        "../../../public/scenarios/process-factory.json"
    ))
    .unwrap()
}

/// Reads a table back as a spreadsheet set to `dialect` would: the BOM first, then rows.
fn read(text: &str, dialect: Dialect) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix(BOM)
        .expect("starts with a byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A number written in `dialect`, read back.
fn number(cell: &str, dialect: Dialect) -> f64 {
    match dialect {
        Dialect::Russian => {
            assert!(!cell.contains('.'), "a decimal comma in Russian: {cell}");
            cell.replace(',', ".").parse().unwrap()
        }
        Dialect::English => {
            assert!(!cell.contains(','), "a decimal point in English: {cell}");
            cell.parse().unwrap()
        }
    }
}

#[test]
fn the_kpi_table_has_a_row_per_round_with_every_column_in_both_dialects() {
    let mut s = Session::new("process-factory", factory(), 7);
    s.replications = 3;
    play(&mut s);
    s.plan_move("fix cover", "valve");
    play(&mut s);
    for dialect in [Dialect::Russian, Dialect::English] {
        let text = kpi_csv(&s, dialect);
        assert!(text.ends_with("\r\n"), "RFC 4180 line ends");
        let rows = read(&text, dialect);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
        assert_eq!(&rows[0][..4], ["round", "changes", "cost", "completed"]);
        assert_eq!(&rows[2][..3], ["2", "1", "500"]);
        let completed = number(&rows[2][3], dialect);
        assert_eq!(completed, s.rounds[1].analysis.kpis.completed.mean);
        assert_eq!(rows[1].last().unwrap(), "", "round 1 has no score");
        let score = number(rows[2].last().unwrap(), dialect);
        assert_eq!(Some(score), s.rounds[1].score.as_ref().map(|s| s.total));
    }
}

/// A product id the validator accepts, made to break the columns and run as a formula.
const EVIL: &str = "=HYPERLINK(\"x\"),a;b";

#[test]
fn a_product_id_with_a_formula_quotes_and_separators_keeps_its_column_and_is_neutralised() {
    let mut value: serde_json::Value = serde_json::from_str(&factory().to_json()).unwrap();
    value["products"][0]["id"] = EVIL.into();
    let line = Scenario::from_json(&value.to_string()).expect("the validator accepts the id");
    let run = takt_core::run(
        &line,
        takt_core::RunOptions {
            record_units: true,
            ..takt_core::RunOptions::default()
        },
    )
    .unwrap();
    for dialect in [Dialect::Russian, Dialect::English] {
        let text = units_csv(&line, &run.units, dialect);
        let rows = read(&text, dialect);
        assert_eq!(rows.len() as u64, run.completed + 1);
        assert_eq!(rows[0][1], "product");
        assert!(rows.iter().all(|r| r.len() == 8), "every row has 8 columns");
        assert_eq!(
            rows[1][1],
            format!("'{EVIL}"),
            "neutralised, whole, in its column"
        );
        let u = &run.units[0];
        let times: Vec<f64> = rows[1][2..5].iter().map(|c| number(c, dialect)).collect();
        assert_eq!(times, [u.release, u.finish, u.finish - u.release]);
        assert_eq!(times[2], run.lead_times[0]);
    }
}

#[test]
fn text_that_would_run_is_neutralised_and_numbers_stay_numbers() {
    let rows = vec![vec![
        Cell::Number(-12.5),
        Cell::from("-12.5"),
        Cell::from("+1"),
        Cell::from("@SUM(A1)"),
        Cell::from("\tx"),
        Cell::from("\rx"),
        Cell::from("Бригада \"Восток\"; 1"),
        Cell::Number(-0.0),
        Cell::Number(f64::NAN),
        Cell::Empty,
    ]];
    let header = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let ru = read(&table(Dialect::Russian, &header, &rows), Dialect::Russian);
    assert_eq!(
        ru[1],
        [
            "-12,5",
            "'-12.5",
            "'+1",
            "'@SUM(A1)",
            "'\tx",
            "'\rx",
            "Бригада \"Восток\"; 1",
            "0",
            "",
            ""
        ]
    );
    let en_text = table(Dialect::English, &header, &rows);
    assert!(
        en_text.contains("\"Бригада \"\"Восток\"\"; 1\""),
        "RFC 4180 quotes: {en_text}"
    );
    assert_eq!(read(&en_text, Dialect::English)[1][0], "-12.5");
}

#[test]
fn the_leaderboard_table_names_places_teams_and_scores() {
    let lines = [
        BoardLine {
            place: Some(1),
            team: "Бригада 1".into(),
            score: Some(-3.25),
            rounds: 3,
            status: "проверен".into(),
            file: "takt-result-Бригада-1-round-3.json".into(),
        },
        BoardLine {
            place: None,
            team: "=cmd".into(),
            score: None,
            rounds: 1,
            status: "повтор".into(),
            file: "x.json".into(),
        },
    ];
    let header = ["Место", "Команда", "Баллы", "Раунды", "Статус", "Файл"];
    let rows = read(
        &leaderboard_csv(Dialect::Russian, header, &lines),
        Dialect::Russian,
    );
    assert_eq!(rows[0], header);
    assert_eq!(rows[1][..4], ["1", "Бригада 1", "-3,25", "3"]);
    assert_eq!(rows[2][..4], ["", "'=cmd", "", "1"]);
}

#[test]
fn download_names_carry_the_team_and_the_round_and_are_safe_on_every_file_system() {
    assert_eq!(
        download_name("result", "Бригада 1", 3, "json"),
        "takt-result-Бригада-1-round-3.json"
    );
    assert_eq!(
        download_name("kpis", " a/b\\c:d*e?f\"g<h>i|j\u{7}  k ", 2, "csv"),
        "takt-kpis-abcdefghij-k-round-2.csv"
    );
    assert_eq!(
        download_name("units", "..", 1, "csv"),
        "takt-units-round-1.csv"
    );
    assert_eq!(download_name("session", "", 0, "json"), "takt-session.json");
    let long = download_name("result", &"я".repeat(100), 3, "json");
    assert_eq!(long.chars().count(), "takt-result--round-3.json".len() + 40);
}
