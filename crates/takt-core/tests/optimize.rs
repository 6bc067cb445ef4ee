//! The best plan (`training::optimize`, `takt optimize`): for the process-factory line it
//! fits the budget, is accepted as a round, meets the order and is not beaten by a lean
//! expert's plan beyond the noise; it uses only the cards the scenario allows; a cancel stops
//! it; the same seed and limit give the same plan, and a clock past the cap stops it early.

use std::sync::OnceLock;
use takt_core::lean::Kpis;
use takt_core::model::{Kpi, Tool};
use takt_core::sim::stats::{ci95, mean};
use takt_core::sim::{run_replications, Control, RunOptions};
use takt_core::training::catalog::card_of;
use takt_core::training::optimize::{moves, optimize, BestPlan, Options};
use takt_core::training::score::{score, Score};
use takt_core::training::{apply, parse_changes, Change, Unplayed};
use takt_core::Scenario;

mod common;
use common::{built_in, close};

const LIBRARY: [&str; 3] = ["process-factory", "kanban", "breakdowns-setups"];

/// The best plan of the process factory with the default options (its class's seed and 30
/// replications, the default time limit as budget), found once for every test here. The
/// clock stands still, so the budget alone ends the search.
fn best() -> &'static (Scenario, BestPlan) {
    static BEST: OnceLock<(Scenario, BestPlan)> = OnceLock::new();
    BEST.get_or_init(|| {
        let sc = built_in("process-factory");
        let best = optimize(&sc, &Options::of(&sc), || 0.0, |_| Control::Continue)
            .expect("the search ends");
        (sc, best)
    })
}

/// A lean expert's round for the process factory: balance the line (the cover to the valve
/// station, the wires to testing), 5S where the bottlenecks search, one-piece flow with a
/// shorter transport from kitting, poka-yoke at testing, operator 1 also packs so operator 5
/// only tests, and a CONWIP limit to pull.
const EXPERT: &str = r#"[
    {"tool": "move_element", "element": "fix cover", "to": "valve"},
    {"tool": "move_element", "element": "connect wires", "to": "test"},
    {"tool": "five_s", "station": "housing"}, {"tool": "five_s", "station": "gauge"},
    {"tool": "batch", "station": "kit", "batch": 1}, {"tool": "batch", "station": "pack", "batch": 1},
    {"tool": "transport", "station": "kit"}, {"tool": "poka_yoke", "station": "test"},
    {"tool": "assign_operator", "id": "op1", "stations": ["kit", "pack"]},
    {"tool": "assign_operator", "id": "op5", "stations": ["test"]},
    {"tool": "move_station", "station": "pack", "x": 2.5, "y": 3.5},
    {"tool": "conwip", "limit": 8}]"#;

#[test]
fn the_best_plan_for_the_process_factory_fits_the_budget_applies_and_meets_the_order() {
    let (sc, best) = best();
    let budget = sc.training.as_ref().and_then(|t| t.budget).unwrap();
    assert!(!best.plan.is_empty());
    assert!(best.cost <= budget, "{} > {budget}", best.cost);
    assert!(!best.capped);
    let applied = apply(sc, &best.plan).expect("the plan is a round the line accepts");
    close(applied.cost, best.cost);
    // The order, with its interval.
    let order = sc.demand.as_ref().unwrap().quantity as f64;
    let done = best.kpis.completed;
    assert_eq!(best.meets_order, Some(true));
    assert!(done.mean - done.ci95 >= order, "{done:?} against {order}");
    // Its score is the score `takt score` gives the round.
    let again = score(sc, &applied.scenario, applied.cost, 1, None).unwrap();
    assert_eq!(again, best.score);
    assert!(best.score.total > 30.0, "{}", best.score.total);
    // Written as a round, it reads back as the same changes.
    let text = serde_json::to_string(&best.plan).unwrap();
    assert_eq!(parse_changes(&text).unwrap(), best.plan);
}

/// Each replication's points: every KPI's progress from that replication's difference to
/// the round-1 line's same replication (the score's scales and weights), clamped as the
/// score clamps the mean.
fn points_per_replication(sc: &Scenario, plan: &[Change], s: &Score) -> Vec<f64> {
    let applied = apply(sc, plan).unwrap();
    let runs = |line: &Scenario| {
        run_replications(line, s.seed, s.replications, &RunOptions::default()).unwrap()
    };
    let base: Vec<Kpis> = runs(sc).iter().map(|r| Kpis::of(sc, r)).collect();
    let line = &applied.scenario;
    let planned: Vec<Kpis> = runs(line).iter().map(|r| Kpis::of(line, r)).collect();
    base.iter()
        .zip(&planned)
        .map(|(b, p)| {
            s.kpis
                .iter()
                .filter(|k| k.scale > 0.0)
                .filter_map(|k| {
                    let cost = if k.kpi == Kpi::Profit {
                        applied.cost
                    } else {
                        0.0
                    };
                    let d = k.kpi.of(p)? - cost - k.kpi.of(b)?;
                    let direction = if k.kpi.higher_is_better() { 1.0 } else { -1.0 };
                    Some(k.weight * (d * direction / k.scale).clamp(-1.0, 1.0))
                })
                .sum()
        })
        .collect()
}

