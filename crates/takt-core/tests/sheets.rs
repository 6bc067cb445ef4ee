//! The course's sheets against sheets worked out by hand, and against the engine's own log:
//! the time study (хронометраж) and the standard work combination.

use takt_core::lean::time_study::{normative_stability, time_study, TimeStudyError};
use takt_core::sim::{run, LogEvent, RunOptions};
use takt_core::Scenario;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario:\n{e}"))
}

/// Seconds; takt = 600 s ÷ 20 = 30 s. `fit` is value-added, `check` is not.
const BENCH: &str = r#"{"name":"bench","time_unit":"s","horizon":600,
    "demand":{"quantity":20,"price":10},
    "stations":[
      {"id":"cut","process":5},
      {"id":"assembly","servers":2,"elements":[
        {"name":"fit","time":12},
        {"name":"check","time":9,"value_added":false}]}]}"#;

/// The built-in process factory and one run of it with its whole log.
fn process_factory_logged() -> (Scenario, takt_core::RunResult) {
    let sc = scenario(include_str!(
        "../../../public/scenarios/process-factory.json"
    ));
    let options = RunOptions {
        log_limit: 1_000_000,
        ..RunOptions::default()
    };
    let r = run(&sc, options).unwrap();
    (sc, r)
}

fn work(t: f64, station: u32, server: u32, elements: &[f64]) -> LogEvent {
    LogEvent::Work {
        t,
        station,
        server,
        operator: None,
        elements: elements.to_vec(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn a_sheet_matches_the_one_filled_in_by_hand() {
    let sc = scenario(BENCH);
    let log = vec![
        work(0.0, 1, 0, &[50.0, 50.0]), // before `from`: not observed
        work(10.0, 1, 0, &[12.0, 8.0]),
        work(12.0, 0, 0, &[5.0]),        // another station
        work(20.0, 1, 1, &[99.0, 99.0]), // the other workplace of the station
        work(35.0, 1, 0, &[14.0, 9.0]),
        work(60.0, 1, 0, &[11.0, 10.0]),
        work(85.0, 1, 0, &[13.0, 9.0]), // a fourth cycle: three were asked for
    ];
    let sheet = time_study(&sc, &log, "assembly", 3, 5.0).unwrap();
    assert_eq!((sheet.station.as_str(), sheet.server), ("assembly", 0));
    assert_eq!(sheet.starts, [10.0, 35.0, 60.0]);
    assert_eq!(sheet.requested, 3);
    assert_eq!(sheet.names(&sc, "ru"), ["fit", "check"]);

    // fit: 12, 14, 11 → min 11, max 14, mean 37/3, Kу = 14/11 ≈ 1.27; no more than three
    // times over 10 s, so the norm is 2.0: stable.
    let fit = &sheet.elements[0];
    assert_eq!((fit.key.as_str(), fit.value_added), ("fit", true));
    assert_eq!(fit.times, [12.0, 14.0, 11.0]);
    assert_eq!((fit.spread.min, fit.spread.max), (11.0, 14.0));
    assert!(close(fit.spread.mean, 37.0 / 3.0));
    assert!(close(fit.stability.unwrap(), 14.0 / 11.0));
    assert_eq!(fit.normative, 2.0);
    assert!(fit.stable);
    // check: 8, 9, 10 → mean 9, Kу 1.25.
    let check = &sheet.elements[1];
    assert_eq!((check.key.as_str(), check.value_added), ("check", false));
    assert_eq!(check.times, [8.0, 9.0, 10.0]);
    assert!(close(check.spread.mean, 9.0));
    assert!(close(check.stability.unwrap(), 1.25));
    // The operation: 20, 23, 21 s → mean 64/3 ≈ 21.3 s within the takt of 30 s.
    assert_eq!(sheet.operation, [20.0, 23.0, 21.0]);
    assert!(close(sheet.operation_spread.mean, 64.0 / 3.0));
    assert_eq!(
        (sheet.operation_spread.min, sheet.operation_spread.max),
        (20.0, 23.0)
    );
    assert_eq!(sheet.takt, Some(30.0));
    assert_eq!(sheet.meets_takt(), Some(true));
}

#[test]
fn long_elements_are_held_to_the_stricter_norm_in_seconds_whatever_the_time_unit() {
    // Minutes: 0.2 min = 12 s. Five times, all over 10 s → the norm is 1.5; Kу = 18/11 > 1.5.
    let sc = scenario(
        r#"{"name":"m","time_unit":"min","horizon":60,"demand":{"quantity":300,"price":1},
            "stations":[{"id":"a","process":0.2}]}"#,
    );
    let minutes = [11.0, 12.0, 18.0, 11.0, 12.0].map(|s| s / 60.0);
    let log: Vec<LogEvent> = minutes
        .iter()
        .enumerate()
        .map(|(k, &m)| work(k as f64, 0, 0, &[m]))
        .collect();
    let sheet = time_study(&sc, &log, "a", 5, 0.0).unwrap();
    let a = &sheet.elements[0];
    assert_eq!((a.key.as_str(), a.name.is_none()), ("a", true));
    // A station's one process is named by the station.
    assert_eq!(sheet.names(&sc, "en"), ["a"]);
    assert!(close(a.stability.unwrap(), 18.0 / 11.0));
    assert_eq!(a.normative, 1.5);
    assert!(!a.stable);
    // takt = 60 min ÷ 300 = 0.2 min; the mean (64/5 s = 0.2133 min) does not fit.
    assert_eq!(sheet.meets_takt(), Some(false));
    // Exactly three over 10 s: the norm stays 2.0.
    assert_eq!(normative_stability(&[11.0, 12.0, 13.0, 9.0]), 2.0);
    assert_eq!(normative_stability(&[11.0, 12.0, 13.0, 14.0]), 1.5);
}

#[test]
fn what_cannot_be_a_sheet_is_refused_by_name() {
    let sc = scenario(BENCH);
    let log = vec![work(10.0, 1, 0, &[12.0, 8.0])];
    assert_eq!(
        time_study(&sc, &log, "paint", 10, 0.0),
        Err(TimeStudyError::Station("paint".into()))
    );
    assert_eq!(
        time_study(&sc, &log, "assembly", 0, 0.0),
        Err(TimeStudyError::Cycles(0))
    );
    assert_eq!(
        time_study(&sc, &log, "assembly", 101, 0.0),
        Err(TimeStudyError::Cycles(101))
    );
    assert_eq!(
        time_study(&sc, &log, "assembly", 10, 11.0),
        Err(TimeStudyError::NoCycles)
    );
    // Fewer cycles than asked: the sheet has what there was, and says what was asked.
    let short = time_study(&sc, &log, "assembly", 10, 0.0).unwrap();
    assert_eq!((short.starts.len(), short.requested), (1, 10));
    // An element that took no time has no Kу and is not stable.
    let zero = vec![work(1.0, 1, 0, &[0.0, 8.0]), work(2.0, 1, 0, &[3.0, 8.0])];
    let sheet = time_study(&sc, &zero, "assembly", 2, 0.0).unwrap();
    assert_eq!(sheet.elements[0].stability, None);
    assert!(!sheet.elements[0].stable);
}

#[test]
fn the_engine_logs_what_it_drew_and_a_workplace_never_overlaps_itself() {
    let (sc, r) = process_factory_logged();
    assert!(!r.log_truncated);
    for (i, station) in sc.stations.iter().enumerate() {
        let sheet = time_study(&sc, &r.log, &station.id, 30, r.warmup).unwrap();
        let rows = station.elements.len().max(1);
        assert_eq!(sheet.elements.len(), rows, "{}", station.id);
        for (k, op) in sheet.operation.iter().enumerate() {
            let sum: f64 = sheet.elements.iter().map(|e| e.times[k]).sum();
            assert!(
                close(*op, sum) && *op > 0.0,
                "{}: {op} vs {sum}",
                station.id
            );
        }
        // A workplace starts its next cycle only after this one's work is done.
        for w in sheet.starts.windows(2).zip(&sheet.operation) {
            let ([a, b], op) = w else { unreachable!() };
            assert!(b - a >= op - 1e-6, "{}: {a} + {op} > {b}", station.id);
        }
        // Every logged start of work is one unit processed: the counts agree.
        let starts = r
            .log
            .iter()
            .filter(|e| matches!(e, LogEvent::Work { station, t, .. } if *station as usize == i && *t >= r.warmup))
            .count() as u64;
        let processed = r.stations[i].processed;
        assert!(
            starts.abs_diff(processed) <= u64::from(station.servers),
            "{}: {starts} starts, {processed} processed",
            station.id
        );
    }
}

/// Anna tends a (elements x 3 s, y 2 s) and b (one process, 4 s), walking 1 s between them.
const CELL: &str = r#"{"name":"cell","time_unit":"s","horizon":600,
    "demand":{"quantity":50,"price":10},
    "stations":[
      {"id":"a","elements":[{"name":"x","time":3},{"name":"y","time":2,"value_added":false}]},
      {"id":"b","process":4}],
    "operators":[{"id":"anna","stations":["a","b"],"walk":1},{"id":"bob","stations":["b"]}]}"#;

#[test]
fn an_operator_s_combination_sheet_matches_the_one_drawn_by_hand() {
    use takt_core::lean::standard_work::{combination, CombinationError, StepKind};
    let sc = scenario(CELL);
    let walk = |t: f64, to: u32, arrive: f64| LogEvent::Walk {
        t,
        operator: 0,
        to,
        arrive,
    };
    let by = |t: f64, station: u32, op: Option<u32>, elements: &[f64]| LogEvent::Work {
        t,
        station,
        server: 0,
        operator: op,
        elements: elements.to_vec(),
    };
    let log = vec![
        by(2.0, 0, Some(0), &[3.0, 2.0]), // before `from`
        by(10.0, 0, Some(0), &[3.0, 2.0]),
        walk(15.0, 1, 16.0),
        by(16.0, 1, Some(0), &[4.0]),
        by(17.0, 1, Some(1), &[4.0]), // Bob's
        walk(20.0, 0, 21.0),
        by(22.0, 0, Some(0), &[3.0, 2.0]), // the next loop: a after 1 s of waiting
    ];
    let c = combination(&sc, &log, "anna", 5.0).unwrap();
    // By hand: x 0–3, y 3–5, walk 5–6, b 6–10, walk 10–11, wait 11–12; cycle 12 s.
    assert_eq!((c.start, c.cycle), (10.0, 12.0));
    let steps: Vec<(StepKind, f64, f64)> = c
        .steps
        .iter()
        .map(|s| (s.kind, s.start, s.duration))
        .collect();
    let work = |station, element, value_added| StepKind::Work {
        station,
        element,
        value_added,
    };
    assert_eq!(
        steps,
        [
            (work(0, Some(0), true), 0.0, 3.0),
            (work(0, Some(1), false), 3.0, 2.0),
            (StepKind::Walk { to: 1 }, 5.0, 1.0),
            (work(1, None, true), 6.0, 4.0),
            (StepKind::Walk { to: 0 }, 10.0, 1.0),
            (StepKind::Wait, 11.0, 1.0),
        ]
    );
    assert_eq!((c.work, c.walking, c.waiting), (9.0, 2.0, 1.0));
    // takt = 600 ÷ 50 = 12 s: the cycle is exactly the takt.
    assert_eq!(c.takt, Some(12.0));
    // Bob tends b alone: his cycle is one unit, and the wait before it is the rest.
    let bob = vec![by(17.0, 1, Some(1), &[4.0]), by(27.0, 1, Some(1), &[4.0])];
    let b = combination(&sc, &bob, "bob", 0.0).unwrap();
    assert_eq!((b.cycle, b.work, b.waiting), (10.0, 4.0, 6.0));
    assert_eq!(
        combination(&sc, &log, "carl", 0.0),
        Err(CombinationError::Operator("carl".into()))
    );
    assert_eq!(
        combination(&sc, &log, "anna", 20.0),
        Err(CombinationError::NoCycle)
    );
}

#[test]
fn every_operator_s_cycle_in_the_process_factory_adds_up() {
    use takt_core::lean::standard_work::{combination, StepKind};
    let (sc, r) = process_factory_logged();
    for o in &sc.operators {
        let c = combination(&sc, &r.log, &o.id, r.warmup).unwrap();
        assert!(close(c.work + c.walking + c.waiting, c.cycle), "{}", o.id);
        // The steps follow one another without overlap and end with the cycle.
        let mut at = 0.0;
        for s in &c.steps {
            assert!(
                close(s.start, at),
                "{}: a step at {} after {at}",
                o.id,
                s.start
            );
            at += s.duration;
        }
        assert!(close(at, c.cycle), "{}", o.id);
        // It works only at its own stations, and walks only when it has more than one.
        for s in &c.steps {
            match s.kind {
                StepKind::Work { station, .. } => {
                    assert!(o.stations.contains(&sc.stations[station].id), "{}", o.id)
                }
                StepKind::Walk { .. } => {
                    assert!(o.stations.len() > 1 || !o.carries.is_empty(), "{}", o.id)
                }
                StepKind::Carry { from, .. } => {
                    assert!(o.carries.contains(&sc.stations[from].id), "{}", o.id)
                }
                StepKind::Wait => {}
            }
        }
        assert!(c.work > 0.0);
    }
}

/// a (2 s, a saturated source) feeds b (3 s) through a buffer of 2: after the warm-up b never
/// stops, a waits blocked 1 s in every 3, and b's buffer is always full.
const PAIR: &str = r#"{"name":"pair","time_unit":"s","horizon":330,"warmup":30,
    "demand":{"quantity":110,"price":10},
    "stations":[{"id":"a","process":2},{"id":"b","process":3,"buffer":2}]}"#;

