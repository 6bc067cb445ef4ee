//! The engine against queueing theory: M/M/1, M/M/c (Erlang C), a tandem of M/M/1
//! stations, Buzacott's two-machine line with a finite buffer, and a deterministic line
//! whose every figure is known exactly. Little's law is checked on every long run.

use takt_core::sim::{run_replications, Report};
use takt_core::{RunOptions, RunResult, Scenario};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario:\n{e}"))
}

fn runs(sc: &Scenario, reps: u64) -> (Report, Vec<RunResult>) {
    let runs = run_replications(sc, 2024, reps, &RunOptions::default()).expect("runs");
    (Report::from_runs(2024, &runs), runs)
}

fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    assert!(
        (got - want).abs() <= rel * want.abs(),
        "{what}: got {got}, theory {want} (±{:.1}%)",
        rel * 100.0
    );
}

/// Little's law, WIP = throughput × lead time, on each replication (no scrap, no assembly).
fn assert_little(runs: &[RunResult], rel: f64) {
    for r in runs {
        let span = r.horizon - r.warmup;
        let th = r.completed as f64 / span;
        let lt = r.lead_times.iter().sum::<f64>() / r.lead_times.len() as f64;
        assert_close(
            &format!("Little's law, replication {}", r.replication),
            r.wip_mean,
            th * lt,
            rel,
        );
    }
}

#[test]
fn mm1_mean_time_in_system() {
    // λ = 1/10, μ = 1/8 → ρ = 0.8, W = 1/(μ − λ) = 40, L = ρ/(1 − ρ) = 4.
    let sc = scenario(
        r#"{"name":"M/M/1","time_unit":"min","horizon":400000,"warmup":5000,
            "arrivals":{"dist":"exponential","mean":10},
            "stations":[{"id":"m","process":{"dist":"exponential","mean":8}}]}"#,
    );
    let (rep, runs) = runs(&sc, 8);
    assert_close("W", rep.lead_time.mean.unwrap(), 40.0, 0.04);
    assert_close("L", rep.wip.mean, 4.0, 0.04);
    assert_close("throughput", rep.throughput, 0.1, 0.01);
    assert_close("utilization", rep.stations[0].utilization, 0.8, 0.01);
    // Lq = ρ²/(1 − ρ) = 3.2 waiting, not counting the one in service.
    assert_close("Lq", rep.stations[0].queue.mean, 3.2, 0.05);
    assert_little(&runs, 0.01);
}

/// Erlang C: mean time in an M/M/c system.
fn erlang_c_time_in_system(lambda: f64, mu: f64, c: u32) -> f64 {
    let a = lambda / mu;
    let rho = a / f64::from(c);
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..c {
        term *= a / f64::from(k);
        sum += term;
    }
    let last = term * a / f64::from(c) / (1.0 - rho);
    let p_wait = last / (sum + last);
    p_wait / (f64::from(c) * mu - lambda) + 1.0 / mu
}

#[test]
fn mmc_erlang_c_mean_time_in_system() {
    // λ = 1, μ = 1/2.4, c = 3 → ρ = 0.8.
    let w = erlang_c_time_in_system(1.0, 1.0 / 2.4, 3);
    // By hand: Σ_{k<3} a^k/k! = 6.28, a³/3!/(1 − ρ) = 11.52, P(wait) = 0.6472, W = 0.6472/0.25 + 2.4.
    assert_close("Erlang C formula", w, 4.9888, 0.0001);
    let sc = scenario(
        r#"{"name":"M/M/3","time_unit":"s","horizon":200000,"warmup":2000,
            "arrivals":{"dist":"exponential","mean":1},
            "stations":[{"id":"m","servers":3,"process":{"dist":"exponential","mean":2.4}}]}"#,
    );
    let (rep, runs) = runs(&sc, 8);
    assert_close("W", rep.lead_time.mean.unwrap(), w, 0.03);
    assert_close(
        "utilization per server",
        rep.stations[0].utilization,
        0.8,
        0.01,
    );
    assert_little(&runs, 0.01);
}

