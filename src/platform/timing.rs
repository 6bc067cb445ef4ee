//! Marks on the page's performance timeline (`performance.mark`), so that a round can be
//! timed phase by phase from outside (DevTools, or the Playwright profile in
//! `tests/e2e/round-timing.spec.ts`). Every mark is named `takt:…`; nothing reads them in
//! the app.

/// Marks `name` now on the page's timeline (nothing without a window, as in the worker).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
