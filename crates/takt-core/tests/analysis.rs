//! Lean analysis on hand-checked lines: cycle times, balance, OEE, the 7 wastes, KPI costs,
//! the active period method on a shifting bottleneck, and the summary over replications.

use takt_core::lean::{Analysis, Balance, Kpis, RunAnalysis, Waste};
use takt_core::sim::run_replications;
use takt_core::sim::stats::{ci95, mean};
use takt_core::sim::{run, RunOptions, RunResult};
use takt_core::{Scenario, State};

mod common;
use common::close;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario:\n{e}"))
}

fn once(sc: &Scenario) -> RunResult {
    run(sc, RunOptions::default()).expect("run")
}

/// A deterministic line, minutes, horizon 60, raw material always at hand:
/// - `a`: 1 per unit;
/// - `b`: 3 per unit (2 value-added + 1 "search", not value-added), one place in its queue,
///   a changeover of 2 before every 5th, 9th, 13th … unit (every 4), a failure 25 after each
///   repair, repaired in 5; it moves each unit to `c` in 1;
/// - `c`: 1 per unit.
///
/// Order 10 at 100; material 10 per unit, labour 120 per hour (2 per minute), holding 6 per
/// unit-hour (0.1 per unit-minute).
const LINE: &str = r#"{"name":"hand-checked","time_unit":"min","horizon":60,
  "stations":[
    {"id":"a","process":1},
    {"id":"b","buffer":1,"transport":1,
     "elements":[{"name":"weld","time":2},{"name":"search","time":1,"value_added":false}],
     "setup":{"time":2,"every":4},"breakdowns":{"between":25,"repair":5}},
    {"id":"c","process":1}],
  "demand":{"quantity":10,"price":100},
  "costs":{"material":10,"labour_per_hour":120,"holding_per_hour":6}}"#;

// The trace of LINE, by hand.
//
// b is the bottleneck. It takes unit k at: 1, 4, 7, 10, 13 (setup 13–15, work 15–18), 18, 21,
// 24 (work 24–25, down 25–30, work 30–32), 32 (setup 32–34, work 34–37), 37, 40, 43,
// 46 (setup 46–48, work 48–51), 51, 54 (work 54–55, down 55–60): 14 units finished.
//   b: working 12 + 10 + 2 + 12 + 7 = 43, setup 3 × 2 = 6, down 5 + 5 = 10, starved 0–1 = 1.
// a hands a unit to b's queue whenever b takes one (the queue holds 1 from t = 2 on) and
// starts the next: it finishes units at 1, 2, 3, then take + 1 = 5, 8, 11, 14, 19, 22, 25,
// 33, 38, 41, 44, 47, 52, 55: 17 units; working 17, blocked 43.
// c gets each of b's units 1 later (5, 8, 11, 14, 19, 22, 25, 33, 38, 41, 44, 47, 52, 55)
// and finishes it 1 later: 14 units, working 14, starved 46; it never queues.
// Releases (a starts a unit): 0, 1, 2, then when b takes a unit: 4, 7, 10, 13, 18, 21, 24,
// 32, 37, 40, 43, 46, 51, 54. Completions: 6, 9, 12, 15, 20, 23, 26, 34, 39, 42, 45, 48,
// 53, 56. Lead times 6, 8, 10, 11, 13, 13, 13, 16, 18, 18, 13, 11, 13, 13: sum 176.
// Units still in the line at 60 were released at 46, 51, 54: 14 + 9 + 6 = 29 more
// unit-minutes, so WIP = (176 + 29) / 60 = 205 / 60. b's queue holds 1 unit over [2, 60]: 58.