#[test]
fn a_value_stream_map_matches_the_one_drawn_by_hand() {
    use takt_core::lean::value_stream::{value_stream, Flow};
    let sc = scenario(PAIR);
    let r = run(&sc, RunOptions::default()).unwrap();
    let m = value_stream(&sc, &r);
    let near = |a: f64, b: f64| (a - b).abs() <= 0.02 * b.abs().max(1.0);
    // Process boxes: C/T 2 s and 3 s, no changeover, always up, all good, no operators.
    let (a, b) = (&m.processes[0], &m.processes[1]);
    assert!(
        near(a.cycle_time, 2.0) && near(b.cycle_time, 3.0),
        "{a:?} {b:?}"
    );
    assert_eq!((a.value_added, b.value_added), (a.cycle_time, b.cycle_time));
    assert_eq!(
        (a.changeover, a.uptime, a.first_pass_yield, a.operators),
        (0.0, 1.0, 1.0, 0)
    );
    assert_eq!(b.servers, 1);
    // Inventory: nothing in front of a; two units in front of b, 100 units in 300 s → 6 s.
    assert_eq!(m.inventories[0].mean, 0.0);
    assert!(near(m.inventories[1].mean, 2.0), "{:?}", m.inventories[1]);
    assert!(near(m.inventories[1].time, 6.0), "{:?}", m.inventories[1]);
    assert_eq!(m.flows, [Flow::Source, Flow::Push]);
    // Timeline: 2 (a) + 6 (stock) + 3 (b): stock 6 s, processing 5 s. A finished unit also
    // waits 1 s blocked in a, which no triangle shows: the lead time measured is 12 s, 1 s of
    // it held between processes; 5 s add value, PCE 5/12.
    assert_eq!(m.path, [0, 1]);
    assert!(
        near(m.stock, 6.0) && near(m.processing, 5.0),
        "{} {}",
        m.stock,
        m.processing
    );
    assert!(m.measured);
    assert!(near(m.lead_time, 12.0), "{}", m.lead_time);
    assert!((m.held - 1.0).abs() < 0.1, "{}", m.held);
    assert!(near(m.value_added, 5.0));
    assert!(near(m.pce, 5.0 / 12.0));
    // The customer: takt 330 s ÷ 110 = 3 s.
    assert_eq!((m.takt, m.demand), (Some(3.0), Some(110)));

    // Pulled by a kanban loop of a, or released by CONWIP.
    let kanban = scenario(&PAIR.replace(
        r#""demand""#,
        r#""release":{"policy":"kanban","limits":{"a":2}},"demand""#,
    ));
    let k = value_stream(&kanban, &run(&kanban, RunOptions::default()).unwrap());
    assert_eq!(k.flows, [Flow::Source, Flow::Kanban { cards: 2 }]);
    let conwip = scenario(&PAIR.replace(
        r#""demand""#,
        r#""release":{"policy":"conwip","limit":4},"demand""#,
    ));
    let c = value_stream(&conwip, &run(&conwip, RunOptions::default()).unwrap());
    assert_eq!(c.flows, [Flow::Conwip { limit: 4 }, Flow::Push]);
}

