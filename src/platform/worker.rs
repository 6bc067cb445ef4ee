//! Rounds in a web worker, so the page never freezes: the messages both sides share,
//! the worker's loop ([`serve`], started by `public/worker.js` in the page's own module) and the page's handle
//! ([`Runner`]). Messages travel as JSON text.

use super::timing::mark;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use takt_core::sim::{Control, SimError};
use takt_core::training::result::{verify, Flag, ResultFile, Verified};
use takt_core::training::{Outcome, RoundJob, Unplayed};
use takt_core::view::best::BestView;
use takt_core::view::forecast::{forecast, ForecastView};
use takt_core::Scenario;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// The worker script (`public/worker.js`): it starts this same wasm module in worker mode.
pub const WORKER_SCRIPT: &str = "/worker.js";

/// The worker's entry point, called by `public/worker.js` once the module is loaded.
#[wasm_bindgen]
pub fn worker_main() {
    serve();
}

/// The URL of the page's own wasm-bindgen script and wasm file, from the preload links in
/// the page's head (trunk writes them into `index.html`, scripts/pwa/post_build.py into
/// `desk.html`): the worker runs the module of the page that starts it.
fn module_urls() -> Result<(String, String), Failure> {
    let document = leptos::prelude::document();
    let href = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .ok_or_else(|| Failure::NoModule {
                selector: selector.to_owned(),
            })
    };
    Ok((
        href("link[rel=modulepreload]:not([href*=\"/snippets/\"])")?,
        href("link[rel=preload][as=fetch][href$=\"_bg.wasm\"]")?,
    ))
}

/// Which module a worker runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// The page's own (it answers every request but the best plan's).
    Page,
    /// The best-plan search's (`takt-optimize`): named by the instructor's page in
    /// `<meta name="takt-optimizer" content="JS WASM">` (written by scripts/pwa/post_build.py)
    /// and loaded only when asked for.
    Optimizer,
}

/// The URLs of `module`'s wasm-bindgen script and wasm file.
fn urls_of(module: Module) -> Result<(String, String), Failure> {
    match module {
        Module::Page => module_urls(),
        Module::Optimizer => {
            const SELECTOR: &str = "meta[name=takt-optimizer]";
            let content = leptos::prelude::document()
                .query_selector(SELECTOR)
                .ok()
                .flatten()
                .and_then(|meta| meta.get_attribute("content"))
                .unwrap_or_default();
            match content.split_once(' ') {
                Some((js, wasm)) => Ok((js.to_owned(), wasm.to_owned())),
                None => Err(Failure::NoModule {
                    selector: SELECTOR.to_owned(),
                }),
            }
        }
    }
}

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Play a round: run its line (and the baseline, to score it) and analyse the runs.
    Round(Box<RoundJob>),
    /// Verify a team's result file by re-simulating it on the scenario.
    Verify {
        scenario: Box<Scenario>,
        result: Box<ResultFile>,
    },
    /// Forecast a planned line for the improve step (`view::forecast`).
    Forecast {
        scenario: Box<Scenario>,
        seed: u64,
        replications: u64,
    },
    /// Search the best plan for a line (`training::optimize`): answered only by a module
    /// with an [`Optimizer`] ([`Module::Optimizer`]), so neither page carries the search
    /// (docs/bundle.md).
    Optimize(Box<Scenario>),
    /// Run a few replications of this line and analyse them, answering nothing: a fresh
    /// instance runs in V8's baseline code until its functions have run enough to be
    /// optimised, so a worker that has done this plays the round in its optimised code.
    WarmUp(Box<Scenario>),
}

/// Replications of a warm-up: enough for the engine's and the analysis' functions to be
/// optimised, few enough to be done before a team has read the round's panel.
const WARM_UP_REPLICATIONS: u64 = 30;

/// From the worker to the page. `T` is what the request gives: a round's results
/// ([`RoundReply`]) or a result file's check ([`CheckReply`]). Generic, so that each page
/// reads only the answers it asks for: the trainee's page has no reader of the desk's flags
/// (docs/bundle.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply<T> {
    /// The worker has started and listens.
    Ready,
    /// Replications (of a round) or rounds (of a result file) done so far, of all.
    Progress { done: u64, total: u64 },
    /// The answer.
    Done(T),
    /// The round could not be run, or the worker failed.
    Failed(Failure),
}

/// The answer to [`Request::Round`]: the round's results (the same figures as
/// `takt analyze` and `takt score`).
pub type RoundReply = Reply<Box<Outcome>>;

