//! The value stream map (КПСЦ, GOST R 57524-2017) of round 1 beside the round shown: the
//! current state and the state the team's changes made, each computed by the core
//! (`takt_core::lean::value_stream`) from the round's shift and drawn here as SVG.

use super::{two, Downloads, Shift};
use crate::fmt::unit_symbol;
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use leptos::prelude::*;
use takt_core::lean::value_stream::{value_stream, Flow, ValueStream};
use takt_core::Scenario;

/// Geometry (SVG user units).
const SLOT: f64 = 176.0;
const BOX_W: f64 = 140.0;
const BOX_Y: f64 = 60.0;
const BOX_H: f64 = 104.0;
const LINE_Y: f64 = 250.0;

/// A share as a whole percentage.
fn percent(x: f64) -> String {
    format!("{} %", (x * 100.0).round())
}

/// An arrow from `x0` to `x1` at height `y`: dashed when material is pushed, solid when pulled.
fn arrow(x0: f64, x1: f64, y: f64, class: &'static str) -> impl IntoView {
    let head = format!(
        "{},{} {},{} {},{}",
        x1 - 8.0,
        y - 5.0,
        x1,
        y,
        x1 - 8.0,
        y + 5.0
    );
    view! {
        <line x1=x0 x2=x1 - 6.0 y1=y y2=y class=class />
        <polygon points=head class="vsm-arrow" />
    }
}

/// Small text at (`x`, `y`), centred unless `start`.
fn note(x: f64, y: f64, text: String, start: bool) -> impl IntoView {
    view! {
        <text x=x y=y text-anchor=if start { "start" } else { "middle" } class="vsm-text">{text}</text>
    }
}

/// One map, drawn.
fn map_view(line: &Scenario, m: &ValueStream, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let l = lang();
    let unit = unit_symbol(line.time_unit, i18n.get_locale_untracked());
    let n = m.processes.len();
    let width = SLOT * (n as f64 + 1.0) + 20.0;
    let x_of = |i: usize| 20.0 + SLOT * i as f64 + (SLOT - BOX_W);
    let gap = SLOT - BOX_W;
    let boxes = m
        .processes
        .iter()
        .map(|p| {
            let x = x_of(p.station);
            let name = line.stations[p.station].label(l).to_owned();
            let rows = [
                t_string!(i18n, vsm_ct, value = two(p.cycle_time), unit = unit).to_string(),
                t_string!(i18n, vsm_co, value = two(p.changeover), unit = unit).to_string(),
                t_string!(i18n, vsm_uptime, value = percent(p.uptime)).to_string(),
                t_string!(i18n, vsm_fpy, value = percent(p.first_pass_yield)).to_string(),
                t_string!(i18n, vsm_people, operators = p.operators, servers = p.servers).to_string(),
            ]
            .into_iter()
            .enumerate()
            .map(|(k, r)| note(x + 6.0, BOX_Y + 38.0 + 14.0 * k as f64, r, true))
            .collect_view();
            view! {
                <g data-testid=format!("{testid}-process-{}", p.station) data-ct=p.cycle_time.to_string()>
                    <rect x=x y=BOX_Y width=BOX_W height=BOX_H class="vsm-box" />
                    <line x1=x x2=x + BOX_W y1=BOX_Y + 22.0 y2=BOX_Y + 22.0 class="vsm-rule" />
                    <text x=x + BOX_W / 2.0 y=BOX_Y + 15.0 text-anchor="middle" class="vsm-name">{name}</text>
                    {rows}
                </g>
            }
        })
        .collect_view();
    // In front of each station: how material comes, and the stock waiting there.
    let before = m
        .inventories
        .iter()
        .zip(&m.flows)
        .enumerate()
        .map(|(i, (inv, flow))| {
            let x = x_of(i) - gap / 2.0;
            let (x0, x1, y) = (x - gap / 2.0 + 2.0, x + gap / 2.0 - 2.0, BOX_Y + BOX_H / 2.0);
            let (kind, mark) = match flow {
                Flow::Source => ("source", note(x, BOX_Y - 10.0, t_string!(i18n, vsm_source).to_string(), false).into_any()),
                Flow::Push => ("push", arrow(x0, x1, y, "vsm-push").into_any()),
                Flow::Kanban { cards } => (
                    "kanban",
                    view! {
                        {arrow(x0, x1, y, "vsm-pull")}
                        {note(x, y - 8.0, t_string!(i18n, vsm_kanban, cards = *cards).to_string(), false)}
                    }
                    .into_any(),
                ),
                Flow::Conwip { limit } => (
                    "conwip",
                    note(x, BOX_Y - 10.0, t_string!(i18n, vsm_conwip, limit = *limit).to_string(), false).into_any(),
                ),
            };
            let tri = format!("{},{} {},{} {},{}", x - 14.0, 200.0, x + 14.0, 200.0, x, 176.0);
            view! {
                <g data-testid=format!("{testid}-stock-{i}") data-flow=kind data-mean=inv.mean.to_string()>
                    {mark}
                    <polygon points=tri class="vsm-stock" />
                    <text x=x y=196.0 text-anchor="middle" class="vsm-i">"I"</text>
                    {note(x, 216.0, two(inv.mean), false)}
                </g>
            }
        })
        .collect_view();
    let cx = x_of(n);
    let customer = view! {
        <g data-testid=format!("{testid}-customer")>
            <rect x=cx y=BOX_Y width=BOX_W height=60.0 class="vsm-box vsm-customer" />
            <text x=cx + BOX_W / 2.0 y=BOX_Y + 18.0 text-anchor="middle" class="vsm-name">{t_string!(i18n, vsm_customer)}</text>
            {m.demand.map(|d| note(cx + 6.0, BOX_Y + 36.0, t_string!(i18n, vsm_order, units = d).to_string(), true))}
            {m.takt.map(|t| note(cx + 6.0, BOX_Y + 50.0, t_string!(i18n, vsm_takt, value = two(t), unit = unit).to_string(), true))}
        </g>
    };
    // The timeline along the way to the customer: stock up, processing down.
    let steps = m
        .path
        .iter()
        .map(|&i| {
            let x = x_of(i);
            let points = format!(
                "{},{} {},{} {},{} {},{}",
                x - gap,
                LINE_Y,
                x,
                LINE_Y,
                x,
                LINE_Y + 24.0,
                x + BOX_W,
                LINE_Y + 24.0
            );
            view! {
                <polyline points=points class="vsm-timeline" />
                {note(x - gap / 2.0, LINE_Y - 6.0, two(m.inventories[i].time), false)}
                {note(x + BOX_W / 2.0, LINE_Y + 38.0, two(m.processes[i].cycle_time), false)}
            }
        })
        .collect_view();
    let pce = format!(
        "{} %",
        crate::fmt::format_number((m.pce * 1000.0).round() / 10.0, i18n.get_locale_untracked())
    );
    let summary = if m.measured {
        t_string!(
            i18n,
            vsm_summary,
            lead = two(m.lead_time),
            stock = two(m.stock),
            processing = two(m.processing),
            held = two(m.held),
            va = two(m.value_added),
            pce = pce,
            unit = unit
        )
        .to_string()
    } else {
        t_string!(
            i18n,
            vsm_summary_timeline,
            lead = two(m.lead_time),
            va = two(m.value_added),
            pce = pce,
            unit = unit
        )
        .to_string()
    };
    view! {
        <svg viewBox=format!("0 0 {width} 300") role="img" data-testid=testid
            data-lead=m.lead_time.to_string() data-va=m.value_added.to_string() data-pce=m.pce.to_string()
            aria-label=summary.clone() xmlns="http://www.w3.org/2000/svg">
            {before}
            {boxes}
            {customer}
            {steps}
        </svg>
        <p class="vsm-summary" data-testid=format!("{testid}-summary")>{summary}</p>
    }
}

