//! The best-plan search's side of the web worker (`takt_core::training::optimize`). Only the
//! `takt-optimize` module links it (`src/bin/takt-optimize.rs`): the instructor's page starts
//! a worker of that module when asked for the best plan, so neither page's own module carries
//! the search (docs/bundle.md).

use super::worker::{encode, serve_optimize, Failure, OptimizeReply, Reply};
use takt_core::sim::Control;
use takt_core::training::optimize::{optimize, Options};
use takt_core::view::best::BestView;
use takt_core::Scenario;
use wasm_bindgen::JsValue;

/// Seconds after which the browser's search stops, whatever is left of its evaluation
/// budget (the default time limit's, as `takt optimize` spends it): the worker runs on one
/// thread at about half native speed, so it gets three times the native limit.
const CAP_SECONDS: f64 = 30.0;

/// The worker's answer to `Request::Optimize`: the search with the class's seed and
/// replications and the default time limit ([`Options::of`]), capped at [`CAP_SECONDS`] of the
/// browser's clock, its progress relayed in whole percent. Cancelling is the page's: it
/// terminates the worker.
fn answer(sc: &Scenario, progress: &mut dyn FnMut(u64, u64)) -> JsValue {
    let options = Options {
        cap: CAP_SECONDS,
        ..Options::of(sc)
    };
    let start = js_sys::Date::now();
    let clock = || (js_sys::Date::now() - start) / 1000.0;
    let found = optimize(sc, &options, clock, |p| {
        progress(p.percent(), 100);
        Control::Continue
    });
    let reply: OptimizeReply = match found {
        Ok(best) => Reply::Done(Box::new(BestView::of(&best))),
        Err(e) => Reply::Failed(Failure::Round(e)),
    };
    encode(&reply)
}

/// Makes this module's web worker answer the best-plan request.
pub fn install() {
    serve_optimize(answer);
}
