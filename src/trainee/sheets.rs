//! The course's sheets (issue 20): what a team fills in by hand in a process-factory training,
//! made from its rounds. A page of its own (`sheets.html`, the module `takt-sheets`), so that
//! the trainee's page carries none of it; it reads the session the training page keeps in
//! browser storage, and opens on the round of its link (`#round=N`).
//!
//! Each sheet is computed by the core from the round's shift (replication 0, replayed with its
//! event log), drawn here, printable on one page and exported as CSV and SVG:
//! - the time study (хронометраж): for a station, the observation sheet of consecutive
//!   cycles (`takt_core::lean::time_study`), a table and a chart of the cycles against takt,
//!   and as an exercise ([`stopwatch`]): the trainee times the first cycles by hand;
//! - [`standard_work`]: an operator's standard work combination, beside the Yamazumi of the
//!   stations and the operators;
//! - [`value_stream`]: the value stream map of round 1 beside the round shown;
//! - [`spaghetti`]: the crew's trips on the floor plan, with metres per shift and per unit.

mod spaghetti;
mod standard_work;
mod stopwatch;
mod value_stream;

use crate::charts::yamazumi::CycleChart;
use crate::fmt::{format_number, unit_symbol};
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use crate::platform::export::{download, standalone_svg};
use crate::refusals::Explain;
use crate::trainee::results::REPLAY_LOG_LIMIT;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use std::sync::Arc;
use takt_core::lean::time_study::{
    time_study, TimeStudy, TimeStudyError, DEFAULT_CYCLES, MAX_CYCLES,
};
use takt_core::sim::{run, RunOptions, RunResult};
use takt_core::view::csv::{time_study_csv, Dialect};
use takt_core::view::files::download_name;
use takt_core::Scenario;

/// The round of the page's link (`#round=N`), if any.
fn round_in_link() -> Option<usize> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#round=")?.parse().ok()
}

/// A number with two decimals at most, in the interface language.
fn two(x: f64) -> String {
    format_number(
        (x * 100.0).round() / 100.0,
        use_i18n().get_locale_untracked(),
    )
}

/// A round's line and its shift, replayed with its log.
type Shift = Arc<(Scenario, RunResult)>;

/// Where the page's downloads come from: the session (its team) and the round shown. Read
/// from the context when a sheet is made (an event handler has no context to read).
#[derive(Clone, Copy)]
struct Downloads {
    state: SessionState,
    round: RwSignal<usize>,
}

impl Downloads {
    /// Offers `text` as the download `takt-<kind>-<team>-round-<round>.<ext>`.
    fn offer(&self, kind: &str, ext: &str, text: &str) {
        let team = self
            .state
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.team.clone()).unwrap_or_default());
        let round = self.round.get_untracked();
        let mime = if ext == "svg" {
            "image/svg+xml"
        } else {
            "text/csv"
        };
        let _ = download(&download_name(kind, &team, round, ext), mime, text);
    }

    /// Offers the chart of the figure `testid` as an SVG file of its own.
    fn svg(&self, testid: &str, kind: &str) {
        let svg = document()
            .query_selector(&format!("[data-testid={testid}] svg"))
            .ok()
            .flatten();
        if let Some(text) = svg.as_ref().and_then(standalone_svg) {
            self.offer(kind, "svg", &text);
        }
    }
}

/// Prints the sheet `which` alone (`data-sheet` of its section: the others are hidden in
/// print, style/main.css), on its one page.
fn print_sheet(which: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-print", which);
    }
    let _ = window().print();
}