#[test]
fn a_lean_experts_plan_does_not_beat_it_beyond_the_interval_of_the_difference() {
    let (sc, best) = best();
    let expert = parse_changes(EXPERT).unwrap();
    let applied = apply(sc, &expert).expect("the expert's plan is a valid round");
    let theirs = score(sc, &applied.scenario, applied.cost, 1, None).unwrap();
    assert!(theirs.total > 30.0, "a sensible plan: {}", theirs.total);
    // Paired by replication (common random numbers): the expert's points − the best plan's.
    let e = points_per_replication(sc, &expert, &theirs);
    let b = points_per_replication(sc, &best.plan, &best.score);
    let d: Vec<f64> = e.iter().zip(&b).map(|(e, b)| e - b).collect();
    let half = ci95(&d);
    let ahead = theirs.total - best.score.total;
    println!(
        "expert {:.2}, best plan {:.2}: difference {ahead:.2}, per replication {:.2} ± {half:.2}",
        theirs.total,
        best.score.total,
        mean(&d)
    );
    assert!(ahead <= half, "the expert is ahead by {ahead} > {half}");
}

#[test]
fn a_cancel_stops_the_search_at_once() {
    let sc = built_in("process-factory");
    for after in [1, 7] {
        let mut heard = 0;
        let out = optimize(
            &sc,
            &Options::of(&sc),
            || 0.0,
            |_| {
                heard += 1;
                if heard >= after {
                    Control::Cancel
                } else {
                    Control::Continue
                }
            },
        );
        assert_eq!(out, Err(Unplayed::Cancelled));
        assert_eq!(heard, after, "nothing is heard after the cancel");
    }
}

#[test]
fn the_plan_uses_only_the_cards_the_scenario_allows() {
    for name in LIBRARY {
        let sc = built_in(name);
        let candidates = moves(&sc);
        assert!(!candidates.is_empty(), "{name}");
        for m in &candidates {
            for c in &m.changes {
                assert!(card_of(&sc, c.tool()).is_some(), "{name}: {c:?}");
            }
            assert!(apply(&sc, &m.changes).is_ok(), "{name}: {m:?}");
        }
    }
    // Only 5S, batches and poka-yoke: the best plan keeps to them.
    let text = std::fs::read_to_string(format!(
        "{}/../../public/scenarios/process-factory.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["training"]["tools"] = serde_json::json!({
        "five_s": {"cost": 2000, "factor": 0.3}, "batch": {"cost": 1000, "min": 2},
        "poka_yoke": {"cost": 5000, "factor": 0.3}});
    let sc = Scenario::from_json(&doc.to_string()).unwrap();
    let options = Options {
        time_limit: 1.0,
        ..Options::of(&sc)
    };
    let best = optimize(&sc, &options, || 0.0, |_| Control::Continue).unwrap();
    let allowed = [Tool::FiveS, Tool::Batch, Tool::PokaYoke];
    assert!(!best.plan.is_empty());
    for c in &best.plan {
        assert!(allowed.contains(&c.tool()), "{c:?}");
        if let Change::Batch { batch, .. } = c {
            assert!(*batch >= 2, "the card's minimum: {c:?}");
        }
    }
    assert!(apply(&sc, &best.plan).is_ok());
}

#[test]
fn without_training_every_default_card_is_a_candidate() {
    let mut sc = built_in("breakdowns-setups");
    sc.training = None;
    let tools: Vec<Tool> = moves(&sc)
        .iter()
        .flat_map(|m| m.changes.iter().map(Change::tool))
        .collect();
    for t in [
        Tool::Smed,
        Tool::Tpm,
        Tool::AddServer,
        Tool::Buffer,
        Tool::Kanban,
        Tool::Conwip,
    ] {
        assert!(tools.contains(&t), "{t:?}");
    }
}

#[test]
fn the_same_seed_and_limit_give_the_same_plan_and_the_clock_only_caps() {
    let sc = built_in("kanban");
    let options = Options {
        time_limit: 0.5,
        ..Options::of(&sc)
    };
    let run = |clock: f64| optimize(&sc, &options, || clock, |_| Control::Continue).unwrap();
    let (a, b) = (run(0.0), run(0.0));
    assert_eq!(a, b);
    assert!(!a.capped && a.evaluated > 20, "{}", a.evaluated);
    // A clock already past the cap: the search stops after its first plans, and says so;
    // what it found is still a round the line accepts.
    let late = run(options.cap + 1.0);
    assert!(late.capped);
    assert!(
        late.evaluated < a.evaluated,
        "{} vs {}",
        late.evaluated,
        a.evaluated
    );
    assert!(apply(&sc, &late.plan).is_ok());
}
