//! Credit per change (leave-one-out with common random numbers): a change without effect
//! earns nothing but its price, a harmful one shows it, and the credits with the interaction
//! add up to the round's own gain.

mod common;

use common::{built_in, close, play};
use takt_core::model::{Card, Kpi, Tool};
use takt_core::sim::Control;
use takt_core::training::session::Session;
use takt_core::training::{apply, parse_changes, Change, Credits, Effect, Reason};
use takt_core::view::rounds::credit_view;
use takt_core::Scenario;

/// The process factory with a buffer card of `cost` and no bounds, and no coach (whose
/// ranking a round would run too).
fn factory(buffer_cost: f64) -> Scenario {
    let mut sc = built_in("process-factory");
    sc.training.as_mut().unwrap().coach = None;
    let cards = sc.training.as_mut().unwrap().tools.as_mut().unwrap();
    cards.insert(
        Tool::Buffer,
        Card {
            cost: Some(buffer_cost),
            ..Card::default()
        },
    );
    sc
}

fn plan(json: &str) -> Vec<Change> {
    parse_changes(json).unwrap()
}

/// Round 1, then one round per plan, `reps` replications each (seed 1, as a class plays).
fn played(sc: Scenario, reps: u64, plans: &[&str]) -> Session {
    let mut s = Session::new("process-factory", sc, 1);
    s.replications = reps;
    play(&mut s);
    for p in plans {
        s.plan = plan(p);
        play(&mut s);
    }
    s
}

fn credits(s: &Session, round: usize) -> &Credits {
    s.rounds[round - 1].credits.as_ref().expect("credited")
}

/// Kitting takes its parts from an unlimited store: a buffer in front of it, however large,
/// changes the file but not one run.
const NO_EFFECT: &str = r#"{"tool": "buffer", "station": "kit", "buffer": 1000}"#;
const BATCH_OF_ONE: &str = r#"{"tool": "batch", "station": "kit", "batch": 1}"#;

#[test]
fn a_change_without_effect_and_cost_earns_exactly_nothing() {
    let sc = factory(0.0);
    let line = apply(&sc, &plan(&format!("[{NO_EFFECT}]")))
        .unwrap()
        .scenario;
    assert_ne!(
        line, sc,
        "the change changes the line: its credit is run, not assumed"
    );
    let s = played(sc, 5, &[&format!("[{BATCH_OF_ONE}, {NO_EFFECT}]")]);
    assert_eq!(s.rounds[1].cost, 1000.0, "the buffer card is free");
    let e = credits(&s, 2).changes[1].unwrap();
    assert_eq!(e, Effect::default(), "0 on every KPI and 0 points");
    // The other change did something: its credit is not empty.
    let batch = credits(&s, 2).changes[0].unwrap();
    assert!(batch.difference(Kpi::Completed) > 0.0);
}

#[test]
fn a_costly_change_without_effect_shows_exactly_its_price_lost_in_profit() {
    let s = played(
        factory(2000.0),
        5,
        &[&format!("[{BATCH_OF_ONE}, {NO_EFFECT}]")],
    );
    assert_eq!(
        s.rounds[1].cost, 3000.0,
        "the batch card 1000, the buffer card 2000"
    );
    let e = credits(&s, 2).changes[1].unwrap();
    for kpi in Kpi::ALL {
        let want = if kpi == Kpi::Profit { -2000.0 } else { 0.0 };
        assert_eq!(e.difference(kpi), want, "{kpi:?}");
    }
    assert!(e.points <= 0.0);
}

#[test]
fn a_change_that_hurts_shows_it() {
    // Housing's longest element moved to gauge: gauge, already near the takt, is overloaded.
    let s = played(
        factory(2000.0),
        10,
        &[r#"[{"tool": "five_s", "station": "housing"},
              {"tool": "move_element", "element": "fit board", "to": "gauge"}]"#],
    );
    let e = credits(&s, 2).changes[1].unwrap();
    assert!(e.difference(Kpi::Completed) < 0.0, "{e:?}");
    assert!(
        e.difference(Kpi::Profit) < -500.0,
        "worse than its price: {e:?}"
    );
    assert!(e.points < 0.0, "{e:?}");
}

