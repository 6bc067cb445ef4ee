//! The shift replay: frames rebuilt from the event log, the WIP series and the histogram.

use takt_core::sim::{run, LogEvent, RunOptions, RunResult};
use takt_core::view::replay::{histogram, ticks, wip_series, Bin, Frame, Place, Replay};
use takt_core::{Scenario, State};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario:\n{e}"))
}

fn logged(sc: &Scenario, log_limit: usize) -> RunResult {
    let opts = RunOptions {
        log_limit,
        ..RunOptions::default()
    };
    run(sc, opts).expect("run")
}

fn states(f: &Frame) -> Vec<Vec<State>> {
    f.stations.iter().map(|s| s.servers.clone()).collect()
}

fn queues(f: &Frame) -> Vec<u32> {
    f.stations.iter().map(|s| s.queue).collect()
}

/// a (1 s) feeds b (3 s, buffer 1): b paces the line and a blocks once b's buffer is full.
const BLOCKING: &str = r#"{"name":"blocking","time_unit":"s","horizon":20,
    "stations":[{"id":"a","process":1},{"id":"b","process":3,"buffer":1}]}"#;

#[test]
fn a_frame_shows_the_line_computed_by_hand() {
    let sc = scenario(BLOCKING);
    let r = logged(&sc, 10_000);
    let replay = Replay::new(&sc, &r);
    use State::*;
    // t = 0.5: a works on unit 1, b has nothing yet.
    let f = replay.frame(0.5);
    assert_eq!(states(&f), [vec![Working], vec![Starved]]);
    assert_eq!((queues(&f), f.wip), (vec![0, 0], 1));
    // t = 2.5: b works on unit 1 (until 4), unit 2 waits in b's buffer, a works on unit 3.
    let f = replay.frame(2.5);
    assert_eq!(states(&f), [vec![Working], vec![Working]]);
    assert_eq!((queues(&f), f.wip), (vec![0, 1], 3));
    // t = 3.5: a finished unit 3 at 3 and holds it: b's one buffer place is taken.
    let f = replay.frame(3.5);
    assert_eq!(states(&f), [vec![Blocked], vec![Working]]);
    assert_eq!((queues(&f), f.wip), (vec![0, 1], 3));
    // t = 4: unit 1 leaves, b takes unit 2, unit 3 moves into the buffer, a starts unit 4.
    let f = replay.frame(4.0);
    assert_eq!(states(&f), [vec![Working], vec![Working]]);
    assert_eq!((queues(&f), f.wip), (vec![0, 1], 3));
    assert_eq!(f.t, 4.0);

    let info = replay.stations();
    assert_eq!(
        (info[0].queue, info[0].capacity, info[0].next),
        (false, None, Some(1))
    );
    assert_eq!(
        (info[1].queue, info[1].capacity, info[1].next),
        (true, Some(1), None)
    );
    assert_eq!((replay.start(), replay.end()), (0.0, 20.0));
}

#[test]
fn stepping_moves_between_event_times() {
    let sc = scenario(BLOCKING);
    let r = logged(&sc, 10_000);
    let replay = Replay::new(&sc, &r);
    assert_eq!(replay.event_count(), r.log.len());
    assert_eq!(replay.time_of(0), Some(0.0));
    assert_eq!(replay.time_of(r.log.len()), None);
    assert_eq!(replay.next_time(0.0), Some(1.0));
    assert_eq!(replay.next_time(2.5), Some(3.0));
    assert_eq!(replay.prev_time(3.0), Some(2.0));
    // Between events, step back from the change shown (at 3) to the one before it.
    assert_eq!(replay.prev_time(3.5), Some(2.0));
    assert_eq!(replay.prev_time(0.5), None, "t = 0 is the first change");
    assert_eq!(replay.next_time(20.0), None);
    assert!(replay.frame(replay.next_time(2.5).unwrap()) != replay.frame(2.5));
}

#[test]
fn times_outside_the_run_are_clamped() {
    let sc = scenario(BLOCKING);
    let r = logged(&sc, 10_000);
    let replay = Replay::new(&sc, &r);
    assert_eq!(replay.frame(f64::NAN), replay.frame(0.0));
    assert_eq!(replay.frame(-5.0), replay.frame(0.0));
    assert_eq!(replay.frame(f64::INFINITY), replay.frame(20.0));
    assert_eq!(replay.frame(f64::INFINITY).t, 20.0);
    assert_eq!(replay.next_time(f64::NAN), Some(1.0));
    assert_eq!(replay.frame(1e9).wip, r.wip_end);
}

