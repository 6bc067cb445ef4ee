//! The Yamazumi chart: each station's work stacked by element against the takt line, and
//! balancing by moving elements between stations; or each operator's work (its share of its
//! stations and its walking) against the takt. Every segment is named: on its bar where the
//! name fits, otherwise in the key under the chart (plain text, so it prints too).

use super::palette;
use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use leptos::prelude::*;
use takt_core::model::TimeUnit;
use takt_core::view::replay::ticks;
use takt_core::view::yamazumi::{operators, yamazumi, Load, Work};
use takt_core::Scenario;
use wasm_bindgen::JsCast;

/// Geometry of a Yamazumi (SVG user units).
const LEFT: f64 = 50.0;
const WIDTH: f64 = 560.0;
const PLOT_H: f64 = 220.0;
const BASE: f64 = 240.0;

/// One segment of a Yamazumi bar: a work element (or a station's whole process), changeovers,
/// an operator's share of a station, or its walking.
struct Segment {
    /// The name shown, in the interface language.
    name: String,
    time: f64,
    kind: &'static str,
    /// The key of a work element (which can be moved to another station); `None` otherwise.
    key: Option<String>,
}

/// One column: its id (a station's or an operator's), its label, its segments bottom up and
/// their total.
struct Bar {
    id: String,
    label: String,
    segments: Vec<Segment>,
    total: f64,
}

/// The vertical scale: nice ticks from 0 past the tallest column and the takt (the tick
/// function every chart uses, `takt_core::view::replay::ticks`), and the top value.
fn scale(bars: &[Bar], takt: Option<f64>) -> (Vec<f64>, f64) {
    let tallest = bars
        .iter()
        .map(|b| b.total)
        .fold(takt.unwrap_or(0.0), f64::max);
    let values = ticks(tallest * 1.1, 5);
    let top = values.last().copied().unwrap_or(1.0);
    (values, top)
}

/// Where the columns stand: the width of a column's slot.
fn slot(bars: &[Bar]) -> f64 {
    WIDTH / bars.len().max(1) as f64
}

/// The height on the plot of time `t`, on a scale up to `top`.
fn plot_y(t: f64, top: f64) -> f64 {
    BASE - t / top * PLOT_H
}

/// Where column `k` is drawn: its left edge and its width (70 % of its slot, centred).
fn column_x(k: usize, slot: f64) -> (f64, f64) {
    (LEFT + k as f64 * slot + slot * 0.15, slot * 0.7)
}

/// One segment of a column, from `bottom` to `bottom + s.time`: its rectangle (its name and
/// time as the tooltip) and its text where that fits.
fn segment_block(
    s: &Segment,
    (x, w): (f64, f64),
    bottom: f64,
    top: f64,
    slot: f64,
) -> impl IntoView {
    let i18n = use_i18n();
    let (y0, y1) = (plot_y(bottom, top), plot_y(bottom + s.time, top));
    let text = seg_text(s, top, slot).map(|t| seg_label(x + w / 2.0, (y0 + y1) / 2.0 + 4.0, t));
    let (name, time) = (s.name.clone(), s.time);
    view! {
        <rect x=x y=y1 width=w height=y0 - y1 class=format!("yz-{}", s.kind)>
            <title>{move || format!("{name} {}", format_number(time, i18n.get_locale()))}</title>
        </rect>
        {text}
    }
}

/// A column's total above it, and its label under it, slanted (▲ when over the takt).
fn column_ends(
    (x, w): (f64, f64),
    top: f64,
    (total, over): (f64, bool),
    label: String,
    testid: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mid = x + w / 2.0;
    view! {
        <text x=mid y=plot_y(total, top) - 6.0 text-anchor="middle" class="bar-total">
            {move || format_number(total, i18n.get_locale())}
        </text>
        <text x=mid y=BASE + 14.0 text-anchor="end" class="row-label" data-testid=testid
            transform=format!("rotate(-25 {} {})", mid, BASE + 14.0)>
            {if over { format!("▲ {label}") } else { label }}
        </text>
    }
}

/// Whether `text` fits on a segment `time` tall: tall enough for a line of text and about
/// 7.5 units a character wide (bold Cyrillic at 12 units).
fn fits_text(text: &str, time: f64, top: f64, slot: f64) -> bool {
    let h = time / top * PLOT_H;
    h >= 14.0 && !text.is_empty() && text.chars().count() as f64 * 7.5 <= slot * 0.7
}

