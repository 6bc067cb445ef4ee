//! The report of a fixture that uses every feature is recorded in
//! `fixtures/determinism.report.json`. The browser test (`tests/web.rs` of the app) runs the
//! same scenario in WebAssembly and must produce the same bytes, so this file pins the
//! native side: same scenario + seed → same bytes, on every platform.
//! After an intended change of the engine's output, re-record with `TAKT_BLESS=1`.

use takt_core::{simulate, Scenario};

const SCENARIO: &str = include_str!("fixtures/determinism.json");
const REPORT: &str = "tests/fixtures/determinism.report.json";

#[test]
fn the_recorded_report_is_reproduced_natively() {
    let sc = Scenario::from_json(SCENARIO).expect("valid fixture");
    let report = simulate(&sc, 42, 3).expect("runs").to_json();
    if std::env::var_os("TAKT_BLESS").is_some() {
        std::fs::write(REPORT, &report).unwrap();
    }
    let recorded =
        std::fs::read_to_string(REPORT).expect("recorded report (run with TAKT_BLESS=1 once)");
    assert_eq!(report, recorded.trim_end(), "the engine's output changed");
    // The fixture really exercises the features.
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert!(v["completed"].as_f64().unwrap() > 100.0);
    assert!(v["scrapped"].as_f64().unwrap() > 0.0);
    let asm = &v["stations"][2];
    assert!(asm["setup"].as_f64().unwrap() > 0.0 && asm["down"].as_f64().unwrap() > 0.0);
}