#[test]
fn the_process_factory_s_map_follows_its_longest_way_to_the_customer() {
    use takt_core::lean::value_stream::value_stream;
    let sc = scenario(include_str!(
        "../../../public/scenarios/process-factory.json"
    ));
    let r = run(&sc, RunOptions::default()).unwrap();
    let m = value_stream(&sc, &r);
    assert_eq!(m.processes.len(), sc.stations.len());
    // The way ends at the last station and each step is fed by the one before.
    let routing = sc.routing().unwrap();
    assert_eq!(routing.succ[*m.path.last().unwrap()], None);
    for w in m.path.windows(2) {
        assert!(
            routing.feeds[w[1]].iter().any(|(f, _)| *f == w[0]),
            "{:?}",
            m.path
        );
    }
    let sum: f64 = m
        .path
        .iter()
        .map(|&i| m.inventories[i].time + m.processes[i].cycle_time)
        .sum();
    assert!(close(sum, m.stock + m.processing));
    assert!(close(m.lead_time, m.stock + m.processing + m.held));
    assert!(m.pce > 0.0 && m.pce < 1.0, "{}", m.pce);
    for p in &m.processes {
        assert!(p.value_added <= p.cycle_time + 1e-9);
        assert!((0.0..=1.0).contains(&p.uptime) && (0.0..=1.0).contains(&p.first_pass_yield));
    }
}