/// Whether a segment's name fits on its bar.
fn fits(s: &Segment, top: f64, slot: f64) -> bool {
    fits_text(&s.name, s.time, top, slot)
}

/// What a segment carries: its name where it fits, otherwise its time where that fits (the
/// key under the chart names it with the same time), otherwise nothing (the key only).
fn seg_text(s: &Segment, top: f64, slot: f64) -> Option<(String, bool)> {
    if fits(s, top, slot) {
        return Some((s.name.clone(), true));
    }
    let time = format_number(s.time, use_i18n().get_locale_untracked());
    fits_text(&time, s.time, top, slot).then_some((time, false))
}

/// A segment's text, centred on it; `named` when it is the name (else it is the time).
fn seg_label(x: f64, y: f64, (text, named): (String, bool)) -> impl IntoView {
    view! {
        <text x=x y=y text-anchor="middle" class="seg-label" data-named=named.to_string()>{text}</text>
    }
}

/// The key under a chart: per column, each segment whose name does not fit on its bar,
/// with its time.
fn key_view(bars: &[Bar], top: f64, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let slot = slot(bars);
    let rows: Vec<_> = bars
        .iter()
        .filter_map(|b| {
            let hidden: Vec<(String, f64)> = b
                .segments
                .iter()
                .filter(|s| !fits(s, top, slot))
                .map(|s| (s.name.clone(), s.time))
                .collect();
            (!hidden.is_empty()).then(|| {
                let text = move || {
                    hidden
                        .iter()
                        .map(|(name, t)| format!("{name} {}", format_number(*t, i18n.get_locale())))
                        .collect::<Vec<_>>()
                        .join(" · ")
                };
                view! {
                    <li data-testid=format!("{testid}-{}", b.id)>
                        <strong>{b.label.clone()}</strong>": "{text}
                    </li>
                }
            })
        })
        .collect();
    (!rows.is_empty()).then(|| view! { <ul class="yz-key" data-testid=testid>{rows}</ul> })
}

/// The grid and its tick labels.
fn grid(values: Vec<f64>, top: f64) -> impl IntoView {
    let i18n = use_i18n();
    let y = move |t: f64| plot_y(t, top);
    values
        .into_iter()
        .map(|v| {
            view! {
                <line x1=LEFT x2=LEFT + WIDTH y1=y(v) y2=y(v) class="grid" />
                <text x=LEFT - 6.0 y=y(v) + 4.0 text-anchor="end" class="tick">
                    {move || format_number(v, i18n.get_locale())}
                </text>
            }
        })
        .collect_view()
}

/// The takt line and its label.
fn takt_view(takt: Option<f64>, top: f64) -> impl IntoView {
    let i18n = use_i18n();
    let y = move |t: f64| plot_y(t, top);
    takt.map(|t| {
        view! {
            <line x1=LEFT x2=LEFT + WIDTH y1=y(t) y2=y(t) class="takt-line" />
            // Right of the plot, where no column's total can cover it.
            <text x=LEFT + WIDTH + 6.0 y=y(t) - 4.0 text-anchor="start" class="takt-label" data-testid="yamazumi-takt">
                <tspan>{move || t_string!(i18n, chart_takt_word)}" "</tspan>
                <tspan x=LEFT + WIDTH + 6.0 dy="14">{move || format_number(t, i18n.get_locale())}</tspan>
            </text>
        }
    })
}

/// The time axis' title.
fn axis_view(unit: TimeUnit) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <text x=14 y=BASE - PLOT_H / 2.0 text-anchor="middle" class="axis-label"
            transform=format!("rotate(-90 14 {})", BASE - PLOT_H / 2.0) data-testid="yamazumi-axis">
            {move || t_string!(i18n, chart_time_per_unit, unit = crate::fmt::unit_symbol(unit, i18n.get_locale()))}
        </text>
    }
}

