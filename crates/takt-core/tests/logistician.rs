//! The floor plan and the logistician, checked against runs worked out by hand.

use takt_core::lean::spaghetti::{spaghetti, SpaghettiError};
use takt_core::model::Scenario;
use takt_core::model::Spot;
use takt_core::sim::{run, LogEvent, RunOptions, RunResult};
use takt_core::view::csv::{spaghetti_csv, Dialect};
use takt_core::view::replay::{Place, Replay};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn logged(sc: &Scenario) -> RunResult {
    let opts = RunOptions {
        log_limit: 100_000,
        ..RunOptions::default()
    };
    run(sc, opts).unwrap()
}

/// Station a makes a unit every 4 s in batches of 2; the logistician Lena, posted at a,
/// carries each batch 6 m to b at 1 m/s and walks back; b takes 1 s a unit.
const CARRIED: &str = r#"{"name":"carried","time_unit":"s","horizon":60,
    "stations":[{"id":"a","process":4,"batch":2},{"id":"b","process":1}],
    "operators":[{"id":"lena","carries":["a"]}],
    "layout":{"stations":{"a":[0,0],"b":[6,0]}}}"#;

#[test]
fn the_logistician_fetches_carries_and_walks_back_as_worked_out_by_hand() {
    // Batches are ready at 8, 16, 24, 32, 40, 48, 56. Lena, at her post a, carries the first
    // at once (8–14) and walks back (14–20); the second has waited 4 s (20–26, back 26–32);
    // the third 8 s (32–38). Then the fourth is waiting: from b she walks straight to a
    // (38–44) and carries it (44–50), waited 12 s; the fifth waited 16 s (walk 50–56,
    // carry 56–62, past the end of the shift).
    let sc = scenario(CARRIED);
    let r = logged(&sc);
    let trips: Vec<(&str, f64, f64)> = r
        .log
        .iter()
        .filter_map(|e| match *e {
            LogEvent::Carry {
                t,
                arrive,
                operator: 0,
                from: 0,
                to: Some(1),
                units: 2,
            } => Some(("carry", t, arrive)),
            LogEvent::Walk {
                t,
                arrive,
                operator: 0,
                to: 0,
            } => Some(("walk", t, arrive)),
            LogEvent::Carry { .. } | LogEvent::Walk { .. } => panic!("unexpected {e:?}"),
            _ => None,
        })
        .collect();
    assert_eq!(
        trips,
        [
            ("carry", 8.0, 14.0),
            ("walk", 14.0, 20.0),
            ("carry", 20.0, 26.0),
            ("walk", 26.0, 32.0),
            ("carry", 32.0, 38.0),
            ("walk", 38.0, 44.0),
            ("carry", 44.0, 50.0),
            ("walk", 50.0, 56.0),
            ("carry", 56.0, 62.0),
        ]
    );
    let lena = &r.operators[0];
    // Carrying 4 × 6 s + 56–60; walking 4 × 6 s; idle 0–8.
    assert_eq!((lena.working, lena.walking, lena.idle), (28.0, 24.0, 8.0));
    assert_eq!(lena.walks, 4);
    let a = &r.stations[0];
    assert_eq!((a.moves, a.moved_units), (5, 10));
    assert_eq!(a.transport_time, 30.0);
    assert_eq!(a.carrier_wait, 0.0 + 4.0 + 8.0 + 12.0 + 16.0);
    // Delivered at 14, 26, 38 and 50: b finishes 8 units; a processed 15.
    assert_eq!(r.completed, 8);
    assert_eq!(a.processed, 15);
}