#[test]
fn tandem_of_mm1_stations_sums_the_sojourn_times() {
    // Jackson: each station is an independent M/M/1 with λ = 1/10.
    let sc = scenario(
        r#"{"name":"tandem","time_unit":"s","horizon":400000,"warmup":5000,
            "arrivals":{"dist":"exponential","mean":10},
            "stations":[{"id":"a","process":{"dist":"exponential","mean":6}},
                        {"id":"b","process":{"dist":"exponential","mean":8}},
                        {"id":"c","process":{"dist":"exponential","mean":5}}]}"#,
    );
    let w: f64 = [6.0f64, 8.0, 5.0]
        .iter()
        .map(|m| 1.0 / (1.0 / m - 0.1))
        .sum();
    let (rep, runs) = runs(&sc, 8);
    assert_close("W", rep.lead_time.mean.unwrap(), w, 0.04);
    assert_eq!(
        rep.bottleneck, "b",
        "the busiest station of an open tandem line"
    );
    assert_little(&runs, 0.01);
}

#[test]
fn buzacott_two_machine_line_with_finite_buffer() {
    // Two exponential machines of equal rate μ, buffer b between them, first never starved,
    // blocking after service: throughput = μ (b + 2)/(b + 3).
    for b in [0u32, 1, 3, 8] {
        let sc = scenario(&format!(
            r#"{{"name":"buzacott","time_unit":"s","horizon":200000,"warmup":1000,
                "stations":[{{"id":"m1","process":{{"dist":"exponential","mean":1}}}},
                            {{"id":"m2","process":{{"dist":"exponential","mean":1}},"buffer":{b}}}]}}"#
        ));
        let (rep, runs) = runs(&sc, 4);
        let bf = f64::from(b);
        assert_close(
            &format!("throughput, b = {b}"),
            rep.throughput,
            (bf + 2.0) / (bf + 3.0),
            0.01,
        );
        // M1 is blocked exactly when the buffer is full and M2 busy: 1/(b + 3) of the time.
        assert_close(
            &format!("m1 blocked, b = {b}"),
            rep.stations[0].blocked,
            1.0 / (bf + 3.0),
            0.04,
        );
        assert_close(
            &format!("m2 starved, b = {b}"),
            rep.stations[1].starved,
            1.0 / (bf + 3.0),
            0.04,
        );
        assert_eq!(
            rep.stations[0].starved, 0.0,
            "raw material is always at hand"
        );
        assert_little(&runs, 0.01);
    }
}

#[test]
fn deterministic_line_is_exact() {
    // Times 3, 5, 2; one place in front of the second station. After start-up the line
    // beats every 5 time units; the window [101, 1101] is 200 whole cycles.
    let sc = scenario(
        r#"{"name":"deterministic","time_unit":"min","horizon":1101,"warmup":101,
            "stations":[{"id":"a","process":3},
                        {"id":"b","process":5,"buffer":1},
                        {"id":"c","process":2}]}"#,
    );
    let (rep, runs) = runs(&sc, 1);
    let r = &runs[0];
    assert_eq!(r.completed, 200);
    assert_eq!(rep.throughput, 0.2);
    let by_id = |id: &str| rep.stations.iter().find(|s| s.id == id).unwrap();
    let (a, b, c) = (by_id("a"), by_id("b"), by_id("c"));
    assert_eq!((a.utilization, a.blocked, a.starved), (0.6, 0.4, 0.0));
    assert_eq!((b.utilization, b.blocked, b.starved), (1.0, 0.0, 0.0));
    assert_eq!((c.utilization, c.blocked, c.starved), (0.4, 0.0, 0.6));
    // Each unit: a 3, blocked 2, buffer 5, b 5, c 2 → 17; WIP = 0.2 × 17 = 3.4.
    assert!(
        r.lead_times.iter().all(|&t| t == 17.0),
        "{:?}",
        &r.lead_times[..5]
    );
    assert_eq!(rep.lead_time.p95, Some(17.0));
    assert!((rep.wip.mean - 3.4).abs() < 1e-9, "{}", rep.wip.mean);
    assert_eq!(rep.bottleneck, "b");
    assert_eq!(b.bottleneck.sole, 1.0);
    assert!(
        b.queue.mean > 0.99,
        "the buffer before the bottleneck stays full"
    );
}

#[test]
fn the_throughput_of_a_saturated_line_is_set_by_its_slowest_station() {
    // A deterministic line with a slower station in the middle and plenty of buffer.
    let sc = scenario(
        r#"{"name":"det2","time_unit":"s","horizon":10000,"warmup":1000,
            "stations":[{"id":"a","process":4},{"id":"b","process":10,"buffer":5},
                        {"id":"c","process":6,"buffer":5},{"id":"d","process":1}]}"#,
    );
    let (rep, _) = runs(&sc, 1);
    assert!((rep.throughput - 0.1).abs() < 1e-3, "{}", rep.throughput);
    assert_eq!(rep.bottleneck, "b");
}
