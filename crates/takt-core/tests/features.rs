//! Each extension of the line model, on small lines whose outcome is known.

use takt_core::sim::report::simulate;
use takt_core::sim::{run, RunOptions, RunResult, Sim, SimError};
use takt_core::{Scenario, State};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario:\n{e}"))
}

fn once(json: &str) -> RunResult {
    run(&scenario(json), RunOptions::default()).expect("run")
}

fn share(r: &RunResult, station: usize, state: State) -> f64 {
    let s = &r.stations[station];
    s.state_time[state as usize] / (f64::from(s.servers) * (r.horizon - r.warmup))
}

fn conserved(r: &RunResult) -> bool {
    r.wip_start + r.released == r.completed + r.scrapped + r.merged + r.wip_end
}

#[test]
fn assembly_joins_components_and_is_paced_by_the_slowest_path() {
    let r = once(
        r#"{"name":"asm","time_unit":"s","horizon":1100,"warmup":100,
            "stations":[{"id":"body","process":2},{"id":"cover","process":3},{"id":"screw","process":1},
                        {"id":"asm","process":4,"buffer":2,
                         "inputs":[{"from":"body"},{"from":"cover"},{"from":"screw","qty":2}]}]}"#,
    );
    assert!((249..=251).contains(&r.completed), "{}", r.completed);
    assert!(
        (r.merged as i64 - 3 * r.completed as i64).abs() <= 3,
        "3 parts absorbed per product"
    );
    assert!(conserved(&r));
    assert_eq!(
        share(&r, 3, State::Working),
        1.0,
        "assembly is the bottleneck"
    );
    assert!(
        share(&r, 0, State::Blocked) > 0.4,
        "feeders wait for the assembly"
    );
    assert!(
        r.stations[3].queue_max <= 2 + 2 + 2,
        "each feeder queue holds at most its buffer"
    );
}

#[test]
fn scrap_removes_units_at_the_defect_rate() {
    let r = once(
        r#"{"name":"scrap","time_unit":"s","horizon":10000,
            "stations":[{"id":"m","process":1,"defects":{"rate":0.2}}]}"#,
    );
    let processed = r.stations[0].processed as f64;
    assert!(
        (r.scrapped as f64 / processed - 0.2).abs() < 0.02,
        "{} of {processed}",
        r.scrapped
    );
    assert_eq!(r.stations[0].scrapped, r.scrapped);
    assert!(conserved(&r));
}

#[test]
fn rework_sends_units_back_and_costs_capacity() {
    // b finds 25 % defective and returns them to a; goods ≈ 0.75 per time unit.
    let r = once(
        r#"{"name":"rework","time_unit":"s","horizon":20000,"warmup":1000,
            "stations":[{"id":"a","process":1},
                        {"id":"b","process":1,"defects":{"rate":0.25,"action":"rework","to":"a"}}]}"#,
    );
    let th = r.completed as f64 / 19000.0;
    assert!((th - 0.75).abs() < 0.02, "{th}");
    let b = &r.stations[1];
    assert!((b.reworked as f64 / b.processed as f64 - 0.25).abs() < 0.02);
    assert!(r.units.is_empty());
    assert!(conserved(&r));
}

#[test]
fn breakdowns_take_the_repair_share_of_calendar_time() {
    // Up 100, down 10, repeat: availability 100/110, work resumes after repair.
    let r = once(
        r#"{"name":"tpm","time_unit":"min","horizon":11000,
            "stations":[{"id":"m","process":1,"breakdowns":{"between":100,"repair":10}}]}"#,
    );
    assert_eq!(share(&r, 0, State::Down), 10.0 / 110.0);
    assert_eq!(r.stations[0].failures, 100);
    assert_eq!(r.completed, 10000);
}

#[test]
fn setups_every_n_units() {
    // 4 units (4 min) then a 2 min changeover: 4 units per 6 min.
    let r = once(
        r#"{"name":"smed","time_unit":"min","horizon":6000,
            "stations":[{"id":"m","process":1,"setup":{"time":2,"every":4}}]}"#,
    );
    assert_eq!(r.completed, 4000);
    assert_eq!(
        r.stations[0].setups, 1000,
        "the 1000th changeover runs 5998–6000"
    );
    assert!((share(&r, 0, State::Setup) - 1.0 / 3.0).abs() < 1e-3);
}