#[component]
pub fn Sheets() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::provide();
    let played = state
        .session
        .with_untracked(|s| s.as_ref().map_or(0, |s| s.rounds.len()));
    if played == 0 {
        return view! {
            <section class="card" data-testid="sheets">
                <h2>{tx!(i18n, sheets_title)}</h2>
                <p data-testid="sheets-empty">{tx!(i18n, sheets_none)}" "
                    <a href="/">{tx!(i18n, view_training)}</a></p>
            </section>
        }
        .into_any();
    }
    let round = RwSignal::new(
        round_in_link()
            .filter(|r| (1..=played).contains(r))
            .unwrap_or(played),
    );
    let downloads = Downloads { state, round };
    provide_context(downloads);
    let shifts = StoredValue::new_local(std::collections::HashMap::<usize, Option<Shift>>::new());
    // The round's line and shift, run once per round.
    let shift = move |r: usize| -> Option<Shift> {
        if let Some(s) = shifts.with_value(|m| m.get(&r).cloned()) {
            return s;
        }
        let made = state.session.with_untracked(|s| {
            let s = s.as_ref()?;
            let line = s.line_after(r);
            let options = RunOptions {
                seed: s.seed,
                replication: 0,
                log_limit: REPLAY_LOG_LIMIT,
                ..RunOptions::default()
            };
            let result = run(&line, options).ok()?;
            Some(Arc::new((line, result)))
        });
        shifts.update_value(|m| {
            m.insert(r, made.clone());
        });
        made
    };
    let first_station = move |r: usize| {
        shift(r)
            .and_then(|s| s.0.stations.first().map(|st| st.id.clone()))
            .unwrap_or_default()
    };
    let station = RwSignal::new(first_station(round.get_untracked()));
    let cycles = RwSignal::new(DEFAULT_CYCLES.to_string());
    // The cycles typed, when they are 1 to MAX_CYCLES; the sheet keeps the last good count.
    let typed = Memo::new(move |_| {
        cycles
            .get()
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_CYCLES).contains(n))
    });
    let cycles_wrong = move || typed.get().is_none();
    let count = Memo::new(move |last: Option<&usize>| {
        typed
            .get()
            .unwrap_or(last.copied().unwrap_or(DEFAULT_CYCLES))
    });
    // The sheet: the core's, for the round, station and cycles chosen.
    let sheet = Memo::new(move |_| -> Option<Result<TimeStudy, TimeStudyError>> {
        let s = shift(round.get())?;
        let (line, result) = &*s;
        Some(time_study(
            line,
            &result.log,
            &station.get(),
            count.get(),
            result.warmup,
        ))
    });
    let line = move || shift(round.get_untracked()).map(|s| s.0.clone());

    let rounds = (1..=played)
        .map(|r| view! { <option value=r.to_string()>{move || t_string!(i18n, sheets_round, round = r)}</option> })
        .collect_view();
    let stations = move || {
        let l = lang();
        shift(round.get()).map(|s| {
            s.0.stations
                .iter()
                .map(|st| view! { <option value=st.id.clone()>{st.label(l).to_owned()}</option> })
                .collect_view()
        })
    };
    let table = move || {
        let line = line()?;
        let study = match sheet.get()? {
            Ok(s) => s,
            Err(e) => {
                let why = e.explain();
                return Some(view! { <p class="field-error" role="alert" data-testid="study-error">{why}</p> }.into_any());
            }
        };
        let l = lang();
        let locale = i18n.get_locale();
        let unit = unit_symbol(line.time_unit, locale);
        let st = line.stations.iter().find(|s| s.id == study.station);
        let heads = (1..=study.starts.len())
            .map(|k| view! { <th scope="col" class="num">{k}</th> })
            .collect_view();
        let element_rows = study
            .elements
            .iter()
            .zip(study.names(&line, l))
            .enumerate()
            .map(|(k, (e, name))| {
                let cells = e.times.iter().map(|&t| view! { <td class="num">{two(t)}</td> }).collect_view();
                let verdict = if e.stable {
                    t_string!(i18n, study_stable).to_string()
                } else {
                    t_string!(i18n, study_unstable).to_string()
                };
                view! {
                    <tr data-testid=format!("study-element-{k}") data-stable=e.stable.to_string()>
                        <th scope="row">{name}{(!e.value_added).then_some(" *")}</th>
                        {cells}
                        <td class="num">{two(e.spread.min)}</td>
                        <td class="num">{two(e.spread.max)}</td>
                        <td class="num" data-testid=format!("study-mean-{k}")>{two(e.spread.mean)}</td>
                        <td class="num" data-testid=format!("study-k-{k}")>{e.stability.map_or("—".to_owned(), two)}</td>
                        <td class="num">{two(e.normative)}</td>
                        <td>{if e.stable { "✓ " } else { "✗ " }}{verdict}</td>
                    </tr>
                }
            })
            .collect_view();
        let op_cells = study
            .operation
            .iter()
            .map(|&t| view! { <td class="num">{two(t)}</td> })
            .collect_view();
        let o = study.operation_spread;
        let verdict = match (study.takt, study.meets_takt()) {
            (Some(takt), Some(fits)) => {
                let (mean, takt) = (two(o.mean), two(takt));
                if fits {
                    t_string!(i18n, study_fits, mean = mean, takt = takt, unit = unit).to_string()
                } else {
                    t_string!(i18n, study_over, mean = mean, takt = takt, unit = unit).to_string()
                }
            }
            _ => t_string!(i18n, study_no_takt, mean = two(o.mean), unit = unit).to_string(),
        };
        let short = (study.starts.len() < study.requested).then(|| view! {
            <p class="hint" data-testid="study-short">
                {t_string!(i18n, study_short, observed = study.starts.len(), requested = study.requested)}
            </p>
        });
        let workplace = t_string!(
            i18n,
            study_workplace,
            station = st.map_or("", |s| s.label(l)).to_owned(),
            server = study.server + 1,
            from = two(study.starts[0]),
            unit = unit
        );
        Some(view! {
            <p data-testid="study-workplace">{workplace}</p>
            {short}
            <div class="table-scroll">
                <table class="rounds-table study-table" data-testid="study-table">
                    <caption>{t_string!(i18n, study_caption, unit = unit)}</caption>
                    <thead><tr>
                        <th scope="col">{tx!(i18n, study_element)}</th>
                        {heads}
                        <th scope="col" class="num">{tx!(i18n, study_min)}</th>
                        <th scope="col" class="num">{tx!(i18n, study_max)}</th>
                        <th scope="col" class="num">{tx!(i18n, study_mean)}</th>
                        <th scope="col" class="num">{tx!(i18n, study_k)}</th>
                        <th scope="col" class="num">{tx!(i18n, study_norm)}</th>
                        <th scope="col">{tx!(i18n, study_verdict)}</th>
                    </tr></thead>
                    <tbody>
                        {element_rows}
                        <tr class="study-operation" data-testid="study-operation">
                            <th scope="row">{tx!(i18n, study_operation)}</th>
                            {op_cells}
                            <td class="num">{two(o.min)}</td>
                            <td class="num">{two(o.max)}</td>
                            <td class="num" data-testid="study-operation-mean">{two(o.mean)}</td>
                            <td></td><td></td><td></td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <p class="hint">{tx!(i18n, study_rule)}</p>
            <p data-testid="study-verdict" class="study-verdict">{verdict}</p>
            <CycleChart scenario=line.clone() study=study.clone() lang=l />
            <stopwatch::Stopwatch line=line.clone() study=study />
        }.into_any())
    };

    let export_csv = move |_| {
        let (Some(line), Some(Ok(study))) = (line(), sheet.get_untracked()) else {
            return;
        };
        let l = lang();
        let names = study.names(&line, l);
        let words = [
            t_string!(i18n, study_element),
            t_string!(i18n, study_min),
            t_string!(i18n, study_max),
            t_string!(i18n, study_mean),
            t_string!(i18n, study_k),
            t_string!(i18n, study_norm),
            t_string!(i18n, study_operation),
        ];
        downloads.offer(
            "time-study",
            "csv",
            &time_study_csv(Dialect::of_lang(l), &study, &names, words),
        );
    };

    view! {
        <section class="card sheet" aria-labelledby="study-title" data-testid="sheets" data-sheet="study">
            <h2 id="study-title">{tx!(i18n, study_title)}</h2>
            <p class="hint no-print">{tx!(i18n, study_hint)}</p>
            <div class="fields no-print">
                <div class="field">
                    <label for="study-round">{tx!(i18n, sheets_round_label)}</label>
                    <select id="study-round" data-testid="study-round"
                        prop:value=move || round.get().to_string()
                        on:change:target=move |ev| {
                            if let Ok(r) = ev.target().value().parse::<usize>() {
                                round.set(r);
                                let ids: Vec<String> = shift(r).map(|s| s.0.stations.iter().map(|s| s.id.clone()).collect()).unwrap_or_default();
                                if !ids.contains(&station.get_untracked()) {
                                    station.set(first_station(r));
                                }
                            }
                        }>
                        {rounds}
                    </select>
                </div>
                <div class="field">
                    <label for="study-station">{tx!(i18n, study_station)}</label>
                    <select id="study-station" data-testid="study-station"
                        prop:value=move || station.get()
                        on:change:target=move |ev| station.set(ev.target().value())>
                        {stations}
                    </select>
                </div>
                <div class="field">
                    <label for="study-cycles">{tx!(i18n, study_cycles)}</label>
                    <input id="study-cycles" data-testid="study-cycles" type="text" inputmode="numeric"
                        aria-invalid=move || cycles_wrong().to_string()
                        aria-describedby=move || cycles_wrong().then_some("study-cycles-error")
                        bind:value=cycles />
                    {move || cycles_wrong().then(|| view! {
                        <p class="field-error" id="study-cycles-error" role="alert" data-testid="study-cycles-error">
                            {t_string!(i18n, study_cycles_wrong, max = MAX_CYCLES)}
                        </p>
                    })}
                </div>
            </div>
            {table}
            <div class="actions no-print">
                <button type="button" data-testid="study-print" on:click=move |_| print_sheet("study")>
                    {tx!(i18n, study_print)}
                </button>
                <button type="button" data-testid="study-csv" on:click=export_csv>{tx!(i18n, study_csv)}</button>
                <button type="button" data-testid="study-svg" on:click=move |_| downloads.svg("cycle-chart", "time-study")>{tx!(i18n, study_svg)}</button>
            </div>
        </section>
        <standard_work::StandardWork shift=Signal::derive(move || shift(round.get())) />
        <value_stream::ValueStreamMaps first=Signal::derive(move || shift(1))
            current=Signal::derive(move || shift(round.get())) round=Signal::from(round) />
        <spaghetti::Spaghetti shift=Signal::derive(move || shift(round.get())) />
    }
    .into_any()
}
