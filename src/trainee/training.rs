//! The trainee's training: choose a scenario, play its rounds (replications in the web
//! worker, with a progress bar and cancel), study the results, plan the next round.

use crate::charts::Yamazumi;
use crate::fmt::format_number;
use crate::fmt::unit_symbol;
use crate::i18n::{t_string, use_i18n};
use crate::library;
use crate::platform::export::take_picked;
use crate::platform::timing::mark;
use crate::platform::worker::{warm_up, Failure, Reply, Request, RoundReply, Runner};
use crate::refusals::Explain;
use crate::trainee::classroom::{ClassGate, ClassroomCard};
use crate::trainee::coach::CoachPanel;
use crate::trainee::improve::Improve;
use crate::trainee::results::{Exports, Results, Rounds};
use crate::trainee::session::{ImportError, Notice, SessionState, SESSION_KEY};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use takt_core::model::MAX_ROUND_REPLICATIONS;
use takt_core::training::session::Session;
use takt_core::training::Refusal;

/// The whole training view: notices, then the scenario picker or the session.
#[component]
pub fn Training() -> impl IntoView {
    let state = SessionState::get();
    let started = Memo::new(move |_| state.session.with(Option::is_some));
    ClassGate::provide();
    view! {
        <ClassroomCard />
        <Notices />
        <SessionFiles />
        {move || if started.get() {
            view! { <SessionView /> }.into_any()
        } else {
            view! { <Picker /> }.into_any()
        }}
    }
}