#[component]
pub fn ValueStreamMaps(
    first: Signal<Option<Shift>>,
    current: Signal<Option<Shift>>,
    round: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let downloads = expect_context::<Downloads>();
    let maps = move || {
        let first = first.get()?;
        let (line1, run1) = &*first;
        let m1 = value_stream(line1, run1);
        let r = round.get();
        let now = (r > 1).then(|| current.get()).flatten().map(|s| {
            let (line, run) = &*s;
            let m = value_stream(line, run);
            view! {
                <figure class="chart vsm" data-testid="vsm-future">
                    <figcaption>{t_string!(i18n, vsm_round, round = r)}</figcaption>
                    {map_view(line, &m, "vsm-now")}
                </figure>
            }
        });
        Some(view! {
            <figure class="chart vsm" data-testid="vsm-current">
                <figcaption>{tx!(i18n, vsm_first)}</figcaption>
                {map_view(line1, &m1, "vsm-first")}
            </figure>
            {now}
        })
    };
    view! {
        <section class="card sheet" aria-labelledby="vsm-title" data-testid="value-stream" data-sheet="vsm">
            <h2 id="vsm-title">{tx!(i18n, vsm_title)}</h2>
            <p class="hint no-print">{tx!(i18n, vsm_hint)}</p>
            {maps}
            <div class="actions no-print">
                <button type="button" data-testid="vsm-print" on:click=move |_| super::print_sheet("vsm")>
                    {tx!(i18n, study_print)}
                </button>
                <button type="button" data-testid="vsm-svg" on:click=move |_| {
                    // The later round's map when it is shown, else round 1's.
                    let later = document().query_selector("[data-testid=vsm-future]").ok().flatten().is_some();
                    downloads.svg(if later { "vsm-future" } else { "vsm-current" }, "value-stream")
                }>
                    {tx!(i18n, vsm_svg)}
                </button>
            </div>
        </section>
    }
}
