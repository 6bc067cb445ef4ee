//! The score explains itself: how each KPI's points came about (progress toward the target
//! × weight), why a total is negative, each round's own effect against the previous round
//! beside its effect against round 1, and one profit after the cost of the changes. Checked
//! by hand on a session whose scores are written out here (docs/metrics.md, "The score").

mod common;

use takt_core::model::Kpi;
use takt_core::training::score::{KpiScore, Score};
use takt_core::training::session::Session;
use takt_core::training::Change;
use takt_core::view::rounds::{
    profit_after_changes, rounds_table, score_view, Basis, Figure, ScoreRow,
};
use takt_core::Scenario;

const FACTORY: &str = include_str!("../../../public/scenarios/process-factory.json");

/// A KPI's score written by hand: progress = gain ÷ scale, clamped; points = weight × it.
fn kpi(
    kpi: Kpi,
    weight: f64,
    target: Option<f64>,
    base: f64,
    imp: f64,
    clear: bool,
    scale: f64,
) -> KpiScore {
    let direction = if kpi.higher_is_better() { 1.0 } else { -1.0 };
    let progress = if clear {
        ((imp - base) * direction / scale).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    KpiScore {
        kpi,
        weight,
        target,
        baseline: base,
        improved: imp,
        difference: imp - base,
        ci95: 1.0,
        clear,
        scale,
        progress,
        points: weight * progress,
    }
}

fn score(kpis: Vec<KpiScore>, cost: f64) -> Score {
    Score {
        total: kpis.iter().map(|k| k.points).sum(),
        max: kpis.iter().map(|k| k.weight).sum(),
        cost,
        seed: 1,
        replications: 2,
        kpis,
        hints: 0,
        hint_points: 0.0,
    }
}

/// Three rounds played (2 replications), then given the hand-made figures below.
fn session() -> Session {
    let mut s = Session::new("process-factory", Scenario::from_json(FACTORY).unwrap(), 1);
    s.replications = 2;
    for station in [None, Some("kit"), Some("valve")] {
        s.plan = station
            .map(|st| {
                vec![Change::Batch {
                    station: st.into(),
                    batch: 1,
                }]
            })
            .unwrap_or_default();
        common::play(&mut s);
    }
    // Round 2: output up 10 of the 40 to the target (7.5 points), lead time halved past
    // its full scale (clamped: 10 points), profit after changes down 600 of a 500 scale
    // (clamped: −25 points), WIP down but within the noise (0): −7.5 in all.
    s.rounds[1].score = Some(score(
        vec![
            kpi(Kpi::Completed, 30.0, Some(140.0), 100.0, 110.0, true, 40.0),
            kpi(Kpi::LeadTime, 10.0, None, 20.0, 5.0, true, 10.0),
            kpi(Kpi::Profit, 25.0, None, 1000.0, 400.0, true, 500.0),
            kpi(Kpi::Wip, 10.0, None, 8.0, 6.0, false, 4.0),
        ],
        3000.0,
    ));
    // Round 3: output up 30 (22.5), lead time still clamped (10), profit down 100 (−5).
    s.rounds[2].score = Some(score(
        vec![
            kpi(Kpi::Completed, 30.0, Some(140.0), 100.0, 130.0, true, 40.0),
            kpi(Kpi::LeadTime, 10.0, None, 20.0, 5.0, true, 10.0),
            kpi(Kpi::Profit, 25.0, None, 1000.0, 900.0, true, 500.0),
            kpi(Kpi::Wip, 10.0, None, 8.0, 6.0, false, 4.0),
        ],
        5000.0,
    ));
    for (r, (profit, cost)) in
        s.rounds
            .iter_mut()
            .zip([(10_000.0, 0.0), (12_000.0, 3000.0), (13_000.0, 2000.0)])
    {
        r.analysis.kpis.profit.mean = profit;
        r.cost = cost;
    }
    s
}

fn row(rows: &[ScoreRow], kpi: Kpi) -> &ScoreRow {
    rows.iter().find(|r| r.kpi == kpi).unwrap()
}

#[test]
fn each_kpis_points_are_progress_toward_the_target_times_the_weight() {
    let s = session();
    let v = score_view(&s, 2).unwrap();
    let out = row(&v.rows, Kpi::Completed);
    assert_eq!(
        (out.gain, out.scale, out.basis),
        (10.0, 40.0, Basis::Target)
    );
    assert_eq!((out.progress, out.points, out.clamped), (0.25, 7.5, false));
    let lead = row(&v.rows, Kpi::LeadTime);
    // Shorter is better: the gain is 15 minutes, past its full scale of half round 1's 20.
    assert_eq!(
        (lead.gain, lead.scale, lead.basis),
        (15.0, 10.0, Basis::HalfBaseline)
    );
    assert_eq!(
        (lead.progress, lead.points, lead.clamped),
        (1.0, 10.0, true)
    );
    let wip = row(&v.rows, Kpi::Wip);
    assert!(!wip.clear);
    assert_eq!((wip.gain, wip.progress, wip.points), (2.0, 0.0, 0.0));
}

#[test]
fn a_negative_total_names_the_kpis_that_lost_points() {
    let s = session();
    let v = score_view(&s, 2).unwrap();
    assert_eq!(v.total, -7.5);
    assert_eq!(v.max, 75.0);
    assert_eq!(v.losses, [Kpi::Profit]);
    let profit = row(&v.rows, Kpi::Profit);
    assert_eq!(
        (profit.gain, profit.progress, profit.points),
        (-600.0, -1.0, -25.0)
    );
    // A positive total needs no excuse, even with a KPI that lost points.
    let v3 = score_view(&s, 3).unwrap();
    assert_eq!(v3.total, 27.5);
    assert!(v3.losses.is_empty());
    assert!(score_view(&s, 1).is_none() && score_view(&s, 4).is_none());
}

#[test]
fn a_rounds_own_effect_is_against_the_previous_round() {
    let s = session();
    let v2 = score_view(&s, 2).unwrap();
    // Round 2's previous round is round 1.
    let out2 = row(&v2.rows, Kpi::Completed);
    assert_eq!(
        (out2.previous, out2.own, out2.own_points),
        (100.0, 10.0, 7.5)
    );
    assert_eq!(v2.own_total, v2.total);
    let v3 = score_view(&s, 3).unwrap();
    let out3 = row(&v3.rows, Kpi::Completed);
    // Against round 1: +30 (22.5 points); its own: +20 over round 2 (15 points).
    assert_eq!((out3.difference.mean, out3.points), (30.0, 22.5));
    assert_eq!(
        (out3.previous, out3.own, out3.own_points),
        (110.0, 20.0, 15.0)
    );
    let lead3 = row(&v3.rows, Kpi::LeadTime);
    assert_eq!((lead3.own, lead3.own_points), (0.0, 0.0));
    let profit3 = row(&v3.rows, Kpi::Profit);
    assert_eq!(
        (profit3.previous, profit3.own, profit3.own_points),
        (400.0, 500.0, 20.0)
    );
    assert_eq!(v3.own_total, 27.5 - -7.5);
    let table = rounds_table(&s);
    assert_eq!(table.points, [None, Some(-7.5), Some(27.5)]);
    assert_eq!(table.own_points, [None, Some(-7.5), Some(35.0)]);
}

#[test]
fn the_profit_after_changes_is_the_shifts_profit_less_every_change_so_far() {
    let s = session();
    assert_eq!(profit_after_changes(&s), [10_000.0, 9_000.0, 8_000.0]);
    let table = rounds_table(&s);
    let after = &table
        .rows
        .iter()
        .find(|(f, _)| *f == Figure::ProfitAfterChanges)
        .unwrap()
        .1;
    assert_eq!(after, &[Some(10_000.0), Some(9_000.0), Some(8_000.0)]);
    let shift = &table
        .rows
        .iter()
        .find(|(f, _)| *f == Figure::Kpi(Kpi::Profit))
        .unwrap()
        .1;
    assert_eq!(shift, &[Some(10_000.0), Some(12_000.0), Some(13_000.0)]);
}

#[test]
fn a_played_score_records_the_scale_its_progress_was_measured_by() {
    // The process factory's order (35) is its output target, which round 1 misses.
    let mut s = Session::new("process-factory", Scenario::from_json(FACTORY).unwrap(), 1);
    s.replications = 4;
    common::play(&mut s);
    s.plan = vec![Change::Batch {
        station: "kit".into(),
        batch: 1,
    }];
    common::play(&mut s);
    let score = s.rounds[1].score.as_ref().unwrap();
    for k in &score.kpis {
        assert!(k.scale > 0.0, "{:?}", k.kpi);
        let direction = if k.kpi.higher_is_better() { 1.0 } else { -1.0 };
        let want = if k.clear {
            (k.difference * direction / k.scale).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        assert!((k.progress - want).abs() < 1e-12, "{:?}", k.kpi);
        assert!((k.points - k.weight * k.progress).abs() < 1e-12);
    }
    let completed = score.kpis.iter().find(|k| k.kpi == Kpi::Completed).unwrap();
    let target = completed.target.unwrap();
    assert!(completed.baseline < target);
    assert!((completed.scale - (target - completed.baseline)).abs() < 1e-9);
    let v = score_view(&s, 2).unwrap();
    assert_eq!(row(&v.rows, Kpi::Completed).basis, Basis::Target);
    let wip = score.kpis.iter().find(|k| k.kpi == Kpi::Wip).unwrap();
    assert!((wip.scale - 0.5 * wip.baseline).abs() < 1e-9);
}