#[component]
fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let download_copy = move |_| {
        if let Some(text) = SESSION_KEY.corrupt_copy() {
            let _ = crate::platform::export::download(
                "takt-session-damaged.json",
                "application/json",
                &text,
            );
        }
    };
    move || {
        state.notice.get().map(|notice| {
            // Why, in the interface language (following it).
            let (testid, warning, detail) = match notice.clone() {
                Notice::Corrupt { error, .. } => ("session-corrupt", true, Some((move || error.explain()).into_any())),
                Notice::NotSaved(error) => ("session-not-saved", true, Some((move || error.explain()).into_any())),
                Notice::Shared { .. } => ("session-shared", false, None),
                Notice::SharedSame { .. } => ("session-shared-same", false, None),
                Notice::Imported { .. } => ("session-imported", false, None),
                Notice::Restored => ("session-restored", false, None),
                Notice::SharedBroken(error) => ("session-shared-broken", true, Some((move || error.explain()).into_any())),
            };
            let corrupt = matches!(notice, Notice::Corrupt { .. });
            let message = match notice {
                Notice::Corrupt { copy, .. } => {
                    (move || t_string!(i18n, notice_corrupt, copy = copy.clone())).into_any()
                }
                Notice::NotSaved(_) => tx!(i18n, notice_not_saved).into_any(),
                Notice::Shared { previous } => view! {
                    {tx!(i18n, notice_shared)}
                    {previous.then(|| view! { " " {tx!(i18n, notice_previous_session_kept)} })}
                }
                .into_any(),
                Notice::SharedSame { round } => {
                    (move || t_string!(i18n, notice_shared_same, n = round)).into_any()
                }
                Notice::Imported { previous } => view! {
                    {tx!(i18n, notice_imported)}
                    {previous.then(|| view! { " " {tx!(i18n, notice_previous_session_kept)} })}
                }
                .into_any(),
                Notice::Restored => tx!(i18n, notice_restored).into_any(),
                Notice::SharedBroken(_) => tx!(i18n, notice_shared_broken).into_any(),
            };
            view! {
                <div class="notice" class:warning=warning role=if warning { "alert" } else { "status" } data-testid=testid>
                    <p>{message}</p>
                    {detail.map(|d| view! { <p class="notice-detail">{d}</p> })}
                    <div class="actions">
                        {corrupt.then(|| view! {
                            <button type="button" data-testid="session-corrupt-download" on:click=download_copy>
                                {tx!(i18n, notice_download_copy)}
                            </button>
                        })}
                        <button type="button" data-testid="notice-dismiss" on:click=move |_| state.notice.set(None)>
                            {tx!(i18n, notice_dismiss)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// Other sessions: bring back the previous one (kept when a share link of another scenario
/// or an imported file replaced it), or import a session file ("Сессия (JSON)"). Either
/// keeps the current session as the previous one.
#[component]
fn SessionFiles() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let error = RwSignal::new(None::<(String, ImportError)>);
    let import = move |files: web_sys::FileList| {
        let Some(file) = files.item(0) else { return };
        leptos::task::spawn_local(async move {
            let name = file.name();
            match state.import(file).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some((name, e))),
            }
        });
    };
    let previous = move || {
        state.previous.with(|p| {
            p.as_ref().map(|p| {
                let title = p.scenario.title_in(i18n.get_locale().as_str()).to_owned();
                (title, p.rounds.len(), p.total_rounds())
            })
        })
    };
    view! {
        <section class="card session-files" aria-labelledby="session-files-title" data-testid="session-files">
            <h2 id="session-files-title" class="visually-hidden">{tx!(i18n, session_files_title)}</h2>
            {move || previous().map(|(title, played, total)| view! {
                <div class="previous-session">
                    <p data-testid="previous-session">
                        {move || t_string!(i18n, previous_session, title = title.clone(), played = played, total = total)}
                    </p>
                    <div class="actions">
                        <button type="button" data-testid="previous-restore" on:click=move |_| state.restore_previous()>
                            {tx!(i18n, previous_restore)}
                        </button>
                    </div>
                </div>
            })}
            <div class="field">
                <label for="session-import">{tx!(i18n, session_import)}</label>
                <input id="session-import" data-testid="session-import" type="file" accept=".json,application/json"
                    aria-describedby="session-import-hint session-import-error"
                    on:change:target=move |ev| take_picked(&ev.target(), import) />
                <p id="session-import-hint" class="hint">{tx!(i18n, session_import_hint)}</p>
                <p id="session-import-error" class="field-error" role="alert" data-testid="session-import-error"
                    hidden=move || error.with(Option::is_none)>
                    {move || error.get().map(|(name, e)| view! { {tx!(i18n, session_import_refused)}" "{format!("{name}: {}", e.explain())} })}
                </p>
            </div>
        </section>
    }
}

/// Choosing a built-in scenario: its briefing and line, then "start".
#[component]
fn Picker() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let scenarios = StoredValue::new(library::scenarios());
    let chosen = RwSignal::new(0usize);
    let options = move || scenarios.with_value(|l| library::options(l, i18n.get_locale()));
    let start = move |_| {
        let (id, sc) = scenarios.with_value(|l| l[chosen.get_untracked()].clone());
        state.session.set(Some(Session::for_class(id, sc)));
    };
    view! {
        <section class="card" aria-labelledby="pick-title" data-testid="picker">
            <h2 id="pick-title">{tx!(i18n, pick_title)}</h2>
            <div class="fields">
                <div class="field">
                    <label for="scenario">{tx!(i18n, scenario_label)}</label>
                    <select
                        id="scenario"
                        data-testid="scenario-select"
                        on:change:target=move |ev| chosen.set(ev.target().value().parse().unwrap_or(0))
                        prop:value=move || chosen.get().to_string()
                    >
                        {options}
                    </select>
                </div>
            </div>
            {move || scenarios.with_value(|l| {
                let sc = l[chosen.get()].1.clone();
                view! { <Briefing scenario=sc.clone() /> <Yamazumi scenario=sc /> }
            })}
            <div class="actions">
                <button type="button" class="primary" data-testid="session-start" on:click=start>
                    {tx!(i18n, session_start)}
                </button>
            </div>
        </section>
    }
}

/// A scenario's briefing: its story, the order, the takt time and the team.
#[component]
fn Briefing(scenario: takt_core::Scenario) -> impl IntoView {
    let i18n = use_i18n();
    let balance = takt_core::lean::Balance::of(&scenario);
    let sc = StoredValue::new(scenario);
    let text = move || {
        sc.with_value(|s| {
            s.briefing
                .get(i18n.get_locale().as_str())
                .cloned()
                .unwrap_or_default()
        })
    };
    let order = sc.with_value(|s| s.demand.as_ref().map(|d| d.quantity));
    let (unit, operators, stations) =
        sc.with_value(|s| (s.time_unit, s.operators.len(), s.stations.len()));
    // The products by their names in the interface language (none: the fact is left out).
    let has_products = sc.with_value(|s| !s.products.is_empty());
    let products = move || {
        let lang = crate::names::lang();
        sc.with_value(|s| {
            s.products
                .iter()
                .map(|p| p.label(lang))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let takt = balance.takt_time;
    view! {
        <div class="briefing">
            <p class="intro" data-testid="briefing">{text}</p>
            <dl class="facts">
                {has_products.then(|| view! {
                    <div><dt>{tx!(i18n, fact_product)}</dt><dd data-testid="fact-product">{products}</dd></div>
                })}
                <div><dt>{tx!(i18n, fact_order)}</dt><dd data-testid="fact-order">{order.map_or("—".into(), |q| q.to_string())}</dd></div>
                <div><dt>{tx!(i18n, fact_takt)}</dt><dd data-testid="fact-takt">{move || takt.map_or("—".into(), |t| format!("{} {}", format_number(t, i18n.get_locale()), unit_symbol(unit, i18n.get_locale())))}</dd></div>
                <div><dt>{tx!(i18n, fact_stations)}</dt><dd>{stations}</dd></div>
                <div><dt>{tx!(i18n, fact_operators)}</dt><dd>{operators}</dd></div>
            </dl>
        </div>
    }
}

/// A session under way: where it stands, the next round, the results so far.
#[component]
fn SessionView() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let played = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().map_or(0, |s| s.rounds.len()))
    });
    let total = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().map_or(0, Session::total_rounds))
    });
    let next = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().and_then(Session::next_round))
    });
    let scenario = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().map(|s| s.scenario.clone()))
    });
    let title = move || {
        scenario.with(|s| {
            s.as_ref()
                .map(|s| s.title_in(i18n.get_locale().as_str()).to_owned())
        })
    };
    let confirming = RwSignal::new(false);
    let export_first = move |_| {
        state.session.with_untracked(|s| {
            if let Some(s) = s {
                let text = serde_json::to_string(s).unwrap_or_default();
                let _ = crate::platform::export::download(
                    "takt-session.json",
                    "application/json",
                    &text,
                );
            }
        })
    };
    view! {
        <section class="card session-bar" aria-labelledby="session-title" data-testid="session">
            <div class="session-head">
                <h2 id="session-title" data-testid="session-title">{title}</h2>
                <p class="round-label" data-testid="round-label">
                    {move || match next.get() {
                        Some(n) => t_string!(i18n, round_of, n = n, total = total.get()).to_string(),
                        None => t_string!(i18n, rounds_done, total = total.get()).to_string(),
                    }}
                </p>
                <button type="button" data-testid="session-new" on:click=move |_| confirming.set(true)>
                    {tx!(i18n, session_new)}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="notice" role="alertdialog" aria-labelledby="confirm-text" data-testid="session-new-confirm">
                    <p id="confirm-text">{tx!(i18n, session_new_confirm)}</p>
                    <div class="actions">
                        <button type="button" on:click=export_first>{tx!(i18n, export_session)}</button>
                        <button type="button" class="danger" data-testid="session-new-yes"
                            on:click=move |_| { confirming.set(false); state.close() }>
                            {tx!(i18n, session_new_yes)}
                        </button>
                        <button type="button" on:click=move |_| confirming.set(false)>{tx!(i18n, notice_dismiss)}</button>
                    </div>
                </div>
            </Show>
            {move || scenario.get().map(|sc| view! { <Briefing scenario=sc /> })}
        </section>
        <Show when=move || next.get().is_some()>
            <RoundRunner />
        </Show>
        {move || {
            let n = played.get();
            (n > 0).then(|| view! { <Results round=n /> })
        }}
        {move || (played.get() > 1).then(|| view! { <Rounds /> })}
        {move || (played.get() > 0 && next.get().is_some()).then(|| view! { <Improve /> <CoachPanel /> })}
        <Exports />
    }
}