#[test]
fn the_replay_shows_the_logistician_on_the_way_and_at_each_end() {
    let sc = scenario(CARRIED);
    let r = logged(&sc);
    let replay = Replay::new(&sc, &r);
    let at = |t: f64| replay.frame(t).operators[0];
    assert_eq!(at(5.0), Place::At(0));
    assert_eq!(at(10.0), Place::Walking { from: 0, to: 1 });
    assert_eq!(at(14.0), Place::Walking { from: 1, to: 0 });
    assert_eq!(at(22.0), Place::Walking { from: 0, to: 1 });
    assert_eq!(at(40.0), Place::Walking { from: 1, to: 0 });
    assert_eq!(at(44.0), Place::Walking { from: 0, to: 1 });
}

#[test]
fn given_times_win_over_the_plan() {
    // Lena's own walk (2 s) and a's transport (3 s) replace the 6 m of the plan.
    let sc = scenario(
        &CARRIED
            .replace(r#""carries":["a"]"#, r#""carries":["a"],"walk":2"#)
            .replace(r#""batch":2"#, r#""batch":2,"transport":3"#),
    );
    let r = logged(&sc);
    let firsts: Vec<(f64, f64)> = r
        .log
        .iter()
        .filter_map(|e| match *e {
            LogEvent::Carry { t, arrive, .. } | LogEvent::Walk { t, arrive, .. } => {
                Some((t, arrive))
            }
            _ => None,
        })
        .take(4)
        .collect();
    // Ready at 8: carried 8–11, back 11–13; the second, ready at 16, carried 16–19.
    assert_eq!(
        firsts,
        [(8.0, 11.0), (11.0, 13.0), (16.0, 19.0), (19.0, 21.0)]
    );
    assert_eq!(r.stations[0].carrier_wait, 0.0);
}

#[test]
fn an_operator_without_a_walking_time_walks_the_plan() {
    // 3 m at 0.5 m/s is a 6 s walk: the same shift as `"walk": 6`, to the event.
    let given = scenario(
        r#"{"name":"w","time_unit":"s","horizon":200,
            "stations":[{"id":"a","process":{"dist":"uniform","min":2,"max":5}},{"id":"b","process":3}],
            "operators":[{"id":"anna","stations":["a","b"],"walk":6}]}"#,
    );
    let mut planned = given.clone();
    planned.operators[0].walk = None;
    planned.layout =
        Some(serde_json::from_str(r#"{"speed":0.5,"stations":{"a":[1,1],"b":[1,4]}}"#).unwrap());
    let (g, p) = (logged(&given), logged(&planned));
    assert_eq!(g.log, p.log);
    assert!(g.operators[0].walks > 10);
    assert_eq!(g.operators[0].walking, p.operators[0].walking);
    // In minutes the same plan gives a tenth of a minute.
    let mut minutes = planned.clone();
    minutes.time_unit = takt_core::model::TimeUnit::Minutes;
    minutes.stations[0].process = Some(takt_core::model::Dist::Constant { value: 1.0 });
    let m = logged(&minutes);
    let walk = m.log.iter().find_map(|e| match *e {
        LogEvent::Walk { t, arrive, .. } => Some(arrive - t),
        _ => None,
    });
    assert!((walk.unwrap() - 0.1).abs() < 1e-9, "{walk:?}");
}

#[test]
fn a_plan_and_logistics_are_checked_field_by_field() {
    let err = Scenario::from_json(
        r#"{"name":"bad","time_unit":"s","horizon":60,
            "stations":[{"id":"a","process":4},{"id":"b","process":1}],
            "operators":[{"id":"x","stations":["a"],"carries":["a"]},
                         {"id":"y","carries":["a","zz"]},{"id":"z"}],
            "layout":{"speed":0,"stations":{"a":[0,2000],"q":[0,0]},"shipping":[-5000,0]}}"#,
    )
    .unwrap_err()
    .to_string();
    for field in [
        "operators[0].carries: an operator who carries batches tends no station",
        "operators[1].carries[0]: duplicate id 'a' (also operators[0].carries[0])",
        "operators[1].carries[1]: no station has id 'zz'",
        "operators[2].stations: name at least one station",
        "layout.speed: must be > 0",
        "layout.stations.a[1]: must be between -1000 and 1000",
        "layout.stations.q: no station has id 'q'",
        "layout.shipping[0]",
    ] {
        assert!(err.contains(field), "{field} not in {err}");
    }
}

#[test]
fn the_spaghetti_diagram_measures_every_trip_on_the_plan() {
    // Lena: five loaded trips a → b and four empty ones back, 6 m each: 54 m for 8 units.
    let sc = scenario(CARRIED);
    let d = spaghetti(&sc, &logged(&sc)).unwrap();
    let lena = &d.operators[0];
    let legs: Vec<_> = (lena.legs.iter())
        .map(|l| (l.from, l.to, l.loaded, l.trips, l.metres))
        .collect();
    assert_eq!(
        legs,
        [
            (Spot::Station(0), Spot::Station(1), true, 5, Some(6.0)),
            (Spot::Station(1), Spot::Station(0), false, 4, Some(6.0)),
        ]
    );
    assert_eq!((lena.trips, lena.metres, lena.unplaced), (9, 54.0, 0));
    assert_eq!((lena.per_unit, d.trips), (Some(6.75), 9));
    assert_eq!((d.metres, d.units, d.per_unit), (54.0, 8, Some(6.75)));
    // As a table, in both dialects.
    let words = ["operator", "trips", "metres", "per unit", "crew"];
    let csv = |dialect| spaghetti_csv(dialect, &d, &["Lena".to_owned()], words);
    assert_eq!(
        csv(Dialect::English),
        "\u{feff}operator,trips,metres,per unit\r\nLena,9,54,6.75\r\ncrew,9,54,6.75\r\n"
    );
    assert!(csv(Dialect::Russian).contains("Lena;9;54;6,75"));

    // Without a plan, or without a log, there is no diagram.
    let mut bare = sc.clone();
    bare.layout = None;
    assert_eq!(
        spaghetti(&bare, &logged(&bare)),
        Err(SpaghettiError::NoLayout)
    );
    let unlogged = run(&sc, RunOptions::default()).unwrap();
    assert_eq!(spaghetti(&sc, &unlogged), Err(SpaghettiError::NoLog));
}

#[test]
fn the_spaghetti_diagram_follows_an_operator_between_its_stations() {
    // Anna tends a (2 s) and b (2 s), 3 m apart at 1 m/s: her walks are a → b → a …, 3 m
    // each; the count is the engine's own, and a warm-up drops the trips before it.
    let json = r#"{"name":"w","time_unit":"s","horizon":100,
        "stations":[{"id":"a","process":2},{"id":"b","process":2}],
        "operators":[{"id":"anna","stations":["a","b"]}],
        "layout":{"stations":{"a":[0,0],"b":[0,3]}}}"#;
    let sc = scenario(json);
    let r = logged(&sc);
    let d = spaghetti(&sc, &r).unwrap();
    let anna = &d.operators[0];
    assert_eq!(anna.trips, r.operators[0].walks);
    assert_eq!(anna.metres, 3.0 * anna.trips as f64);
    assert!(anna.legs.iter().all(|l| !l.loaded && l.metres == Some(3.0)));
    assert_eq!(anna.legs.len(), 2);
    let mut warm = sc.clone();
    warm.warmup = 50.0;
    let r = logged(&warm);
    let d = spaghetti(&warm, &r).unwrap();
    assert_eq!(d.operators[0].trips, r.operators[0].walks);
    assert_eq!(d.units, r.completed);
    // A station the plan does not place (her walks given as 1 s): the trips count, without
    // metres.
    let mut half = sc.clone();
    half.operators[0].walk = Some(takt_core::model::Dist::Constant { value: 1.0 });
    half.layout = Some(serde_json::from_str(r#"{"stations":{"a":[0,0]}}"#).unwrap());
    let d = spaghetti(&half, &logged(&half)).unwrap();
    assert_eq!(
        (d.operators[0].metres, d.operators[0].unplaced > 0),
        (0.0, true)
    );
}

#[test]
fn the_layout_card_moves_a_station_and_the_loops_follow() {
    use takt_core::training::{apply, parse_changes, Reason};
    let sc = scenario(include_str!(
        "../../../public/scenarios/process-factory.json"
    ));
    let (op5, op6) = (&sc.operators[4], &sc.operators[5]);
    // Testing (10, 5) and packing (4, 5) are 6 m apart: 12 m a loop, 12 s at 1 m/s.
    assert_eq!(sc.loop_metres(op5), Some(12.0));
    assert_eq!(sc.loop_walk(op5), 12.0);
    // The logistician, posted at kitting (2.5, 2), carries to housing (4, 1) and walks back.
    let kh = 1.5f64.hypot(1.0);
    let legs = sc.loop_legs(op6);
    assert_eq!(
        legs,
        [
            (Spot::Station(0), Spot::Station(1), true),
            (Spot::Station(1), Spot::Station(0), false)
        ]
    );
    assert!((sc.loop_metres(op6).unwrap() - 2.0 * kh).abs() < 1e-12);
    // Packing moved beside testing: 1 m, 2 m a loop.
    let round =
        parse_changes(r#"[{"tool":"move_station","station":"pack","x":10,"y":4}]"#).unwrap();
    let moved = apply(&sc, &round).unwrap();
    assert_eq!(moved.cost, 1000.0);
    assert_eq!(moved.scenario.loop_walk(&moved.scenario.operators[4]), 2.0);
    assert_eq!(
        moved.scenario.layout.as_ref().unwrap().station("pack"),
        Some([10.0, 4.0])
    );
    // A station the plan does not place, and a place off the plan, are refused.
    let mut bare = sc.clone();
    bare.layout = None;
    let r = apply(&bare, &round).unwrap_err();
    assert_eq!(
        r.reason,
        Reason::NotPlaced {
            station: "pack".into()
        }
    );
    let far =
        parse_changes(r#"[{"tool":"move_station","station":"pack","x":5000,"y":4}]"#).unwrap();
    let r = apply(&sc, &far).unwrap_err();
    assert!(r.to_string().contains("layout.stations.pack[0]"), "{r}");
    // Shorter walks on a planned loop: the mean walk of the loop, halved, as a given time.
    let walk = parse_changes(r#"[{"tool":"walk","id":"op5"}]"#).unwrap();
    let shorter = apply(&sc, &walk).unwrap().scenario;
    let w = shorter.operators[4].walk.as_ref().unwrap();
    assert_eq!(
        (w.mean(), shorter.loop_walk(&shorter.operators[4])),
        (3.0, 6.0)
    );
}

#[test]
fn the_yamazumi_of_the_operators_shows_the_logistician_per_unit() {
    use takt_core::view::yamazumi::{operators, Load};
    let sc = scenario(include_str!(
        "../../../public/scenarios/process-factory.json"
    ));
    let columns = operators(&sc);
    let lena = &columns[5];
    // Kitting's batch of 5: carried in 31.67 s on average (triangular 20, 30, 45), and the
    // walk back from housing, 1.80 m at 1 m/s: a fifth of each per unit.
    let carry = (20.0 + 30.0 + 45.0) / 3.0 / 5.0;
    let back = 1.5f64.hypot(1.0) / 5.0;
    let loads: Vec<(Load, f64)> = lena.segments.iter().map(|s| (s.load, s.time)).collect();
    assert_eq!(loads.len(), 2);
    assert_eq!(loads[0].0, Load::Station(0));
    assert!((loads[0].1 - carry).abs() < 1e-9, "{loads:?}");
    assert_eq!(loads[1].0, Load::Walking);
    assert!((loads[1].1 - back).abs() < 1e-9, "{loads:?}");
    assert!((lena.total - carry - back).abs() < 1e-9);
}
