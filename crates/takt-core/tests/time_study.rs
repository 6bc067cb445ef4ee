//! The time-study sheet (хронометраж) against sheets worked out by hand, and against the
//! engine's own log.

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
    let sc = scenario(include_str!(
        "../../../public/scenarios/process-factory.json"
    ));
    let r = run(
        &sc,
        RunOptions {
            log_limit: 1_000_000,
            ..RunOptions::default()
        },
    )
    .unwrap();
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