/// The answer to [`Request::Verify`]: the replayed session, or why the file is flagged.
pub type CheckReply = Reply<Box<Result<Verified, Flag>>>;

/// The answer to [`Request::Forecast`]: the forecast, or why the line cannot be run.
pub type ForecastReply = Reply<Box<Result<ForecastView, SimError>>>;

/// The answer to [`Request::Optimize`]: the best plan as the page shows it (its progress in
/// whole percent).
pub type OptimizeReply = Reply<Box<BestView>>;

/// A module's answer to [`Request::Optimize`], given the line and where to report progress
/// (done, total); it returns the encoded [`OptimizeReply`].
pub type Optimizer = fn(&Scenario, &mut dyn FnMut(u64, u64)) -> JsValue;

thread_local! {
    /// The page module's optimizer, if it answers [`Request::Optimize`] ([`serve_optimize`]).
    static OPTIMIZER: Cell<Option<Optimizer>> = const { Cell::new(None) };
}

/// Makes this module's worker answer [`Request::Optimize`] with `optimizer` (the
/// `takt-optimize` module calls it at start).
pub fn serve_optimize(optimizer: Optimizer) {
    OPTIMIZER.with(|o| o.set(Some(optimizer)));
}

/// Why a request to the web worker came to nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The core could not play the round (a line that cannot be run, or a run stopped by
    /// its guard against runaway runs).
    Round(Unplayed),
    /// The worker stopped: a panic or an error inside it, in the browser's words.
    Stopped { detail: String },
    /// The worker's script could not be loaded.
    NotLoaded,
    /// The browser would not start a worker (its exception).
    NotStarted { detail: String },
    /// The page has no link to its own module (`selector` finds none).
    NoModule { selector: String },
    /// A message between the page and the worker could not be read (serde_json's text).
    Garbled { detail: String },
    /// This page's worker does not answer that request.
    Unanswered,
}

/// A message as it travels: JSON text.
pub fn encode<T: Serialize>(message: &T) -> JsValue {
    JsValue::from_str(&serde_json::to_string(message).unwrap_or_default())
}

fn decode<T: for<'de> Deserialize<'de>>(event: &MessageEvent) -> Result<T, Failure> {
    let text = event.data().as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| Failure::Garbled {
        detail: e.to_string(),
    })
}

/// In the worker, from the panic hook (`boundary.rs`): tells the page the run failed and why.
/// The worker's instance is dead after it; the page discards it.
pub fn report_panic(detail: &str) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    post(
        &scope,
        &Reply::<()>::Failed(Failure::Stopped {
            detail: detail.to_owned(),
        }),
    );
}

/// In the worker: sends `reply` to the page.
fn post<T: Serialize>(scope: &DedicatedWorkerGlobalScope, reply: &Reply<T>) {
    let _ = scope.post_message(&encode(reply));
}

/// Progress is reported at most this often (ms): every message is handled on the page, and
/// a burst of them (one a replication) kept the answer waiting behind them (issue 17).
const PROGRESS_EVERY_MS: f64 = 50.0;

/// `report`, called at most once every [`PROGRESS_EVERY_MS`] (the first call always).
fn throttled(report: impl Fn(u64, u64)) -> impl FnMut(u64, u64) {
    let mut last = f64::NEG_INFINITY;
    move |done, total| {
        let now = js_sys::Date::now();
        if now - last >= PROGRESS_EVERY_MS {
            last = now;
            report(done, total);
        }
    }
}

/// The worker's side: answers every request, reporting progress (at most 20 times a second).
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let onmessage = {
        let scope = scope.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let mut progress = throttled(|done: u64, total: u64| {
                post(&scope, &Reply::<()>::Progress { done, total })
            });
            match decode(&event) {
                Ok(Request::Round(job)) => {
                    mark("takt:worker:round:start");
                    let reply = run(&job, &mut progress);
                    mark("takt:worker:round:played");
                    post(&scope, &reply);
                    mark("takt:worker:round:posted");
                }
                Ok(Request::Verify { scenario, result }) => {
                    let checked = verify(&scenario, &result, |done, total| {
                        progress(done as u64, total as u64)
                    });
                    post(&scope, &Reply::Done(Box::new(checked)))
                }
                Ok(Request::Forecast {
                    scenario,
                    seed,
                    replications,
                }) => {
                    let view = forecast(&scenario, seed, replications);
                    post(&scope, &Reply::Done(Box::new(view)))
                }
                Ok(Request::Optimize(scenario)) => match OPTIMIZER.with(Cell::get) {
                    Some(optimizer) => {
                        let _ = scope.post_message(&optimizer(&scenario, &mut progress));
                    }
                    None => post(&scope, &Reply::<()>::Failed(Failure::Unanswered)),
                },
                Ok(Request::WarmUp(scenario)) => {
                    mark("takt:worker:warm-up:start");
                    // Its results do not matter; a line that cannot run is reported by the
                    // round that runs it.
                    let _ = takt_core::lean::analyze(&scenario, 1, WARM_UP_REPLICATIONS);
                    mark("takt:worker:warm-up:done");
                }
                Err(e) => post(&scope, &Reply::<()>::Failed(e)),
            }
        })
    };
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&scope, &Reply::<()>::Ready);
}

