//! The engine on arbitrary valid lines (built-in scenarios mutated by the fuzz bytes, then
//! changed with lean tools): every run keeps the invariants (conservation, causality,
//! capacities, state accounting) and no KPI of its analysis is NaN or infinite.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(seed) = u.arbitrary::<u64>() else {
        return;
    };
    if let Ok(Some(sc)) = takt_fuzz::arbitrary_line(&mut u) {
        takt_fuzz::check_line(&sc, seed);
    }
});
