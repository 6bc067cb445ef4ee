//! Every refusal a user can meet is a value with its data (which the app words in the
//! interface language) and prints the CLI's English text: a scenario's problems, a refused
//! change or round, an unreadable session or result file, a plan that cannot be read.

use takt_core::json::{FieldError, Problem, Shape};
use takt_core::model::Tool;
use takt_core::sim::SimError;
use takt_core::training::result::{Figure, Flag};
use takt_core::training::session::{Session, SessionError};
use takt_core::training::{apply, parse_changes, Change, Reason, Refusal, Unplayed};
use takt_core::{Errors, Scenario};

/// Each problem of `json`, as (path, problem, English text).
fn problems(json: &str) -> Vec<(String, Problem, String)> {
    Scenario::from_json(json)
        .expect_err("refused")
        .iter()
        .map(|e| (e.path.clone(), e.problem.clone(), e.to_string()))
        .collect()
}

fn between(min: f64, max: f64) -> Problem {
    Problem::Between { min, max }
}

fn id(s: &str) -> String {
    s.to_owned()
}

#[test]
fn each_problem_of_a_scenario_carries_its_data_and_prints_the_cli_text() {
    let found = problems(
        r#"{"format": 3, "name": " ", "time_unit": "s", "horizon": 0, "warmup": -1,
            "stations": [
              {"id": "a", "servers": 0, "process": {"dist": "triangular", "min": 5, "mode": 9, "max": 7}},
              {"id": "a", "elements": [{"name": "e", "time": 0}, {"name": "e", "time": 0}],
               "inputs": [{"from": "zz"}, {"from": "b"}, {"from": "b", "qty": 0}],
               "defects": {"rate": 1, "action": "scrap", "to": "a"}, "setup": {"time": 1}},
              {"id": "b", "process": 1, "elements": [{"name": "f", "time": 1}]},
              {"id": "", "process": {"dist": "uniform", "min": 2, "max": 1}},
              {"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
            ],
            "operators": [{"id": "o", "stations": []}, {"id": "o", "stations": ["ghost"]}],
            "products": [{"id": "p", "share": 0}, {"id": "p", "share": 1}],
            "release": {"policy": "kanban", "limits": {"nowhere": 1}},
            "training": {"rounds": 0, "weights": {"wip": 2000}, "replications": 1},
            "costs": {"material": -1}}"#,
    );
    let expected: Vec<(&str, Problem, &str)> = vec![
        (
            "format",
            Problem::UnknownFormat { known: 2 },
            "formats 1 to 2 are known",
        ),
        ("name", Problem::Empty, "must not be empty"),
        (
            "horizon",
            between(0.001, 1e9),
            "must be between 0.001 and 1e9",
        ),
        ("warmup", Problem::NonNegative, "must be ≥ 0"),
        (
            "release.limits.nowhere",
            Problem::UnknownStation { id: id("nowhere") },
            "no station has id 'nowhere'",
        ),
        (
            "training.rounds",
            between(1.0, 100.0),
            "must be between 1 and 100",
        ),
        (
            "training.weights.wip",
            between(0.0, 1000.0),
            "must be between 0 and 1000",
        ),
        (
            "training.replications",
            between(2.0, 10000.0),
            "must be between 2 and 10000",
        ),
        (
            "costs.material",
            between(0.0, 1e9),
            "must be between 0 and 1e9",
        ),
        (
            "stations[0].servers",
            between(1.0, 1000.0),
            "must be between 1 and 1000",
        ),
        (
            "stations[0].process.mode",
            Problem::ModeOutside,
            "must satisfy min ≤ mode ≤ max",
        ),
        (
            "stations[1].id",
            Problem::DuplicateId {
                id: id("a"),
                also: Some(id("stations[0]")),
            },
            "duplicate id 'a' (also stations[0])",
        ),
        (
            "stations[1].elements[1].name",
            Problem::DuplicateElement {
                name: id("e"),
                also: id("stations[1]"),
            },
            "duplicate element name 'e' (also in stations[1])",
        ),
        (
            "stations[1].elements",
            Problem::NoWorkTime,
            "the total mean time must be > 0",
        ),
        (
            "stations[1].inputs[0].from",
            Problem::UnknownStation { id: id("zz") },
            "no station has id 'zz'",
        ),
        (
            "stations[1].inputs[1].from",
            Problem::NotUpstream { id: id("b") },
            "'b' must come before this station in the list (flow order)",
        ),
        (
            "stations[1].inputs[2].from",
            Problem::NotUpstream { id: id("b") },
            "'b' must come before this station in the list (flow order)",
        ),
        (
            "stations[1].inputs[2].from",
            Problem::ListedTwice { id: id("b") },
            "'b' is listed twice",
        ),
        (
            "stations[1].inputs[2].qty",
            between(1.0, 1000.0),
            "must be between 1 and 1000",
        ),
        (
            "stations[1].defects.rate",
            Problem::Fraction,
            "must be ≥ 0 and < 1",
        ),
        (
            "stations[1].defects.to",
            Problem::OnlyForRework,
            "only with action 'rework'",
        ),
        (
            "stations[1].setup",
            Problem::SetupWhen,
            "give `every` or `on_change: true`",
        ),
        (
            "stations[2].elements",
            Problem::ProcessAndElements,
            "give either process or elements, not both",
        ),
        ("stations[3].id", Problem::Empty, "must not be empty"),
        (
            "stations[3].process.max",
            Problem::MaxBelowMin,
            "must be ≥ min",
        ),
        (
            "stations[4].id",
            Problem::TooLong { max: 64 },
            "at most 64 characters",
        ),
        (
            "stations[4].process",
            Problem::NoProcess,
            "required (or give elements)",
        ),
        (
            "operators[0].stations",
            Problem::NameAStation,
            "name at least one station",
        ),
        (
            "operators[1].id",
            Problem::DuplicateId {
                id: id("o"),
                also: None,
            },
            "duplicate id 'o'",
        ),
        (
            "operators[1].stations[0]",
            Problem::UnknownStation { id: id("ghost") },
            "no station has id 'ghost'",
        ),
        ("products[0].share", Problem::Positive, "must be > 0"),
        (
            "products[1].id",
            Problem::DuplicateId {
                id: id("p"),
                also: None,
            },
            "duplicate id 'p'",
        ),
    ];
    let found: Vec<(&str, &Problem, &str)> = found
        .iter()
        .map(|(p, problem, text)| (p.as_str(), problem, text.as_str()))
        .collect();
    let want: Vec<(&str, &Problem, String)> = expected
        .iter()
        .map(|(p, problem, text)| (*p, problem, format!("{p}: {text}")))
        .collect();
    let want: Vec<(&str, &Problem, &str)> = want
        .iter()
        .map(|(p, problem, t)| (*p, *problem, t.as_str()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn the_lines_flow_and_capacities_are_problems_with_their_stations() {
    let found = problems(
        r#"{"name": "x", "time_unit": "s", "horizon": 100,
            "stations": [{"id": "a", "process": 1}, {"id": "b", "process": 1},
                         {"id": "c", "process": 1, "inputs": [{"from": "a"}]}]}"#,
    );
    assert_eq!(
        found,
        [(
            id("stations[1]"),
            Problem::GoesNowhere { station: id("b"), next: id("c") },
            id("stations[1]: its units go nowhere: the next station 'c' declares inputs without 'b'")
        )]
    );
    let found = problems(
        r#"{"name": "x", "time_unit": "s", "horizon": 100,
            "stations": [{"id": "a", "process": 1, "batch": 9}, {"id": "b", "process": 1, "buffer": 2}]}"#,
    );
    assert_eq!(
        found,
        [(
            id("stations[0].batch"),
            Problem::BatchNeverFits {
                batch: 9,
                station: id("b"),
                room: 3
            },
            id("stations[0].batch: a batch of 9 never fits into 'b' (room for 3)")
        )]
    );
    let found = problems(
        r#"{"name": "x", "time_unit": "s", "horizon": 100,
            "stations": [{"id": "a", "process": 1}, {"id": "k", "process": 1},
                         {"id": "m", "process": 1, "buffer": 1, "inputs": [{"from": "a", "qty": 2}, {"from": "k"}]}]}"#,
    );
    assert_eq!(
        found,
        [(
            id("stations[2].buffer"),
            Problem::AssemblyRoom {
                qty: 2,
                from: id("a")
            },
            id("stations[2].buffer: an assembly station needs room for 2 units from 'a'")
        )]
    );
    let found = problems(
        r#"{"name": "x", "time_unit": "s", "horizon": 100,
            "stations": [{"id": "a", "process": 1, "batch": 2}, {"id": "b", "process": 1}],
            "release": {"policy": "kanban", "limits": {"a": 1, "b": 1}}}"#,
    );
    assert_eq!(
        found,
        [
            (
                id("release.limits.a"),
                Problem::BelowBatch { batch: 2 },
                id("release.limits.a: must be ≥ the station's batch (2)")
            ),
            (
                id("release.limits.b"),
                Problem::KanbanOnLast,
                id("release.limits.b: the last station has no kanban loop (nothing downstream)")
            ),
        ]
    );
}