#[test]
fn a_trainee_s_stopwatch_is_checked_against_the_log() {
    let sc = scenario(BENCH);
    let log = vec![
        work(10.0, 1, 0, &[12.0, 8.0]),
        work(35.0, 1, 0, &[14.0, 9.0]),
        work(60.0, 1, 0, &[11.0, 10.0]),
    ];
    let sheet = time_study(&sc, &log, "assembly", 3, 0.0).unwrap();
    // Two whole cycles timed and a stray lap: cycle 1 from 10 (fit ends at 22.5, check at
    // 30), cycle 2 from 35 (fit at 48, check at 58).
    let t = sheet.check_timing(&[22.5, 30.0, 48.0, 58.0, 70.0]);
    assert_eq!(t.len(), 2);
    // fit: yours (12.5 + 13) / 2 = 12.75 against the log's (12 + 14) / 2 = 13: −1.9 %, close.
    assert_eq!((t[0].cycles, t[0].yours, t[0].logged), (2, 12.75, 13.0));
    assert!((t[0].error - (12.75 - 13.0) / 13.0).abs() < 1e-12 && t[0].close);
    // check: yours (7.5 + 10) / 2 = 8.75 against 8.5: +2.9 %, close.
    assert_eq!((t[1].yours, t[1].logged), (8.75, 8.5));
    assert!(t[1].close);
    // Late by 3 s on every check: 11.75 against 8.5 is 38 % off.
    let late = sheet.check_timing(&[22.5, 33.0, 48.0, 61.0]);
    assert!(!late[1].close && late[0].close);
    // No whole cycle: nothing close.
    let none = sheet.check_timing(&[22.5]);
    assert!(none.iter().all(|t| t.cycles == 0 && !t.close));
}
