//! `cargo bench -p takt-core`: replications per second and events per second of the engine,
//! one thread, on the six-station line of `bench/line6.json` and on a richer line.
//! (Plain timing, no harness: the comparison with SimPy is `bench/compare.py`.)

use std::time::Instant;
use takt_core::{run, RunOptions, Scenario};

/// The benchmark's six-station line (the same file as `bench/compare.py` and the browser's
/// figure in `tests/web.rs`).
const LINE6: &str = include_str!("../../../bench/line6.json");

const RICH: &str = r#"{"name":"rich","time_unit":"s","horizon":28800,
 "products":[{"id":"a","share":2},{"id":"b","share":1}],
 "stations":[{"id":"body","process":{"dist":"triangular","min":30,"mode":40,"max":60},"batch":5,"transport":20},
             {"id":"cover","process":{"dist":"lognormal","mean":35,"sd":10}},
             {"id":"asm","inputs":[{"from":"body"},{"from":"cover"}],"buffer":10,
              "elements":[{"name":"fit","time":25},{"name":"search","time":{"dist":"exponential","mean":8},"value_added":false}],
              "setup":{"time":120,"on_change":true},"breakdowns":{"between":{"dist":"exponential","mean":3600},"repair":{"dist":"exponential","mean":300}}},
             {"id":"test","process":{"dist":"normal","mean":40,"sd":5},"buffer":4,"defects":{"rate":0.05,"action":"rework","to":"asm"}}],
 "operators":[{"id":"o1","stations":["body","cover"],"walk":5},{"id":"o2","stations":["asm","test"],"walk":5}]}"#;

fn bench(name: &str, json: &str, reps: u64) {
    let sc = Scenario::from_json(json).expect("valid");
    // Best of five: the machines are shared and noisy.
    let (mut s, mut events) = (f64::INFINITY, 0);
    for _ in 0..5 {
        let t0 = Instant::now();
        events = 0;
        for r in 0..reps {
            let opts = RunOptions {
                seed: 1,
                replication: r,
                ..RunOptions::default()
            };
            events += run(&sc, opts).expect("runs").events;
        }
        s = s.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{name:>6}: {reps} replications in {s:.3} s = {:.1} µs per replication, {:.1} M events/s",
        s / reps as f64 * 1e6,
        events as f64 / s / 1e6
    );
}

fn main() {
    bench("line6", LINE6, 2000);
    bench("rich", RICH, 500);
}