#[test]
fn a_deterministic_line_is_analysed_exactly() {
    let sc = scenario(LINE);
    let r = once(&sc);
    // The trace above, as the engine saw it.
    let states = |i: usize| r.stations[i].state_time;
    assert_eq!(
        [
            r.stations[0].processed,
            r.stations[1].processed,
            r.stations[2].processed
        ],
        [17, 14, 14]
    );
    assert_eq!(states(1), [43.0, 6.0, 10.0, 1.0, 0.0, 0.0]);
    assert_eq!(states(0), [17.0, 0.0, 0.0, 0.0, 43.0, 0.0]);
    assert_eq!(states(2), [14.0, 0.0, 0.0, 46.0, 0.0, 0.0]);
    assert_eq!((r.released, r.completed), (17, 14));
    assert_eq!(r.lead_times.iter().sum::<f64>(), 176.0);

    let an = RunAnalysis::of(&sc, &r);
    let k = &an.kpis;
    close(k.wip, 205.0 / 60.0);
    close(k.lead_time.unwrap(), 176.0 / 14.0);
    close(k.takt_time.unwrap(), 6.0);
    close(k.plan_attainment.unwrap(), 1.4);
    // Little: throughput × lead time = 176 / 60 against WIP 205 / 60 (units still in the line).
    close(k.little.throughput_x_lead_time, 176.0 / 60.0);
    close(k.little.gap, 29.0 / 205.0);

    // Planned cycle times: a 1, b 3 + 2/4 = 3.5, c 1; takt 60 / 10 = 6.
    let b = Balance::of(&sc);
    let planned: Vec<f64> = b.stations.iter().map(|s| s.cycle_time).collect();
    assert_eq!(planned, [1.0, 3.5, 1.0]);
    close(b.stations[1].setup_time, 0.5);
    close(b.stations[1].takt_ratio.unwrap(), 3.5 / 6.0);
    assert_eq!(b.bottleneck, "b");
    // E = Σt ÷ (N·C) = 5.5 ÷ (3 × 3.5); the line needs ⌈5.5 ÷ 6⌉ = 1 station.
    close(b.efficiency, 5.5 / 10.5);
    close(b.loss, 5.0 / 10.5);
    assert_eq!(b.min_stations, Some(1));
    // Observed cycle times: (working + setup) ÷ processed ÷ servers.
    let observed: Vec<f64> = an.stations.iter().map(|s| s.cycle_time.unwrap()).collect();
    assert_eq!(observed, [1.0, 3.5, 1.0]);

    // OEE. b: planned 60, run time 60 − 10 − 6 = 44: A = 44/60, P = 3 × 14 / 44, Q = 1.
    let oee = |i: usize| an.stations[i].oee;
    close(oee(1).availability, 44.0 / 60.0);
    close(oee(1).performance, 42.0 / 44.0);
    assert_eq!(oee(1).quality, 1.0);
    close(oee(1).oee, 0.7);
    // a and c never stop: A = 1, P = processed × 1 ÷ 60.
    assert_eq!(oee(0).availability, 1.0);
    close(oee(0).performance, 17.0 / 60.0);
    close(oee(2).performance, 14.0 / 60.0);

    // Bottleneck: a is active on [0, 3] (three units back to back), b on [1, 60]. a is the
    // bottleneck alone on [0, 1]; the hand-over to b overlaps their periods on [1, 3]
    // (shifting for both); then b alone on [3, 60].
    let apm: Vec<(f64, f64)> = r
        .stations
        .iter()
        .map(|s| (s.bottleneck.sole * 60.0, s.bottleneck.shifting * 60.0))
        .collect();
    for (got, want) in apm.iter().zip([(1.0, 2.0), (57.0, 2.0), (0.0, 0.0)]) {
        close(got.0, want.0);
        close(got.1, want.1);
    }

    // The wastes. Labour 2 per minute, holding 0.1 per unit-minute.
    let st = |i: usize, w: Waste| *an.stations[i].wastes.get(w);
    // Waiting: a blocked 43, b starved 1, c starved 46 (server-minutes).
    for (i, t) in [(0, 43.0), (1, 1.0), (2, 46.0)] {
        close(st(i, Waste::Waiting).time, t);
        close(st(i, Waste::Waiting).money, 2.0 * t);
    }
    // Transport: 14 moves of 1 minute from b. Over-processing: 14 "search" minutes at b.
    assert_eq!(r.stations[1].moves, 14);
    close(st(1, Waste::Transport).time, 14.0);
    close(st(1, Waste::Transport).money, 28.0);
    close(st(1, Waste::OverProcessing).time, 14.0);
    close(st(1, Waste::OverProcessing).money, 28.0);
    // Inventory: b's queue 58 unit-minutes; the rest of the WIP (205 − 58) is the line's.
    close(st(1, Waste::Inventory).time, 58.0);
    close(st(1, Waste::Inventory).money, 5.8);
    close(an.line_wastes.inventory.time, 147.0);
    close(an.line_wastes.inventory.money, 14.7);
    // Overproduction: 4 units beyond the order; each carries material 10 and a share of the
    // labour: 3 servers × 60 minutes ÷ 14 units = 90/7 labour-minutes, i.e. 4 × 90/7 in all.
    close(an.line_wastes.overproduction.time, 4.0 * 180.0 / 14.0);
    close(
        an.line_wastes.overproduction.money,
        4.0 * 10.0 + 2.0 * 4.0 * 180.0 / 14.0,
    );
    // No operators, no defects.
    assert_eq!(an.wastes.motion.time, 0.0);
    assert_eq!(an.wastes.defects.money, 0.0);
    // Totals are the stations' plus the line's.
    close(an.wastes.waiting.time, 90.0);
    close(an.wastes.inventory.time, 205.0);
    close(an.wastes.inventory.money, 20.5);
    close(an.wastes.transport.money, 28.0);

    // Where the money goes: overproduction 40 + 2 × 720/14, waiting at c (92) then a (86),
    // b's transport and over-processing (28 each: report order), the line's WIP (14.7),
    // b's queue (5.8), b's waiting (2).
    let a = Analysis::of(&sc, std::slice::from_ref(&r));
    let ranked: Vec<(Option<&str>, Waste)> = a
        .money
        .iter()
        .map(|m| (m.station.as_deref(), m.waste))
        .collect();
    assert_eq!(
        ranked,
        [
            (None, Waste::Overproduction),
            (Some("c"), Waste::Waiting),
            (Some("a"), Waste::Waiting),
            (Some("b"), Waste::Transport),
            (Some("b"), Waste::OverProcessing),
            (None, Waste::Inventory),
            (Some("b"), Waste::Inventory),
            (Some("b"), Waste::Waiting),
        ]
    );
    let total_money = 40.0 + 2.0 * 720.0 / 14.0 + 180.0 + 20.5 + 28.0 + 28.0;
    close(a.money.iter().map(|m| m.share).sum(), 1.0);
    close(a.money[1].share, 92.0 / total_money);
    assert_eq!(a.report.bottleneck, "b");
}