#[test]
fn without_a_log_every_frame_is_the_empty_line() {
    let sc = scenario(BLOCKING);
    let r = logged(&sc, 0);
    let replay = Replay::new(&sc, &r);
    assert_eq!(replay.event_count(), 0);
    let f = replay.frame(10.0);
    assert_eq!(states(&f), [vec![State::Starved], vec![State::Starved]]);
    assert_eq!((queues(&f), f.wip), (vec![0, 0], 0));
    assert_eq!(
        (replay.next_time(0.0), replay.prev_time(10.0)),
        (None, None)
    );
    assert!(wip_series(&r).is_empty());
}

#[test]
fn an_operator_walks_between_the_stations_it_tends() {
    // Anna works 2 min at a, walks 1 min, works 2 min at b, walks back (features.rs).
    let sc = scenario(
        r#"{"name":"ops","time_unit":"min","horizon":60,
            "stations":[{"id":"a","process":2},{"id":"b","process":2}],
            "operators":[{"id":"anna","stations":["a","b"],"walk":1}]}"#,
    );
    let r = logged(&sc, 10_000);
    let replay = Replay::new(&sc, &r);
    use State::*;
    // 0–4: two units at a; the first waits at b for her from 2 on.
    let f = replay.frame(3.0);
    assert_eq!(f.operators, [Place::At(0)]);
    assert_eq!(states(&f), [vec![Working], vec![Off]]);
    // 4–5: she walks to b; a holds unit 3 and b has unit 1 plus unit 2 waiting.
    let f = replay.frame(4.5);
    assert_eq!(f.operators, [Place::Walking { from: 0, to: 1 }]);
    assert_eq!(states(&f), [vec![Off], vec![Off]]);
    assert_eq!((queues(&f), f.wip), (vec![0, 1], 3));
    // 5–7: she works at b; 7–8 she walks back to a.
    assert_eq!(replay.frame(6.0).operators, [Place::At(1)]);
    assert_eq!(states(&replay.frame(6.0)), [vec![Off], vec![Working]]);
    assert_eq!(
        replay.frame(7.5).operators,
        [Place::Walking { from: 1, to: 0 }]
    );
    assert_eq!(replay.frame(8.0).operators, [Place::At(0)]);
}

/// The line after every event with time ≤ t, replayed from the start without checkpoints
/// (servers, queues and WIP, which the log states outright).
fn naive(sc: &Scenario, log: &[LogEvent], t: f64) -> (Vec<Vec<State>>, Vec<u32>, u64) {
    let mut servers: Vec<Vec<State>> = sc
        .stations
        .iter()
        .map(|s| vec![State::Starved; s.servers as usize])
        .collect();
    let mut queue = vec![0; sc.stations.len()];
    let mut wip = 0;
    for e in log.iter().take_while(|e| e.t() <= t) {
        match *e {
            LogEvent::State {
                station,
                server,
                state,
                ..
            } => servers[station as usize][server as usize] = state,
            LogEvent::Queue { station, len, .. } => queue[station as usize] = len,
            LogEvent::Walk { .. } | LogEvent::Work { .. } | LogEvent::Carry { .. } => {}
            LogEvent::Wip { units, .. } => wip = units,
        }
    }
    (servers, queue, wip)
}

#[test]
fn checkpointed_frames_match_a_full_replay_on_a_built_in_scenario() {
    let mut sc = scenario(include_str!(
        "../../../public/scenarios/process-factory.json"
    ));
    // Ten shifts: thousands of events, dozens of checkpoints.
    sc.horizon *= 10.0;
    let r = logged(&sc, 1_000_000);
    assert!(!r.log_truncated);
    assert!(r.log.len() > 5_000, "{} events", r.log.len());
    let replay = Replay::new(&sc, &r);
    let mut walked = false;
    // Every event time (the edge of a checkpoint included), and moments between them.
    let mut moments: Vec<f64> = r.log.iter().map(LogEvent::t).step_by(7).collect();
    moments.extend((0..=400).map(|k| r.horizon * f64::from(k) / 400.0));
    for &t in &moments {
        let f = replay.frame(t);
        assert_eq!(
            (states(&f), queues(&f), f.wip),
            naive(&sc, &r.log, t),
            "t = {t}"
        );
        // op1–op4 tend one station each; op5 tends test and pack (indices 4 and 5).
        for (o, place) in f.operators.iter().take(4).enumerate() {
            assert_eq!(*place, Place::At(o));
        }
        match f.operators[4] {
            Place::At(s) => assert!(s == 4 || s == 5),
            Place::Walking { from, to } => {
                walked = true;
                assert!(from + to == 9, "{from} → {to}");
            }
        }
    }
    assert!(walked, "op5 walks between test and pack");
    assert_eq!(replay.frame(r.horizon).wip, r.wip_end);
}

#[test]
fn a_truncated_log_ends_the_replay_at_its_last_event() {
    let sc = scenario(include_str!("../../../public/scenarios/kanban.json"));
    let r = logged(&sc, 500);
    assert!(r.log_truncated);
    let replay = Replay::new(&sc, &r);
    let last = r.log[499].t();
    assert_eq!(replay.end(), last);
    assert!(replay.truncated());
    assert_eq!(replay.frame(r.horizon).t, last);
    assert_eq!(
        {
            let f = replay.frame(r.horizon);
            (states(&f), queues(&f), f.wip)
        },
        naive(&sc, &r.log, last)
    );
}

