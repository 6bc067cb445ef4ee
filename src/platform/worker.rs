//! Rounds in a web worker, so the page never freezes: the messages both sides share,
//! the worker's loop ([`serve`], started by `public/worker.js` in the page's own module) and the page's handle
//! ([`Runner`]). Messages travel as JSON text.

use super::timing::mark;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use takt_core::sim::Control;
use takt_core::training::result::{verify, Flag, ResultFile, Verified};
use takt_core::training::{Outcome, RoundJob, Unplayed};
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
}

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
}

fn encode<T: Serialize>(message: &T) -> JsValue {
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

/// The worker's side: answers every request, reporting progress about a hundred times a run.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let onmessage = {
        let scope = scope.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let progress =
                |done: u64, total: u64| post(&scope, &Reply::<()>::Progress { done, total });
            match decode(&event) {
                Ok(Request::Round(job)) => post(&scope, &run(&job, progress)),
                Ok(Request::Verify { scenario, result }) => {
                    let checked = verify(&scenario, &result, |done, total| {
                        progress(done as u64, total as u64)
                    });
                    post(&scope, &Reply::Done(Box::new(checked)))
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
fn run(job: &RoundJob, progress: impl Fn(u64, u64)) -> RoundReply {
    let played = job.play(|p| {
        progress(p.done, p.total);
        Control::Continue
    });
    match played {
        Ok(outcome) => Reply::Done(Box::new(outcome)),
        Err(e) => Reply::Failed(Failure::Round(e)),
    }
}

/// The page's handle on one run in its own worker. Dropping it terminates the worker,
/// which stops the run at once (that is how a run is cancelled).
pub struct Runner {
    worker: Worker,
    _onmessage: Closure<dyn Fn(MessageEvent)>,
    _onerror: Closure<dyn Fn(web_sys::Event)>,
}

impl Runner {
    /// Starts a worker, sends it `request` once it is ready, and passes every reply on.
    /// A worker that fails to load or dies (a trap) is reported as `Reply::Failed`.
    pub fn start<T: for<'de> Deserialize<'de> + 'static>(
        request: &Request,
        on_reply: impl Fn(Reply<T>) + 'static,
    ) -> Result<Runner, Failure> {
        let on_reply = Rc::new(on_reply);
        let (app, wasm) = module_urls()?;
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
        // A message sent before the worker's wasm has loaded would be lost: wait for Ready.
        let pending = Rc::new(RefCell::new(Some(encode(request))));
        let onmessage = {
            let worker = worker.clone();
            let on_reply = on_reply.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                mark("takt:message");
                match decode::<Reply<T>>(&event) {
                    Ok(Reply::Ready) => {
                        mark("takt:worker:ready");
                        if let Some(message) = pending.borrow_mut().take() {
                            let _ = worker.post_message(&message);
                            mark("takt:request:sent");
                        }
                    }
                    Ok(reply @ Reply::Done(_)) => {
                        mark("takt:reply:decoded");
                        on_reply(reply)
                    }
                    Ok(reply) => on_reply(reply),
                    Err(e) => on_reply(Reply::Failed(e)),
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        // An error inside the worker comes as an ErrorEvent with its message; a script that
        // cannot be loaded at all, as a plain Event.
        let onerror = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let failure = match event.dyn_ref::<web_sys::ErrorEvent>() {
                Some(e) => Failure::Stopped {
                    detail: e.message(),
                },
                None => Failure::NotLoaded,
            };
            on_reply(Reply::Failed(failure));
        });
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Runner {
            worker,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
