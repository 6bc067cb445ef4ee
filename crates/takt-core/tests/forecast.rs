//! The improve step's forecast (`takt_core::view::forecast`): the planned line's output over
//! the preview's replications, with its interval and its verdict on the order.

use takt_core::lean::analyze;
use takt_core::training::session::Session;
use takt_core::view::forecast::{
    forecast, preview_replications, Verdict, MAX_PREVIEW_REPLICATIONS,
};
use takt_core::Scenario;

mod common;
use common::{built_in, close};

#[test]
fn the_forecast_is_the_output_takt_analyze_reports_for_the_same_runs() {
    for name in ["process-factory", "kanban", "breakdowns-setups"] {
        let sc = built_in(name);
        let f = forecast(&sc, 7, 30).unwrap();
        let a = analyze(&sc, 7, 30).unwrap();
        close(f.completed.mean, a.kpis.completed.mean);
        close(f.completed.ci95, a.kpis.completed.ci95);
        assert!(f.completed.ci95 > 0.0, "{name}: 30 shifts vary");
        assert_eq!(f.replications, 30);
        assert_eq!(f.order, sc.demand.as_ref().map(|d| d.quantity));
    }
}

#[test]
fn the_preview_plays_the_rounds_replications_but_never_more_than_thirty() {
    assert_eq!(MAX_PREVIEW_REPLICATIONS, 30);
    assert_eq!(preview_replications(5), 5);
    assert_eq!(preview_replications(30), 30);
    assert_eq!(preview_replications(200), 30);
    assert_eq!(preview_replications(0), 1);
    // The process factory's class plays its rounds' replications in the preview too.
    let sc = built_in("process-factory");
    let s = Session::new("process-factory", sc, 1);
    assert_eq!(preview_replications(s.replications), s.replications.min(30));
}

#[test]
fn the_verdict_reads_the_interval_against_the_order() {
    let mut sc = built_in("process-factory");
    let free = forecast(&sc, 1, 30).unwrap();
    let (mean, hw) = (free.completed.mean, free.completed.ci95);
    assert!(hw > 0.0);
    let verdict_for = |sc: &mut Scenario, quantity: u64| {
        sc.demand.as_mut().unwrap().quantity = quantity;
        let f = forecast(sc, 1, 30).unwrap();
        // The order does not change the runs.
        close(f.completed.mean, mean);
        assert_eq!(f.order, Some(quantity));
        f.verdict
    };
    // An order below the whole interval is met; above it, missed; inside it, uncertain.
    let below = (mean - hw).floor() as u64;
    let above = (mean + hw).floor() as u64 + 1;
    assert_eq!(verdict_for(&mut sc, below), Some(Verdict::Met));
    assert_eq!(verdict_for(&mut sc, above), Some(Verdict::Missed));
    assert_eq!(
        verdict_for(&mut sc, mean.round() as u64),
        Some(Verdict::Uncertain)
    );
    // Without an order there is no verdict.
    sc.demand = None;
    let f = forecast(&sc, 1, 30).unwrap();
    assert_eq!((f.order, f.verdict), (None, None));
}

#[test]
fn a_planned_move_changes_the_forecast() {
    // Moving a work element to another station changes the line, and so its output.
    let sc = built_in("process-factory");
    let mut s = Session::new("process-factory", sc, 1);
    let before = forecast(&s.line(), s.seed, 30).unwrap();
    let line = s.line();
    let from = line
        .stations
        .iter()
        .position(|st| st.process.is_none() && !st.elements.is_empty())
        .expect("a station with work elements");
    let element = line.stations[from].elements[0].key().to_owned();
    let to = line
        .stations
        .iter()
        .enumerate()
        .find(|(k, st)| *k != from && st.process.is_none())
        .map(|(_, st)| st.id.clone())
        .expect("another station");
    s.plan_move(&element, &to);
    let planned = takt_core::training::apply(&s.line(), &s.plan)
        .unwrap()
        .scenario;
    let after = forecast(&planned, s.seed, 30).unwrap();
    assert_ne!(after.completed.mean, before.completed.mean);
}

#[test]
fn a_forecast_of_no_replications_is_refused() {
    assert!(forecast(&built_in("kanban"), 1, 0).is_err());
}
