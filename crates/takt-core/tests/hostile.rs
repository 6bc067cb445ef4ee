//! Hostile input to every reader besides the scenario's (`scenario.rs` has those): a stored
//! session, a team's result file, a plan of changes; and runs that would never end.
//! Each is refused with an error that names the field, and nothing panics.

use takt_core::sim::{run, RunOptions, SimError};
use takt_core::training::parse_changes;
use takt_core::training::result::ResultFile;
use takt_core::training::session::Session;
use takt_core::Scenario;

/// A reader of one kind of document: text → nothing, or the error's text.
type Reader = fn(&str) -> Result<(), String>;

/// Every reader of the app's documents.
fn readers() -> [(&'static str, Reader); 3] {
    [
        ("session", |t| {
            Session::from_json(t).map(drop).map_err(|e| e.to_string())
        }),
        ("result file", |t| {
            ResultFile::from_json(t)
                .map(drop)
                .map_err(|e| e.to_string())
        }),
        ("plan", |t| {
            parse_changes(t).map(drop).map_err(|e| e.to_string())
        }),
    ]
}

#[test]
fn deep_huge_empty_and_mistyped_documents_are_refused_by_every_reader() {
    let deep_object = format!("{}{}", r#"{"a":"#.repeat(50_000), "}".repeat(50_000));
    let huge = format!(r#"{{"team":"{}"}}"#, "x".repeat(17 << 20));
    for (name, read) in readers() {
        for (what, text, expect) in [
            ("deep arrays", "[".repeat(100_000), ""),
            ("deep objects", deep_object.clone(), ""),
            ("empty", String::new(), ""),
            ("null", "null".into(), ""),
            ("a number", "1e999".into(), "number out of range"),
            (
                "over 16 MB",
                huge.clone(),
                "the file is too large (17.0 MB; at most 16.0 MB)",
            ),
        ] {
            let e = read(&text).expect_err(&format!("{name}: {what} accepted"));
            assert!(!e.is_empty() && e.contains(expect), "{name}: {what}: {e}");
        }
    }
}

#[test]
fn fields_of_the_wrong_type_or_unknown_are_named() {
    let session = Session::from_json(r#"{"version": 1, "scenario_id": 7}"#)
        .unwrap_err()
        .to_string();
    assert!(
        session.starts_with("scenario_id: invalid type: integer `7`"),
        "{session}"
    );
    let result = ResultFile::from_json(r#"{"version": 1, "team": "A", "sceanrio": "x"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        result.starts_with("sceanrio: unknown field `sceanrio`"),
        "{result}"
    );
    let result = ResultFile::from_json(r#"{"version": 1}"#)
        .unwrap_err()
        .to_string();
    assert!(result.starts_with("missing field `team`"), "{result}");
    let plan = parse_changes(r#"[{"tool": "smed", "station": "a", "factor": "half"}]"#)
        .unwrap_err()
        .to_string();
    assert!(plan.contains("[0]") && plan.contains("factor"), "{plan}");
    // A change's fields are read through a JSON value: deep nesting there stops at serde_json's
    // recursion limit, not at the stack's end.
    let nested = format!(
        r#"[{{"tool": "smed", "station": {}1{}, "factor": 0.5}}]"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let plan = parse_changes(&nested).unwrap_err().to_string();
    assert!(plan.contains("recursion limit exceeded"), "{plan}");
}

#[test]
fn a_run_that_would_never_end_stops_at_the_event_cap_with_a_reason() {
    let sc = Scenario::from_json(
        r#"{"name": "endless", "time_unit": "s", "horizon": 1e9,
            "stations": [{"id": "a", "process": 0.001}, {"id": "b", "process": 0.001}]}"#,
    )
    .expect("valid: the horizon is within bounds");
    let opts = RunOptions {
        max_events: 100_000,
        ..RunOptions::default()
    };
    match run(&sc, opts) {
        Err(SimError::TooManyEvents { limit, at }) => {
            assert_eq!(limit, 100_000);
            assert!(at > 0.0 && at < 1e9, "stopped at {at}");
        }
        other => panic!("expected the event cap, got {other:?}"),
    }
}
