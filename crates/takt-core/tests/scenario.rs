//! Parsing and validation: field paths, every problem at once, no panic.

use takt_core::Scenario;

fn errors(json: &str) -> Vec<String> {
    match Scenario::from_json(json) {
        Ok(_) => panic!("expected errors for {json}"),
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn the_minimum_contract_parses() {
    let sc = Scenario::from_json(
        r#"{ "name": "Valve assembly", "time_unit": "s", "horizon": 28800, "warmup": 0,
             "arrivals": {"dist": "exponential", "mean": 75},
             "stations": [
               {"id": "cut",  "process": {"dist": "triangular", "min": 40, "mode": 50, "max": 70}},
               {"id": "weld", "servers": 2, "process": 55, "buffer": 3} ] }"#,
    )
    .unwrap();
    assert_eq!(sc.stations[1].servers, 2);
    assert_eq!(sc.stations[1].buffer, Some(3));
    assert_eq!(sc.stations[0].buffer, None);
    assert_eq!(sc.stations[0].servers, 1);
    // The canonical form parses back to the same scenario.
    assert_eq!(Scenario::from_json(&sc.to_json()).unwrap(), sc);
}

#[test]
fn null_buffer_means_unlimited_and_time_units_are_known() {
    let sc = Scenario::from_json(
        r#"{"name":"x","time_unit":"min","horizon":480,"stations":[{"id":"a","process":1,"buffer":null}]}"#,
    )
    .unwrap();
    assert_eq!(sc.stations[0].buffer, None);
    assert_eq!(
        errors(r#"{"name":"x","time_unit":"days","horizon":1,"stations":[{"id":"a","process":1}]}"#),
        ["time_unit: unknown variant `days`, expected one of `s`, `min`, `h` at line 1 column 30"]
    );
}

#[test]
fn every_semantic_problem_is_reported_at_once_with_its_path() {
    let e = errors(
        r#"{"name":"bad","time_unit":"s","horizon":100,"warmup":-1,
            "arrivals":{"dist":"exponential","mean":0},
            "stations":[{"id":"a","process":{"dist":"exponential","mean":-5}},
                        {"id":"a","process":{"dist":"uniform","min":3,"max":1},"servers":0},
                        {"id":"c","elements":[{"name":"e","time":1}],"process":2,
                         "defects":{"rate":1.5,"action":"rework","to":"zz"}}],
            "operators":[{"id":"o","stations":["nowhere"]}],
            "demand":{"quantity":0}}"#,
    );
    assert_eq!(
        e,
        [
            "warmup: must be ≥ 0",
            "arrivals.mean: must be > 0",
            "demand.quantity: must be between 1 and 4294967295",
            "stations[0].process.mean: must be > 0",
            "stations[1].id: duplicate id 'a' (also stations[0])",
            "stations[1].servers: must be between 1 and 1000",
            "stations[1].process.max: must be ≥ min",
            "stations[2].elements: give either process or elements, not both",
            "stations[2].defects.rate: must be ≥ 0 and < 1",
            "stations[2].defects.to: no station has id 'zz'",
            "operators[0].stations[0]: no station has id 'nowhere'",
        ]
    );
}

#[test]
fn structural_errors_name_the_field() {
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1},{"id":"b","process":1,"servers":"two"}]}"#,
    );
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("stations[1].servers: invalid type: string \"two\", expected u32"),
        "{e:?}"
    );
    let e =
        errors(r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","proces":1}]}"#);
    assert!(
        e[0].starts_with("stations[0].proces: unknown field `proces`"),
        "{e:?}"
    );
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":{"dist":"gamma","k":2}}]}"#,
    );
    assert!(
        e[0].starts_with("stations[0].process.dist: unknown variant `gamma`"),
        "{e:?}"
    );
    // The same when the tag ends the object.
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":{"k":2,"dist":"gamma"}}]}"#,
    );
    assert!(
        e[0].starts_with("stations[0].process.dist: unknown variant `gamma`"),
        "{e:?}"
    );
    let e = errors(r#"{"name":"x","time_unit":"s","stations":[]}"#);
    assert!(e[0].starts_with("missing field `horizon`"), "{e:?}");
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1,"buffer":-1}]}"#,
    );
    assert!(
        e[0].starts_with("stations[0].buffer: invalid value: integer `-1`"),
        "{e:?}"
    );
}

#[test]
fn hostile_documents_are_refused_without_panicking() {
    let deep = "[".repeat(100_000);
    assert!(Scenario::from_json(&deep).is_err());
    assert!(Scenario::from_json("").is_err());
    assert!(Scenario::from_json("{}").is_err());
    assert!(Scenario::from_json("null").is_err());
    assert!(
        Scenario::from_json(r#"{"name":"x","time_unit":"s","horizon":1e400,"stations":[]}"#)
            .is_err()
    );
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1e300,"stations":[{"id":"a","process":1e300}]}"#,
    );
    assert_eq!(
        e,
        [
            "horizon: must be between 0.001 and 1e9",
            "stations[0].process.value: must be a finite number ≤ 1e9"
        ]
    );
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":60,"stations":[{"id":"a","process":1}],
            "training":{"rounds":101}}"#,
    );
    assert_eq!(e, ["training.rounds: must be between 1 and 100"]);
    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(5 << 20));
    assert!(errors(&big)[0].contains("too large"));
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1}]} trailing"#,
    );
    assert!(e[0].contains("trailing characters"), "{e:?}");
}

