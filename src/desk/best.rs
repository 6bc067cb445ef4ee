//! The best plan for a line (`takt_core::training::optimize`), searched in the page's web
//! worker with progress and cancel: in the editor's preview and on the desk, where the
//! leaderboard then reads every team's score as a share of it. The search runs in a worker of
//! its own module (`takt-optimize`, `platform::optimizer`), which neither page carries.

use crate::fmt::{format_number, with_ci};
use crate::i18n::{t_string, use_i18n};
use crate::names::describe;
use crate::platform::worker::{Failure, Module, OptimizeReply, Reply, Request, Runner};
use crate::refusals::Explain;
use leptos::prelude::*;
use takt_core::view::best::BestView;
use takt_core::view::forecast::{verdict, Verdict};
use takt_core::Scenario;

/// Where a search stands (the plan found is the panel's `found`).
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Nothing asked yet, or the plan found.
    Idle,
    /// Searching: percent done.
    Running(u64),
    /// Cancelled by the instructor.
    Cancelled,
    /// The worker could not search.
    Failed(Failure),
}

/// The "find the best plan" panel: the button, the progress bar and cancel, then the plan in
/// words with its cost, points and output. `found` holds the plan of the current `scenario`
/// (emptied when the line changes).
#[component]
pub fn BestPlanFinder(
    /// The line to search (`None`: there is no valid line).
    scenario: Signal<Option<Scenario>>,
    /// The best plan found for it.
    found: RwSignal<Option<BestView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Idle);
    let runner = StoredValue::new_local(None::<Runner>);
    // Another line: a search under way is stopped (its worker terminated), the plan dropped.
    Effect::watch(
        move || scenario.get(),
        move |_, _, _| {
            runner.set_value(None);
            step.set(Step::Idle);
            found.set(None);
        },
        false,
    );
    let start =
        move |_| {
            let Some(sc) = scenario.get_untracked() else {
                return;
            };
            found.set(None);
            step.set(Step::Running(0));
            let request = Request::Optimize(Box::new(sc));
            let finished = move |next: Step| {
                step.set(next);
                leptos::task::spawn_local(async move { runner.set_value(None) });
            };
            let started =
                Runner::start_in(Module::Optimizer, &request, move |reply: OptimizeReply| {
                    match reply {
                        Reply::Progress { done, .. } => step.set(Step::Running(done)),
                        Reply::Done(best) => {
                            found.set(Some(*best));
                            finished(Step::Idle)
                        }
                        Reply::Failed(e) => finished(Step::Failed(e)),
                        Reply::Ready => {}
                    }
                });
            match started {
                Ok(r) => runner.set_value(Some(r)),
                Err(e) => finished(Step::Failed(e)),
            }
        };
    let cancel = move |_| {
        // Dropping the runner terminates the worker, which stops the search at once.
        runner.set_value(None);
        step.set(Step::Cancelled);
    };
    let running = move || matches!(step.get(), Step::Running(_));
    let status = move || {
        match step.get() {
        Step::Idle => None,
        Step::Running(percent) => Some(
            view! {
                <div class="progress" data-testid="best-progress-box">
                    <progress data-testid="best-progress" max="100" value=percent.to_string()
                        aria-label=tx!(i18n, best_progress_label)></progress>
                    <span data-testid="best-progress-text">{t_string!(i18n, best_progress, percent = percent).to_string()}</span>
                </div>
            }
            .into_any(),
        ),
        Step::Cancelled => Some(view! { <p data-testid="best-cancelled">{tx!(i18n, best_cancelled)}</p> }.into_any()),
        Step::Failed(e) => Some(
            view! { <p class="field-error" role="alert" data-testid="best-error">{t_string!(i18n, best_failed, error = e.explain()).to_string()}</p> }
                .into_any(),
        ),
    }
    };
    let plan_view = move || {
        let locale = i18n.get_locale();
        let best = found.get()?;
        let sc = scenario.get()?;
        let changes: Vec<String> = best.plan.iter().map(|c| describe(c, &sc)).collect();
        let done = with_ci(best.completed.mean, best.completed.ci95, locale);
        let verdict = sc
            .demand
            .as_ref()
            .map(|d| match verdict(best.completed, d.quantity) {
                Verdict::Met => ("met", t_string!(i18n, forecast_met)),
                Verdict::Missed => ("missed", t_string!(i18n, forecast_missed)),
                Verdict::Uncertain => ("uncertain", t_string!(i18n, forecast_uncertain)),
            });
        let facts = [
            (
                "best-cost",
                t_string!(i18n, best_cost, cost = format_number(best.cost, locale)).to_string(),
            ),
            (
                "best-points",
                t_string!(
                    i18n,
                    best_points,
                    points = format_number(best.points, locale),
                    max = format_number(best.max, locale)
                )
                .to_string(),
            ),
            (
                "best-units",
                format!(
                    "{}{}",
                    t_string!(i18n, best_units, done = done),
                    verdict.map_or(String::new(), |v| format!(" — {}", v.1))
                ),
            ),
            (
                "best-evaluated",
                t_string!(i18n, best_evaluated, count = best.evaluated).to_string(),
            ),
        ];
        Some(view! {
            <div class="best-plan" data-testid="best-plan" data-points=best.points.to_string()
                data-verdict=verdict.map_or("", |v| v.0)>
                {if changes.is_empty() {
                    view! { <p data-testid="best-nothing">{tx!(i18n, best_nothing)}</p> }.into_any()
                } else {
                    view! { <ol class="best-changes" data-testid="best-changes">{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ol> }.into_any()
                }}
                <ul class="facts-list">
                    {facts.map(|(id, text)| view! { <li data-testid=id>{text}</li> }).collect_view()}
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
                {move || running().then(|| view! {
                    <button type="button" data-testid="best-cancel" on:click=cancel>
                        {tx!(i18n, best_cancel)}
                    </button>
                })}
            </div>
            {status}
            {plan_view}
        </div>
    }
}