/// Plays a round in the core, relaying its progress. Cancelling is the page's: it
/// terminates the worker.
fn run(job: &RoundJob, mut progress: impl FnMut(u64, u64)) -> RoundReply {
    let played = job.play(|p| {
        progress(p.done, p.total);
        Control::Continue
    });
    match played {
        Ok(outcome) => Reply::Done(Box::new(outcome)),
        Err(e) => Reply::Failed(Failure::Round(e)),
    }
}

/// Starts a worker running `module` (it answers `Ready` once loaded).
fn spawn(module: Module) -> Result<Worker, Failure> {
    let (app, wasm) = urls_of(module)?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let url = format!(
        "{WORKER_SCRIPT}?app={}&wasm={}",
        js_sys::encode_uri_component(&app),
        js_sys::encode_uri_component(&wasm)
    );
    let worker = Worker::new_with_options(&url, &options).map_err(|e| Failure::NotStarted {
        detail: format!("{e:?}"),
    })?;
    mark("takt:worker:created");
    Ok(worker)
}

/// What an error event from a worker means: an error inside it comes as an ErrorEvent with
/// its message; a script that cannot be loaded at all, as a plain Event.
fn failure_of(event: &web_sys::Event) -> Failure {
    match event.dyn_ref::<web_sys::ErrorEvent>() {
        Some(e) => Failure::Stopped {
            detail: e.message(),
        },
        None => Failure::NotLoaded,
    }
}

/// A loaded worker waiting for its next request. Starting a worker means loading and
/// compiling the whole module again (80–170 ms a round in Chromium, README, Performance),
/// and a fresh instance runs its first requests in the baseline compiler's slower code: so
/// a worker that has answered is kept for the next request instead of being terminated.
struct Idle {
    worker: Worker,
    /// Whether it has said `Ready` (its module is loaded).
    ready: Rc<Cell<bool>>,
    /// Whether it has failed while waiting (it is then dropped, not used).
    failed: Rc<Cell<bool>>,
    _onmessage: Closure<dyn Fn(MessageEvent)>,
    _onerror: Closure<dyn Fn(web_sys::Event)>,
}

/// At most this many idle workers are kept (one for rounds, one for the forecast).
const KEPT: usize = 2;

thread_local! {
    static IDLE: RefCell<Vec<Idle>> = const { RefCell::new(Vec::new()) };
}

impl Idle {
    /// Keeps `worker` (loaded when `ready`) until a request takes it; once it is loaded, it
    /// warms up on `line` if there is one.
    fn keep(worker: Worker, ready: bool, line: Option<Scenario>) -> Idle {
        let ready = Rc::new(Cell::new(ready));
        let failed = Rc::new(Cell::new(false));
        let onmessage = {
            let (ready, failed) = (ready.clone(), failed.clone());
            let (target, line) = (worker.clone(), RefCell::new(line));
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                match decode::<Reply<()>>(&event) {
                    Ok(Reply::Ready) => {
                        mark("takt:worker:ready");
                        ready.set(true);
                        if let Some(line) = line.borrow_mut().take() {
                            let warm_up = encode(&Request::WarmUp(Box::new(line)));
                            if target.post_message(&warm_up).is_err() {
                                failed.set(true);
                            }
                        }
                    }
                    _ => failed.set(true),
                }
            })
        };
        let onerror = {
            let failed = failed.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                failed.set(true);
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Idle {
            worker,
            ready,
            failed,
            _onmessage: onmessage,
            _onerror: onerror,
        }
    }
}

