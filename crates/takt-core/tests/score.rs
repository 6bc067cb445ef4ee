//! The lean tool catalog and the score: changes apply or are refused with a reason; a change
//! that only adds noise earns nothing; the same change earns more at the bottleneck.

use takt_core::model::{Kpi, Tool};
use takt_core::training::score::score;
use takt_core::training::{apply, Change};
use takt_core::Scenario;

const LINE: &str = r#"{"name":"score","time_unit":"min","horizon":480,
  "stations":[{"id":"cut","process":{"dist":"exponential","mean":2}},
              {"id":"weld","process":{"dist":"exponential","mean":4},"buffer":3},
              {"id":"pack","process":{"dist":"exponential","mean":1.5},"buffer":3}],
  "demand":{"quantity":200,"price":1000},
  "costs":{"material":300,"labour_per_hour":500,"holding_per_hour":5}}"#;

fn line() -> Scenario {
    Scenario::from_json(LINE).unwrap()
}

fn change(json: &str) -> Change {
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_same_change_earns_more_at_the_bottleneck() {
    let base = line();
    let at = |station: &str| {
        let c = change(&format!(r#"{{"tool":"add_server","station":"{station}"}}"#));
        let applied = apply(&base, &[c]).unwrap();
        score(&base, &applied.scenario, applied.cost, 7, None).unwrap()
    };
    let (weld, pack) = (at("weld"), at("pack"));
    assert_eq!(weld.cost, Tool::AddServer.default_cost());
    let completed = |s: &takt_core::training::score::Score| {
        s.kpis
            .iter()
            .find(|k| k.kpi == Kpi::Completed)
            .unwrap()
            .clone()
    };
    assert!(
        completed(&weld).clear && completed(&weld).points > 0.0,
        "{:?}",
        completed(&weld)
    );
    assert!(
        weld.total > 20.0,
        "a second welder nearly doubles output: {}",
        weld.total
    );
    assert!(
        weld.total > pack.total + 20.0,
        "bottleneck {} vs elsewhere {}",
        weld.total,
        pack.total
    );
    // At a station that is not the constraint the money is spent for nothing: profit falls clearly.
    let profit = pack.kpis.iter().find(|k| k.kpi == Kpi::Profit).unwrap();
    assert!(profit.clear && profit.points < 0.0, "{profit:?}");
    // Deterministic for a seed.
    assert_eq!(at("weld"), weld);
}

#[test]
fn a_change_that_only_adds_noise_earns_nothing() {
    // Renaming the first station gives it fresh random numbers from the same distribution:
    // the line is no better, only different by chance.
    let base = line();
    let noisy = Scenario::from_json(&LINE.replace("\"cut\"", "\"cut-2\"")).unwrap();
    let totals: Vec<f64> = (1..=8)
        .map(|seed| score(&base, &noisy, 0.0, seed, None).unwrap().total)
        .collect();
    let zero = totals.iter().filter(|t| **t == 0.0).count();
    assert!(zero >= 6, "luck must not score: {totals:?}");
    let mean = totals.iter().sum::<f64>() / totals.len() as f64;
    assert!(mean.abs() < 2.0, "{totals:?}");
    // The same line against itself: every difference is exactly zero.
    let same = score(&base, &base, 0.0, 3, Some(5)).unwrap();
    assert!(same
        .kpis
        .iter()
        .all(|k| k.difference == 0.0 && !k.clear && k.points == 0.0));
}

#[test]
fn targets_and_weights_set_the_scale() {
    let mut base = line();
    base.training = Some(
        serde_json::from_str(r#"{"targets":{"completed":150},"weights":{"completed":50,"wip":0}}"#)
            .unwrap(),
    );
    let applied = apply(
        &base,
        &[change(r#"{"tool":"add_server","station":"weld"}"#)],
    )
    .unwrap();
    let s = score(&base, &applied.scenario, 0.0, 11, Some(20)).unwrap();
    let c = s.kpis.iter().find(|k| k.kpi == Kpi::Completed).unwrap();
    assert_eq!((c.weight, c.target), (50.0, Some(150.0)));
    assert!(
        c.improved > 150.0 && c.progress == 1.0 && c.points == 50.0,
        "{c:?}"
    );
    assert_eq!(
        s.kpis.iter().find(|k| k.kpi == Kpi::Wip).unwrap().points,
        0.0
    );
    assert_eq!(s.max, 50.0 + 25.0 + 15.0 + 10.0 + 0.0 + 10.0);
}

#[test]
fn changes_apply_to_a_copy_of_the_line() {
    let sc = Scenario::from_json(
        r#"{"name":"yamazumi","time_unit":"s","horizon":1000,
            "stations":[{"id":"a","elements":[{"name":"cut","time":5},{"name":"drill","time":4}]},
                        {"id":"b","elements":[{"name":"fit","time":2}],
                         "setup":{"time":20,"every":10},"defects":{"rate":0.1},"transport":6,
                         "breakdowns":{"between":100,"repair":10}},
                        {"id":"c","elements":[{"name":"search","time":3,"value_added":false},{"name":"pack","time":1}]}],
            "operators":[{"id":"olga","stations":["a","b"],"walk":4}]}"#,
    )
    .unwrap();
    let round: Vec<Change> = serde_json::from_str(
        r#"[{"tool":"move_element","element":"drill","to":"b"},
            {"tool":"smed","station":"b"},
            {"tool":"poka_yoke","station":"b","factor":0.5},
            {"tool":"tpm","station":"b","between":2,"repair":0.5},
            {"tool":"five_s","station":"c","factor":0.5},
            {"tool":"transport","station":"b","factor":0.5},
            {"tool":"walk","id":"olga","factor":0.5},
            {"tool":"batch","station":"a","batch":1},
            {"tool":"buffer","station":"c","buffer":2},
            {"tool":"kanban","station":"a","limit":3},
            {"tool":"add_operator","id":"ivan","stations":["c"]},
            {"tool":"assign_operator","id":"olga","stations":["a"]}]"#,
    )
    .unwrap();
    let applied = apply(&sc, &round).unwrap();
    let out = &applied.scenario;
    assert_eq!(
        applied.cost,
        round.iter().map(|c| c.tool().default_cost()).sum::<f64>()
    );
    assert_eq!(out.stations[0].mean_process_time(), 5.0);
    assert_eq!(out.stations[1].mean_process_time(), 6.0);
    // A line without training plays every tool's default card (factor 0.5; TPM ×2, ×0.5).
    assert_eq!(out.stations[1].setup.as_ref().unwrap().time.mean(), 10.0);
    assert_eq!(out.stations[1].defects.as_ref().unwrap().rate, 0.05);
    let b = out.stations[1].breakdowns.as_ref().unwrap();
    assert_eq!((b.between.mean(), b.repair.mean()), (200.0, 5.0));
    assert_eq!(out.stations[2].mean_process_time(), 2.5);
    assert_eq!(out.stations[1].transport.as_ref().unwrap().mean(), 3.0);
    assert_eq!(out.operators[0].walk.as_ref().unwrap().mean(), 2.0);
    assert_eq!(out.operators[0].stations, ["a"]);
    assert_eq!(out.operators[1].id, "ivan");
    assert_eq!(out.stations[2].buffer, Some(2));
    assert!(
        matches!(&out.release, takt_core::model::Release::Kanban { limits } if limits.get("a") == Some(&3))
    );
    // The original line is untouched.
    assert_eq!(sc.stations[0].mean_process_time(), 9.0);
}

#[test]
fn invalid_changes_are_refused_with_a_reason() {
    let sc = line();
    let refused = |round: &str, sc: &Scenario| {
        apply(sc, &serde_json::from_str::<Vec<Change>>(round).unwrap())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused(r#"[{"tool":"add_server","station":"paint"}]"#, &sc),
        "changes[0]: no station has id 'paint'"
    );
    assert_eq!(
        refused(
            r#"[{"tool":"buffer","station":"weld","buffer":5},{"tool":"smed","station":"weld","factor":0.5}]"#,
            &sc
        ),
        "changes[1]: 'weld' has no changeovers"
    );
    assert_eq!(
        refused(r#"[{"tool":"remove_server","station":"cut"}]"#, &sc),
        "changes[0]: 'cut' has only one server"
    );
    assert_eq!(
        refused(
            r#"[{"tool":"poka_yoke","station":"cut","factor":1.5}]"#,
            &sc
        ),
        "changes[0].factor: the instructor's card sets 0.5; a change may not state 1.5"
    );
    assert_eq!(
        refused(r#"[{"tool":"batch","station":"cut","batch":9}]"#, &sc),
        "the changed line is not valid: stations[0].batch: a batch of 9 never fits into 'weld' (room for 4)"
    );
    let mut limited = sc.clone();
    limited.training = Some(
        serde_json::from_str(r#"{"budget":60000,"allowed":["add_server","buffer"]}"#).unwrap(),
    );
    assert_eq!(
        refused(
            r#"[{"tool":"add_server","station":"weld"},{"tool":"add_server","station":"pack"}]"#,
            &limited
        ),
        "the changes cost 100000 but the round's budget is 60000"
    );
    assert_eq!(
        refused(r#"[{"tool":"conwip","limit":5}]"#, &limited),
        "changes[0]: the tool 'conwip' is not allowed in this training"
    );
    let e = serde_json::from_str::<Change>(r#"{"tool":"add_server","station":"a","extra":1}"#)
        .unwrap_err();
    assert!(e.to_string().contains("unknown field `extra`"), "{e}");
}
