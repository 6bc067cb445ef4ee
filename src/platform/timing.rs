//! Marks on the performance timeline (`performance.mark`) of the page or of its web worker,
//! so that a round can be timed phase by phase from outside (DevTools, or the Playwright
//! profile in `tests/e2e/round-timing.spec.ts`). Every mark is named `takt:…`; nothing reads
//! them in the app.

use wasm_bindgen::JsCast;

/// Marks `name` now on this thread's timeline (the page's or the worker's).
pub fn mark(name: &str) {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into());
    if let Ok(performance) = performance {
        if let Some(performance) = performance.dyn_ref::<web_sys::Performance>() {
            let _ = performance.mark(name);
        }
    }
}
