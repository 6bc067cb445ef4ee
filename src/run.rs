//! Running a built-in scenario: replications in the web worker with a progress bar and
//! cancel, then the line's figures with their 95 % confidence intervals.

use crate::calculator::format_number;
use crate::charts::{StateBars, Yamazumi};
use crate::i18n::{t, t_string, use_i18n, Locale};
use crate::library;
use crate::worker::{Reply, Request, Runner};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use takt_core::report::Report;
use takt_core::time::TimeUnit;

/// The seed of runs started here (the CLI's default, so results can be compared).
pub const SEED: u64 = 1;
/// The most replications one run may ask for.
const MAX_REPLICATIONS: u64 = 10_000;

/// The time unit as printed in `locale`.
pub fn unit_symbol(unit: TimeUnit, locale: Locale) -> &'static str {
    match (unit, locale) {
        (TimeUnit::Seconds, Locale::ru) => "с",
        (TimeUnit::Minutes, Locale::ru) => "мин",
        (TimeUnit::Hours, Locale::ru) => "ч",
        (u, Locale::en) => u.symbol(),
    }
}

/// A mean with its confidence half-width, as "12,3 ± 0,4".
fn with_ci(mean: f64, ci: Option<f64>, locale: Locale) -> String {
    match ci {
        Some(ci) if ci > 0.0 => format!(
            "{} ± {}",
            format_number(mean, locale),
            format_number(ci, locale)
        ),
        _ => format_number(mean, locale),
    }
}

