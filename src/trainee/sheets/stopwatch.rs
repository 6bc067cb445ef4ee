//! The time study as an exercise: the trainee times the workplace with a stopwatch while its
//! first cycles play (faster than real time, as chosen), marking the end of each work
//! element; the core then checks the readings against the log
//! (`takt_core::lean::TimeStudy::check_timing`).

use super::two;
use crate::fmt::unit_symbol;
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use leptos::prelude::*;
use std::time::Duration;
use takt_core::lean::TimeStudy;
use takt_core::Scenario;

/// Cycles the exercise plays (fewer when the sheet has fewer).
const CYCLES: usize = 3;

/// Speeds offered: shift seconds per real second.
const SPEEDS: [u32; 4] = [1, 2, 5, 10];

#[component]
pub fn Stopwatch(line: Scenario, study: TimeStudy) -> impl IntoView {
    let i18n = use_i18n();
    let l = lang();
    let unit = unit_symbol(line.time_unit, i18n.get_locale_untracked());
    let names = study.names(&line, l);
    let cycles = CYCLES.min(study.starts.len());
    let m = study.elements.len();
    let seconds = 3600.0 / line.time_unit.per_hour();
    let t0 = study.starts[0];
    let starts: Vec<String> = study.starts[..cycles].iter().map(f64::to_string).collect();
    // The playback stops a quarter of a cycle after the last one ends (time for its last lap).
    let end =
        study.starts[cycles - 1] + study.operation[cycles - 1] + study.operation_spread.mean * 0.25;
    let study = StoredValue::new(study);
    let speed = RwSignal::new(5u32);
    // When the stopwatch started (the page's clock, ms), and the shift's time now.
    let started = RwSignal::new(None::<f64>);
    let now = RwSignal::new(t0);
    let laps = RwSignal::new(Vec::<f64>::new());
    let done = RwSignal::new(false);
    let shift_now = move || {
        started.get_untracked().map_or(t0, |s| {
            t0 + (js_sys::Date::now() - s) / 1000.0 * f64::from(speed.get_untracked()) / seconds
        })
    };
    let tick = move || {
        if started.get_untracked().is_some() && !done.get_untracked() {
            let t = shift_now();
            now.set(t.min(end));
            if t >= end {
                done.set(true);
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(100)) {
        on_cleanup(move || handle.clear());
    }
    let start = move |_| {
        laps.set(Vec::new());
        done.set(false);
        now.set(t0);
        started.set(Some(js_sys::Date::now()));
    };
    let lap = move |_| {
        if started.get_untracked().is_none() || done.get_untracked() {
            return;
        }
        let t = shift_now().min(end);
        laps.update(|l| l.push(t));
        if laps.with_untracked(Vec::len) >= m * cycles {
            done.set(true);
        }
    };
    // Where the shift is: which cycle, and which element (or between cycles).
    let position = move || {
        let t = now.get();
        study.with_value(|s| {
            (0..cycles).find_map(|c| {
                let mut at = s.starts[c];
                s.elements.iter().enumerate().find_map(|(k, e)| {
                    let from = at;
                    at += e.times[c];
                    (t >= from && t < at).then_some((c, k))
                })
            })
        })
    };
    let names = StoredValue::new(names);
    let steps = move || {
        let here = position();
        names.with_value(|names| {
            names
                .iter()
                .enumerate()
                .map(|(k, n)| {
                    let current = here.is_some_and(|(_, e)| e == k);
                    view! { <li class:current=current data-testid=format!("stopwatch-element-{k}")>{n.clone()}</li> }
                })
                .collect_view()
        })
    };
    let status = move || match (started.get(), done.get(), position()) {
        (None, _, _) => t_string!(i18n, watch_ready, cycles = cycles).to_string(),
        (_, true, _) => t_string!(i18n, watch_done).to_string(),
        (_, _, Some((c, _))) => {
            t_string!(i18n, watch_cycle, cycle = c + 1, cycles = cycles).to_string()
        }
        (_, _, None) => t_string!(i18n, watch_between).to_string(),
    };
    let result = move || {
        (done.get() && !laps.with(Vec::is_empty)).then(|| {
            let checked = study.with_value(|s| laps.with(|l| s.check_timing(l)));
            let rows = checked
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let name = names.with_value(|n| n[k].clone());
                    let error = format!("{:+.0} %", t.error * 100.0);
                    view! {
                        <tr data-testid=format!("stopwatch-row-{k}") data-close=t.close.to_string()>
                            <th scope="row">{name}</th>
                            <td class="num">{two(t.yours)}</td>
                            <td class="num">{two(t.logged)}</td>
                            <td class="num">{error}</td>
                            <td>{if t.close { "✓" } else { "✗" }}</td>
                        </tr>
                    }
                })
                .collect_view();
            let whole = checked.first().map_or(0, |t| t.cycles);
            view! {
                <p data-testid="stopwatch-cycles">{t_string!(i18n, watch_whole, cycles = whole)}</p>
                <table class="rounds-table" data-testid="stopwatch-result">
                    <thead><tr>
                        <th scope="col">{tx!(i18n, study_element)}</th>
                        <th scope="col" class="num">{t_string!(i18n, watch_yours, unit = unit)}</th>
                        <th scope="col" class="num">{t_string!(i18n, watch_logged, unit = unit)}</th>
                        <th scope="col" class="num">{tx!(i18n, watch_error)}</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let speeds = SPEEDS
        .map(|x| view! { <option value=x.to_string()>{format!("×{x}")}</option> })
        .collect_view();
    view! {
        <div class="stopwatch no-print" data-testid="stopwatch" data-starts=starts.join(",")>
            <h3>{tx!(i18n, watch_title)}</h3>
            <p class="hint">{tx!(i18n, watch_hint)}</p>
            <div class="fields">
                <div class="field">
                    <label for="stopwatch-speed">{tx!(i18n, watch_speed)}</label>
                    <select id="stopwatch-speed" data-testid="stopwatch-speed"
                        prop:value=move || speed.get().to_string()
                        disabled=move || started.get().is_some() && !done.get()
                        on:change:target=move |ev| {
                            if let Ok(x) = ev.target().value().parse() { speed.set(x) }
                        }>
                        {speeds}
                    </select>
                </div>
            </div>
            <p role="status" data-testid="stopwatch-status">{status}" "
                <span class="stopwatch-clock">{move || format!("{} {unit}", two(now.get() - t0))}</span>
            </p>
            <ol class="stopwatch-steps">{steps}</ol>
            <div class="actions">
                <button type="button" data-testid="stopwatch-start" on:click=start>{tx!(i18n, watch_start)}</button>
                <button type="button" class="primary" data-testid="stopwatch-lap" on:click=lap
                    disabled=move || started.get().is_none() || done.get()>{tx!(i18n, watch_lap)}</button>
            </div>
            {result}
        </div>
    }
}
