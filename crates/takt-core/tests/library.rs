//! The built-in scenario library (`public/scenarios/*.json`, shipped with the app): every
//! scenario is valid and bilingual (its briefing and every display name), fails its order in round 1 by design, and a sensible
//! round of lean changes within the budget meets it.

use takt_core::model::{Kpi, Text};
use takt_core::sim::report::simulate;
use takt_core::training::score::score;
use takt_core::training::{apply, parse_changes};
use takt_core::Scenario;

mod common;
use common::built_in;

const LIBRARY: [(&str, &str); 3] = [
    (
        "process-factory",
        r#"[{"tool":"five_s","station":"kit"},{"tool":"five_s","station":"housing"},
            {"tool":"five_s","station":"gauge"},{"tool":"batch","station":"kit","batch":1},
            {"tool":"batch","station":"pack","batch":1},{"tool":"transport","station":"kit"},
            {"tool":"transport","station":"pack"},{"tool":"move_element","element":"fix cover","to":"valve"},
            {"tool":"move_element","element":"connect wires","to":"test"},{"tool":"poka_yoke","station":"test"},
            {"tool":"assign_operator","id":"op1","stations":["kit","pack"]},{"tool":"assign_operator","id":"op5","stations":["test"]},
            {"tool":"move_station","station":"pack","x":2.5,"y":3.5}]"#,
    ),
    (
        "kanban",
        r#"[{"tool":"kanban","station":"cut","limit":3},{"tool":"kanban","station":"bend","limit":3},
            {"tool":"batch","station":"cut","batch":1},{"tool":"batch","station":"bend","batch":1},
            {"tool":"transport","station":"cut"},{"tool":"transport","station":"bend"}]"#,
    ),
    (
        "breakdowns-setups",
        r#"[{"tool":"smed","station":"lathe"},{"tool":"tpm","station":"lathe"}]"#,
    ),
];

/// Every display name of a scenario, with its field path.
fn display_names(sc: &Scenario) -> Vec<(String, Option<&Text>)> {
    let mut names = vec![("name".to_owned(), Some(&sc.name))];
    for (i, p) in sc.products.iter().enumerate() {
        names.push((format!("products[{i}].name"), p.name.as_ref()));
    }
    for (i, s) in sc.stations.iter().enumerate() {
        names.push((format!("stations[{i}].name"), s.name.as_ref()));
        for (k, e) in s.elements.iter().enumerate() {
            names.push((format!("stations[{i}].elements[{k}].name"), Some(&e.name)));
        }
    }
    for (i, o) in sc.operators.iter().enumerate() {
        names.push((format!("operators[{i}].name"), o.name.as_ref()));
    }
    names
}

#[test]
fn every_scenario_is_valid_bilingual_and_has_an_order() {
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    for (name, _) in LIBRARY {
        let sc = built_in(name);
        assert!(!sc.products.is_empty(), "{name}: a product with its name");
        // Every display name is given in both languages (none falls back), the Russian one
        // in Cyrillic and the English one without.
        for (path, text) in display_names(&sc) {
            let text = text.unwrap_or_else(|| panic!("{name}: {path} is missing"));
            assert!(!text.is_plain(), "{name}: {path} is not bilingual");
            let (ru, en) = (text.given("ru"), text.given("en"));
            assert!(ru.is_some_and(cyrillic), "{name}: {path}.ru: {ru:?}");
            assert!(
                en.is_some_and(|en| !en.trim().is_empty() && !cyrillic(en)),
                "{name}: {path}.en: {en:?}"
            );
        }
        for lang in ["ru", "en"] {
            assert!(!sc.title_in(lang).is_empty(), "{name}: the name in {lang}");
            assert!(
                sc.briefing.get(lang).is_some_and(|t| t.len() > 100),
                "{name}: briefing.{lang}"
            );
        }
        assert!(sc.demand.is_some() && sc.training.is_some(), "{name}");
    }
}

#[test]
fn round_one_fails_the_order_and_a_lean_round_meets_it() {
    for (name, round) in LIBRARY {
        let sc = built_in(name);
        let order = sc.demand.as_ref().unwrap().quantity as f64;
        let base = simulate(&sc, 1, 30).unwrap();
        let ci = base.ci95.as_ref().unwrap().completed;
        assert!(
            base.completed + ci < order,
            "{name}: round 1 must fail its order: {} ± {ci} of {order}",
            base.completed
        );
        let applied =
            apply(&sc, &parse_changes(round).unwrap()).unwrap_or_else(|r| panic!("{name}: {r}"));
        let s = score(&sc, &applied.scenario, applied.cost, 1, None).unwrap();
        let completed = s.kpis.iter().find(|k| k.kpi == Kpi::Completed).unwrap();
        assert!(
            completed.clear && completed.improved >= order,
            "{name}: {completed:?}"
        );
        assert!(s.total > 30.0, "{name}: {}", s.total);
    }
}

/// The canonical text (`Scenario::to_json`, which fingerprints hash) is exactly what
/// `serde_json::to_string_pretty` writes for every built-in scenario.
#[test]
fn canonical_text_is_serde_jsons_pretty_text() {
    for (name, _) in LIBRARY {
        let sc = built_in(name);
        assert_eq!(
            sc.to_json(),
            serde_json::to_string_pretty(&sc).unwrap(),
            "{name}"
        );
    }
}