#[test]
fn the_wip_series_steps_through_every_change_and_ends_at_the_final_wip() {
    for json in [
        include_str!("../../../public/scenarios/process-factory.json"),
        include_str!("../../../public/scenarios/kanban.json"),
        include_str!("../../../public/scenarios/breakdowns-setups.json"),
    ] {
        let sc = scenario(json);
        let r = logged(&sc, 1_000_000);
        let series = wip_series(&r);
        assert_eq!(series[0].0, 0.0);
        assert_eq!(series.last().map(|p| p.1), Some(r.wip_end));
        assert!(series
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 != w[1].1));
        assert!(series.iter().all(|p| p.1 <= r.wip_max));
    }
    let sc = scenario(BLOCKING);
    let series = wip_series(&logged(&sc, 10_000));
    // One unit released at 0, a second at 1, a third at 2; from 4 on, one in, one out.
    assert_eq!(series[..3], [(0.0, 1), (1.0, 2), (2.0, 3)]);
}

fn check_bins(values: &[f64], bins: &[Bin], max_bins: usize) {
    assert!(!bins.is_empty() && bins.len() <= max_bins, "{bins:?}");
    assert_eq!(
        bins.iter().map(|b| b.count).sum::<u64>(),
        values.len() as u64
    );
    assert!(bins.windows(2).all(|w| w[0].to == w[1].from));
    let width = bins[0].to - bins[0].from;
    assert!(bins
        .iter()
        .all(|b| ((b.to - b.from) - width).abs() <= 1e-9 * width));
    let nice = width / 10f64.powf(width.log10().floor());
    assert!(
        [1.0, 2.0, 5.0].iter().any(|m| (nice - m).abs() < 1e-9),
        "width {width}"
    );
    for &v in values {
        let inside: Vec<&Bin> = bins.iter().filter(|b| b.from <= v && v < b.to).collect();
        assert_eq!(inside.len(), 1, "{v} in {bins:?}");
    }
}

#[test]
fn histogram_bins_are_nice_contiguous_and_hold_every_value() {
    let values = [3.0, 7.5, 12.0, 12.0, 19.9, 20.0, 41.3];
    let bins = histogram(&values, 10);
    check_bins(&values, &bins, 10);
    // Range 38.3 in at most 10 bins: width 5, from 0 to 45.
    assert_eq!(bins[0].from, 0.0);
    assert_eq!(bins.len(), 9);
    assert_eq!(bins.last().unwrap().to, 45.0);
    assert_eq!(bins[2].count, 2, "12 and 12 in [10, 15)");
    assert_eq!(bins[4].count, 1, "20 in [20, 25), not [15, 20)");

    let sc = scenario(include_str!(
        "../../../public/scenarios/breakdowns-setups.json"
    ));
    let r = logged(&sc, 0);
    for max_bins in [1, 2, 3, 5, 12, 40] {
        check_bins(&r.lead_times, &histogram(&r.lead_times, max_bins), max_bins);
    }
    let tenths: Vec<f64> = (0..30).map(|k| f64::from(k) / 10.0).collect();
    check_bins(&tenths, &histogram(&tenths, 12), 12);
}

#[test]
fn histogram_edge_cases_never_panic() {
    assert!(histogram(&[], 12).is_empty());
    assert!(histogram(&[f64::NAN, f64::INFINITY], 12).is_empty());
    let one = histogram(&[7.3], 12);
    assert_eq!(
        one,
        [Bin {
            from: 7.0,
            to: 8.0,
            count: 1
        }]
    );
    assert_eq!(histogram(&[0.0, 0.0], 12)[0].count, 2);
    assert_eq!(histogram(&[5.0, f64::NAN], 0).len(), 1);
    let negative = [-3.0, -0.5, 2.0];
    check_bins(&negative, &histogram(&negative, 4), 4);
    let wide = [-1e300, 1e300];
    assert_eq!(histogram(&wide, 12).iter().map(|b| b.count).sum::<u64>(), 2);
}

#[test]
fn axis_ticks_are_nice_and_reach_the_maximum() {
    assert_eq!(ticks(480.0, 8), [0.0, 100.0, 200.0, 300.0, 400.0, 500.0]);
    assert_eq!(ticks(7.0, 5), [0.0, 2.0, 4.0, 6.0, 8.0]);
    assert_eq!(ticks(0.3, 3), [0.0, 0.1, 0.2, 0.3]);
    assert_eq!(ticks(0.0, 5), [0.0, 1.0]);
    assert_eq!(ticks(f64::NAN, 5), [0.0, 1.0]);
}
