//! The best plan for a line (`takt_core::training::optimize`), searched in the page's web
//! worker with progress and cancel: in the editor's preview and on the desk, where the
//! leaderboard then reads every team's score as a share of it. Only the instructor's page
//! answers the request ([`serve`]): the trainee's module carries no search.

use crate::fmt::{format_number, with_ci};
use crate::i18n::{t_string, use_i18n};
use crate::names::describe;
use crate::platform::worker::{
    encode, serve_optimize, Failure, OptimizeReply, Reply, Request, Runner,
};
use crate::refusals::Explain;
use leptos::prelude::*;
use takt_core::sim::Control;
use takt_core::training::optimize::{optimize, BestPlan, Options};
use takt_core::view::best::order_verdict;
use takt_core::view::forecast::Verdict;
use takt_core::Scenario;
use wasm_bindgen::JsValue;

/// Seconds after which the browser's search stops, whatever is left of its evaluation
/// budget (the default time limit's, as `takt optimize` spends it): the worker runs on one
/// thread at about half native speed, so it gets three times the native limit.
const CAP_SECONDS: f64 = 30.0;

/// The worker's answer to `Request::Optimize`: the search, its progress relayed in whole
/// percent. Cancelling is the page's: it terminates the worker.
fn answer(sc: &Scenario, options: &Options, progress: &mut dyn FnMut(u64, u64)) -> JsValue {
    let start = js_sys::Date::now();
    let clock = || (js_sys::Date::now() - start) / 1000.0;
    let found = optimize(sc, options, clock, |p| {
        progress(p.percent(), 100);
        Control::Continue
    });
    let reply: OptimizeReply = match found {
        Ok(best) => Reply::Done(Box::new(best)),
        Err(e) => Reply::Failed(Failure::Round(e)),
    };
    encode(&reply)
}

/// Makes this page's web worker answer the best-plan request (called by the instructor's
/// page at start, in the page and in its worker).
pub fn serve() {
    serve_optimize(answer);
}

/// The "find the best plan" panel: the button, the progress bar and cancel, then the plan in
/// words with its cost, points and output. `found` holds the plan of the current `scenario`
/// (emptied when the line changes).
#[component]
pub fn BestPlanFinder(
    /// The line to search (`None`: there is no valid line).
    scenario: Signal<Option<Scenario>>,
    /// The best plan found for it.
    found: RwSignal<Option<BestPlan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(None::<u64>);
    let failure = RwSignal::new(None::<Failure>);
    let cancelled = RwSignal::new(false);
    let runner = StoredValue::new_local(None::<Runner>);
    // Another line: a search under way is stopped (its worker terminated), the plan dropped.
    Effect::watch(
        move || scenario.get(),
        move |_, _, _| {
            runner.set_value(None);
            progress.set(None);
            failure.set(None);
            cancelled.set(false);
            found.set(None);
        },
        false,
    );
    let start = move |_| {
        let Some(sc) = scenario.get_untracked() else {
            return;
        };
        found.set(None);
        failure.set(None);
        cancelled.set(false);
        progress.set(Some(0));
        let options = Options {
            cap: CAP_SECONDS,
            ..Options::of(&sc)
        };
        let finished = move |result: Result<Box<BestPlan>, Failure>| {
            progress.set(None);
            match result {
                Ok(best) => found.set(Some(*best)),
                Err(e) => failure.set(Some(e)),
            }
            leptos::task::spawn_local(async move { runner.set_value(None) });
        };
        let request = Request::Optimize {
            scenario: Box::new(sc),
            options,
        };
        let started = Runner::start(&request, move |reply: OptimizeReply| match reply {
            Reply::Progress { done, .. } => progress.set(Some(done)),
            Reply::Done(best) => finished(Ok(best)),
            Reply::Failed(e) => finished(Err(e)),
            Reply::Ready => {}
        });
        match started {
            Ok(r) => runner.set_value(Some(r)),
            Err(e) => finished(Err(e)),
        }
    };
    let cancel = move |_| {
        // Dropping the runner terminates the worker, which stops the search at once.
        runner.set_value(None);
        progress.set(None);
        cancelled.set(true);
    };
    let running = move || progress.get().is_some();
    let plan_view = move || {
        let locale = i18n.get_locale();
        let best = found.get()?;
        let sc = scenario.get()?;
        let changes = if best.plan.is_empty() {
            view! { <p data-testid="best-nothing">{tx!(i18n, best_nothing)}</p> }.into_any()
        } else {
            let items = best
                .plan
                .iter()
                .map(|c| view! { <li>{describe(c, &sc)}</li> })
                .collect_view();
            view! { <ol class="best-changes" data-testid="best-changes">{items}</ol> }.into_any()
        };
        let done = with_ci(best.kpis.completed.mean, best.kpis.completed.ci95, locale);
        let verdict = order_verdict(&best, &sc).map(|v| match v {
            Verdict::Met => ("met", t_string!(i18n, forecast_met)),
            Verdict::Missed => ("missed", t_string!(i18n, forecast_missed)),
            Verdict::Uncertain => ("uncertain", t_string!(i18n, forecast_uncertain)),
        });
        let (cost, points, max) = (
            format_number(best.cost, locale),
            format_number(best.score.total, locale),
            format_number(best.score.max, locale),
        );
        Some(view! {
            <div class="best-plan" data-testid="best-plan">
                {changes}
                <ul class="facts-list">
                    <li data-testid="best-cost">{t_string!(i18n, best_cost, cost = cost)}</li>
                    <li data-testid="best-points" data-points=best.score.total.to_string()>
                        {t_string!(i18n, best_points, points = points, max = max)}
                    </li>
                    <li data-testid="best-units" data-verdict=verdict.map(|v| v.0)>
                        {t_string!(i18n, best_units, done = done)}
                        {verdict.map(|v| format!(" — {}", v.1))}
                    </li>
                    <li class="hint" data-testid="best-evaluated">
                        {t_string!(i18n, best_evaluated, count = best.evaluated)}
                    </li>
                </ul>
                {best.capped.then(|| view! { <p class="notice warning" data-testid="best-capped">{tx!(i18n, best_capped)}</p> })}
            </div>
        })
    };

    view! {
        <div class="best" data-testid="best">
            <h3>{tx!(i18n, best_title)}</h3>
            <p class="hint">{tx!(i18n, best_hint)}</p>
            <div class="actions">
                <button type="button" data-testid="best-run"
                    disabled=move || running() || scenario.with(Option::is_none)
                    on:click=start>
                    {tx!(i18n, best_find)}
                </button>
                <Show when=running>
                    <button type="button" data-testid="best-cancel" on:click=cancel>
                        {tx!(i18n, best_cancel)}
                    </button>
                </Show>
            </div>
            {move || progress.get().map(|percent| view! {
                <div class="progress" data-testid="best-progress-box">
                    <progress data-testid="best-progress" max="100" value=percent.to_string()
                        aria-label=tx!(i18n, best_progress_label)></progress>
                    <span data-testid="best-progress-text">{move || t_string!(i18n, best_progress, percent = percent)}</span>
                </div>
            })}
            <Show when=move || cancelled.get()>
                <p data-testid="best-cancelled">{tx!(i18n, best_cancelled)}</p>
            </Show>
            {move || failure.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="best-error">{move || t_string!(i18n, best_failed, error = e.explain())}</p>
            })}
            {plan_view}
        </div>
    }
}
