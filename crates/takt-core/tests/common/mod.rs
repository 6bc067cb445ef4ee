//! What several test files share: the built-in scenarios, a tolerant comparison, and playing
//! a session's rounds the way the app does.

// Each test file that includes this module uses only some of it.
#![allow(dead_code)]

use takt_core::sim::Control;
use takt_core::training::session::Session;

/// Plays the next round (with the session's plan) as the app's worker does: the job's
/// `play`, then the results recorded.
pub fn play(s: &mut Session) {
    let job = s.job().expect("a round to play");
    let outcome = job.play(|_| Control::Continue).expect("the round plays");
    s.record(outcome);
}

/// The built-in scenario `name` (`public/scenarios/{name}.json`), as the app ships it.
pub fn built_in(name: &str) -> takt_core::Scenario {
    let path = format!(
        "{}/../../public/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    takt_core::Scenario::from_json(&text).unwrap_or_else(|e| panic!("{path}:\n{e}"))
}

/// `got` equals `want` up to rounding (relative 10⁻⁹, absolute below 1).
#[track_caller]
pub fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}
