//! Scenario parsing and validation on arbitrary text, and the other JSON the app reads back
//! (a stored session, a plan of changes). Nothing may panic; a scenario that is accepted is
//! valid and survives its canonical form; a refusal names at least one field error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use takt_core::training::session::Session;
use takt_core::Scenario;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scenario::from_json(text) {
        Ok(sc) => {
            assert!(sc.validate().is_ok(), "an accepted scenario is valid");
            let canonical = sc.to_json();
            let again = Scenario::from_json(&canonical).expect("the canonical form is accepted");
            assert_eq!(again, sc, "the canonical form is the same scenario");
            assert_eq!(again.to_json(), canonical, "the canonical form is stable");
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refusal says why");
            assert!(!errors.to_string().is_empty());
        }
    }
    if let Ok(session) = Session::from_json(text) {
        let _ = session.job();
        let _ = takt_core::view::csv::kpi_csv(&session, takt_core::view::csv::Dialect::Russian);
    }
    let _ = takt_core::training::parse_changes(text);
});
