//! Display names in two languages (`model::Text`) and the key of a work element: how they
//! are read, refused, written back, and what stays stable when a name is translated.

use takt_core::sim::report::simulate;
use takt_core::training::{apply, parse_changes};
use takt_core::Scenario;

/// A small line; NAME, PRODUCT, KIT, PICK and OP are replaced by each test's names.
const LINE: &str = r#"{"name": NAME, "time_unit": "s", "horizon": 3600,
  "products": [{"id": "panel", "name": PRODUCT, "share": 1}],
  "stations": [
    {"id": "kit", "name": KIT, "elements": [
       {"name": PICK, "time": {"dist": "triangular", "min": 12, "mode": 15, "max": 20}},
       {"name": "search parts", "time": {"dist": "exponential", "mean": 8}, "value_added": false}]},
    {"id": "pack", "elements": [{"name": "pack", "time": {"dist": "exponential", "mean": 20}}]}],
  "operators": [{"id": "op1", "name": OP, "stations": ["kit", "pack"], "walk": 3}]}"#;

fn line(name: &str, product: &str, kit: &str, pick: &str, op: &str) -> String {
    LINE.replace("NAME", name)
        .replace("PRODUCT", product)
        .replace("KIT", kit)
        .replace("PICK", pick)
        .replace("OP", op)
}

fn plain() -> String {
    line(
        r#""Panel line""#,
        r#""panel""#,
        r#""Kitting""#,
        r#""pick parts""#,
        r#""Anna""#,
    )
}

fn bilingual() -> String {
    line(
        r#"{"ru": "Линия пультов", "en": "Panel line"}"#,
        r#"{"ru": "пульт", "en": "panel"}"#,
        r#"{"ru": "Комплектация", "en": "Kitting"}"#,
        r#"{"ru": "взять детали", "en": "pick parts"}"#,
        r#"{"ru": "Анна"}"#,
    )
}