#[test]
fn the_credits_and_the_interaction_add_up_to_the_round_s_own_gain() {
    let s = played(
        factory(2000.0),
        6,
        &[
            &format!("[{BATCH_OF_ONE}]"),
            r#"[{"tool": "five_s", "station": "housing"}, {"tool": "poka_yoke", "station": "test"},
                {"tool": "move_element", "element": "fix cover", "to": "valve"}]"#,
        ],
    );
    let points = |r: usize| s.rounds[r - 1].score.as_ref().map_or(0.0, |s| s.total);
    for round in [2, 3] {
        let c = credits(&s, round);
        let r = &s.rounds[round - 1];
        assert_eq!(c.changes.len(), r.changes.len());
        // The round's own gain is its score − the previous round's (round 1 scores 0) ...
        close(c.total.points, points(round) - points(round - 1));
        let completed = |r: usize| s.rounds[r - 1].analysis.kpis.completed.mean;
        close(
            c.total.difference(Kpi::Completed),
            completed(round) - completed(round - 1),
        );
        // ... and the credits with the interaction add up to it, in points and KPI by KPI.
        let effects: Vec<_> = c.changes.iter().flatten().collect();
        assert_eq!(effects.len(), r.changes.len());
        close(
            effects.iter().map(|e| e.points).sum::<f64>() + c.interaction.points,
            c.total.points,
        );
        for kpi in Kpi::ALL {
            let sum: f64 = effects.iter().map(|e| e.difference(kpi)).sum();
            close(sum + c.interaction.difference(kpi), c.total.difference(kpi));
        }
        // The round's profit gain is after what its changes cost.
        let profit = |r: usize| {
            let k = &s.rounds[r - 1].analysis.kpis.profit.mean;
            k - s.rounds[..r].iter().map(|r| r.cost).sum::<f64>()
        };
        close(
            c.total.difference(Kpi::Profit),
            profit(round) - profit(round - 1),
        );
    }
}

#[test]
fn a_change_the_others_cannot_do_without_says_why_instead_of_a_figure() {
    // Both of valve's elements leave: only possible because "fix cover" comes to valve.
    let s = played(
        factory(2000.0),
        3,
        &[
            r#"[{"tool": "move_element", "element": "fix cover", "to": "valve"},
              {"tool": "move_element", "element": "fit valve", "to": "housing"},
              {"tool": "move_element", "element": "connect tube", "to": "gauge"}]"#,
        ],
    );
    let c = credits(&s, 2);
    assert!(c.changes[0].is_none());
    assert!(c.changes[1..].iter().all(Option::is_some));
    // Why, as the page shows it beside the change.
    let view = credit_view(&s, 2).unwrap();
    assert!(view.changes[1..].iter().all(|c| c.refused.is_none()));
    let refused = view.changes[0].refused.as_ref().unwrap();
    assert_eq!(
        refused.change,
        Some(2),
        "the index of the change at fault in the plan"
    );
    assert!(
        matches!(refused.reason, Reason::OnlyWork { .. }),
        "{refused:?}"
    );
    // Its part stays in the interaction: the two others and the interaction still add up.
    let credited: f64 = c.changes.iter().flatten().map(|e| e.points).sum();
    close(credited + c.interaction.points, c.total.points);
}

#[test]
fn the_card_at_the_bottleneck_earns_more_output_than_the_same_card_elsewhere() {
    let s = played(
        built_in("process-factory"),
        30,
        &[
            r#"[{"tool": "five_s", "station": "gauge"}, {"tool": "five_s", "station": "housing"},
              {"tool": "five_s", "station": "kit"}]"#,
        ],
    );
    let bottleneck = &s.rounds[0].analysis.report.bottleneck;
    let output = |station: &str| {
        let k = s.rounds[1]
            .changes
            .iter()
            .position(|c| matches!(c, Change::FiveS { station: st, .. } if st == station))
            .unwrap();
        credits(&s, 2).changes[k].unwrap().completed
    };
    let at = output(bottleneck);
    let others: Vec<f64> = ["gauge", "housing", "kit"]
        .into_iter()
        .filter(|st| st != bottleneck)
        .map(output)
        .collect();
    assert_eq!(
        others.len(),
        2,
        "the bottleneck ({bottleneck}) has a 5S card"
    );
    assert!(
        others.iter().all(|&o| at > o),
        "{bottleneck}: {at} against {others:?}"
    );
}

#[test]
fn the_round_s_progress_covers_the_credit_runs_and_a_replay_runs_none() {
    let mut s = played(factory(2000.0), 2, &[]);
    // One change: the line without it is round 1's, which is not run again.
    s.plan = plan(&format!("[{BATCH_OF_ONE}]"));
    assert_eq!(s.job().unwrap().total_replications(), 2 * 2);
    // Three: round 1, the round's line and each line without one of them.
    s.plan = plan(&format!(
        r#"[{BATCH_OF_ONE}, {NO_EFFECT}, {{"tool": "five_s", "station": "gauge"}}]"#
    ));
    let job = s.job().unwrap();
    assert_eq!(job.total_replications(), 2 * 5);
    // As the page sends it to its web worker.
    let sent: takt_core::training::RoundJob =
        serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
    assert_eq!(sent, job);
    let mut last = None;
    let outcome = job
        .play(|p| {
            last = Some(p);
            Control::Continue
        })
        .unwrap();
    let last = last.unwrap();
    assert_eq!((last.done, last.total), (10, 10));
    assert_eq!(outcome.credits.unwrap().changes.len(), 3);
    let mut replay = job.clone();
    replay.credit = None;
    assert_eq!(replay.total_replications(), 2 * 2);
    let again = replay.play(|_| Control::Continue).unwrap();
    assert!(again.credits.is_none());
    assert_eq!(
        again.score, outcome.score,
        "credits do not change the score"
    );
}