#[test]
fn setups_on_product_change() {
    let r = once(
        r#"{"name":"mix","time_unit":"min","horizon":20000,
            "products":[{"id":"red","share":1},{"id":"blue","share":1}],
            "stations":[{"id":"m","process":1,"setup":{"time":1,"on_change":true}}]}"#,
    );
    let rate = r.stations[0].setups as f64 / r.stations[0].processed as f64;
    assert!(
        (rate - 0.5).abs() < 0.03,
        "half of consecutive units differ: {rate}"
    );
    let (red, blue) = (
        r.completed_by_product[0] as f64,
        r.completed_by_product[1] as f64,
    );
    assert!((red / (red + blue) - 0.5).abs() < 0.03);
}

#[test]
fn transfer_batches_move_together_after_transport() {
    let r = once(
        r#"{"name":"batch","time_unit":"s","horizon":10000,"warmup":1000,
            "stations":[{"id":"a","process":1,"batch":5,"transport":3},{"id":"b","process":1}]}"#,
    );
    let a = &r.stations[0];
    assert!(a.moves > 1700 && a.moved_units == 5 * a.moves);
    assert!((a.transport_time - 3.0 * a.moves as f64).abs() < 1e-6);
    // A unit waits for its batch, travels 3 s, then queues at b behind its batch-mates.
    let lead = r.lead_times.iter().sum::<f64>() / r.lead_times.len() as f64;
    assert!(lead > 8.0, "batching lengthens lead time: {lead}");
    // One-piece flow, no transport: lead time is the two process times.
    let flow = once(
        r#"{"name":"flow","time_unit":"s","horizon":10000,"warmup":1000,
            "stations":[{"id":"a","process":1},{"id":"b","process":1}]}"#,
    );
    assert!(flow.lead_times.iter().all(|&t| t == 2.0));
}

#[test]
fn an_operator_tending_two_stations_walks_between_them() {
    // Work 2 at a, walk 1, work 2 at b, walk 1: one unit per 6 min.
    let r = once(
        r#"{"name":"ops","time_unit":"min","horizon":6000,"warmup":60,
            "stations":[{"id":"a","process":2},{"id":"b","process":2}],
            "operators":[{"id":"anna","stations":["a","b"],"walk":1}]}"#,
    );
    let th = r.completed as f64 / 5940.0;
    assert!((th - 1.0 / 6.0).abs() < 1e-3, "{th}");
    let o = &r.operators[0];
    assert!((o.working / 5940.0 - 4.0 / 6.0).abs() < 1e-3);
    assert!((o.walking / 5940.0 - 2.0 / 6.0).abs() < 1e-3);
    assert!((o.working + o.walking + o.idle - 5940.0).abs() < 1e-6);
    assert!(share(&r, 0, State::Off) > 0.3, "a waits for its operator");
}

#[test]
fn conwip_caps_the_units_in_the_line() {
    let r = once(
        r#"{"name":"conwip","time_unit":"s","horizon":20000,"release":{"policy":"conwip","limit":4},
            "stations":[{"id":"a","process":{"dist":"exponential","mean":1}},
                        {"id":"b","process":{"dist":"exponential","mean":1.2}},
                        {"id":"c","process":{"dist":"exponential","mean":1}}]}"#,
    );
    assert_eq!(r.wip_max, 4);
    // Raw material is released when the first station starts it, so a card waiting for a
    // busy first station is not work in process: the mean stays a little below the limit.
    assert!(r.wip_mean > 3.0 && r.wip_mean <= 4.0, "{}", r.wip_mean);
    // With arrivals, orders wait outside the line instead of being lost.
    let r = once(
        r#"{"name":"conwip","time_unit":"s","horizon":20000,"release":{"policy":"conwip","limit":3},
            "arrivals":{"dist":"exponential","mean":1.5},
            "stations":[{"id":"a","process":{"dist":"exponential","mean":1}},
                        {"id":"b","process":{"dist":"exponential","mean":1}}]}"#,
    );
    assert!(r.wip_max <= 3);
    assert_eq!(r.lost, 0);
}

#[test]
fn kanban_stops_overproduction() {
    let line = |release: &str| {
        once(&format!(
            r#"{{"name":"pull","time_unit":"s","horizon":10000,{release}
                "stations":[{{"id":"a","process":1}},{{"id":"b","process":2}}]}}"#
        ))
    };
    let push = line("");
    let pull = line(r#""release":{"policy":"kanban","limits":{"a":3}},"#);
    assert!(push.stations[1].queue_max > 1000, "push piles up inventory");
    assert!(pull.stations[1].queue_max <= 3);
    assert!(
        (share(&pull, 0, State::Blocked) - 0.5).abs() < 0.01,
        "a waits for a card half the time"
    );
    assert!(
        pull.completed.abs_diff(push.completed) <= 1,
        "same output, far less WIP"
    );
    assert!(pull.wip_mean < 4.0 && push.wip_mean > 1000.0);
}