/// Focuses the Yamazumi segment of the work element with key `key` once the chart has been
/// redrawn (keyboard balancing keeps the focus on the element being moved).
fn refocus(key: String) {
    request_animation_frame(move || {
        let Ok(found) = document().query_selector_all("[data-element]") else {
            return;
        };
        for k in 0..found.length() {
            let Some(el) = found
                .item(k)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            if el.get_attribute("data-element").as_deref() == Some(key.as_str()) {
                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
}

/// Which columns the chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Station,
    Operator,
}

/// The work of each station stacked by element (value-added or not, plus changeovers per
/// unit), per server, against the takt line: a station taller than the takt cannot keep it.
/// When the line has operators, a switch shows each operator's work instead: its share of
/// its stations' work and its walking (`takt_core::view::yamazumi::operators`).
///
/// With `on_move`, work elements can be moved between stations (balancing): drag one onto
/// another station's column, or focus it and press ← / →. `on_move` gets (element key,
/// station id). While an element is dragged, `on_hover` gets (element key, station id) of
/// the column under it, and `None` when the drag leaves the chart or ends (for a preview).
/// Names follow the interface language (the chart is redrawn when it changes).
#[component]
pub fn Yamazumi(
    scenario: Scenario,
    #[prop(optional)] on_move: Option<Callback<(String, String)>>,
    #[prop(optional)] on_hover: Option<Callback<Option<(String, String)>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let by = RwSignal::new(By::Station);
    let has_operators = !scenario.operators.is_empty();
    let scenario = StoredValue::new(scenario);
    let switch = has_operators.then(|| {
        let button = move |which: By, testid: &'static str| {
            view! {
                <button type="button" data-testid=testid
                    aria-pressed=move || (by.get() == which).to_string()
                    on:click=move |_| by.set(which)>
                    {move || match which {
                        By::Station => t_string!(i18n, yamazumi_by_station),
                        By::Operator => t_string!(i18n, yamazumi_by_operator),
                    }}
                </button>
            }
        };
        view! {
            <div class="yz-switch no-print" role="group" aria-label=tx!(i18n, yamazumi_view)>
                {button(By::Station, "yamazumi-view-stations")}
                {button(By::Operator, "yamazumi-view-operators")}
            </div>
        }
    });
    view! {
        {switch}
        {move || {
            let sc = scenario.get_value();
            // Named in the interface language: redrawn when it changes.
            let lang = lang();
            match by.get() {
                By::Station => view! { <StationChart scenario=sc lang=lang on_move=on_move on_hover=on_hover /> }.into_any(),
                By::Operator => view! { <OperatorChart scenario=sc lang=lang /> }.into_any(),
            }
        }}
    }
}

/// Each operator's work per unit: its share of each station it tends, then its walking.
#[component]
fn OperatorChart(scenario: Scenario, lang: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let takt = yamazumi(&scenario).takt;
    let walking = t_string!(i18n, work_walking).to_string();
    let bars: Vec<Bar> = operators(&scenario)
        .iter()
        .map(|c| {
            let op = &scenario.operators[c.operator];
            let segments = c
                .segments
                .iter()
                .enumerate()
                .map(|(k, s)| Segment {
                    name: match s.load {
                        Load::Station(i) => scenario.stations[i].label(lang).to_owned(),
                        Load::Walking => walking.clone(),
                    },
                    time: s.time,
                    kind: match s.load {
                        Load::Walking => "walk",
                        Load::Station(_) if k % 2 == 1 => "work-alt",
                        Load::Station(_) => "work",
                    },
                    key: None,
                })
                .collect();
            Bar {
                id: op.id.clone(),
                label: op.label(lang).to_owned(),
                segments,
                total: c.total,
            }
        })
        .collect();
    let (values, top) = scale(&bars, takt);
    let drawn = stacked(&bars, takt, top, "yamazumi-operator");
    let key = key_view(&bars, top, "yamazumi-key");
    let legend = palette::OPERATOR_KINDS.map(|(kind, colour)| {
        view! {
            <li data-testid=format!("yamazumi-legend-{kind}")>
                <span class="swatch" style:background=colour></span>
                {move || match kind {
                    "work" => t_string!(i18n, work_station),
                    _ => t_string!(i18n, work_walking),
                }}
            </li>
        }
    });
    view! {
        <figure class="chart" data-testid="yamazumi-operators">
            <figcaption>{tx!(i18n, yamazumi_operators_title)}</figcaption>
            <svg viewBox="0 0 680 330" role="img" aria-label=tx!(i18n, yamazumi_operators_title)>
                {grid(values, top)}
                {drawn}
                {takt_view(takt, top)}
                {axis_view(scenario.time_unit)}
            </svg>
            <ul class="legend">{legend.collect_view()}</ul>
            {key}
        </figure>
    }
}

/// Columns of segments stacked bottom up, each with its total and label (▲ over the takt);
/// column `b` is `<g data-testid="{prefix}-{b.id}">`.
fn stacked(bars: &[Bar], takt: Option<f64>, top: f64, prefix: &'static str) -> impl IntoView {
    let slot = slot(bars);
    bars.iter()
        .enumerate()
        .map(|(k, b)| {
            let at = column_x(k, slot);
            let over = takt.is_some_and(|t| b.total > t);
            let mut bottom = 0.0;
            let rects = b
                .segments
                .iter()
                .map(|s| {
                    let block = segment_block(s, at, bottom, top, slot);
                    bottom += s.time;
                    view! { <g data-kind=s.kind>{block}</g> }
                })
                .collect_view();
            view! {
                <g data-testid=format!("{prefix}-{}", b.id) class:over-takt=over>
                    {rects}
                    {column_ends(at, top, (b.total, over), b.label.clone(), None)}
                </g>
            }
        })
        .collect_view()
}

/// The time study's cycles as columns (`crate::trainee::sheets`): each observed cycle's
/// operation time stacked by work element (value-added or not) against the takt line.
#[component]
pub fn CycleChart(
    scenario: Scenario,
    study: takt_core::lean::TimeStudy,
    lang: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let bars: Vec<Bar> = study
        .operation
        .iter()
        .enumerate()
        .map(|(k, &total)| Bar {
            id: (k + 1).to_string(),
            label: (k + 1).to_string(),
            segments: study
                .elements
                .iter()
                .zip(study.names(&scenario, lang))
                .map(|(e, name)| Segment {
                    name,
                    time: e.times[k],
                    kind: if e.value_added { "va" } else { "nva" },
                    key: None,
                })
                .collect(),
            total,
        })
        .collect();
    let (values, top) = scale(&bars, study.takt);
    let drawn = stacked(&bars, study.takt, top, "cycle");
    let key = key_view(&bars, top, "cycle-key");
    view! {
        <figure class="chart" data-testid="cycle-chart">
            <figcaption>{tx!(i18n, study_chart_title)}</figcaption>
            <svg viewBox="0 0 680 330" role="img" aria-label=tx!(i18n, study_chart_title)
                xmlns="http://www.w3.org/2000/svg">
                {grid(values, top)}
                {drawn}
                {takt_view(study.takt, top)}
                {axis_view(scenario.time_unit)}
            </svg>
            {key}
        </figure>
    }
}

/// Each station's work stacked by element, per server; elements can be moved with `on_move`.
#[component]
fn StationChart(
    scenario: Scenario,
    lang: &'static str,
    on_move: Option<Callback<(String, String)>>,
    on_hover: Option<Callback<Option<(String, String)>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chart = yamazumi(&scenario);
    let takt = chart.takt;
    let setup_name = t_string!(i18n, work_setup).to_string();
    // The core's numbers, named here.
    let bars: Vec<Bar> = chart
        .columns
        .iter()
        .map(|c| {
            let st = &scenario.stations[c.station];
            let segments = c
                .segments
                .iter()
                .map(|s| {
                    let element = s.element.map(|k| &st.elements[k]);
                    Segment {
                        name: match (s.work, element) {
                            (_, Some(e)) => e.label(lang).to_owned(),
                            (Work::Changeover, None) => setup_name.clone(),
                            (_, None) => st.label(lang).to_owned(),
                        },
                        time: s.time,
                        kind: match s.work {
                            Work::ValueAdded => "va",
                            Work::NonValueAdded => "nva",
                            Work::Changeover => "setup",
                        },
                        key: element.map(|e| e.key().to_owned()),
                    }
                })
                .collect();
            Bar {
                id: st.id.clone(),
                label: st.label(lang).to_owned(),
                segments,
                total: c.cycle_time,
            }
        })
        .collect();
    let (values, top) = scale(&bars, takt);
    let slot = slot(&bars);
    // Stations that take work elements, in line order (where ← and → move an element).
    let takers: Vec<String> = scenario
        .stations
        .iter()
        .filter(|s| s.process.is_none())
        .map(|s| s.id.clone())
        .collect();
    let dragging = RwSignal::new(None::<String>);
    let hovered = RwSignal::new(None::<String>);
    // The element dragged and the column under it, told as they change (a drop ends it).
    if let Some(cb) = on_hover {
        let over = Memo::new(move |_| dragging.get().zip(hovered.get()));
        Effect::new(move |_| cb.run(over.get()));
    }
    let columns = bars
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let (id, label, total) = (b.id.clone(), b.label.clone(), b.total);
            let at = column_x(k, slot);
            let over = takt.is_some_and(|t| total > t);
            let mut bottom = 0.0;
            let rects = b
                .segments
                .iter()
                .map(|s| {
                    let block = segment_block(s, at, bottom, top, slot);
                    bottom += s.time;
                    let name = s.name.clone();
                    let key = s.key.clone();
                    let movable = s.key.clone().filter(|_| on_move.is_some());
                    let keys = {
                        let (station, takers, key) = (id.clone(), takers.clone(), s.key.clone().unwrap_or_default());
                        move |ev: web_sys::KeyboardEvent| {
                            let step: isize = match ev.key().as_str() {
                                "ArrowLeft" => -1,
                                "ArrowRight" => 1,
                                _ => return,
                            };
                            ev.prevent_default();
                            let at = takers.iter().position(|t| *t == station);
                            let to = at.and_then(|at| takers.get(at.checked_add_signed(step)?));
                            if let (Some(to), Some(cb)) = (to, on_move) {
                                cb.run((key.clone(), to.clone()));
                                refocus(key.clone());
                            }
                        }
                    };
                    let grab = {
                        let key = s.key.clone();
                        move |ev: web_sys::PointerEvent| {
                            ev.prevent_default();
                            dragging.set(key.clone());
                        }
                    };
                    let hint = movable.as_ref().map(|_| t_string!(i18n, yamazumi_move_hint).to_string());
                    let aria = movable.as_ref().map(|_| format!("{name}, {label}, {}", format_number(s.time, i18n.get_locale_untracked())));
                    view! {
                        <g data-kind=s.kind
                            data-key=key
                            data-element=movable.clone()
                            class:movable=movable.is_some()
                            tabindex=movable.as_ref().map(|_| "0")
                            role=movable.as_ref().map(|_| "button")
                            aria-label=aria
                            aria-description=hint
                            on:keydown=keys
                            on:pointerdown=move |ev| if movable.is_some() { grab(ev) }>
                            {block}
                        </g>
                    }
                })
                .collect_view();
            let drop_on = id.clone();
            let enter = id.clone();
            let target = id.clone();
            view! {
                <g data-testid=format!("yamazumi-bar-{id}") class:over-takt=over
                    class:drop-target=move || dragging.with(Option::is_some) && hovered.with(|h| h.as_deref() == Some(target.as_str()))
                    on:pointerenter=move |_| hovered.set(Some(enter.clone()))
                    on:pointerup=move |_| {
                        if let (Some(element), Some(cb)) = (dragging.get_untracked(), on_move) {
                            dragging.set(None);
                            cb.run((element, drop_on.clone()));
                        }
                    }>
                    <rect x=LEFT + k as f64 * slot y=BASE - PLOT_H width=slot height=PLOT_H class="drop-zone" />
                    {rects}
                    {column_ends(at, top, (total, over), label, Some(format!("yamazumi-label-{id}")))}
                </g>
            }
        })
        .collect_view();
    let key = key_view(&bars, top, "yamazumi-key");
    let legend = palette::WORK_KINDS.map(|(kind, colour)| {
        view! {
            <li data-testid=format!("yamazumi-legend-{kind}")>
                <span class=format!("swatch yz-{kind}") style:background=colour></span>
                {move || match kind {
                    "va" => t_string!(i18n, work_value_added),
                    "nva" => t_string!(i18n, work_non_value_added),
                    _ => t_string!(i18n, work_setup),
                }}
            </li>
        }
    });
    view! {
        <figure class="chart" data-testid="yamazumi">
            <figcaption>{tx!(i18n, chart_yamazumi_title)}</figcaption>
            <svg viewBox="0 0 680 330" role=if on_move.is_some() { "group" } else { "img" }
                aria-label=tx!(i18n, chart_yamazumi_title)
                class:dragging=move || dragging.with(Option::is_some)
                on:pointerup=move |_| dragging.set(None)
                on:pointerleave=move |_| { dragging.set(None); hovered.set(None); }>
                {grid(values, top)}
                {columns}
                {takt_view(takt, top)}
                {axis_view(scenario.time_unit)}
            </svg>
            <ul class="legend">{legend.collect_view()}</ul>
            {key}
        </figure>
    }
}