#[test]
fn reading_problems_carry_serdes_detail_or_the_size() {
    let found = problems(r#"{"name": "x", "horizon": "long"}"#);
    let (path, problem, text) = &found[0];
    assert_eq!(path, "horizon");
    assert!(
        matches!(problem, Problem::Unreadable { detail } if detail.starts_with("invalid type: string \"long\"")),
        "{problem:?}"
    );
    assert!(text.starts_with("horizon: invalid type"), "{text}");
    let huge = " ".repeat(5 << 20);
    let found = problems(&huge);
    assert_eq!(
        found,
        [(
            String::new(),
            Problem::TooLarge {
                size: 5 << 20,
                limit: 4 << 20
            },
            id("the file is too large (5.0 MB; at most 4.0 MB)")
        )]
    );
    let plan = parse_changes(r#"[{"tool": "batch", "station": "a", "batch": 0}]"#).unwrap_err();
    let first: &FieldError = plan.iter().next().unwrap();
    assert_eq!(
        (first.path.as_str(), &first.problem, first.to_string()),
        (
            "changes[0].batch",
            &Problem::Expected {
                shape: Shape::Count,
                got: Some(id("0"))
            },
            id("changes[0].batch: expected a whole number ≥ 1, got 0")
        )
    );
    let plan = parse_changes(r#"[{"station": "a"}]"#).unwrap_err();
    assert_eq!(
        plan.iter().next().unwrap().problem,
        Problem::MissingField { field: id("tool") }
    );
}

/// A two-station line with a changeover at `cut`, tended by one operator who does not walk.
fn line() -> Scenario {
    Scenario::from_json(
        r#"{"name": "two", "time_unit": "s", "horizon": 3600,
            "stations": [
              {"id": "cut", "elements": [{"name": "saw", "time": 5}, {"name": "deburr", "time": 2}],
               "setup": {"time": 30, "every": 10}},
              {"id": "weld", "process": 6, "buffer": 3}],
            "operators": [{"id": "ann", "stations": ["cut"]}],
            "training": {"budget": 10000, "allowed": ["move_element", "smed", "five_s", "poka_yoke",
                         "tpm", "add_operator", "remove_operator", "remove_server", "transport",
                         "walk", "kanban", "conwip", "batch", "add_server"]}}"#,
    )
    .unwrap()
}

fn refused(changes: &str) -> Refusal {
    let changes: Vec<Change> = serde_json::from_str(changes).unwrap();
    apply(&line(), &changes).unwrap_err()
}

#[test]
fn each_refused_change_carries_its_data_and_prints_the_cli_text() {
    let s = |x: &str| x.to_owned();
    let cases: Vec<(&str, Option<usize>, Reason, &str)> = vec![
        (
            r#"[{"tool": "buffer", "station": "weld", "buffer": 1}]"#,
            Some(0),
            Reason::NotAllowed { tool: Tool::Buffer },
            "changes[0]: the tool 'buffer' is not allowed in this training",
        ),
        (
            r#"[{"tool": "add_server", "station": "weld"}]"#,
            None,
            Reason::OverBudget {
                cost: 50_000.0,
                budget: 10_000.0,
            },
            "the changes cost 50000 but the round's budget is 10000",
        ),
        (
            r#"[{"tool": "add_server", "station": "paint"}]"#,
            Some(0),
            Reason::NoStation { id: s("paint") },
            "changes[0]: no station has id 'paint'",
        ),
        (
            r#"[{"tool": "remove_operator", "id": "bob"}]"#,
            Some(0),
            Reason::NoOperator { id: s("bob") },
            "changes[0]: no operator has id 'bob'",
        ),
        (
            r#"[{"tool": "move_element", "element": "paint", "to": "cut"}]"#,
            Some(0),
            Reason::NoElement { name: s("paint") },
            "changes[0]: no station has a work element named 'paint'",
        ),
        (
            r#"[{"tool": "move_element", "element": "saw", "to": "cut"}]"#,
            Some(0),
            Reason::AlreadyThere {
                element: s("saw"),
                station: s("cut"),
            },
            "changes[0]: 'saw' is already done at 'cut'",
        ),
        (
            r#"[{"tool": "move_element", "element": "saw", "to": "weld"}]"#,
            Some(0),
            Reason::SingleProcess { station: s("weld") },
            "changes[0]: 'weld' gives a single process time, not work elements",
        ),
        (
            r#"[{"tool": "conwip", "limit": 5}, {"tool": "kanban", "station": "cut", "limit": 2}]"#,
            Some(1),
            Reason::UsesConwip,
            "changes[1]: the line uses CONWIP: remove the CONWIP limit first",
        ),
        (
            r#"[{"tool": "kanban", "station": "cut", "limit": 2}, {"tool": "conwip", "limit": 5}]"#,
            Some(1),
            Reason::UsesKanban,
            "changes[1]: the line uses kanban: remove the kanban limits first",
        ),
        (
            r#"[{"tool": "smed", "station": "weld", "factor": 0.5}]"#,
            Some(0),
            Reason::NoChangeovers { station: s("weld") },
            "changes[0]: 'weld' has no changeovers",
        ),
        (
            r#"[{"tool": "five_s", "station": "cut", "factor": 0.5}]"#,
            Some(0),
            Reason::NoWaste { station: s("cut") },
            "changes[0]: 'cut' has no non-value-added work elements",
        ),
        (
            r#"[{"tool": "poka_yoke", "station": "cut", "factor": 0.5}]"#,
            Some(0),
            Reason::NoDefects { station: s("cut") },
            "changes[0]: 'cut' has no defects",
        ),
        (
            r#"[{"tool": "tpm", "station": "cut", "between": 2, "repair": 0.5}]"#,
            Some(0),
            Reason::NoBreakdowns { station: s("cut") },
            "changes[0]: 'cut' has no breakdowns",
        ),
        (
            r#"[{"tool": "tpm", "station": "cut", "between": 0.5, "repair": 0.5}]"#,
            Some(0),
            Reason::CardSets {
                field: s("between"),
                card: 2.0,
                got: 0.5,
            },
            "changes[0].between: the instructor's card sets 2; a change may not state 0.5",
        ),
        (
            r#"[{"tool": "transport", "station": "cut", "factor": 0.5}]"#,
            Some(0),
            Reason::NoTransport { station: s("cut") },
            "changes[0]: 'cut' has no transport time",
        ),
        (
            r#"[{"tool": "walk", "id": "ann", "factor": 0.5}]"#,
            Some(0),
            Reason::NoWalk { operator: s("ann") },
            "changes[0]: operator 'ann' has no walking time",
        ),
        (
            r#"[{"tool": "add_operator", "id": "ann", "stations": ["weld"]}]"#,
            Some(0),
            Reason::OperatorExists { id: s("ann") },
            "changes[0]: an operator 'ann' already exists",
        ),
        (
            r#"[{"tool": "batch", "station": "cut", "batch": 2}, {"tool": "batch", "station": "cut", "batch": 3}]"#,
            Some(1),
            Reason::Repeated {
                tool: Tool::Batch,
                target: s("cut"),
                first: 0,
            },
            "changes[1]: 'batch' is already used on the same place by changes[0]",
        ),
        (
            r#"[{"tool": "remove_server", "station": "weld"}]"#,
            Some(0),
            Reason::OneServer { station: s("weld") },
            "changes[0]: 'weld' has only one server",
        ),
        (
            r#"[{"tool": "smed", "station": "cut", "factor": 0}]"#,
            Some(0),
            Reason::CardSets {
                field: s("factor"),
                card: 0.5,
                got: 0.0,
            },
            "changes[0].factor: the instructor's card sets 0.5; a change may not state 0",
        ),
        (
            r#"[{"tool": "batch", "station": "cut", "batch": 2}, {"tool": "walk", "id": "ann", "factor": 1.5}]"#,
            Some(1),
            Reason::CardSets {
                field: s("factor"),
                card: 0.5,
                got: 1.5,
            },
            "changes[1].factor: the instructor's card sets 0.5; a change may not state 1.5",
        ),
    ];
    for (changes, change, reason, text) in cases {
        let r = refused(changes);
        assert_eq!((r.change, &r.reason), (change, &reason), "{changes}");
        assert_eq!(r.to_string(), text, "{changes}");
    }
    // A change of one element moved off a station that has only it.
    let mut one = line();
    one.stations[0].elements.truncate(1);
    one.stations.push(one.stations[0].clone());
    one.stations[2].id = "pack".into();
    one.stations[2].setup = None;
    one.stations[2].elements[0].name = "box".into();
    let moved = vec![Change::MoveElement {
        element: "box".into(),
        to: "cut".into(),
    }];
    let r = apply(&one, &moved).unwrap_err();
    assert_eq!(
        r.reason,
        Reason::OnlyWork {
            element: "box".into(),
            station: "pack".into()
        }
    );
    assert_eq!(
        r.to_string(),
        "changes[0]: 'box' is the only work of 'pack'"
    );
}

#[test]
fn a_change_that_breaks_the_line_carries_the_lines_problems() {
    let r = refused(r#"[{"tool": "batch", "station": "cut", "batch": 9}]"#);
    let Reason::InvalidLine(errors) = &r.reason else {
        panic!("{r}")
    };
    assert_eq!(r.change, None);
    let first = errors.iter().next().unwrap();
    assert_eq!(first.path, "stations[0].batch");
    assert_eq!(
        first.problem,
        Problem::BatchNeverFits {
            batch: 9,
            station: "weld".into(),
            room: 4
        }
    );
    assert_eq!(
        r.to_string(),
        "the changed line is not valid: stations[0].batch: a batch of 9 never fits into 'weld' (room for 4)"
    );
}

#[test]
fn a_session_that_cannot_be_read_says_why_as_data() {
    let e = Session::from_json(&" ".repeat(17 << 20)).unwrap_err();
    let SessionError::Unreadable(errors) = &e else {
        panic!("{e}")
    };
    assert_eq!(
        errors.iter().next().unwrap().problem,
        Problem::TooLarge {
            size: 17 << 20,
            limit: 16 << 20
        }
    );
    assert_eq!(
        e.to_string(),
        "the file is too large (17.0 MB; at most 16.0 MB)"
    );
}

/// The desk's web worker sends a file's flag to the page as JSON: every refusal comes
/// back the same, with its data.
#[test]
fn flags_and_failures_survive_the_workers_json() {
    let invalid = Errors::one("stations[0].servers", between(1.0, 1000.0));
    let flags = [
        Flag::Refused {
            round: 2,
            refusal: Refusal {
                change: None,
                reason: Reason::InvalidLine(invalid.clone()),
            },
        },
        Flag::Refused {
            round: 3,
            refusal: Refusal {
                change: Some(1),
                reason: Reason::NotAllowed { tool: Tool::Tpm },
            },
        },
        Flag::Mismatch {
            round: 2,
            figure: Figure::Completed,
            claimed: Some(1.0),
            actual: None,
        },
        Flag::Failed {
            round: 2,
            error: Unplayed::Failed(SimError::TooManyEvents { limit: 10, at: 2.5 }),
        },
        Flag::Failed {
            round: 1,
            error: Unplayed::Failed(SimError::Invalid(invalid)),
        },
        Flag::ChangedBaseline,
    ];
    for flag in flags {
        let text = serde_json::to_string(&flag).unwrap();
        assert_eq!(serde_json::from_str::<Flag>(&text).unwrap(), flag, "{text}");
    }
    assert_eq!(
        Flag::Mismatch {
            round: 2,
            figure: Figure::Completed,
            claimed: Some(1.0),
            actual: None,
        }
        .to_string(),
        "round 2: completed claimed 1 but re-simulation gives none"
    );
    assert_eq!(
        Flag::Failed {
            round: 2,
            error: Unplayed::Failed(SimError::TooManyEvents { limit: 10, at: 2.5 }),
        }
        .to_string(),
        "round 2: the run was stopped after 10 events at time 2.5: process times are too short for the horizon"
    );
}

#[test]
fn the_remaining_rules_carry_their_data_too() {
    let line = |rest: &str| format!(r#"{{"name": "x", "time_unit": "s", "horizon": 100, {rest}}}"#);
    let cases: Vec<(String, &str, Problem, &str)> = vec![
        (
            line(r#""stations": []"#),
            "stations",
            Problem::NoStations,
            "at least one station is needed",
        ),
        (
            line(r#""warmup": 100, "stations": [{"id": "a", "process": 1}]"#),
            "warmup",
            Problem::WarmupTooLong,
            "must be less than horizon",
        ),
        (
            line(r#""stations": [{"id": "a", "process": 2e9}]"#),
            "stations[0].process.value",
            Problem::FiniteAtMost { max: 1e9 },
            "must be a finite number ≤ 1e9",
        ),
        (
            line(
                r#""stations": [{"id": "a", "process": 1}], "training": {"targets": {"wip": 1e13}}"#,
            ),
            "training.targets.wip",
            Problem::Finite,
            "must be a finite number",
        ),
        (
            line(
                r#""stations": [{"id": "a", "process": 1, "setup": {"time": 1, "on_change": true}}]"#,
            ),
            "stations[0].setup.on_change",
            Problem::NeedsTwoProducts,
            "needs at least two `products`",
        ),
        (
            line(
                r#""stations": [{"id": "a", "process": 1},
                   {"id": "b", "process": 1, "defects": {"rate": 0.1, "action": "rework", "to": "c"}},
                   {"id": "c", "process": 1}]"#,
            ),
            "stations[1].defects.to",
            Problem::ReworkForward,
            "rework goes back to this station or an earlier one",
        ),
        (
            line(
                r#""stations": [{"id": "a", "process": 1}, {"id": "b", "process": 1, "inputs": [{"from": "a"}]},
                   {"id": "c", "process": 1, "inputs": [{"from": "a"}]}]"#,
            ),
            "stations[2].inputs",
            Problem::AlreadyFeeds {
                from: "a".into(),
                to: "b".into(),
            },
            "'a' already feeds 'b'",
        ),
    ];
    for (json, path, problem, text) in cases {
        let found = problems(&json);
        assert!(
            found.contains(&(path.to_owned(), problem.clone(), format!("{path}: {text}"))),
            "{json}: {found:?}"
        );
    }
}