#[test]
fn the_kpi_costs_of_a_small_line_by_hand() {
    // One station, 60 s per unit, for an hour: units finish at 60, 120, …, 3600 (60 of
    // them); at 3600 the 61st is started. One unit is always in the line.
    let sc = scenario(
        r#"{"name":"costs","time_unit":"s","horizon":3600,
            "stations":[{"id":"m","process":60}],
            "demand":{"quantity":50,"price":100},
            "costs":{"material":50,"labour_per_hour":600,"holding_per_hour":12}}"#,
    );
    let r = once(&sc);
    assert_eq!((r.completed, r.released), (60, 61));
    let k = Kpis::of(&sc, &r);
    close(k.wip, 1.0);
    close(k.lead_time.unwrap(), 60.0);
    close(k.takt_time.unwrap(), 72.0);
    // Revenue: 50 units delivered against the order × 100.
    close(k.revenue, 5000.0);
    // Material 61 × 50; labour 600 × 1 server × 1 h; holding 12 × WIP 1 × 1 h.
    close(k.material_cost, 3050.0);
    close(k.labour_cost, 600.0);
    close(k.holding_cost, 12.0);
    close(k.profit, 5000.0 - 3662.0);
    close(k.unit_cost.unwrap(), 3662.0 / 60.0);
    close(k.value_added_ratio.unwrap(), 1.0);
    // Little's law holds exactly: WIP 1 = 60/3600 per s × 60 s.
    close(k.little.gap, 0.0);
    // Overproduction: 10 units × (50 material + 600/60 labour) = 600; in labour time,
    // 10 × 3600/60 = 600 server-seconds.
    let an = RunAnalysis::of(&sc, &r);
    close(an.wastes.overproduction.time, 600.0);
    close(an.wastes.overproduction.money, 600.0);
    // The station works all the time: no waiting, OEE 1.
    assert_eq!(an.wastes.waiting.time, 0.0);
    close(an.stations[0].oee.oee, 1.0);
}

