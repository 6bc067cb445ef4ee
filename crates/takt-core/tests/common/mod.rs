//! What several test files share: playing a session's rounds the way the app does.

use takt_core::lean::analyze;
use takt_core::training::score::score;
use takt_core::training::session::Session;

/// Plays the next round (with the session's plan): runs the job, records the results.
pub fn play(s: &mut Session) {
    let job = s.job().expect("a round to play");
    let analysis = analyze(&job.scenario, job.seed, job.replications).unwrap();
    let score = job
        .baseline
        .as_ref()
        .map(|b| score(b, &job.scenario, job.cost, job.seed, Some(job.replications)).unwrap());
    s.record(analysis, score);
}
