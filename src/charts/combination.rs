//! The standard work combination chart (стандартная операционная карта): one operator's
//! cycle as the core reads it off the log (`takt_core::lean::standard_work`), a row per
//! step — a bar for each work element (value-added or not), a dashed line for a walk, a dotted
//! one for waiting — against the takt line and the operator's cycle line.

use super::palette;
use crate::fmt::{format_number, unit_symbol};
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use takt_core::lean::standard_work::{Combination, StepKind};
use takt_core::view::replay::ticks;
use takt_core::Scenario;

/// Geometry (SVG user units): the steps' names on the left, the time grid on the right.
const NAMES: f64 = 230.0;
const PLOT: f64 = 420.0;
const ROW: f64 = 22.0;
const TOP: f64 = 28.0;

/// What a step is, in words.
pub fn step_name(sc: &Scenario, kind: StepKind, lang: &str) -> String {
    let i18n = use_i18n();
    match kind {
        StepKind::Work {
            station, element, ..
        } => {
            let st = &sc.stations[station];
            match element.and_then(|k| st.elements.get(k)) {
                Some(e) => format!("{} · {}", e.label(lang), st.label(lang)),
                None => st.label(lang).to_owned(),
            }
        }
        StepKind::Walk { to } => t_string!(
            i18n,
            work_walk_to,
            station = sc.stations[to].label(lang).to_owned()
        )
        .to_string(),
        StepKind::Wait => t_string!(i18n, work_waiting).to_string(),
        StepKind::Carry { from, to } => t_string!(
            i18n,
            work_carry,
            from = sc.stations[from].label(lang).to_owned(),
            to = to.map_or_else(
                || t_string!(i18n, shipping_area).to_string(),
                |to| sc.stations[to].label(lang).to_owned()
            )
        )
        .to_string(),
    }
}

#[component]
pub fn CombinationChart(
    scenario: Scenario,
    combination: Combination,
    lang: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = combination;
    let span = c.takt.map_or(c.cycle, |t| t.max(c.cycle)) * 1.05;
    let values = ticks(span, 6);
    let top = values.last().copied().unwrap_or(span).max(span);
    let x = move |t: f64| NAMES + t / top * PLOT;
    let height = TOP + ROW * c.steps.len() as f64 + 30.0;
    let bottom = TOP + ROW * c.steps.len() as f64;
    let rows = c
        .steps
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let y = TOP + ROW * k as f64;
            let name = step_name(&scenario, s.kind, lang);
            let (x0, x1) = (x(s.start), x(s.start + s.duration));
            let mark = match s.kind {
                StepKind::Carry { .. } => view! {
                    <rect x=x0 y=y + 4.0 width=(x1 - x0).max(1.0) height=ROW - 8.0 class="sw-carry" />
                }
                .into_any(),
                StepKind::Work { value_added, .. } => view! {
                    <rect x=x0 y=y + 4.0 width=(x1 - x0).max(1.0) height=ROW - 8.0
                        class=if value_added { "yz-va" } else { "yz-nva" } />
                }
                .into_any(),
                StepKind::Walk { .. } => view! {
                    <line x1=x0 x2=x1 y1=y + ROW / 2.0 y2=y + ROW / 2.0 class="sw-walk" />
                }
                .into_any(),
                StepKind::Wait => view! {
                    <line x1=x0 x2=x1 y1=y + ROW / 2.0 y2=y + ROW / 2.0 class="sw-wait" />
                }
                .into_any(),
            };
            let kind = match s.kind {
                StepKind::Work { .. } => "work",
                StepKind::Walk { .. } => "walk",
                StepKind::Carry { .. } => "carry",
                StepKind::Wait => "wait",
            };
            let duration = s.duration;
            view! {
                <g data-testid=format!("sw-step-{k}") data-kind=kind>
                    <text x=NAMES - 8.0 y=y + ROW / 2.0 + 4.0 text-anchor="end" class="tick">
                        {format!("{}. {name}", k + 1)}
                    </text>
                    {mark}
                    <text x=x1 + 4.0 y=y + ROW / 2.0 + 4.0 class="tick">
                        {move || format_number((duration * 100.0).round() / 100.0, i18n.get_locale())}
                    </text>
                </g>
            }
        })
        .collect_view();
    let grid = values
        .into_iter()
        .map(|v| {
            view! {
                <line x1=x(v) x2=x(v) y1=TOP y2=bottom class="grid" />
                <text x=x(v) y=bottom + 14.0 text-anchor="middle" class="tick">
                    {move || format_number(v, i18n.get_locale())}
                </text>
            }
        })
        .collect_view();
    let takt = c.takt.map(|t| {
        view! {
            <line x1=x(t) x2=x(t) y1=TOP - 12.0 y2=bottom class="takt-line" />
            <text x=x(t) y=TOP - 16.0 text-anchor="middle" class="takt-label" data-testid="sw-takt">
                {move || format!("{} {}", t_string!(i18n, chart_takt_word), format_number((t * 100.0).round() / 100.0, i18n.get_locale()))}
            </text>
        }
    });
    let cycle = c.cycle;
    let unit = scenario.time_unit;
    view! {
        <figure class="chart" data-testid="sw-chart">
            <figcaption>{move || t_string!(i18n, sw_chart_title, unit = unit_symbol(unit, i18n.get_locale()))}</figcaption>
            <svg viewBox=format!("0 0 {} {height}", NAMES + PLOT + 60.0) role="img"
                aria-label=move || t_string!(i18n, sw_chart_title, unit = unit_symbol(unit, i18n.get_locale()))
                xmlns="http://www.w3.org/2000/svg">
                {grid}
                {rows}
                <line x1=x(cycle) x2=x(cycle) y1=TOP - 4.0 y2=bottom class="sw-cycle" />
                {takt}
            </svg>
            <ul class="legend">
                <li><span class="swatch" style:background=palette::WORK_KINDS[0].1></span>{tx!(i18n, work_value_added)}</li>
                <li><span class="swatch" style:background=palette::WORK_KINDS[1].1></span>{tx!(i18n, work_non_value_added)}</li>
                <li><span class="swatch sw-walk-swatch"></span>{tx!(i18n, work_walking)}</li>
                <li><span class="swatch sw-wait-swatch"></span>{tx!(i18n, work_waiting)}</li>
                <li><span class="swatch sw-cycle-swatch"></span>{tx!(i18n, sw_cycle_line)}</li>
            </ul>
        </figure>
    }
}
