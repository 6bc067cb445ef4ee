//! The standard work combination sheet of an operator of the round's line (the core's
//! `takt_core::lean::standard_work`), beside the Yamazumi of the stations and the operators.

use super::{two, Downloads, Shift};
use crate::charts::combination::{step_name, CombinationChart};
use crate::charts::Yamazumi;
use crate::fmt::unit_symbol;
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use crate::refusals::Explain;
use leptos::prelude::*;
use takt_core::lean::standard_work::combination;
use takt_core::view::csv::{combination_csv, Dialect};

#[component]
pub fn StandardWork(shift: Signal<Option<Shift>>) -> impl IntoView {
    let i18n = use_i18n();
    let downloads = expect_context::<Downloads>();
    let first = move || {
        shift
            .get_untracked()
            .and_then(|s| s.0.operators.first().map(|o| o.id.clone()))
            .unwrap_or_default()
    };
    let operator = RwSignal::new(first());
    // A round whose line lost the operator chosen (changes can) starts again at the first.
    Effect::new(move |_| {
        if let Some(s) = shift.get() {
            if !s
                .0
                .operators
                .iter()
                .any(|o| o.id == operator.get_untracked())
            {
                operator.set(first());
            }
        }
    });
    let sheet = move || {
        let s = shift.get()?;
        let (line, run) = &*s;
        Some(combination(line, &run.log, &operator.get(), run.warmup))
    };
    let body = move || {
        let s = shift.get()?;
        let line = s.0.clone();
        if line.operators.is_empty() {
            return Some(view! { <p data-testid="sw-none">{tx!(i18n, sw_none)}</p> }.into_any());
        }
        let l = lang();
        let c = match sheet()? {
            Ok(c) => c,
            Err(e) => return Some(view! { <p class="field-error" role="alert" data-testid="sw-error">{e.explain()}</p> }.into_any()),
        };
        let unit = unit_symbol(line.time_unit, i18n.get_locale());
        let who = line
            .operators
            .iter()
            .find(|o| o.id == c.operator)
            .map_or(c.operator.clone(), |o| o.label(l).to_owned());
        let summary = t_string!(
            i18n,
            sw_summary,
            operator = who,
            cycle = two(c.cycle),
            from = two(c.start),
            work = two(c.work),
            walking = two(c.walking),
            waiting = two(c.waiting),
            unit = unit
        );
        let verdict = c.takt.map(|t| {
            if c.cycle <= t {
                t_string!(i18n, sw_fits, takt = two(t), unit = unit).to_string()
            } else {
                t_string!(i18n, sw_over, takt = two(t), unit = unit).to_string()
            }
        });
        Some(view! {
            <p data-testid="sw-summary" data-cycle=c.cycle.to_string() data-work=c.work.to_string()
                data-walking=c.walking.to_string() data-waiting=c.waiting.to_string()>{summary}" "<strong data-testid="sw-verdict">{verdict}</strong></p>
            <CombinationChart scenario=line.clone() combination=c lang=l />
            <div class="no-print"><Yamazumi scenario=line /></div>
        }.into_any())
    };
    let export_csv = move |_| {
        let (Some(s), Some(Ok(c))) = (shift.get_untracked(), sheet()) else {
            return;
        };
        let l = lang();
        let names: Vec<String> = c
            .steps
            .iter()
            .map(|st| step_name(&s.0, st.kind, l))
            .collect();
        let words = [
            t_string!(i18n, sw_step),
            t_string!(i18n, study_element),
            t_string!(i18n, sw_start),
            t_string!(i18n, sw_duration),
            t_string!(i18n, work_station),
            t_string!(i18n, work_walking),
            t_string!(i18n, work_waiting),
            t_string!(i18n, sw_cycle_line),
        ];
        downloads.offer(
            "standard-work",
            "csv",
            &combination_csv(Dialect::of_lang(l), &c, &names, words),
        );
    };
    let options = move || {
        let l = lang();
        shift.get().map(|s| {
            s.0.operators
                .iter()
                .map(|o| view! { <option value=o.id.clone()>{o.label(l).to_owned()}</option> })
                .collect_view()
        })
    };
    view! {
        <section class="card sheet" aria-labelledby="sw-title" data-testid="standard-work" data-sheet="sw">
            <h2 id="sw-title">{tx!(i18n, sw_title)}</h2>
            <p class="hint no-print">{tx!(i18n, sw_hint)}</p>
            <div class="fields no-print">
                <div class="field">
                    <label for="sw-operator">{tx!(i18n, sw_operator)}</label>
                    <select id="sw-operator" data-testid="sw-operator"
                        prop:value=move || operator.get()
                        on:change:target=move |ev| operator.set(ev.target().value())>
                        {options}
                    </select>
                </div>
            </div>
            {body}
            <div class="actions no-print">
                <button type="button" data-testid="sw-print" on:click=move |_| super::print_sheet("sw")>
                    {tx!(i18n, study_print)}
                </button>
                <button type="button" data-testid="sw-csv" on:click=export_csv>{tx!(i18n, sw_csv)}</button>
                <button type="button" data-testid="sw-svg" on:click=move |_| downloads.svg("sw-chart", "standard-work")>
                    {tx!(i18n, sw_svg)}
                </button>
            </div>
        </section>
    }
}