#[component]
pub fn RunPanel() -> impl IntoView {
    let i18n = use_i18n();
    let scenarios = StoredValue::new(library::scenarios());
    let chosen = RwSignal::new(0usize);
    let replications = RwSignal::new(String::from("30"));
    let count = Memo::new(move |_| {
        replications.with(|r| {
            r.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_REPLICATIONS).contains(n))
        })
    });
    let progress = RwSignal::new(None::<(u64, u64)>);
    let outcome = RwSignal::new(None::<Result<Report, String>>);
    let cancelled = RwSignal::new(false);
    let runner = StoredValue::new_local(None::<Runner>);

    let start = move |_| {
        let Some(n) = count.get_untracked() else {
            return;
        };
        let scenario = scenarios.with_value(|l| l[chosen.get_untracked()].1.clone());
        outcome.set(None);
        cancelled.set(false);
        progress.set(Some((0, n)));
        let request = Request::Run {
            scenario: Box::new(scenario),
            seed: SEED,
            replications: n,
        };
        let finished = move |result: Result<Report, String>| {
            progress.set(None);
            outcome.set(Some(result));
            // The worker is done: let it go once this message handler has returned.
            leptos::task::spawn_local(async move { runner.set_value(None) });
        };
        let started = Runner::start(&request, move |reply| match reply {
            Reply::Progress { done, total } => progress.set(Some((done, total))),
            Reply::Done(report) => finished(Ok(*report)),
            Reply::Failed(e) => finished(Err(e)),
            Reply::Ready => {}
        });
        match started {
            Ok(r) => runner.set_value(Some(r)),
            Err(e) => finished(Err(e)),
        }
    };
    let cancel = move |_| {
        runner.set_value(None);
        progress.set(None);
        cancelled.set(true);
    };

    let options = move || {
        let locale = i18n.get_locale();
        scenarios.with_value(|l| {
            l.iter()
                .enumerate()
                .map(|(k, (id, sc))| view! { <option value=k.to_string() data-id=*id>{sc.title_in(locale.as_str()).to_owned()}</option> })
                .collect_view()
        })
    };
    let briefing = move || {
        let locale = i18n.get_locale();
        scenarios.with_value(|l| {
            l[chosen.get()]
                .1
                .briefing
                .get(locale.as_str())
                .cloned()
                .unwrap_or_default()
        })
    };
    let result = move || {
        let locale = i18n.get_locale();
        outcome.get().map(|o| match o {
            Err(e) => view! { <p class="field-error" role="alert" data-testid="run-error">{t!(i18n, run_failed, error = e)}</p> }.into_any(),
            Ok(r) => {
                let sc = scenarios.with_value(|l| l[chosen.get_untracked()].1.clone());
                let unit = unit_symbol(r.time_unit, locale);
                let ci = r.ci95.clone();
                let order = sc.demand.as_ref().map(|d| d.quantity);
                let bottleneck = sc
                    .stations
                    .iter()
                    .find(|s| s.id == r.bottleneck)
                    .map(|s| s.label().to_owned())
                    .unwrap_or_else(|| r.bottleneck.clone());
                let names = r
                    .stations
                    .iter()
                    .map(|st| sc.stations.iter().find(|d| d.id == st.id).map_or(st.id.clone(), |d| d.label().to_owned()))
                    .collect();
                view! {
                    <table class="results" data-testid="run-results">
                        <tbody>
                            <tr><th scope="row">{t!(i18n, result_completed)}</th>
                                <td data-testid="result-completed">{with_ci(r.completed, ci.as_ref().map(|c| c.completed), locale)}</td></tr>
                            <tr><th scope="row">{t!(i18n, result_order)}</th>
                                <td data-testid="result-order">{order.map(|q| q.to_string()).unwrap_or_else(|| "—".into())}</td></tr>
                            <tr><th scope="row">{t!(i18n, result_lead_time, unit = move || unit)}</th>
                                <td data-testid="result-lead-time">{r.lead_time.mean.map(|m| with_ci(m, ci.as_ref().and_then(|c| c.lead_time), locale)).unwrap_or_else(|| "—".into())}</td></tr>
                            <tr><th scope="row">{t!(i18n, result_wip)}</th>
                                <td data-testid="result-wip">{with_ci(r.wip.mean, ci.as_ref().map(|c| c.wip), locale)}</td></tr>
                            <tr><th scope="row">{t!(i18n, result_bottleneck)}</th>
                                <td data-testid="result-bottleneck" data-station=r.bottleneck.clone()>{bottleneck}</td></tr>
                        </tbody>
                    </table>
                    <StateBars report=r.clone() names=names />
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="card" aria-labelledby="run-title" data-testid="run-panel">
            <h2 id="run-title">{t!(i18n, run_title)}</h2>
            <div class="fields">
                <div class="field">
                    <label for="scenario">{t!(i18n, scenario_label)}</label>
                    <select
                        id="scenario"
                        data-testid="scenario-select"
                        on:change:target=move |ev| chosen.set(ev.target().value().parse().unwrap_or(0))
                        prop:value=move || chosen.get().to_string()
                    >
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for="replications">{t!(i18n, replications_label)}</label>
                    <input
                        id="replications"
                        data-testid="replications"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        bind:value=replications
                        aria-invalid=move || count.get().is_none().then_some("true")
                    />
                    <Show when=move || count.get().is_none()>
                        <p class="field-error" role="alert" data-testid="replications-error">
                            {t!(i18n, replications_error, max = || MAX_REPLICATIONS)}
                        </p>
                    </Show>
                </div>
            </div>
            <p class="intro" data-testid="briefing">{briefing}</p>
            {move || view! { <Yamazumi scenario=scenarios.with_value(|l| l[chosen.get()].1.clone()) /> }}
            <div class="actions">
                <button
                    type="button"
                    data-testid="run-start"
                    disabled=move || progress.get().is_some() || count.get().is_none()
                    on:click=start
                >
                    {t!(i18n, run_start)}
                </button>
                <Show when=move || progress.get().is_some()>
                    <button type="button" data-testid="run-cancel" on:click=cancel>
                        {t!(i18n, run_cancel)}
                    </button>
                </Show>
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <div class="progress" data-testid="run-progress-box">
                    <progress
                        data-testid="run-progress"
                        max=total.to_string()
                        value=done.to_string()
                        aria-label=move || t_string!(i18n, run_progress_label)
                    ></progress>
                    <span data-testid="run-progress-text">{t!(i18n, run_progress, done = move || done, total = move || total)}</span>
                </div>
            })}
            <Show when=move || cancelled.get()>
                <p data-testid="run-cancelled">{t!(i18n, run_cancelled)}</p>
            </Show>
            {result}
        </section>
    }
}
