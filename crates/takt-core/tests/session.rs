//! A trainee's session: rounds in order, the plan and its cost, scoring against round 1,
//! storage round trips and refusal of foreign data.

mod common;

use common::play;
use takt_core::json::Problem;
use takt_core::model::Tool;
use takt_core::training::session::{Session, SessionError, SESSION_VERSION};
use takt_core::training::{Change, Param, Reason};
use takt_core::Scenario;

const REPS: u64 = 3;

fn factory() -> Scenario {
    Scenario::from_json(include_str!(
        "../../../public/scenarios/process-factory.json"
    ))
    .unwrap()
}

fn session() -> Session {
    let mut s = Session::new("process-factory", factory(), 7);
    s.replications = REPS;
    s
}

fn station_of(sc: &Scenario, element: &str) -> String {
    sc.stations
        .iter()
        .find(|s| s.elements.iter().any(|e| e.key() == element))
        .unwrap()
        .id
        .clone()
}

#[test]
fn a_new_session_takes_rounds_and_replications_from_the_training_settings() {
    let s = Session::new("process-factory", factory(), 7);
    assert_eq!(s.version, SESSION_VERSION);
    assert_eq!(s.total_rounds(), 3);
    assert_eq!(s.replications, 30);
    assert_eq!(s.next_round(), Some(1));
    assert_eq!(s.budget(), Some(30_000.0));
}

#[test]
fn round_one_runs_the_scenario_as_given_and_is_not_scored() {
    let mut s = session();
    s.plan_move("fix cover", "valve");
    let job = s.job().unwrap();
    assert!(job.baseline.is_none());
    assert_eq!(job.scenario, factory());
    assert_eq!(job.cost, 0.0);
    play(&mut s);
    assert!(s.rounds[0].changes.is_empty() && s.rounds[0].score.is_none());
    // The plan made before round 1 waits for round 2.
    assert_eq!(s.plan.len(), 1);
    assert_eq!(s.next_round(), Some(2));
}

#[test]
fn moving_an_element_again_replaces_the_move_and_moving_it_home_drops_it() {
    let mut s = session();
    s.plan_move("fix cover", "valve");
    s.plan_move("fix cover", "gauge");
    assert_eq!(
        s.plan,
        vec![Change::MoveElement {
            element: "fix cover".into(),
            to: "gauge".into()
        }]
    );
    assert_eq!(
        station_of(&s.planned().unwrap().scenario, "fix cover"),
        "gauge"
    );
    assert_eq!(s.planned().unwrap().cost, 500.0);
    s.plan_move("fix cover", "housing");
    assert!(s.plan.is_empty());
    assert_eq!(s.planned().unwrap().cost, 0.0);
}

#[test]
fn later_rounds_build_on_the_line_left_before_and_are_scored_against_round_one() {
    let mut s = session();
    play(&mut s);
    s.plan_move("fix cover", "valve");
    s.plan.push(Change::FiveS {
        station: "housing".into(),
        factor: None,
    });
    let job = s.job().unwrap();
    assert_eq!(job.baseline.as_ref(), Some(&factory()));
    assert_eq!(job.cost, 2_500.0);
    play(&mut s);
    let two = &s.rounds[1];
    assert_eq!(two.changes.len(), 2);
    assert_eq!(two.cost, 2_500.0);
    assert!(s.plan.is_empty());
    assert_eq!(station_of(&s.line(), "fix cover"), "valve");
    let score = two.score.as_ref().unwrap();
    assert_eq!(score.cost, 2_500.0);
    assert_eq!(score.replications, REPS);

    // Round 3 keeps round 2's line, and everything spent so far is charged.
    s.plan.push(Change::Batch {
        station: "kit".into(),
        batch: 1,
    });
    let job = s.job().unwrap();
    assert_eq!(station_of(&job.scenario, "fix cover"), "valve");
    assert_eq!(job.cost, 3_500.0);
    play(&mut s);
    assert_eq!(s.spent(), 3_500.0);
    assert_eq!(s.next_round(), None);
    let refused = s.job().unwrap_err();
    assert_eq!(refused.reason, Reason::AllPlayed);
    assert_eq!(
        refused.to_string(),
        "every round of this training has been played"
    );
}

