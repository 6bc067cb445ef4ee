//! Importing a team's result file on the instructor's desk: arbitrary text is read and
//! verified against the tiny training scenario. Nothing may panic; a verified file scores a
//! finite number, and the session it replays exports a file that verifies the same again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use takt_core::training::result::{verify, ResultFile};
use takt_core::Scenario;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = ResultFile::from_json(text) else {
        return;
    };
    let sc = Scenario::from_json(takt_fuzz::TINY).expect("the tiny scenario is valid");
    let mut calls = 0;
    match verify(&sc, &file, |done, all| {
        calls += 1;
        assert!(done <= all);
    }) {
        Ok(v) => {
            assert!(v.score.is_finite(), "score {}", v.score);
            assert_eq!(v.session.rounds.len(), file.rounds.len());
            let again = ResultFile::of(&v.session, &v.team);
            let v2 = verify(&sc, &again, |_, _| {}).expect("a replayed session verifies");
            assert_eq!(v2.score, v.score);
        }
        Err(flag) => assert!(!flag.to_string().is_empty()),
    }
    assert!(calls <= file.rounds.len());
});