#[test]
fn an_operator_walking_between_two_stations_is_motion() {
    // One operator tends x and y (2 min each, walk 1). From t = 4 on the operator alternates:
    // walk 1, work 2 at the other station. Up to 30: working [0,4], then 8 × 2 and [29,30]
    // = 21; walking [4,5], [7,8], …, [28,29] = 9 walks.
    let sc = scenario(
        r#"{"name":"motion","time_unit":"min","horizon":30,
            "stations":[{"id":"x","process":2},{"id":"y","process":2}],
            "operators":[{"id":"op","stations":["x","y"],"walk":1}],
            "costs":{"labour_per_hour":30}}"#,
    );
    let r = once(&sc);
    let an = RunAnalysis::of(&sc, &r);
    let op = &an.operators[0];
    close(op.utilization, 0.7);
    close(op.walking, 0.3);
    close(op.idle, 0.0);
    assert_eq!(op.walks, 9.0);
    close(an.line_wastes.motion.time, 9.0);
    close(an.line_wastes.motion.money, 4.5);
    // x waits for the operator (off) on [4,8], [10,14], [16,20], [22,26], [28,30] = 18;
    // y is starved on [0,2] and off on [2,5], [7,11], [13,17], [19,23], [25,29] = 2 + 19.
    assert_eq!(r.stations[0].state_time[State::Off as usize], 18.0);
    close(an.stations[0].wastes.waiting.time, 18.0);
    close(an.stations[1].wastes.waiting.time, 21.0);
    close(an.wastes.waiting.money, 39.0 * 0.5);
    // y's queue holds a unit on [4,7], [10,13], [16,19], [22,25], [28,30] = 14 unit-minutes.
    close(an.stations[1].wastes.inventory.time, 14.0);
    assert_eq!(r.completed, 4);
}

#[test]
fn defects_cost_material_and_rework_time() {
    // q reworks 20 % (back to m: one more pass through m and q, 1 + 2 minutes); f scraps 10 %
    // of the assembled product, which holds two parts (a body and m's part). Labour costs
    // 1 rouble a minute.
    let sc = scenario(
        r#"{"name":"defects","time_unit":"min","horizon":5000,
            "stations":[{"id":"body","process":1},{"id":"m","process":1},
                        {"id":"q","process":2,"buffer":2,"defects":{"rate":0.2,"action":"rework","to":"m"}},
                        {"id":"f","process":3,"buffer":2,"defects":{"rate":0.1},
                         "inputs":[{"from":"body"},{"from":"q"}]}],
            "costs":{"material":10,"labour_per_hour":60}}"#,
    );
    let r = once(&sc);
    let an = RunAnalysis::of(&sc, &r);
    let (m, q, f) = (&r.stations[1], &r.stations[2], &r.stations[3]);
    assert!(q.reworked > 100 && f.scrapped > 50, "{q:?} {f:?}");
    let fig = |i: usize| an.stations[i].wastes.defects;
    // Repeat passes are measured where they happen: 1 minute at m and 2 at q for every unit
    // sent back (up to the few still in the line at the end).
    let sent = q.reworked as f64;
    assert!(
        (m.rework_processing - sent).abs() <= 3.0,
        "{} vs {sent}",
        m.rework_processing
    );
    assert!(
        (q.rework_processing - 2.0 * sent).abs() <= 6.0,
        "{} vs {sent}",
        q.rework_processing
    );
    close(fig(1).time, m.rework_processing);
    close(fig(1).money, m.rework_processing);
    close(fig(2).time, q.rework_processing);
    close(fig(2).money, q.rework_processing);
    // A scrapped product carries all the work put into it: 1 + 1 + 2 + 3 minutes, plus any
    // repeat passes of its part; its material is both parts.
    let scrapped = f.scrapped as f64;
    assert!(f.scrapped_work >= 7.0 * scrapped && f.scrapped_work <= 7.0 * scrapped + 3.0 * sent);
    close(fig(3).time, f.scrapped_work);
    close(fig(3).money, f.scrapped_work + scrapped * 2.0 * 10.0);
    close(
        an.wastes.defects.money,
        fig(1).money + fig(2).money + fig(3).money,
    );
    // Quality = good ÷ processed, near 1 − rate; first-pass yield is their product.
    let quality = |i: usize| an.stations[i].oee.quality;
    close(quality(2), 1.0 - q.defective as f64 / q.processed as f64);
    assert!((quality(2) - 0.8).abs() < 0.03 && (quality(3) - 0.9).abs() < 0.03);
    close(an.kpis.first_pass_yield, quality(2) * quality(3));
}