fn errors(json: &str) -> Vec<String> {
    match Scenario::from_json(json) {
        Ok(_) => panic!("expected errors for {json}"),
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn every_display_name_is_shown_in_the_language_asked_for() {
    let sc = Scenario::from_json(&bilingual()).unwrap();
    for (lang, name, product, kit, pick, op) in [
        (
            "ru",
            "Линия пультов",
            "пульт",
            "Комплектация",
            "взять детали",
            "Анна",
        ),
        ("en", "Panel line", "panel", "Kitting", "pick parts", "Анна"),
    ] {
        assert_eq!(sc.title_in(lang), name);
        assert_eq!(sc.products[0].label(lang), product);
        assert_eq!(sc.stations[0].label(lang), kit);
        assert_eq!(sc.station_label("kit", lang), kit);
        assert_eq!(sc.stations[0].elements[0].label(lang), pick);
        assert_eq!(sc.element_label("pick parts", lang), pick);
        assert_eq!(sc.operator_label("op1", lang), op);
    }
    // Without a name, the id; an unknown id is shown as itself.
    assert_eq!(sc.station_label("pack", "ru"), "pack");
    assert_eq!(sc.station_label("nowhere", "ru"), "nowhere");
    assert_eq!(sc.element_label("nothing", "ru"), "nothing");
    // A plain name is the same in both languages.
    let sc = Scenario::from_json(&plain()).unwrap();
    assert_eq!(
        (sc.stations[0].label("ru"), sc.stations[0].label("en")),
        ("Kitting", "Kitting")
    );
}

#[test]
fn the_older_title_map_is_still_read_and_wins_where_given() {
    let json = plain().replacen(
        r#""name": "Panel line","#,
        r#""name": "Panel line", "title": {"ru": "Линия пультов"},"#,
        1,
    );
    let sc = Scenario::from_json(&json).unwrap();
    assert_eq!(sc.title_in("ru"), "Линия пультов");
    assert_eq!(sc.title_in("en"), "Panel line");
}

#[test]
fn files_are_written_back_byte_identically_in_the_shape_they_were_read() {
    for json in [plain(), bilingual()] {
        let canonical = Scenario::from_json(&json).unwrap().to_json();
        let again = Scenario::from_json(&canonical).unwrap().to_json();
        assert_eq!(again, canonical);
    }
    let canonical = Scenario::from_json(&plain()).unwrap().to_json();
    assert!(canonical.contains(r#""name": "Kitting""#), "{canonical}");
    assert!(canonical.contains(r#""name": "pick parts""#), "{canonical}");
    let canonical = Scenario::from_json(&bilingual()).unwrap().to_json();
    let v: serde_json::Value = serde_json::from_str(&canonical).unwrap();
    assert_eq!(
        v["stations"][0]["name"],
        serde_json::json!({"en": "Kitting", "ru": "Комплектация"})
    );
    assert_eq!(v["operators"][0]["name"], serde_json::json!({"ru": "Анна"}));
    assert_eq!(v["stations"][1]["elements"][0]["name"], "pack");
}

#[test]
fn a_bad_name_map_is_refused_at_its_field_path() {
    let with_kit = |kit: &str| line(r#""x""#, r#""p""#, kit, r#""pick""#, r#""o""#);
    let e = errors(&with_kit(
        r#"{"ru": "Комплектация", "de": "Kommissionierung"}"#,
    ));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("stations[0].name.de: unknown language 'de'"),
        "{e:?}"
    );
    let e = errors(&with_kit("{}"));
    assert!(
        e[0].starts_with("stations[0].name: a name needs at least one language"),
        "{e:?}"
    );
    let e = errors(&with_kit(r#"{"en": ""}"#));
    assert!(
        e[0].starts_with("stations[0].name: the name in 'en' is empty"),
        "{e:?}"
    );
    let e = errors(&with_kit("42"));
    assert!(e[0].starts_with("stations[0].name: invalid type"), "{e:?}");
    let e = errors(&line(
        r#""x""#,
        r#""p""#,
        r#""k""#,
        r#"{"fr": "prendre"}"#,
        r#""o""#,
    ));
    assert!(
        e[0].starts_with("stations[0].elements[0].name.fr: unknown language 'fr'"),
        "{e:?}"
    );
    let e = errors(&line(r#""x""#, r#""p""#, r#""k""#, r#""pick""#, "{}"));
    assert!(e[0].starts_with("operators[0].name: a name needs"), "{e:?}");
    let e = errors(&line("{}", r#""p""#, r#""k""#, r#""pick""#, r#""o""#));
    assert!(e[0].starts_with("name: a name needs"), "{e:?}");
    let e = errors(&line(
        r#""x""#,
        r#"{"es": "p"}"#,
        r#""k""#,
        r#""pick""#,
        r#""o""#,
    ));
    assert!(
        e[0].starts_with("products[0].name.es: unknown language"),
        "{e:?}"
    );
}

#[test]
fn the_element_key_is_its_id_else_its_plain_name_else_its_english_name() {
    let sc = Scenario::from_json(&bilingual()).unwrap();
    let keys: Vec<&str> = sc.stations[0].elements.iter().map(|e| e.key()).collect();
    assert_eq!(keys, ["pick parts", "search parts"]);
    let ru_only = line(
        r#""x""#,
        r#""p""#,
        r#""k""#,
        r#"{"ru": "взять детали"}"#,
        r#""o""#,
    );
    let sc = Scenario::from_json(&ru_only).unwrap();
    assert_eq!(sc.stations[0].elements[0].key(), "взять детали");
    let with_id = line(
        r#""x""#,
        r#""p""#,
        r#""k""#,
        r#"{"ru": "взять детали", "en": "take the parts"}, "id": "pick parts""#,
        r#""o""#,
    );
    let sc = Scenario::from_json(&with_id).unwrap();
    assert_eq!(sc.stations[0].elements[0].key(), "pick parts");
    assert_eq!(sc.element("pick parts").unwrap().0, 0);
    assert!(sc.element("take the parts").is_none());
}

#[test]
fn element_keys_are_unique_across_the_scenario() {
    // A name translated into the key of another element clashes with it.
    let e = errors(&line(
        r#""x""#,
        r#""p""#,
        r#""k""#,
        r#"{"ru": "упаковать", "en": "pack"}"#,
        r#""o""#,
    ));
    assert_eq!(
        e,
        ["stations[1].elements[0].name: duplicate element name 'pack' (also in stations[0])"]
    );
    // So does an id.
    let e = errors(&line(
        r#""x""#,
        r#""p""#,
        r#""k""#,
        r#""pick", "id": "search parts""#,
        r#""o""#,
    ));
    assert_eq!(
        e,
        ["stations[0].elements[1].name: duplicate element name 'search parts' (also in stations[0])"]
    );
    let e = errors(&line(
        r#""x""#,
        r#""p""#,
        r#""k""#,
        r#""pick", "id": """#,
        r#""o""#,
    ));
    assert_eq!(e, ["stations[0].elements[0].id: must not be empty"]);
}

/// Translating names changes no number: the streams are keyed by the element's key, so the
/// plain and the bilingual line draw the same random numbers, and a change naming the key
/// applies to both alike.
#[test]
fn translating_names_keeps_every_random_stream_and_change() {
    let (plain, bilingual) = (
        Scenario::from_json(&plain()).unwrap(),
        Scenario::from_json(&bilingual()).unwrap(),
    );
    let report = |sc: &Scenario| simulate(sc, 7, 3).unwrap().to_json();
    assert_eq!(report(&plain), report(&bilingual));
    let changes =
        parse_changes(r#"[{"tool":"move_element","element":"pick parts","to":"pack"}]"#).unwrap();
    let (a, b) = (
        apply(&plain, &changes).unwrap().scenario,
        apply(&bilingual, &changes).unwrap().scenario,
    );
    assert_eq!(a.element("pick parts").unwrap().0, 1);
    assert_eq!(b.element("pick parts").unwrap().0, 1);
    assert_eq!(b.stations[1].elements[1].label("ru"), "взять детали");
    assert_eq!(report(&a), report(&b));
    // The Russian name is no key.
    let by_name =
        parse_changes(r#"[{"tool":"move_element","element":"взять детали","to":"pack"}]"#).unwrap();
    assert!(apply(&bilingual, &by_name).is_err());
    // An id keeps the stream of the element it was named after.
    let renamed = Scenario::from_json(&line(
        r#""Panel line""#,
        r#""panel""#,
        r#""Kitting""#,
        r#"{"en": "take the parts"}, "id": "pick parts""#,
        r#""Anna""#,
    ))
    .unwrap();
    assert_eq!(report(&plain), report(&renamed));
}

/// A file written before names could be bilingual keeps its canonical text, and so its
/// fingerprint: the one recorded in the fuzz corpus's result files (`fuzz/seeds/result_file/`).
#[test]
fn plain_names_keep_the_fingerprints_of_existing_files() {
    let sc = Scenario::from_json(include_str!("../../../fuzz/tiny.json")).unwrap();
    assert_eq!(
        takt_core::training::result::fingerprint(&sc),
        "e48119cb513c9d4576df8b2333888d491d5cc19e80e974d2a2292e27afa9b9bb"
    );
}
