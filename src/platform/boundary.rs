//! The panic boundary: a panic never leaves a dead page.
//!
//! The wasm build aborts on panic, so nothing can be unwound or resumed. The hook installed
//! here first logs the panic to the console, then:
//! - on the page, shows the "something went wrong, your work is saved" overlay
//!   (`boundary.js`: plain DOM and a reload button that need no Rust to work);
//! - in the web worker, tells the page that the run failed and why, so the page reports
//!   it and stays usable (the worker is discarded; the next run starts a new one).
//!
//! The session is saved on every change (`session.rs`), so a reload loses nothing.
//! Debug builds have a trigger to test it: `#debug-panic` in the address bar.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/platform/boundary.js")]
extern "C" {
    fn show_overlay(detail: &str);
    fn install_overlay();
}

/// Installs the panic hook (page and worker) and, on the page, the overlay for traps
/// that come without a panic.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let detail = info.to_string();
        if web_sys::window().is_some() {
            show_overlay(&detail);
        } else {
            crate::platform::worker::report_panic(&detail);
        }
    }));
    if web_sys::window().is_some() {
        install_overlay();
        #[cfg(debug_assertions)]
        debug_trigger();
    }
}

/// Debug builds only: panics when the address bar's fragment becomes `#debug-panic`.
#[cfg(debug_assertions)]
fn debug_trigger() {
    let listener = Closure::<dyn Fn()>::new(|| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok());
        if hash.as_deref() == Some("#debug-panic") {
            panic!("debug trigger: #debug-panic");
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    }
    listener.forget();
}