#[test]
fn routing_problems_are_explained() {
    // b declares inputs without a, so a's units would go nowhere.
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"k","process":1},{"id":"a","process":1},
            {"id":"b","process":1,"inputs":[{"from":"k"}]}]}"#,
    );
    assert_eq!(
        e,
        ["stations[1]: its units go nowhere: the next station 'b' declares inputs without 'a'"]
    );
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1,"inputs":[{"from":"b"}]},{"id":"b","process":1}]}"#,
    );
    assert_eq!(e, ["stations[0].inputs[0].from: 'b' must come before this station in the list (flow order)"]);
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1,"batch":5},{"id":"b","process":1,"buffer":2}]}"#,
    );
    assert_eq!(
        e,
        ["stations[0].batch: a batch of 5 never fits into 'b' (room for 3)"]
    );
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"release":{"policy":"kanban","limits":{"b":2,"q":1}},
            "stations":[{"id":"a","process":1},{"id":"b","process":1}]}"#,
    );
    assert_eq!(
        e,
        [
            "release.limits.b: the last station has no kanban loop (nothing downstream)",
            "release.limits.q: no station has id 'q'",
        ]
    );
}

#[test]
fn setups_need_a_trigger() {
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1,"setup":{"time":1}},
            {"id":"b","process":1,"setup":{"time":1,"on_change":true}}]}"#,
    );
    assert_eq!(
        e,
        [
            "stations[0].setup: give `every` or `on_change: true`",
            "stations[1].setup.on_change: needs at least two `products`"
        ]
    );
}

#[test]
fn structural_error_paths_follow_lists_nesting_and_escapes() {
    use takt_core::json::path_at;
    let text = r#"{"a":[1,{"b\"c":[0,0,{"d":x}]}],"e":1}"#;
    assert_eq!(
        path_at(text, text.find('x').unwrap() + 1),
        "a[1].b\\\"c[2].d"
    );
    // On a closing bracket the error is the object's (a missing field), not its last field's.
    let text = r#"{"stations":[{"id":"a","servers":2}]}"#;
    assert_eq!(path_at(text, text.find('}').unwrap() + 1), "stations[0]");
    assert_eq!(path_at(text, text.len()), "");
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,"stations":[{"id":"a","process":1},{"process":1}]}"#,
    );
    assert!(e[0].starts_with("stations[1]: missing field `id`"), "{e:?}");
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":1,
            "stations":[{"id":"a","elements":[{"name":"n","time":1},{"name":"m","time":"slow"}]}]}"#,
    );
    assert!(e[0].starts_with("stations[0].elements[1].time:"), "{e:?}");
}

#[test]
fn an_assembly_cycle_is_refused_at_the_station_that_closes_it() {
    // Feeders must come earlier in the list (flow order), so a cycle, even of one station
    // feeding itself, always has a back edge to name.
    let e = errors(
        r#"{"name":"x","time_unit":"s","horizon":10,"stations":[
            {"id":"a","process":1,"inputs":[{"from":"c"}]},
            {"id":"b","process":1,"inputs":[{"from":"a"}]},
            {"id":"c","process":1,"inputs":[{"from":"b"},{"from":"c"}]}]}"#,
    );
    assert_eq!(
        e,
        [
            "stations[0].inputs[0].from: 'c' must come before this station in the list (flow order)",
            "stations[2].inputs[1].from: 'c' must come before this station in the list (flow order)",
        ]
    );
}

#[test]
fn release_policies_are_read_with_their_fields() {
    use takt_core::model::Release;
    let with = |release: &str| {
        format!(
            r#"{{"name":"x","time_unit":"s","horizon":100,"stations":[{{"id":"a","process":1}},{{"id":"b","process":1}}],"release":{release}}}"#
        )
    };
    let sc = Scenario::from_json(&with(r#"{"limit":4,"policy":"conwip"}"#)).unwrap();
    assert_eq!(sc.release, Release::Conwip { limit: 4 });
    let sc = Scenario::from_json(&with(r#"{"policy":"kanban","limits":{"a":2}}"#)).unwrap();
    assert_eq!(
        sc.release,
        Release::Kanban {
            limits: [("a".to_owned(), 2)].into()
        }
    );
    let sc = Scenario::from_json(&with(r#"{"policy":"push"}"#)).unwrap();
    assert_eq!(sc.release, Release::Push);
    for (release, error) in [
        (
            r#"{"policy":"pull"}"#,
            "release.policy: unknown variant `pull`",
        ),
        (r#"{"policy":"conwip"}"#, "release: missing field `limit`"),
        (r#"{"limit":3}"#, "release: missing field `policy`"),
        (
            r#"{"policy":"kanban","limit":3}"#,
            "release: unknown field `limit`, expected `limits`",
        ),
        (
            r#"{"policy":"conwip","limit":-1}"#,
            "release.limit: invalid value: integer `-1`, expected u32",
        ),
        (
            r#"{"policy":"push","limit":1,"policy":"push"}"#,
            "release.policy: duplicate field `policy`",
        ),
    ] {
        let e = errors(&with(release));
        assert!(e[0].starts_with(error), "{release}: {e:?}");
    }
}
