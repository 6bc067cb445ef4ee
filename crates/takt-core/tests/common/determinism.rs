//! The cases of the cross-target determinism test. Each scenario is simulated (the
//! `takt simulate` report) and analysed (everything the app shows) with a fixed seed. The
//! native test (`tests/determinism.rs`) records the bytes in `fixtures/determinism/`; the
//! browser test (the app's `tests/web.rs`, in Chromium) must reproduce them byte for byte.

/// (name, scenario JSON): the fixture that uses every feature of the format, and the
/// scenarios the app ships.
pub const CASES: [(&str, &str); 4] = [
    ("fixture", include_str!("../fixtures/determinism.json")),
    (
        "process-factory",
        include_str!("../../../../public/scenarios/process-factory.json"),
    ),
    (
        "kanban",
        include_str!("../../../../public/scenarios/kanban.json"),
    ),
    (
        "breakdowns-setups",
        include_str!("../../../../public/scenarios/breakdowns-setups.json"),
    ),
];

/// The seed and replications of every case.
const SEED: u64 = 42;
const REPLICATIONS: u64 = 3;

/// The bytes of a case: (report JSON, analysis JSON).
pub fn bytes(scenario: &str) -> (String, String) {
    let sc = takt_core::Scenario::from_json(scenario).expect("a valid case");
    let report = takt_core::simulate(&sc, SEED, REPLICATIONS)
        .expect("runs")
        .to_json();
    let analysis = takt_core::lean::analyze(&sc, SEED, REPLICATIONS).expect("runs");
    let analysis = serde_json::to_string_pretty(&analysis).expect("serializes");
    (report, analysis)
}
