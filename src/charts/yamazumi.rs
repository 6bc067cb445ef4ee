//! The Yamazumi chart: each station's work stacked by element against the takt line, and
//! balancing by moving elements between stations.

use super::palette;
use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use leptos::prelude::*;
use takt_core::view::yamazumi::{yamazumi, Work};
use wasm_bindgen::JsCast;

/// One segment of a Yamazumi bar: a work element (or a station's whole process), or changeovers.
struct Segment {
    /// The name shown, in the interface language.
    name: String,
    time: f64,
    kind: &'static str,
    /// The key of a work element (which can be moved to another station); `None` for a
    /// station's whole process or its changeovers.
    key: Option<String>,
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

/// The work of each station stacked by element (value-added or not, plus changeovers per unit),
/// per server, against the takt line: a station taller than the takt cannot keep it.
///
/// With `on_move`, work elements can be moved between stations (balancing): drag one onto
/// another station's column, or focus it and press ← / →. `on_move` gets (element key,
/// station id). Names follow the interface language (the chart is redrawn when it changes).
#[component]
pub fn Yamazumi(
    scenario: takt_core::Scenario,
    #[prop(optional)] on_move: Option<Callback<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chart = yamazumi(&scenario);
    let takt = chart.takt;
    let cycle_times: Vec<f64> = chart.columns.iter().map(|c| c.cycle_time).collect();
    // (station id, its name, its segments, its cycle time) in `lang`: the core's numbers,
    // named here.
    let bars = {
        let scenario = scenario.clone();
        move |lang: &str| -> Vec<(String, String, Vec<Segment>, f64)> {
            chart
                .columns
                .iter()
                .map(|c| {
                    let st = &scenario.stations[c.station];
                    let segs = c
                        .segments
                        .iter()
                        .map(|s| {
                            let element = s.element.map(|k| &st.elements[k]);
                            Segment {
                                name: match (s.work, element) {
                                    (_, Some(e)) => e.label(lang).to_owned(),
                                    (Work::Changeover, None) => String::new(),
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
                    (st.id.clone(), st.label(lang).to_owned(), segs, c.cycle_time)
                })
                .collect()
        }
    };
    let top = cycle_times
        .iter()
        .copied()
        .fold(takt.unwrap_or(0.0), f64::max)
        * 1.15;
    let (left, width, plot_h, base) = (50.0, 560.0, 220.0, 240.0);
    let slot = width / cycle_times.len().max(1) as f64;
    let y = move |t: f64| base - t / top * plot_h;
    let unit = scenario.time_unit;
    // Stations that take work elements, in line order (where ← and → move an element).
    let takers: Vec<String> = scenario
        .stations
        .iter()
        .filter(|s| s.process.is_none())
        .map(|s| s.id.clone())
        .collect();
    let dragging = RwSignal::new(None::<String>);
    let hovered = RwSignal::new(None::<String>);
    let columns = move || {
        let takers = takers.clone();
        bars(lang())
            .into_iter()
            .enumerate()
            .map(|(k, (id, label, segs, total))| {
                let x = left + k as f64 * slot + slot * 0.15;
                let w = slot * 0.7;
                let over = takt.is_some_and(|t| total > t);
                let mut acc = 0.0;
                let station = id.clone();
                let takers = takers.clone();
                let rects = segs
                    .into_iter()
                    .map(|s| {
                        let (y0, y1) = (y(acc), y(acc + s.time));
                        acc += s.time;
                        let name = s.name.clone();
                        let key = s.key.clone();
                        let movable = s.key.clone().filter(|_| on_move.is_some());
                        let keys = {
                            let (station, takers, key) = (station.clone(), takers.clone(), s.key.clone().unwrap_or_default());
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
                        // Only where the name fits (about 6 units per character at this size).
                        let fits = y0 - y1 >= 14.0 && name.chars().count() as f64 * 6.0 <= w;
                        let text = (fits && !name.is_empty()).then(|| {
                            view! { <text x=x + w / 2.0 y=(y0 + y1) / 2.0 + 4.0 text-anchor="middle" class="seg-label">{name.clone()}</text> }
                        });
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
                                <rect x=x y=y1 width=w height=y0 - y1 class=format!("yz-{}", s.kind)>
                                    <title>{format!("{} {:.1}", s.name, s.time)}</title>
                                </rect>
                                {text}
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
                        <rect x=left + k as f64 * slot y=base - plot_h width=slot height=plot_h class="drop-zone" />
                        {rects}
                        <text x=x + w / 2.0 y=y(total) - 6.0 text-anchor="middle" class="bar-total">
                            {move || format_number(total, i18n.get_locale())}
                        </text>
                        <text
                            x=x + w / 2.0
                            y=base + 14.0
                            text-anchor="end"
                            class="row-label"
                            data-testid=format!("yamazumi-label-{id}")
                            transform=format!("rotate(-25 {} {})", x + w / 2.0, base + 14.0)
                        >
                            {if over { format!("▲ {label}") } else { label }}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    let takt_line = takt.map(|t| {
        view! {
            <line x1=left x2=left + width y1=y(t) y2=y(t) class="takt-line" />
            <text x=left + width y=y(t) - 6.0 text-anchor="end" class="takt-label" data-testid="yamazumi-takt">
                {move || t_string!(i18n, chart_takt, value = format_number(t, i18n.get_locale()))}
            </text>
        }
    });
    let ticks = (0..=4)
        .map(|k| {
            let v = top * f64::from(k) / 4.0;
            view! {
                <line x1=left x2=left + width y1=y(v) y2=y(v) class="grid" />
                <text x=left - 6.0 y=y(v) + 4.0 text-anchor="end" class="tick">{format!("{v:.0}")}</text>
            }
        })
        .collect_view();
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
            <svg viewBox="0 0 620 330" role=if on_move.is_some() { "group" } else { "img" }
                aria-label=tx!(i18n, chart_yamazumi_title)
                class:dragging=move || dragging.with(Option::is_some)
                on:pointerup=move |_| dragging.set(None)
                on:pointerleave=move |_| dragging.set(None)>
                {ticks}
                {columns}
                {takt_line}
                <text x=14 y=base - plot_h / 2.0 text-anchor="middle" class="axis-label"
                    transform=format!("rotate(-90 14 {})", base - plot_h / 2.0) data-testid="yamazumi-axis">
                    {move || t_string!(i18n, chart_time_per_unit, unit = crate::fmt::unit_symbol(unit, i18n.get_locale()))}
                </text>
            </svg>
            <ul class="legend">{legend.collect_view()}</ul>
        </figure>
    }
}
