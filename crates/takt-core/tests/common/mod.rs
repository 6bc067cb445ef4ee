//! What several test files share: playing a session's rounds the way the app does.

use takt_core::sim::Control;
use takt_core::training::session::Session;

/// Plays the next round (with the session's plan) as the app's worker does: the job's
/// `play`, then the results recorded.
pub fn play(s: &mut Session) {
    let job = s.job().expect("a round to play");
    let outcome = job.play(|_| Control::Continue).expect("the round plays");
    s.record(outcome.analysis, outcome.score);
}
