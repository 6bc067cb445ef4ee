//! Charts drawn by the app as plain SVG (no chart library, nothing from the network).

use super::palette;
use crate::i18n::use_i18n;
use crate::names::lang;
use leptos::prelude::*;
use takt_core::sim::report::Report;
use takt_core::{Scenario, State};

/// Geometry of the station state chart (SVG user units).
const LABEL_W: f64 = 150.0;
const BAR_W: f64 = 440.0;
const ROW_H: f64 = 30.0;
const TOP: f64 = 10.0;

fn shares(s: &takt_core::sim::report::StationReport) -> [f64; 6] {
    [s.utilization, s.setup, s.down, s.starved, s.blocked, s.off]
}

/// Per station of `line`, one bar split by the share of time in each state; the bottleneck is
/// marked. Each segment wide enough carries its percentage, so colour is not the only signal.
/// Stations are named in the interface language.
#[component]
pub fn StateBars(report: Report, line: Scenario) -> impl IntoView {
    let i18n = use_i18n();
    let rows = report.stations.len() as f64;
    let height = TOP + rows * ROW_H + 40.0;
    let line = StoredValue::new(line);
    let bars = report
        .stations
        .iter()
        .enumerate()
        .map(|(row, s)| {
            let id = s.id.clone();
            let name = move || line.with_value(|l| l.station_label(&id, lang()).to_owned());
            let y = TOP + row as f64 * ROW_H;
            let is_bottleneck = s.id == report.bottleneck;
            let mut x = LABEL_W;
            let segments = State::ALL
                .into_iter()
                .zip(shares(s))
                .filter(|(_, share)| *share > 0.0)
                .map(|(state, share)| {
                    let w = share * BAR_W;
                    let at = x;
                    x += w;
                    let percent = format!("{:.0} %", share * 100.0);
                    let label = (share >= 0.08).then(|| {
                        view! {
                            <text x=at + w / 2.0 y=y + ROW_H / 2.0 + 4.0 class="seg-label" text-anchor="middle">
                                {percent.clone()}
                            </text>
                        }
                    });
                    view! {
                        <g data-state=palette::key(state)>
                            <rect x=at y=y + 4.0 width=w height=ROW_H - 8.0 fill=palette::colour(state)>
                                <title>{move || format!("{}: {}", palette::name(state), percent)}</title>
                            </rect>
                            {label}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g data-testid=format!("state-bar-{}", s.id) class:bottleneck=is_bottleneck>
                    <text x=LABEL_W - 8.0 y=y + ROW_H / 2.0 + 4.0 text-anchor="end" class="row-label"
                        data-testid=format!("state-label-{}", s.id)>
                        {move || if is_bottleneck { format!("▲ {}", name()) } else { name() }}
                    </text>
                    {segments}
                </g>
            }
        })
        .collect_view();
    let axis_y = TOP + rows * ROW_H + 4.0;
    // Percent of the time: 0, 20, … 100 (the nice ticks every chart uses).
    let ticks = takt_core::view::replay::ticks(100.0, 5)
        .into_iter()
        .map(|p| {
            let x = LABEL_W + p / 100.0 * BAR_W;
            view! {
                <line x1=x x2=x y1=TOP y2=axis_y class="grid" />
                <text x=x y=axis_y + 14.0 text-anchor="middle" class="tick">{format!("{p:.0}")}</text>
            }
        })
        .collect_view();
    let legend = State::ALL
        .map(|state| {
            view! {
                <li data-testid=format!("legend-{}", palette::key(state))>
                    <span class="swatch" style:background=palette::colour(state)></span>
                    {move || palette::name(state)}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="state-chart">
            <figcaption>{tx!(i18n, chart_states_title)}</figcaption>
            <svg
                viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 20.0)
                role="img"
                aria-label=tx!(i18n, chart_states_title)
            >
                {ticks}
                {bars}
                <text x=LABEL_W + BAR_W / 2.0 y=height - 4.0 text-anchor="middle" class="axis-label" data-testid="state-axis">
                    {tx!(i18n, chart_axis_share)}
                </text>
            </svg>
            <ul class="legend">{legend}</ul>
            <p class="chart-note">{tx!(i18n, chart_bottleneck_note)}</p>
        </figure>
    }
}