#[test]
fn a_plan_over_budget_or_with_a_forbidden_tool_is_refused_and_kept() {
    let mut s = session();
    play(&mut s);
    s.plan.push(Change::AddServer {
        station: "test".into(),
    });
    let refused = s.job().unwrap_err();
    assert_eq!(refused.change, Some(0));
    assert_eq!(
        refused.reason,
        Reason::NotAllowed {
            tool: Tool::AddServer
        }
    );
    assert_eq!(
        refused.to_string(),
        "changes[0]: the tool 'add_server' is not allowed in this training"
    );
    // Twelve changes, each on its own place (one tool is used once per place in a round):
    // two transports (5 000 each), six buffers (2 000 each), a poka-yoke (5 000) and three
    // 5S (2 000 each): 33 000.
    let buffer = |station: &str| Change::Buffer {
        station: station.into(),
        buffer: Some(10),
    };
    let five_s = |station: &str| Change::FiveS {
        station: station.into(),
        factor: None,
    };
    s.plan = vec![
        Change::Transport {
            station: "kit".into(),
            factor: None,
        },
        Change::Transport {
            station: "pack".into(),
            factor: None,
        },
        buffer("kit"),
        buffer("housing"),
        buffer("valve"),
        buffer("gauge"),
        buffer("test"),
        buffer("pack"),
        Change::PokaYoke {
            station: "test".into(),
            factor: None,
        },
        five_s("kit"),
        five_s("housing"),
        five_s("gauge"),
    ];
    let refused = s.job().unwrap_err();
    assert_eq!(refused.change, None);
    assert_eq!(
        refused.reason,
        Reason::OverBudget {
            cost: 33_000.0,
            budget: 30_000.0
        }
    );
    assert_eq!(
        refused.to_string(),
        "the changes cost 33000 but the round's budget is 30000"
    );
    assert_eq!(s.plan.len(), 12);
    assert_eq!(s.rounds.len(), 1);
}

#[test]
fn a_session_survives_a_json_round_trip_and_foreign_json_is_refused_by_path() {
    let mut s = session();
    play(&mut s);
    s.plan_move("fix cover", "valve");
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(Session::from_json(&text).unwrap(), s);

    let mut old: serde_json::Value = serde_json::from_str(&text).unwrap();
    old["version"] = serde_json::json!(SESSION_VERSION + 1);
    let e = Session::from_json(&old.to_string()).unwrap_err();
    assert_eq!(
        e,
        SessionError::Version {
            found: SESSION_VERSION + 1
        }
    );
    assert_eq!(e.to_string(), "version: this app reads version 1, not 2");

    let mut wrong: serde_json::Value = serde_json::from_str(&text).unwrap();
    wrong["rounds"][0]["cost"] = serde_json::json!("a lot");
    let e = Session::from_json(&wrong.to_string()).unwrap_err();
    let SessionError::Unreadable(errors) = &e else {
        panic!("{e}")
    };
    assert_eq!(errors.iter().next().unwrap().path, "rounds[0].cost");
    assert!(
        e.to_string().starts_with("rounds[0].cost: invalid type"),
        "{e}"
    );

    let mut broken: serde_json::Value = serde_json::from_str(&text).unwrap();
    broken["scenario"]["stations"][0]["servers"] = serde_json::json!(0);
    let e = Session::from_json(&broken.to_string()).unwrap_err();
    let SessionError::Scenario(errors) = &e else {
        panic!("{e}")
    };
    let first = errors.iter().next().unwrap();
    assert_eq!(first.path, "stations[0].servers");
    assert_eq!(
        first.problem,
        Problem::Between {
            min: 1.0,
            max: 1000.0
        }
    );
    assert_eq!(
        e.to_string(),
        "scenario: stations[0].servers: must be between 1 and 1000"
    );

    assert!(Session::from_json("{\"version\": 1").is_err());
}