/// Starts a worker ahead of the first request (when the page shows the round to play), so
/// that the round does not wait for one to load, and has it run a few replications of `line`
/// (the session's line) so that the round runs in optimised code (README, Performance).
/// Nothing if one is already waiting; a worker that cannot be started is reported by the
/// request that needs it.
pub fn warm_up(line: Option<Scenario>) {
    if IDLE.with(|idle| idle.borrow().is_empty()) {
        if let Ok(worker) = spawn(Module::Page) {
            IDLE.with(|idle| idle.borrow_mut().push(Idle::keep(worker, false, line)));
        }
    }
}

/// A kept worker, loaded if one is (else the one loading longest), or a new one.
fn take() -> Result<(Worker, bool), Failure> {
    let kept = IDLE.with(|idle| {
        let mut idle = idle.borrow_mut();
        idle.retain(|w| {
            if w.failed.get() {
                w.worker.terminate();
            }
            !w.failed.get()
        });
        let k = idle.iter().position(|w| w.ready.get()).unwrap_or(0);
        (k < idle.len()).then(|| idle.remove(k))
    });
    match kept {
        Some(w) => Ok((w.worker.clone(), w.ready.get())),
        None => Ok((spawn(Module::Page)?, false)),
    }
}

/// The page's handle on one request in a worker. Dropping it before the answer terminates
/// the worker, which stops the run at once (that is how a run is cancelled); dropping it
/// after the answer keeps the worker, loaded, for the next request.
pub struct Runner {
    worker: Worker,
    /// Whether the worker may be kept for the next request (it runs the page's module).
    keep: bool,
    /// Whether the worker has answered and can take another request.
    answered: Rc<Cell<bool>>,
    _onmessage: Closure<dyn Fn(MessageEvent)>,
    _onerror: Closure<dyn Fn(web_sys::Event)>,
}

impl Runner {
    /// Sends `request` to a worker (a kept one, or a new one once it is ready) and passes
    /// every reply on. A worker that fails to load or dies (a trap) is reported as
    /// `Reply::Failed`.
    pub fn start<T: for<'de> Deserialize<'de> + 'static>(
        request: &Request,
        on_reply: impl Fn(Reply<T>) + 'static,
    ) -> Result<Runner, Failure> {
        Runner::start_in(Module::Page, request, on_reply)
    }

    /// [`Runner::start`] in a worker of `module`: the page's own (a kept one if any), or a new
    /// worker of another module, never kept.
    pub fn start_in<T: for<'de> Deserialize<'de> + 'static>(
        module: Module,
        request: &Request,
        on_reply: impl Fn(Reply<T>) + 'static,
    ) -> Result<Runner, Failure> {
        let on_reply = Rc::new(on_reply);
        let (worker, ready) = match module {
            Module::Page => take()?,
            other => (spawn(other)?, false),
        };
        let answered = Rc::new(Cell::new(false));
        // A message sent before the worker's wasm has loaded would be lost: wait for Ready.
        let pending = Rc::new(RefCell::new(Some(encode(request))));
        let send = {
            let worker = worker.clone();
            move || {
                if let Some(message) = pending.borrow_mut().take() {
                    let _ = worker.post_message(&message);
                    mark("takt:request:sent");
                }
            }
        };
        let onmessage = {
            let on_reply = on_reply.clone();
            let answered = answered.clone();
            let send = send.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                mark("takt:message");
                match decode::<Reply<T>>(&event) {
                    Ok(Reply::Ready) => {
                        mark("takt:worker:ready");
                        send()
                    }
                    Ok(reply @ Reply::Done(_)) => {
                        mark("takt:reply:decoded");
                        answered.set(true);
                        on_reply(reply)
                    }
                    // The core refused the request: the worker itself is sound.
                    Ok(reply @ Reply::Failed(Failure::Round(_))) => {
                        answered.set(true);
                        on_reply(reply)
                    }
                    Ok(reply) => on_reply(reply),
                    Err(e) => on_reply(Reply::Failed(e)),
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        let onerror = {
            let answered = answered.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                answered.set(false);
                on_reply(Reply::Failed(failure_of(&event)));
            })
        };
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        if ready {
            send();
        }
        Ok(Runner {
            worker,
            keep: module == Module::Page,
            answered,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let keep = self.keep && self.answered.get() && IDLE.with(|idle| idle.borrow().len() < KEPT);
        if keep {
            let idle = Idle::keep(self.worker.clone(), true, None);
            IDLE.with(|kept| kept.borrow_mut().push(idle));
        } else {
            self.worker.terminate();
        }
    }
}
