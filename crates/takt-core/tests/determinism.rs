//! Same scenario + seed → same bytes, on every platform. The report and the analysis of each
//! case (`common/determinism.rs`) are recorded in `fixtures/determinism/`; the app's browser
//! test (`tests/web.rs`) runs the same cases in WebAssembly and must produce the same bytes,
//! so this test pins the native side. After an intended change of the engine's output,
//! re-record with `TAKT_BLESS=1 cargo test -p takt-core --test determinism`.

#[path = "common/determinism.rs"]
mod cases;

use std::path::Path;

#[test]
fn the_recorded_reports_and_analyses_are_reproduced_natively() {
    let dir = Path::new("tests/fixtures/determinism");
    for (name, scenario) in cases::CASES {
        let (report, analysis) = cases::bytes(scenario);
        for (kind, bytes) in [("report", &report), ("analysis", &analysis)] {
            let path = dir.join(format!("{name}.{kind}.json"));
            if std::env::var_os("TAKT_BLESS").is_some() {
                std::fs::write(&path, bytes).unwrap();
            }
            let recorded = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{path:?} missing (run with TAKT_BLESS=1 once)"));
            assert!(
                *bytes == recorded,
                "{name}: the {kind} changed (see {path:?})"
            );
        }
    }
}

#[test]
fn the_fixture_exercises_every_feature() {
    let (report, _) = cases::bytes(cases::CASES[0].1);
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert!(v["completed"].as_f64().unwrap() > 100.0);
    assert!(v["scrapped"].as_f64().unwrap() > 0.0);
    let asm = &v["stations"][2];
    assert!(asm["setup"].as_f64().unwrap() > 0.0 && asm["down"].as_f64().unwrap() > 0.0);
}
