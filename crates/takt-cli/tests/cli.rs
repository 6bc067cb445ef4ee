//! The `takt` binary: smoke tests and the `simulate` contract.

use std::io::Write;
use std::process::{Command, Output};

fn takt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_takt"))
        .args(args)
        .output()
        .expect("takt runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("takt-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(content.as_bytes())
        .unwrap();
    path
}

const VALVE: &str = r#"{ "name": "Valve assembly", "time_unit": "s", "horizon": 28800, "warmup": 0,
  "arrivals": {"dist": "exponential", "mean": 75},
  "stations": [
    {"id": "cut",  "process": {"dist": "triangular", "min": 40, "mode": 50, "max": 70}},
    {"id": "weld", "servers": 2, "process": 55, "buffer": 3} ] }"#;

#[test]
fn help_and_version() {
    let out = takt(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(
        help.contains("Usage: takt") && help.contains("simulate"),
        "{help}"
    );
    let out = takt(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("takt {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn simulate_prints_the_report_contract() {
    let file = temp_file("valve.json", VALVE);
    let args = [
        "simulate",
        file.to_str().unwrap(),
        "--seed",
        "7",
        "--replications",
        "4",
    ];
    let out = takt(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one JSON object on one line");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["replications"], 4);
    assert_eq!(v["seed"], 7);
    for key in ["completed", "throughput", "lost"] {
        assert!(v[key].is_number(), "{key}");
    }
    for key in ["mean", "p50", "p90", "p95"] {
        assert!(
            v["lead_time"][key].as_f64().unwrap() > 0.0,
            "lead_time.{key}"
        );
    }
    assert!(v["wip"]["mean"].as_f64().unwrap() > 0.0);
    let stations = v["stations"].as_array().unwrap();
    assert_eq!(
        stations
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["cut", "weld"]
    );
    for s in stations {
        for key in ["utilization", "blocked", "starved"] {
            let x = s[key].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{key} = {x}");
        }
        assert!(s["queue"]["mean"].is_number());
    }
    // The arrival rate is 1/75 per second; the line keeps up with it.
    let th = v["throughput"].as_f64().unwrap();
    assert!((th - 1.0 / 75.0).abs() < 0.0015, "{th}");
    assert_eq!(v["bottleneck"], "cut");
    assert!(v["ci95"]["throughput"].as_f64().unwrap() > 0.0);
    assert!(v["ci95"]["lead_time"].as_f64().unwrap() > 0.0);
    // Same seed, same bytes; one replication has no ci95.
    let again = takt(&args);
    assert_eq!(out.stdout, again.stdout);
    let one = takt(&["simulate", file.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert!(v.get("ci95").is_none());
    assert_eq!(v["seed"], 1);
}

#[test]
fn invalid_input_exits_2_with_every_error_on_stderr_and_nothing_on_stdout() {
    let file = temp_file(
        "bad.json",
        r#"{"name":"bad","time_unit":"s","horizon":-5,
            "stations":[{"id":"a","process":{"dist":"exponential","mean":0}},{"id":"a","process":1}]}"#,
    );
    let out = takt(&["simulate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    for want in [
        "horizon: must be between 0.001",
        "stations[0].process.mean: must be > 0",
        "stations[1].id: duplicate id 'a'",
    ] {
        assert!(err.contains(want), "missing {want:?} in {err}");
    }
    let out = takt(&["simulate", file.to_str().unwrap(), "--replications", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let good = temp_file("good.json", VALVE);
    let out = takt(&["simulate", good.to_str().unwrap(), "--replications", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("replications: must be between 1 and"));
    assert!(out.stdout.is_empty());
    let out = takt(&["simulate", good.to_str().unwrap(), "--seed", "minus-one"]);
    assert_eq!(out.status.code(), Some(2), "a bad flag is a usage error");
}

#[test]
fn an_unreadable_file_is_a_clear_error() {
    let out = takt(&["simulate", "/nonexistent/line.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("cannot read /nonexistent/line.json"), "{err}");
    let file = temp_file("not-json.json", "stations: [cut, weld]");
    let out = takt(&["simulate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected value at line 1 column 1"));
}

#[test]
fn validate_reports_ok_or_errors() {
    let good = temp_file("ok.json", VALVE);
    let out = takt(&["validate", good.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("ok (2 stations)"));
}

#[test]
fn score_compares_a_round_of_changes_with_the_baseline() {
    let line = temp_file(
        "score-line.json",
        r#"{"name":"score","time_unit":"min","horizon":480,
            "stations":[{"id":"cut","process":{"dist":"exponential","mean":2}},
                        {"id":"weld","process":{"dist":"exponential","mean":4},"buffer":3}],
            "demand":{"quantity":200,"price":1000},"costs":{"material":300}}"#,
    );
    let round = temp_file(
        "score-round.json",
        r#"[{"tool":"add_server","station":"weld"}]"#,
    );
    let out = takt(&[
        "score",
        line.to_str().unwrap(),
        round.to_str().unwrap(),
        "--replications",
        "10",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["replications"], 10);
    assert_eq!(v["cost"], 50000.0);
    let completed = &v["kpis"][0];
    assert_eq!(completed["kpi"], "completed");
    assert_eq!(completed["clear"], true);
    assert!(completed["points"].as_f64().unwrap() > 0.0);
    // A refused change: exit 2 and the reason.
    let bad = temp_file(
        "score-bad.json",
        r#"{"changes":[{"tool":"remove_server","station":"cut"}]}"#,
    );
    let out = takt(&["score", line.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("changes[0]: 'cut' has only one server"));
}

#[test]
fn migrate_prints_a_format_1_file_in_format_2_with_its_tools_as_cards() {
    let v1 = temp_file(
        "migrate-v1.json",
        r#"{"name":"m","time_unit":"s","horizon":100,
            "stations":[{"id":"cut","process":2,"defects":{"rate":0.1}}],
            "training":{"budget":5000,"allowed":["poka_yoke","buffer"],"costs":{"buffer":300}}}"#,
    );
    let out = takt(&["migrate", v1.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], 2);
    assert_eq!(v["training"]["budget"], 5000.0);
    assert_eq!(
        v["training"]["tools"],
        serde_json::json!({"buffer": {"cost": 300.0},
                           "poka_yoke": {"cost": 10000.0, "factor": 0.5}})
    );
    // The migrated file is a valid scenario, and migrating it again changes nothing.
    let v2 = temp_file("migrate-v2.json", &text(&out.stdout));
    let again = takt(&["migrate", v2.to_str().unwrap()]);
    assert_eq!(text(&again.stdout), text(&out.stdout));
    assert!(takt(&["validate", v2.to_str().unwrap()]).status.success());
}

#[test]
fn score_credits_each_change_of_a_round_and_the_changes_together() {
    let factory = class_factory().1;
    let round = temp_file(
        "score-credits.json",
        r#"[{"tool": "five_s", "station": "housing"},
            {"tool": "batch", "station": "kit", "batch": 1},
            {"tool": "move_element", "element": "fit board", "to": "gauge"}]"#,
    );
    let out = takt(&["score", &factory, round.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The score as before, then one credit per change and the interaction.
    assert_eq!(v["replications"], 3);
    assert_eq!(v["cost"], 3500.0);
    let credits = v["credits"].as_array().unwrap();
    assert_eq!(credits.len(), 3);
    assert_eq!(credits[0]["change"]["tool"], "five_s");
    assert_eq!(credits[2]["cost"], 500.0);
    let points = |e: &serde_json::Value| e["points"].as_f64().unwrap();
    let kpi = |e: &serde_json::Value, name: &str| e[name].as_f64().unwrap();
    for c in credits {
        let kpis = [
            "completed",
            "profit",
            "unit_cost",
            "lead_time",
            "wip",
            "quality",
        ];
        assert!(kpis.iter().all(|k| c["effect"][k].is_number()), "{c}");
    }
    // The move overloads gauge: it costs output, and profit beyond its price.
    assert!(kpi(&credits[2]["effect"], "completed") < 0.0);
    assert!(kpi(&credits[2]["effect"], "profit") < -500.0);
    // Against round 1 (the baseline) the round's own gain is its score: the credits and
    // the interaction add up to it.
    let sum: f64 =
        credits.iter().map(|c| points(&c["effect"])).sum::<f64>() + points(&v["interaction"]);
    assert!(
        (sum - v["total"].as_f64().unwrap()).abs() < 1e-9,
        "{sum} vs {}",
        v["total"]
    );
    // An improved line (not a round of changes) has no credits.
    let out = takt(&["score", &factory, &factory]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("credits").is_none() && v["total"] == 0.0);
}

#[test]
fn a_change_stating_another_strength_than_its_card_exits_2_naming_the_field() {
    let factory = class_factory().1;
    let round = temp_file(
        "score-factor.json",
        r#"[{"tool": "five_s", "station": "housing", "factor": 0.01}]"#,
    );
    let out = takt(&["score", &factory, round.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("changes[0].factor: "), "{err}");
    assert!(err.contains("0.3") && err.contains("0.01"), "{err}");
    // The card's own strength may be restated.
    let same = temp_file(
        "score-factor-same.json",
        r#"[{"tool": "five_s", "station": "housing", "factor": 0.3}]"#,
    );
    let out = takt(&["score", &factory, same.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// A deterministic line: `b` (3 min per unit, one place in its queue) paces it; the order of
/// 10 in 60 min gives a takt of 6.
const HAND: &str = r#"{"name":"hand","time_unit":"min","horizon":60,
  "stations":[{"id":"a","process":1},{"id":"b","process":3,"buffer":1},{"id":"c","process":1}],
  "demand":{"quantity":10,"price":100},"costs":{"material":10,"labour_per_hour":60}}"#;

#[test]
fn analyze_prints_kpis_balance_oee_and_wastes_as_json() {
    let file = temp_file("analyze.json", VALVE);
    let args = [
        "analyze",
        file.to_str().unwrap(),
        "--seed",
        "3",
        "--replications",
        "4",
    ];
    let out = takt(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one JSON object on one line");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["report"]["replications"], 4);
    assert_eq!(v["report"]["seed"], 3);
    let completed = &v["kpis"]["completed"];
    assert!(completed["mean"].as_f64().unwrap() > 300.0);
    assert!(completed["ci95"].as_f64().unwrap() > 0.0);
    // Planned cycle times: cut's triangular mean (40 + 50 + 70) / 3; weld 55 on 2 servers.
    let plan = v["balance"]["stations"].as_array().unwrap();
    assert!((plan[0]["cycle_time"].as_f64().unwrap() - 160.0 / 3.0).abs() < 1e-9);
    assert_eq!(plan[1]["cycle_time"], 27.5);
    assert_eq!(v["balance"]["bottleneck"], "cut");
    for s in v["stations"].as_array().unwrap() {
        let oee = s["oee"]["oee"]["mean"].as_f64().unwrap();
        assert!(oee > 0.0 && oee <= 1.0, "{oee}");
        assert!(s["cycle_time"]["mean"].as_f64().unwrap() > 0.0);
    }
    for w in [
        "overproduction",
        "inventory",
        "transport",
        "waiting",
        "over_processing",
        "motion",
        "defects",
    ] {
        assert!(v["wastes"][w]["time"]["mean"].is_number(), "{w}");
    }
    // No costs in this scenario: the ranking keeps the wastes with time, all at 0 roubles.
    let money = v["money"].as_array().unwrap();
    assert!(!money.is_empty());
    assert!(money.iter().all(|m| m["money"] == 0.0));
    assert_eq!(out.stdout, takt(&args).stdout, "same seed, same bytes");
}

#[test]
fn analyze_as_text_shows_cycle_times_against_takt_and_the_ranked_wastes() {
    let file = temp_file("hand.json", HAND);
    let out = takt(&["analyze", file.to_str().unwrap(), "--format", "text"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    for want in [
        "hand — 1 replication(s), seed 1",
        "Line KPIs",
        "takt time / время такта",
        "Little's law self-check",
        "cycle time / время цикла per unit (takt 6.000)",
        "OEE / ОЕЕ",
        "Primary bottleneck: b.",
        "efficiency Σt ÷ (N·C) 55.6 %",
        "Where the money goes",
        "overproduction / перепроизводство",
    ] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }
    // b's row: 1 server, planned cycle 3 (half the takt); observed, 19 units finished in
    // 59 minutes of work (the 20th is 2 minutes in at the end): 59 / 19.
    let b = t
        .lines()
        .find(|l| l.trim_start().starts_with("b "))
        .unwrap();
    let cells: Vec<&str> = b.split_whitespace().collect();
    assert_eq!(&cells[..5], ["b", "1", "3.000", "3.105", "0.5000"], "{b}");
}

/// `--lang` picks the language of the display names in the readable tables; the ids and
/// the numbers stay as they are, and JSON output has no language.
#[test]
fn readable_tables_show_names_in_the_language_asked_for() {
    let factory = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/scenarios/process-factory.json"
    );
    let table = |lang: &[&str]| {
        let mut args = vec!["analyze", factory, "--format", "table"];
        args.extend(lang);
        let out = takt(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let (default, en, ru) = (
        table(&[]),
        table(&["--lang", "en"]),
        table(&["--lang", "ru"]),
    );
    assert_eq!(default, en, "English by default");
    assert!(en.starts_with("Process factory: gas pressure regulator control panel — "));
    assert!(ru.starts_with("Фабрика процессов: пульт управления регулятором давления газа — "));
    let row = |t: &str, id: &str| {
        t.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no row {id} in\n{t}"))
            .to_owned()
    };
    assert!(row(&en, "housing").contains(" Housing assembly "), "{en}");
    assert!(row(&ru, "housing").contains(" Сборка корпуса "), "{ru}");
    assert!(row(&en, "op5").contains(" Operator 5 "), "{en}");
    assert!(row(&ru, "op5").contains(" Оператор 5 "), "{ru}");
    assert!(
        en.contains("Primary bottleneck: housing (Housing assembly)."),
        "{en}"
    );
    assert!(
        ru.contains("Primary bottleneck: housing (Сборка корпуса)."),
        "{ru}"
    );
    // Only the names differ: every number is the same.
    let numbers = |t: &str| {
        t.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers(&en), numbers(&ru));
    // A line without names shows no name column.
    let hand = temp_file("hand-lang.json", HAND);
    let out = takt(&[
        "analyze",
        hand.to_str().unwrap(),
        "--format",
        "text",
        "--lang",
        "ru",
    ]);
    assert!(
        !text(&out.stdout).contains(" name "),
        "{}",
        text(&out.stdout)
    );
    // JSON has no language; an unknown language is a usage error.
    let json = |lang: &str| takt(&["analyze", factory, "--lang", lang]).stdout;
    assert_eq!(json("ru"), json("en"));
    let out = takt(&["analyze", factory, "--lang", "de"]);
    assert_eq!(out.status.code(), Some(2));
    // `verify`'s table is headed by the scenario's name in that language.
    let result = temp_file(
        "lang-result.json",
        &serde_json::to_string(&result_file("Team")).unwrap(),
    );
    let class = class_factory().1;
    let out = takt(&["verify", &class, result.to_str().unwrap(), "--lang", "ru"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .starts_with("Фабрика процессов: пульт управления регулятором давления газа\nrank"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn analyze_rejects_invalid_input_like_simulate() {
    let bad = temp_file(
        "analyze-bad.json",
        r#"{"name":"bad","time_unit":"s","horizon":-5,"stations":[{"id":"a","process":1}]}"#,
    );
    let out = takt(&["analyze", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("horizon: must be between 0.001"));
    let good = temp_file("analyze-good.json", HAND);
    let out = takt(&["analyze", good.to_str().unwrap(), "--replications", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("replications: must be between 1 and"));
    let out = takt(&["analyze", good.to_str().unwrap(), "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2), "a bad flag is a usage error");
    let out = takt(&["analyze", "/nonexistent/line.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

/// The process factory as a class of 3 replications (the built-in's 30 are slow in a debug
/// build): the scenario and the path of its file.
fn class_factory() -> (takt_core::Scenario, String) {
    let mut sc = takt_core::Scenario::from_json(include_str!(
        "../../../public/scenarios/process-factory.json"
    ))
    .unwrap();
    sc.training.as_mut().unwrap().replications = Some(3);
    // One file per test thread: tests run in parallel and would rewrite each other's.
    let name = format!("class-factory-{:?}.json", std::thread::current().id());
    let path = temp_file(&name, &sc.to_json());
    (sc, path.display().to_string())
}

/// A result file for the process factory class: round 1, then round 2 with one 5S change,
/// played as the app plays it (the class's replications and seed; the claims are the
/// session's own figures).
fn result_file(team: &str) -> takt_core::training::result::ResultFile {
    use takt_core::training::session::Session;
    let mut s = Session::for_class("process-factory", class_factory().0);
    assert_eq!(s.replications, 3);
    for plan in [
        vec![],
        vec![takt_core::training::Change::FiveS {
            station: "housing".into(),
            factor: None,
        }],
    ] {
        s.plan = plan;
        let job = s.job().unwrap();
        let a = takt_core::lean::analyze(&job.scenario, job.seed, job.replications).unwrap();
        let score = job.baseline.as_ref().map(|b| {
            takt_core::training::score::score(
                b,
                &job.scenario,
                job.cost,
                job.seed,
                Some(job.replications),
            )
            .unwrap()
        });
        s.record(takt_core::training::Outcome {
            analysis: a,
            score,
            credits: None,
            ranking: Vec::new(),
        });
    }
    takt_core::training::result::ResultFile::of(&s, team)
}

#[test]
fn verify_ranks_unfinished_files_by_rounds_and_counts_only_a_team_s_latest_file() {
    let factory = &class_factory().1;
    let latest = result_file("Бригада 1").exported_at(2_000);
    let mut earlier = result_file(" бригада 1 ").exported_at(1_000);
    earlier.rounds.truncate(1);
    let mut short = result_file("Short");
    short.rounds.truncate(1);
    let north = result_file("North");
    let files: Vec<String> = [
        ("short", &short),
        ("latest", &latest),
        ("earlier", &earlier),
        ("north", &north),
    ]
    .iter()
    .map(|(name, r)| {
        let path = temp_file(&format!("{name}.json"), &serde_json::to_string(r).unwrap());
        path.display().to_string()
    })
    .collect();
    let mut args = vec!["verify", factory, "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let out = takt(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let board: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let teams: Vec<&str> = (0..4).map(|k| board[k]["team"].as_str().unwrap()).collect();
    assert_eq!(teams, ["Бригада 1", "North", "Short", " бригада 1 "]);
    let ranks: Vec<Option<u64>> = (0..4).map(|k| board[k]["rank"].as_u64()).collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(3), None]);
    assert_eq!(board[2]["unfinished"], true);
    assert_eq!(board[2]["rounds"], 1);
    assert!(board[3]["duplicate_of"]
        .as_str()
        .unwrap()
        .ends_with("latest.json"));
    let out = takt(
        &args[..2]
            .iter()
            .chain(&args[4..])
            .copied()
            .collect::<Vec<_>>(),
    );
    let table = text(&out.stdout);
    assert!(
        table.contains("DUPLICATE") && table.contains("later file"),
        "{table}"
    );
}

#[test]
fn verify_ranks_honest_results_and_flags_tampered_and_foreign_ones() {
    let factory = &class_factory().1;
    let honest = result_file("Honest");
    let mut tampered = result_file("Tampered");
    tampered.rounds[1].score = Some(99.0);
    let mut foreign = result_file("Foreign");
    foreign.scenario = "0".repeat(64);
    let files: Vec<String> = [
        ("honest", &honest),
        ("tampered", &tampered),
        ("foreign", &foreign),
    ]
    .iter()
    .map(|(name, r)| {
        let path = temp_file(&format!("{name}.json"), &serde_json::to_string(r).unwrap());
        path.display().to_string()
    })
    .collect();
    let mut args = vec!["verify", factory];
    args.extend(files.iter().map(String::as_str));
    let out = takt(&args);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let lines: Vec<&str> = table.lines().collect();
    // The scenario's name (English by default), the header, then the ranks.
    assert_eq!(
        lines[0],
        "Process factory: gas pressure regulator control panel"
    );
    assert!(lines[1].starts_with("rank"), "{table}");
    assert!(lines[2].starts_with("1     Honest"), "{table}");
    // Two rounds of the training's three: verified, ranked after any finished file.
    assert!(
        lines[2].ends_with("verified, UNFINISHED (2 rounds)"),
        "{table}"
    );
    assert!(
        table.contains("FLAGGED") && table.contains("round 2: score claimed 99"),
        "{table}"
    );
    assert!(table.contains("made on another scenario"), "{table}");

    args.push("--format");
    args.push("json");
    let out = takt(&args);
    let board: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(board[0]["team"], "Honest");
    assert_eq!(board[0]["rank"], 1);
    assert_eq!(board[0]["score"].as_f64(), honest.rounds[1].score);
    assert!(board[1]["rank"].is_null() && board[2]["rank"].is_null());

    // Only honest files: exit 0. An unreadable file is flagged, not fatal.
    let out = takt(&["verify", factory, &files[0]]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bad = temp_file("bad.json", "{\"version\": 1, \"team\": 5}");
    let out = takt(&["verify", factory, &files[0], &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stdout).contains("team: invalid type"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn verify_refuses_a_result_played_with_other_replications_or_seed_than_the_class() {
    let factory = &class_factory().1;
    let mut more = result_file("More replications");
    more.replications = 30;
    let mut seeded = result_file("Own seed");
    seeded.seed = 9;
    let files: Vec<String> = [("more", &more), ("seeded", &seeded)]
        .iter()
        .map(|(name, r)| {
            let path = temp_file(
                &format!("class-{name}.json"),
                &serde_json::to_string(r).unwrap(),
            );
            path.display().to_string()
        })
        .collect();
    let out = takt(&["verify", factory, &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("replications: 30, but this class plays every round with replications 3"),
        "{table}"
    );
    assert!(
        table.contains("seed: 9, but this class plays every round with seed 1"),
        "{table}"
    );
    let out = takt(&[
        "verify", factory, &files[0], "--lang", "ru", "--format", "json",
    ]);
    let board: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(board[0]["rank"].is_null(), "{board}");
}

/// Every way a command can fail: the exit code, nothing on stdout (but `verify`'s table),
/// and a message on stderr that names the file and what is wrong.
#[test]
fn every_error_path_has_its_exit_code_and_names_the_problem() {
    let good = temp_file("errors-good.json", VALVE);
    let good = good.to_str().unwrap();
    let bad = temp_file(
        "errors-bad.json",
        r#"{"name":"x","time_unit":"s","horizon":60,"stations":[{"id":"a","process":-1}],"extra":1}"#,
    );
    let bad = bad.to_str().unwrap();
    let endless = temp_file(
        "errors-endless.json",
        r#"{"name":"endless","time_unit":"s","horizon":1e9,"stations":[{"id":"a","process":1e-6}]}"#,
    );
    let endless = endless.to_str().unwrap();
    let plan = temp_file(
        "errors-plan.json",
        r#"[{"tool":"smed","station":"cut","factor":"half"}]"#,
    );
    let plan = plan.to_str().unwrap();
    let missing = "/nonexistent/x.json";
    let cases: &[(&[&str], i32, &str)] = &[
        // Usage errors (clap): exit 2 with the usage.
        (&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
        (
            &["simulate"],
            2,
            "the following required arguments were not provided",
        ),
        (
            &["simulate", good, "--seed", "-1"],
            2,
            "unexpected argument '-1'",
        ),
        (
            &["simulate", good, "--seed", "1.5"],
            2,
            "invalid value '1.5' for '--seed <SEED>'",
        ),
        (
            &["simulate", good, "--replications", "many"],
            2,
            "invalid value 'many'",
        ),
        (
            &["analyze", good, "--format", "xml"],
            2,
            "invalid value 'xml' for '--format",
        ),
        (
            &["verify", good],
            2,
            "the following required arguments were not provided",
        ),
        // Unreadable files: exit 1, for every command.
        (&["simulate", missing], 1, "cannot read /nonexistent/x.json"),
        (&["analyze", missing], 1, "cannot read /nonexistent/x.json"),
        (&["validate", missing], 1, "cannot read /nonexistent/x.json"),
        (
            &["score", missing, good],
            1,
            "cannot read /nonexistent/x.json",
        ),
        (
            &["score", good, missing],
            1,
            "cannot read /nonexistent/x.json",
        ),
        (
            &["verify", missing, good],
            1,
            "cannot read /nonexistent/x.json",
        ),
        // Invalid scenarios: exit 2, the field named, for every command.
        (&["simulate", bad], 2, "extra: unknown field `extra`"),
        (&["analyze", bad], 2, "extra: unknown field `extra`"),
        (&["validate", bad], 2, "extra: unknown field `extra`"),
        (&["score", bad, good], 2, "extra: unknown field `extra`"),
        (&["score", good, bad], 2, "extra: unknown field `extra`"),
        (&["verify", bad, good], 2, "extra: unknown field `extra`"),
        // A plan with a wrong value: exit 2, the change and its field named.
        (
            &["score", good, plan],
            2,
            "changes[0].factor: expected a number",
        ),
        // A run that would never end: stopped, exit 1, with the reason.
        (
            &["simulate", endless],
            1,
            "the run was stopped after 20000000 events",
        ),
    ];
    for (args, code, message) in cases {
        let out = takt(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: stdout {}",
            text(&out.stdout)
        );
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn optimize_prints_a_plan_that_takt_score_accepts_as_the_improved_line() {
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/scenarios/kanban.json"
    );
    let args = [
        "optimize",
        scenario,
        "--time-limit",
        "0.5",
        "--replications",
        "10",
    ];
    let out = takt(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let best: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["plan", "cost", "kpis", "score", "evaluated"] {
        assert!(!best[key].is_null(), "{key} in {best}");
    }
    assert!(best["evaluated"].as_u64().unwrap() > 1);
    assert!(best["kpis"]["completed"]["mean"].as_f64().is_some());
    let cost = best["cost"].as_f64().unwrap();
    assert!(
        cost > 0.0 && cost <= 20_000.0,
        "within the round's budget: {cost}"
    );
    // The plan, piped through `takt score`, scores exactly as `optimize` says.
    let plan = temp_file("best-plan.json", &best["plan"].to_string());
    let scored = takt(&[
        "score",
        scenario,
        plan.to_str().unwrap(),
        "--replications",
        "10",
    ]);
    assert!(scored.status.success(), "{}", text(&scored.stderr));
    let mut score: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    // `takt score` also credits each change of a round; the score itself is the same.
    let credits = score.as_object_mut().unwrap().remove("credits");
    assert_eq!(
        credits.map(|c| c.as_array().map_or(0, Vec::len)),
        Some(best["plan"].as_array().unwrap().len())
    );
    score.as_object_mut().unwrap().remove("interaction");
    assert_eq!(score, best["score"]);
    assert_eq!(score["cost"].as_f64(), Some(cost));
    // The same command prints the same bytes.
    assert_eq!(takt(&args).stdout, out.stdout);
    // A time limit must be a positive number of seconds.
    let zero = takt(&["optimize", scenario, "--time-limit", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(
        text(&zero.stderr).contains("--time-limit"),
        "{}",
        text(&zero.stderr)
    );
    assert!(zero.stdout.is_empty());
}