#[test]
fn a_full_first_queue_turns_arrivals_away() {
    let r = once(
        r#"{"name":"lost","time_unit":"s","horizon":1000,"arrivals":1,
            "stations":[{"id":"m","process":2,"buffer":2}]}"#,
    );
    // 1000 arrivals (t = 1 … 1000), about one in two served.
    assert_eq!(r.released + r.lost, 1000);
    assert!((r.lost as i64 - 500).abs() < 5, "{}", r.lost);
}

#[test]
fn stepping_gives_the_same_run_as_running_through() {
    let sc = scenario(
        r#"{"name":"step","time_unit":"s","horizon":5000,"warmup":500,
            "arrivals":{"dist":"exponential","mean":2},
            "stations":[{"id":"a","process":{"dist":"exponential","mean":1.5},"buffer":3},
                        {"id":"b","process":{"dist":"triangular","min":1,"mode":1.5,"max":2}}]}"#,
    );
    let whole = run(&sc, RunOptions::default()).unwrap();
    let mut sim = Sim::new(&sc, RunOptions::default()).unwrap();
    for t in [0.0, 10.0, 499.9, 500.0, 1234.5, 4999.0] {
        sim.run_until(t).unwrap();
        assert_eq!(sim.now(), t);
    }
    assert_eq!(sim.finish().unwrap(), whole);
}

#[test]
fn the_event_log_is_bounded_and_ordered() {
    let sc = scenario(
        r#"{"name":"log","time_unit":"s","horizon":1000,
            "stations":[{"id":"a","process":{"dist":"exponential","mean":1}},{"id":"b","process":1,"buffer":1}]}"#,
    );
    let r = run(
        &sc,
        RunOptions {
            log_limit: 200,
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert_eq!(r.log.len(), 200);
    assert!(r.log_truncated);
    let full = run(
        &sc,
        RunOptions {
            log_limit: 1_000_000,
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert!(!full.log_truncated && full.log.len() > 1000);
    let times: Vec<f64> = full.log.iter().map(takt_core::sim::LogEvent::t).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(full.log[..200], r.log[..]);
}

#[test]
fn a_runaway_run_is_stopped_with_an_error() {
    let sc = scenario(
        r#"{"name":"runaway","time_unit":"h","horizon":1000000,
            "stations":[{"id":"a","process":0.000001}]}"#,
    );
    let err = run(
        &sc,
        RunOptions {
            max_events: 10_000,
            ..RunOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(err, SimError::TooManyEvents { limit: 10_000, .. }),
        "{err}"
    );
}

#[test]
fn common_random_numbers_keep_shared_entities_identical() {
    // Slowing b changes nothing upstream: the same arrivals and a's times are drawn.
    let json = |b: f64| {
        format!(
            r#"{{"name":"crn","time_unit":"s","horizon":2000,"arrivals":{{"dist":"exponential","mean":5}},
                "stations":[{{"id":"a","process":{{"dist":"exponential","mean":2}}}},
                            {{"id":"b","process":{{"dist":"exponential","mean":{b}}}}}]}}"#
        )
    };
    let (x, y) = (once(&json(3.0)), once(&json(4.0)));
    assert_eq!(x.released, y.released);
    assert_eq!(x.stations[0].state_time, y.stations[0].state_time);
    assert_ne!(x.stations[1].state_time, y.stations[1].state_time);
    // Another seed draws other numbers.
    let z = run(
        &scenario(&json(3.0)),
        RunOptions {
            seed: 2,
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert_ne!(x.stations[0].state_time, z.stations[0].state_time);
}

#[test]
fn replications_are_independent_and_reproducible() {
    let sc = scenario(
        r#"{"name":"reps","time_unit":"s","horizon":3000,"arrivals":{"dist":"exponential","mean":3},
            "stations":[{"id":"a","process":{"dist":"exponential","mean":2}}]}"#,
    );
    let a = simulate(&sc, 9, 5).unwrap();
    let b = simulate(&sc, 9, 5).unwrap();
    assert_eq!(a.to_json(), b.to_json());
    let c = simulate(&sc, 10, 5).unwrap();
    assert_ne!(a.completed, c.completed);
    assert!(
        a.ci95.as_ref().unwrap().throughput > 0.0,
        "replications differ"
    );
}