#[test]
fn changeovers_on_a_product_mix_are_planned_per_unit() {
    // Two products 1 : 1 (a change with probability ½), a changeover of 4 on a change or
    // after 3 units: ½ ÷ (1 − ½³) = 4/7 changeovers per unit, 16/7 minutes per unit.
    let sc = scenario(
        r#"{"name":"mix","time_unit":"min","horizon":40000,
            "products":[{"id":"red","share":1},{"id":"blue","share":1}],
            "stations":[{"id":"s","process":1,"setup":{"time":4,"every":3,"on_change":true}}]}"#,
    );
    let plan = &Balance::of(&sc).stations[0];
    close(plan.setup_time, 16.0 / 7.0);
    close(plan.cycle_time, 1.0 + 16.0 / 7.0);
    let r = once(&sc);
    let s = &r.stations[0];
    let rate = s.setups as f64 / s.processed as f64;
    assert!((rate - 4.0 / 7.0).abs() < 0.02, "{rate}");
    let observed = RunAnalysis::of(&sc, &r).stations[0].cycle_time.unwrap();
    assert!((observed - plan.cycle_time).abs() < 0.1, "{observed}");
}

#[test]
fn changeovers_of_an_unequal_mix_are_planned_exactly() {
    // Shares 9 : 1, a changeover on a change or after 5 units. The equal-shares formula
    // q ÷ (1 − (1 − q)⁵), q = 1 − Σ p², says 0.2861 per unit; the exact chain (per server,
    // counter and variant) says 0.3098, and so does a long run (and a plain simulation of the
    // rule alone: 0.3100 over 2 million units).
    let sc = scenario(
        r#"{"name":"mix","time_unit":"min","horizon":400000,
            "products":[{"id":"red","share":9},{"id":"blue","share":1}],
            "stations":[{"id":"s","process":1,"setup":{"time":0.5,"every":5,"on_change":true}}]}"#,
    );
    let plan = &Balance::of(&sc).stations[0];
    let planned = plan.setup_time / 0.5;
    let q: f64 = 1.0 - (0.81 + 0.01);
    let equal_shares = q / (1.0 - (1.0 - q).powi(5));
    assert!((planned - 0.3098).abs() < 5e-4, "{planned}");
    assert!(
        (planned - equal_shares) / planned > 0.07,
        "{equal_shares} vs {planned}"
    );
    let r = once(&sc);
    let s = &r.stations[0];
    let observed = s.setups as f64 / s.processed as f64;
    // About 270,000 units: the observed rate is within ±0.003 of the truth (> 5 σ).
    assert!(
        (observed - planned).abs() < 0.003,
        "{observed} vs {planned}"
    );
}