/// Why a round has no results: its plan was refused, or the web worker failed.
#[derive(Debug, Clone, PartialEq)]
enum RunFailure {
    Refused(Refusal),
    Worker(Failure),
}

impl Explain for RunFailure {
    fn explain(&self) -> String {
        match self {
            RunFailure::Refused(r) => r.explain(),
            RunFailure::Worker(f) => f.explain(),
        }
    }
}

/// Runs the next round in the web worker and records it in the session.
#[component]
fn RoundRunner() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let class = Memo::new(move |_| state.session.with(|s| s.as_ref().map(Session::class_run)));
    let fixed = move || class.with(|c| c.is_some_and(|c| c.fixed));
    let seed = move || state.session.with(|s| s.as_ref().map_or(0, |s| s.seed));
    let replications = RwSignal::new(
        state
            .session
            .with_untracked(|s| s.as_ref().map_or(0, |s| s.replications))
            .to_string(),
    );
    let count = Memo::new(move |_| {
        replications.with(|r| {
            r.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_ROUND_REPLICATIONS).contains(n))
        })
    });
    Effect::watch(
        move || count.get(),
        move |n, _, _| {
            if let Some(n) = *n {
                state.update(|s| {
                    s.choose_replications(n);
                });
            }
        },
        false,
    );
    // Another session brought in (imported, restored) shows its own replications.
    Effect::watch(
        move || state.session.with(|s| s.as_ref().map(|s| s.replications)),
        move |r, _, _| {
            if let Some(r) = *r {
                if count.get_untracked() != Some(r) {
                    replications.set(r.to_string());
                }
            }
        },
        false,
    );
    let next = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().and_then(Session::next_round))
    });
    let progress = RwSignal::new(None::<(u64, u64)>);
    let failure = RwSignal::new(None::<RunFailure>);
    let cancelled = RwSignal::new(false);
    let runner = StoredValue::new_local(None::<Runner>);
    // A worker loads (and warms up on the session's line) while the team plans, so the round
    // does not wait for one.
    let line = move || {
        state
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.scenario.clone()))
    };
    warm_up(line());

    let start = move |_| {
        mark("takt:round:click");
        let Some(job) = state
            .session
            .with_untracked(|s| s.as_ref().map(Session::job))
        else {
            return;
        };
        cancelled.set(false);
        failure.set(None);
        let job = match job {
            Ok(job) => job,
            Err(refusal) => {
                failure.set(Some(RunFailure::Refused(refusal)));
                return;
            }
        };
        let total = job.total_replications();
        progress.set(Some((0, total)));
        let finished = move |result: Result<Box<takt_core::training::Outcome>, Failure>| {
            progress.set(None);
            match result {
                Ok(outcome) => {
                    let outcome = *outcome;
                    state.update(|s| s.record(outcome));
                    mark("takt:round:recorded");
                    request_animation_frame(|| mark("takt:round:frame"));
                }
                Err(e) => failure.set(Some(RunFailure::Worker(e))),
            }
            // The worker is done: let it go once this message handler has returned.
            leptos::task::spawn_local(async move { runner.set_value(None) });
        };
        let started =
            Runner::start(
                &Request::Round(Box::new(job)),
                move |reply: RoundReply| match reply {
                    Reply::Progress { done, total } => progress.set(Some((done, total))),
                    Reply::Done(outcome) => finished(Ok(outcome)),
                    Reply::Failed(e) => finished(Err(e)),
                    Reply::Ready => {}
                },
            );
        match started {
            Ok(r) => runner.set_value(Some(r)),
            Err(e) => finished(Err(e)),
        }
    };
    let cancel = move |_| {
        // Cancelling terminates the round's worker: load the next one now.
        runner.set_value(None);
        warm_up(line());
        progress.set(None);
        cancelled.set(true);
    };

    view! {
        <section class="card" aria-labelledby="run-title" data-testid="run-panel">
            <h2 id="run-title">{move || t_string!(i18n, run_round, n = next.get().unwrap_or(0))}</h2>
            <div class="fields">
                <div class="field">
                    <label for="replications">{tx!(i18n, replications_label)}</label>
                    <input
                        id="replications"
                        data-testid="replications"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        readonly=fixed
                        bind:value=replications
                        aria-invalid=move || (!fixed() && count.get().is_none()).then_some("true")
                        aria-describedby="replications-hint class-run"
                    />
                    <p id="replications-hint" class="hint">{tx!(i18n, replications_hint)}</p>
                    <p id="class-run" class="hint class-run" data-testid="class-run" class:fixed=fixed>
                        {move || if fixed() {
                            t_string!(i18n, class_run_fixed, seed = seed()).to_string()
                        } else {
                            t_string!(i18n, class_run_free, seed = seed()).to_string()
                        }}
                    </p>
                    <Show when=move || !fixed() && count.get().is_none()>
                        <p class="field-error" role="alert" data-testid="replications-error">
                            {move || t_string!(i18n, replications_error, max = MAX_ROUND_REPLICATIONS)}
                        </p>
                    </Show>
                </div>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="run-start"
                    disabled=move || progress.get().is_some() || (!fixed() && count.get().is_none()) || ClassGate::held().is_some()
                    on:click=start
                >
                    {move || t_string!(i18n, run_start_round, n = next.get().unwrap_or(0))}
                </button>
                {move || ClassGate::held().map(|why| view! { <p class="hint" role="status" data-testid="class-wait">{why}</p> })}
                <Show when=move || progress.get().is_some()>
                    <button type="button" data-testid="run-cancel" on:click=cancel>
                        {tx!(i18n, run_cancel)}
                    </button>
                </Show>
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <div class="progress" data-testid="run-progress-box">
                    <progress
                        data-testid="run-progress"
                        max=total.to_string()
                        value=done.to_string()
                        aria-label=tx!(i18n, run_progress_label)
                    ></progress>
                    <span data-testid="run-progress-text">{move || t_string!(i18n, run_progress, done = done, total = total)}</span>
                </div>
            })}
            <Show when=move || cancelled.get()>
                <p data-testid="run-cancelled">{tx!(i18n, run_cancelled)}</p>
            </Show>
            {move || failure.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="run-error">{move || t_string!(i18n, run_failed, error = e.explain())}</p>
            })}
        </section>
    }
}