#[test]
fn every_tool_s_form_fields_make_a_change_of_that_tool() {
    for tool in Tool::ALL {
        let fields: serde_json::Map<String, serde_json::Value> = tool
            .params()
            .iter()
            .map(|&(name, param)| {
                let value = match param {
                    Param::Station | Param::Element | Param::Operator | Param::NewId => {
                        serde_json::json!("x")
                    }
                    Param::Stations => serde_json::json!(["a", "b"]),
                    Param::Count | Param::Limit => serde_json::json!(2),
                    Param::Metres => serde_json::json!(2.5),
                };
                (name.to_owned(), value)
            })
            .chain([("tool".to_owned(), serde_json::to_value(tool).unwrap())])
            .collect();
        let change: Change =
            serde_json::from_value(fields.into()).unwrap_or_else(|e| panic!("{tool:?}: {e}"));
        assert_eq!(change.tool(), tool);
    }
}

#[test]
fn a_change_with_a_wrong_missing_or_unknown_field_is_refused_naming_it() {
    use takt_core::training::parse_changes;
    let first = |text: &str| {
        parse_changes(text)
            .unwrap_err()
            .iter()
            .next()
            .unwrap()
            .to_string()
    };
    let e =
        first(r#"[{"tool":"batch","station":"kit","batch":1},{"tool":"batch","station":"kit"}]"#);
    assert_eq!(e, "changes[1]: missing field `batch`");
    let e = first(r#"[{"tool":"smed","station":"kit","factor":"half"}]"#);
    assert_eq!(e, "changes[0].factor: expected a number, got \"half\"");
    // Each carries its data: the path, the kind of value expected and the value found.
    let errors = parse_changes(r#"[{"tool":"smed","station":"kit","factor":"half"}]"#).unwrap_err();
    let only = errors.iter().next().unwrap();
    assert_eq!(only.path, "changes[0].factor");
    assert_eq!(
        only.problem,
        Problem::Expected {
            shape: takt_core::json::Shape::Number,
            got: Some("\"half\"".into())
        }
    );
    let errors = parse_changes(r#"{"changes": 3}"#).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "changes: expected a list of changes, got 3"
    );
    let errors = parse_changes("[]").map(|c| c.len());
    assert_eq!(errors, Ok(0));
    let errors = parse_changes(r#"{"plan": []}"#).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "expected a list of changes or {\"changes\": [...]}"
    );
    let e = first(r#"[{"tool":"buffer","station":"kit","buffer":2,"colour":"red"}]"#);
    assert_eq!(
        e,
        "changes[0]: unknown field `colour`, expected one of `station`, `buffer`"
    );
    let e = first(r#"[{"tool":"batch","station":"kit","batch":2}, 5]"#);
    assert_eq!(
        e,
        "changes[1]: expected a change (an object with a `tool`), got 5"
    );
    let e = first(r#"[{"tool":"paint","station":"kit"}]"#);
    assert!(
        e.starts_with("changes[0].tool: unknown variant `paint`, expected one of `move_element`"),
        "{e}"
    );
    let errors = parse_changes(r#"[{"tool":"paint","station":"kit"}]"#).unwrap_err();
    assert!(matches!(
        &errors.iter().next().unwrap().problem,
        Problem::UnknownTool { name, known } if name == "paint" && known.len() == 17
    ));
    // A buffer of 0 (no waiting room) is a real choice; `null` removes the limit.
    let ok = parse_changes(
        r#"[{"tool":"buffer","station":"kit","buffer":0},{"tool":"conwip","limit":null}]"#,
    );
    assert_eq!(
        ok.unwrap(),
        vec![
            Change::Buffer {
                station: "kit".into(),
                buffer: Some(0)
            },
            Change::Conwip { limit: None }
        ]
    );
}

#[test]
fn the_line_after_any_number_of_rounds_replays_their_changes() {
    let mut s = session();
    play(&mut s);
    s.plan_move("fix cover", "valve");
    play(&mut s);
    assert_eq!(s.line_after(0), factory());
    assert_eq!(s.line_after(1), factory());
    assert_eq!(station_of(&s.line_after(2), "fix cover"), "valve");
    assert_eq!(s.line_after(2), s.line());
}

#[test]
fn an_empty_plan_costs_plus_zero() {
    let sc = takt_core::Scenario::from_json(include_str!("../../../public/scenarios/kanban.json"))
        .unwrap();
    let s = takt_core::training::session::Session::new("kanban", sc, 1);
    assert!(s.plan_cost() == 0.0 && s.plan_cost().is_sign_positive());
}