#[test]
fn a_shifting_bottleneck_shows_shifting_time_for_both() {
    // Equal speeds, a buffer of 5 between; each station fails in turn (a after 15, b after
    // 25, repairs of 10), so the bottleneck passes back and forth between them.
    let sc = scenario(
        r#"{"name":"shift","time_unit":"min","horizon":2000,
            "stations":[{"id":"a","process":1,"breakdowns":{"between":15,"repair":10}},
                        {"id":"b","process":1,"buffer":5,"breakdowns":{"between":25,"repair":10}}]}"#,
    );
    let r = once(&sc);
    for s in &r.stations {
        assert!(s.bottleneck.shifting > 0.01, "{}: {:?}", s.id, s.bottleneck);
        assert!(s.bottleneck.sole > 0.05, "{}: {:?}", s.id, s.bottleneck);
    }
    // Both are blocked or starved part of the time, so neither utilization tells the story.
    assert!(r.stations[0].state_time[State::Blocked as usize] > 0.0);
    assert!(r.stations[1].state_time[State::Starved as usize] > 0.0);
}

#[test]
fn replications_are_summarised_with_confidence_intervals() {
    let sc = scenario(
        r#"{"name":"random","time_unit":"s","horizon":20000,"warmup":1000,
            "stations":[{"id":"a","process":{"dist":"exponential","mean":10},"buffer":3},
                        {"id":"b","process":{"dist":"exponential","mean":10},"buffer":3},
                        {"id":"c","process":{"dist":"exponential","mean":8},"buffer":3}],
            "demand":{"quantity":1500,"price":10},
            "costs":{"material":1,"labour_per_hour":36,"holding_per_hour":3.6}}"#,
    );
    let runs = run_replications(&sc, 5, 8, &RunOptions::default()).unwrap();
    let a = Analysis::of(&sc, &runs);
    let each: Vec<RunAnalysis> = runs.iter().map(|r| RunAnalysis::of(&sc, r)).collect();
    let profit: Vec<f64> = each.iter().map(|x| x.kpis.profit).collect();
    close(a.kpis.profit.mean, mean(&profit));
    close(a.kpis.profit.ci95, ci95(&profit));
    assert!(a.kpis.profit.ci95 > 0.0);
    let oee_b: Vec<f64> = each.iter().map(|x| x.stations[1].oee.oee).collect();
    close(a.stations[1].oee.oee.mean, mean(&oee_b));
    let waiting: Vec<f64> = each.iter().map(|x| x.wastes.waiting.money).collect();
    close(a.wastes.waiting.money.mean, mean(&waiting));
    // The primary bottleneck is a or b (equal and slowest), each some of the time.
    let primary: Vec<f64> = a.report.stations.iter().map(|s| s.primary).collect();
    close(primary.iter().sum(), 1.0);
    assert!(primary[2] < primary[0] + primary[1]);
    // Sorted by money, largest first.
    assert!(a.money.windows(2).all(|w| w[0].money >= w[1].money));
    // The JSON has stable names and reads back.
    let json = serde_json::to_string(&a).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["kpis"]["lead_time"]["ci95"].as_f64().unwrap() > 0.0);
    assert!(v["stations"][0]["oee"]["availability"]["mean"].is_number());
    assert!(v["wastes"]["waiting"]["money"]["mean"].is_number());
    let top = &v["money"][0]["waste"];
    assert!(
        Waste::ALL
            .iter()
            .any(|w| serde_json::to_value(w).unwrap() == *top),
        "{top}"
    );
}

#[test]
fn every_kpi_figure_is_named_as_its_json_field() {
    let sc = scenario(LINE);
    let kpis = Kpis::of(&sc, &once(&sc));
    let json = serde_json::to_value(&kpis).unwrap();
    let figures = kpis.figures();
    assert_eq!(figures.len(), json.as_object().unwrap().len() - 1 + 3);
    for (name, value) in figures {
        let field = match name.strip_prefix("little_") {
            Some(part) => &json["little"][part],
            None => &json[name],
        };
        assert_eq!(field.as_f64(), value, "{name}");
    }
}
