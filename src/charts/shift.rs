//! Watching one shift: the line diagram animated from the run's event log (play, pause, speed,
//! steps and a time slider), and two results charts: WIP over time and the lead-time
//! histogram. Plain SVG drawn by the app; every time is in the scenario's time unit.

use super::palette;
use crate::fmt::{format_number, unit_symbol};
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use leptos::prelude::*;
use std::fmt::Write as _;
use takt_core::lean::mean_lead_time;
use takt_core::model::Text;
use takt_core::sim::RunResult;
use takt_core::view::replay::{histogram, ticks, wip_series, Frame, Place, Replay};
use takt_core::{Scenario, State};

/// Playback speeds offered, in time units per real second. The default is the slowest one
/// that shows the whole run within a minute.
const SPEEDS: [f64; 8] = [1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0];

// Geometry of the line diagram (SVG user units): stations in cells, up to `PER_ROW` a row.
const PER_ROW: usize = 6;
const CELL_W: f64 = 170.0;
const ROW_H: f64 = 160.0;
const HEADER: f64 = 34.0;
const MARGIN: f64 = 10.0;
const TANK_X: f64 = 14.0;
const TANK_W: f64 = 18.0;
const BOX_X: f64 = 44.0;
const BOX_W: f64 = 112.0;
const BOX_Y: f64 = 24.0;
const BOX_H: f64 = 62.0;
const OP_Y: f64 = 120.0;
const OP_GAP: f64 = 26.0;
/// Per-server indicators drawn at most (more servers: "+n").
const MAX_INDICATORS: usize = 8;

// Geometry of the results charts.
const PLOT_LEFT: f64 = 56.0;
const PLOT_RIGHT: f64 = 600.0;
const PLOT_TOP: f64 = 16.0;
const PLOT_BOTTOM: f64 = 236.0;

/// The state of a station's first server.
fn first_state(frame: &Frame, station: usize) -> State {
    frame
        .stations
        .get(station)
        .and_then(|s| s.servers.first().copied())
        .unwrap_or(State::Starved)
}

/// Where the stations of a line of `n` go: rows of at most [`PER_ROW`], filled evenly.
#[derive(Clone, Copy)]
struct Layout {
    per_row: usize,
    rows: usize,
}

impl Layout {
    fn new(n: usize) -> Layout {
        let rows = n.div_ceil(PER_ROW).max(1);
        Layout {
            per_row: n.div_ceil(rows).max(1),
            rows,
        }
    }

    /// The top-left corner of station `i`'s cell.
    fn cell(self, i: usize) -> (f64, f64) {
        (
            MARGIN + (i % self.per_row) as f64 * CELL_W,
            HEADER + (i / self.per_row) as f64 * ROW_H,
        )
    }

    fn width(self) -> f64 {
        2.0 * MARGIN + self.per_row as f64 * CELL_W
    }

    fn height(self) -> f64 {
        HEADER + self.rows as f64 * ROW_H
    }

    /// The centre of operator slot `slot` under station `i`.
    fn operator_at(self, i: usize, slot: usize) -> (f64, f64) {
        let (x, y) = self.cell(i);
        (x + BOX_X + 14.0 + slot as f64 * OP_GAP, y + OP_Y)
    }
}

/// The playback clock: the time shown, whether it runs, and the pending animation frame.
#[derive(Clone, Copy)]
struct Player {
    time: RwSignal<f64>,
    playing: RwSignal<bool>,
    /// Time units per real second.
    speed: RwSignal<f64>,
    start: f64,
    end: f64,
    request: StoredValue<Option<AnimationFrameRequestHandle>, LocalStorage>,
}

impl Player {
    fn play(self) {
        if self.time.get_untracked() >= self.end {
            self.time.set(self.start);
        }
        self.playing.set(true);
        self.next_frame(js_sys::Date::now());
    }

    fn pause(self) {
        self.playing.set(false);
        if let Some(handle) = self.request.try_update_value(Option::take).flatten() {
            handle.cancel();
        }
    }

    /// Jumps to `t` (a step or the slider), pausing.
    fn seek(self, t: f64) {
        self.pause();
        self.time.set(t.clamp(self.start, self.end));
    }

    fn next_frame(self, last_ms: f64) {
        let handle = request_animation_frame_with_handle(move || self.advance(last_ms)).ok();
        self.request.try_set_value(handle);
    }

    /// One animation frame: the clock moves by the real time elapsed × the speed.
    fn advance(self, last_ms: f64) {
        // The signals are gone once the diagram is dropped: then nothing more is requested.
        let (Some(true), Some(t), Some(speed)) = (
            self.playing.try_get_untracked(),
            self.time.try_get_untracked(),
            self.speed.try_get_untracked(),
        ) else {
            return;
        };
        let now = js_sys::Date::now();
        let t = (t + (now - last_ms) / 1000.0 * speed).min(self.end);
        self.time.set(t);
        if t >= self.end {
            self.pause();
        } else {
            self.next_frame(now);
        }
    }
}

/// The line at the moment chosen, animated from the run's event log: stations coloured and
/// labelled by state, the queues in front with their fill, operators, the clock and the WIP;
/// with play/pause, speed, step back/forward and a time slider.
#[component]
pub fn LineDiagram(scenario: Scenario, run: RunResult) -> impl IntoView {
    let i18n = use_i18n();
    let unit = run.time_unit;
    let replay = Replay::new(&scenario, &run);
    if replay.event_count() == 0 {
        return no_chart(
            "chart replay",
            "line-diagram",
            tx!(i18n, shift_title).into_any(),
            tx!(i18n, shift_no_log).into_any(),
        );
    }
    let (start, end, truncated) = (replay.start(), replay.end(), replay.truncated());
    let info = replay.stations().to_vec();
    let layout = Layout::new(info.len());
    let replay = StoredValue::new(replay);
    let default_speed = SPEEDS
        .into_iter()
        .find(|&v| v * 60.0 >= end - start)
        .unwrap_or(SPEEDS[SPEEDS.len() - 1]);
    let player = Player {
        time: RwSignal::new(start),
        playing: RwSignal::new(false),
        speed: RwSignal::new(default_speed),
        start,
        end,
        request: StoredValue::new_local(None),
    };
    on_cleanup(move || player.pause());
    let time = player.time;
    let frame = Memo::new(move |_| replay.with_value(|r| r.frame(time.get())));
    let number = move |x: f64| format_number(x, i18n.get_locale());
    let unit_text = move || unit_symbol(unit, i18n.get_locale());

    let arrows = info
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = layout.cell(i);
            let (x1, y1) = (x + BOX_X + BOX_W, y + BOX_Y + BOX_H / 2.0);
            let path = match s.next {
                // Finished goods leave the line.
                None => format!("M {x1} {y1} H {}", x1 + 12.0),
                Some(j) => {
                    let (xj, yj) = layout.cell(j);
                    let into = xj + if info[j].queue { TANK_X } else { BOX_X } - 2.0;
                    let yj = yj + BOX_Y + BOX_H / 2.0;
                    if j == i + 1 && yj == y1 {
                        format!("M {x1} {y1} H {into}")
                    } else {
                        // Around the stations in between, below the row.
                        let below = y + ROW_H - 8.0;
                        format!(
                            "M {x1} {y1} H {} V {below} H {} V {yj} H {into}",
                            x1 + 8.0,
                            into - 8.0
                        )
                    }
                }
            };
            view! { <path d=path class="replay-arrow" marker-end="url(#replay-arrowhead)" /> }
        })
        .collect_view();

    let stations = info
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = layout.cell(i);
            let state = move || frame.with(|f| first_state(f, i));
            let servers = s.servers as usize;
            let indicators = (servers > 1).then(|| {
                let shown = servers.min(MAX_INDICATORS);
                let squares = (0..shown)
                    .map(|k| {
                        let server = move || {
                            frame.with(|f| f.stations[i].servers.get(k).copied().unwrap_or(State::Starved))
                        };
                        let sx = x + BOX_X + 6.0 + k as f64 * 13.0;
                        let sy = y + BOX_Y + BOX_H - 17.0;
                        view! {
                            <g class="replay-server" data-state=move || palette::key(server())>
                                <rect x=sx y=sy width=12 height=12 rx=2 fill=move || palette::colour(server()) />
                                <text x=sx + 6.0 y=sy + 9.5 text-anchor="middle">{move || palette::glyph(server())}</text>
                                <title>
                                    {move || t_string!(i18n, shift_server, n = k + 1, state = palette::name(server()))}
                                </title>
                            </g>
                        }
                    })
                    .collect_view();
                let more = (servers > shown).then(|| {
                    view! {
                        <text x=x + BOX_X + BOX_W - 4.0 y=y + BOX_Y + BOX_H - 7.0 text-anchor="end" class="replay-state">
                            {format!("+{}", servers - shown)}
                        </text>
                    }
                });
                view! { {squares} {more} }
            });
            let label_y = if servers > 1 { BOX_Y + 26.0 } else { BOX_Y + BOX_H / 2.0 + 4.0 };
            let tank = s.queue.then(|| {
                let capacity = s.capacity;
                // An unlimited buffer fills against the longest queue of the run.
                let full = f64::from(capacity.unwrap_or_else(|| run.stations.get(i).map_or(1, |r| r.queue_max)).max(1));
                let queue = move || frame.with(|f| f.stations[i].queue);
                let fill_h = move || BOX_H * (f64::from(queue()) / full).min(1.0);
                let id = s.id.clone();
                view! {
                    <g class="replay-tank">
                        <rect x=x + TANK_X y=y + BOX_Y width=TANK_W height=BOX_H class="replay-tank-wall" />
                        <rect
                            x=x + TANK_X
                            y=move || y + BOX_Y + BOX_H - fill_h()
                            width=TANK_W
                            height=fill_h
                            class="replay-tank-fill"
                        />
                        <text x=x + TANK_X + TANK_W / 2.0 y=y + BOX_Y + BOX_H + 16.0 text-anchor="middle" class="replay-queue">
                            <tspan data-testid=format!("replay-queue-{id}")>{move || queue().to_string()}</tspan>
                            {capacity.map(|c| view! { <tspan>{format!("/{c}")}</tspan> })}
                        </text>
                        <title>{move || t_string!(i18n, shift_queue, units = queue())}</title>
                    </g>
                }
            });
            view! {
                <g data-testid=format!("replay-station-{}", s.id) data-state=move || palette::key(state()) class="replay-station">
                    {tank}
                    <text x=x + BOX_X + BOX_W / 2.0 y=y + BOX_Y - 7.0 text-anchor="middle" class="row-label"
                        data-testid=format!("replay-name-{}", s.id)>
                        {let name = s.name.clone(); move || name.get(lang()).to_owned()}
                    </text>
                    <rect x=x + BOX_X y=y + BOX_Y width=BOX_W height=BOX_H rx=4 fill=move || palette::colour(state()) />
                    <text x=x + BOX_X + BOX_W / 2.0 y=y + label_y text-anchor="middle" class="replay-state">
                        {move || format!("{} {}", palette::glyph(state()), palette::name(state()))}
                    </text>
                    {indicators}
                </g>
            }
        })
        .collect_view();

    // Station `i`'s name in the interface language (read reactively).
    let station_name = {
        let names: Vec<Text> = info.iter().map(|s| s.name.clone()).collect();
        move |i: usize| {
            names
                .get(i)
                .map_or_else(String::new, |n| n.get(lang()).to_owned())
        }
    };
    // Where operator `o` is drawn: its slot under its station (or between the two stations
    // it walks between), after the operators before it at the same place.
    let last = info.len().saturating_sub(1);
    let operator_xy = move |f: &Frame, o: usize| {
        let place = f.operators[o];
        let slot = f.operators[..o].iter().filter(|&&p| p == place).count();
        match place {
            Place::At(s) => layout.operator_at(s.min(last), slot),
            Place::Walking { from, to } => {
                let (a, b) = (
                    layout.operator_at(from.min(last), slot),
                    layout.operator_at(to.min(last), slot),
                );
                ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
            }
        }
    };
    let operator_names: Vec<Text> = scenario
        .operators
        .iter()
        .map(|o| o.name.clone().unwrap_or_else(|| Text::plain(o.id.clone())))
        .collect();
    let operators = operator_names
        .iter()
        .enumerate()
        .map(|(o, name)| {
            let walking = move || frame.with(|f| matches!(f.operators[o], Place::Walking { .. }));
            view! {
                <g
                    class="replay-operator"
                    class:walking=walking
                    transform=move || frame.with(|f| {
                        let (x, y) = operator_xy(f, o);
                        format!("translate({x} {y})")
                    })
                >
                    <circle r=11 />
                    <text y=4 text-anchor="middle">{o + 1}</text>
                    <title>{let name = name.clone(); move || name.get(lang()).to_owned()}</title>
                </g>
            }
        })
        .collect_view();
    let operator_list = operator_names
        .into_iter()
        .enumerate()
        .map(|(o, name)| {
            let station_name = station_name.clone();
            let id = scenario.operators[o].id.clone();
            view! {
                <li data-testid=format!("replay-operator-{id}")>
                    <span class="replay-operator-mark" aria-hidden="true">{o + 1}</span>
                    {move || {
                        let name = name.get(lang());
                        match frame.with(|f| f.operators[o]) {
                            Place::At(s) => t_string!(i18n, shift_operator_at, name = name, station = station_name(s)),
                            Place::Walking { to, .. } => {
                                t_string!(i18n, shift_operator_walking, name = name, station = station_name(to))
                            }
                        }
                    }}
                </li>
            }
        })
        .collect_view();

    let legend = State::ALL
        .map(|state| {
            view! {
                <li>
                    <span class="swatch" style:background=palette::colour(state)></span>
                    {format!("{} ", palette::glyph(state))}
                    {move || palette::name(state)}
                </li>
            }
        })
        .collect_view();

    let replay_now =
        move |f: fn(&Replay, f64) -> Option<f64>| replay.with_value(|r| f(r, time.get()));
    // Seeks to the previous or next change of the line (`Replay::prev_time`, `next_time`).
    let step = move |f: fn(&Replay, f64) -> Option<f64>| {
        if let Some(t) = replay.with_value(|r| f(r, time.get_untracked())) {
            player.seek(t);
        }
    };
    let speed_options = SPEEDS
        .map(|v| {
            view! {
                <option value=v.to_string() selected=v == default_speed>
                    {move || t_string!(i18n, shift_speed_option, value = number(v), unit = unit_text())}
                </option>
            }
        })
        .collect_view();
    let (width, height) = (layout.width(), layout.height());

    view! {
        <figure class="chart replay" data-testid="line-diagram">
            <figcaption>{tx!(i18n, shift_title)}</figcaption>
            <svg
                viewBox=format!("0 0 {width} {height}")
                role="img"
                aria-label=move || {
                    t_string!(i18n, shift_diagram, time = number(time.get()), unit = unit_text())
                }
            >
                <defs>
                    <marker id="replay-arrowhead" viewBox="0 0 10 10" refX=9 refY=5 markerWidth=7 markerHeight=7 orient="auto">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="replay-arrowhead" />
                    </marker>
                </defs>
                <text x=MARGIN y=20 class="replay-clock">
                    {move || t_string!(i18n, shift_clock, time = number(time.get()), end = number(end), unit = unit_text())}
                </text>
                <text x=width - MARGIN y=20 text-anchor="end" class="replay-clock" data-testid="replay-wip">
                    {move || t_string!(i18n, shift_wip, units = frame.with(|f| f.wip))}
                </text>
                {arrows}
                {stations}
                {operators}
            </svg>
            <ul class="legend">{legend}</ul>
            <ul class="replay-operators">{operator_list}</ul>
            {truncated.then(|| view! {
                <p class="chart-note">{move || t_string!(i18n, shift_log_truncated, time = number(end), unit = unit_text())}</p>
            })}
            <div class="replay-controls">
                <button
                    type="button"
                    data-testid="replay-step-back"
                    aria-label=tx!(i18n, shift_step_back)
                    disabled=move || replay_now(Replay::prev_time).is_none()
                    on:click=move |_| step(Replay::prev_time)
                >
                    <span aria-hidden="true">"◀ "</span>
                    {tx!(i18n, shift_step_back)}
                </button>
                <button
                    type="button"
                    data-testid="replay-play"
                    aria-label=move || {
                        if player.playing.get() { t_string!(i18n, shift_pause) } else { t_string!(i18n, shift_play) }
                    }
                    on:click=move |_| if player.playing.get_untracked() { player.pause() } else { player.play() }
                >
                    {move || if player.playing.get() { t_string!(i18n, shift_pause) } else { t_string!(i18n, shift_play) }}
                </button>
                <button
                    type="button"
                    data-testid="replay-step-forward"
                    aria-label=tx!(i18n, shift_step_forward)
                    disabled=move || replay_now(Replay::next_time).is_none()
                    on:click=move |_| step(Replay::next_time)
                >
                    {tx!(i18n, shift_step_forward)}
                    <span aria-hidden="true">" ▶"</span>
                </button>
                <label class="replay-speed">
                    {tx!(i18n, shift_speed)}
                    <select
                        data-testid="replay-speed"
                        aria-label=tx!(i18n, shift_speed)
                        on:change:target=move |ev| {
                            if let Ok(v) = ev.target().value().parse() {
                                player.speed.set(v);
                            }
                        }
                    >
                        {speed_options}
                    </select>
                </label>
                <label class="replay-slider">
                    {tx!(i18n, shift_time)}
                    <input
                        type="range"
                        data-testid="replay-slider"
                        min=start
                        max=end
                        step="any"
                        aria-label=tx!(i18n, shift_time)
                        aria-valuetext=move || format!("{} {}", number(time.get()), unit_text())
                        prop:value=move || time.get().to_string()
                        on:input:target=move |ev| {
                            if let Ok(t) = ev.target().value().parse() {
                                player.seek(t);
                            }
                        }
                    />
                </label>
                <output data-testid="replay-time">{move || format!("{} {}", number(time.get()), unit_text())}</output>
            </div>
            <p class="visually-hidden" aria-live="polite">
                {move || (!player.playing.get()).then(|| {
                    t_string!(i18n, shift_announce, time = number(time.get()), unit = unit_text(), units = frame.with(|f| f.wip))
                })}
            </p>
        </figure>
    }
    .into_any()
}

/// The scale of a results chart: data `lo..hi` across, `0..top` up.
#[derive(Clone, Copy)]
struct Plot {
    lo: f64,
    hi: f64,
    top: f64,
}

impl Plot {
    fn x(self, v: f64) -> f64 {
        PLOT_LEFT
            + (v - self.lo) / (self.hi - self.lo).max(f64::MIN_POSITIVE) * (PLOT_RIGHT - PLOT_LEFT)
    }

    fn y(self, v: f64) -> f64 {
        PLOT_BOTTOM - v / self.top.max(f64::MIN_POSITIVE) * (PLOT_BOTTOM - PLOT_TOP)
    }
}

/// Count ticks from 0 to the first nice count ≥ `max` (whole numbers).
fn count_ticks(max: f64) -> Vec<f64> {
    ticks(max, (max as usize).clamp(1, 5))
}

/// Grid, tick labels and both axis titles of a results chart.
fn axes(
    plot: Plot,
    xs: Vec<f64>,
    ys: Vec<f64>,
    x_title: AnyView,
    y_title: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |v: f64| move || format_number(v, i18n.get_locale());
    let vertical = xs
        .into_iter()
        .map(|v| {
            let x = plot.x(v);
            view! {
                <line x1=x x2=x y1=PLOT_TOP y2=PLOT_BOTTOM class="grid" />
                <text x=x y=PLOT_BOTTOM + 16.0 text-anchor="middle" class="tick">{label(v)}</text>
            }
        })
        .collect_view();
    let horizontal = ys
        .into_iter()
        .map(|v| {
            let y = plot.y(v);
            view! {
                <line x1=PLOT_LEFT x2=PLOT_RIGHT y1=y y2=y class="grid" />
                <text x=PLOT_LEFT - 6.0 y=y + 4.0 text-anchor="end" class="tick">{label(v)}</text>
            }
        })
        .collect_view();
    let middle = (PLOT_TOP + PLOT_BOTTOM) / 2.0;
    view! {
        {vertical}
        {horizontal}
        <line x1=PLOT_LEFT x2=PLOT_RIGHT y1=PLOT_BOTTOM y2=PLOT_BOTTOM class="axis" />
        <line x1=PLOT_LEFT x2=PLOT_LEFT y1=PLOT_TOP y2=PLOT_BOTTOM class="axis" />
        <text x=(PLOT_LEFT + PLOT_RIGHT) / 2.0 y=PLOT_BOTTOM + 40.0 text-anchor="middle" class="axis-label">
            {x_title}
        </text>
        <text x=14 y=middle text-anchor="middle" class="axis-label" transform=format!("rotate(-90 14 {middle})")>
            {y_title}
        </text>
    }
}

/// A chart that cannot be drawn: its caption, and a note saying why.
fn no_chart(class: &'static str, testid: &'static str, title: AnyView, note: AnyView) -> AnyView {
    view! {
        <figure class=class data-testid=testid>
            <figcaption>{title}</figcaption>
            <p class="chart-note">{note}</p>
        </figure>
    }
    .into_any()
}

/// The number of units in the line over the run, as a step line, with its mean.
#[component]
pub fn WipChart(run: RunResult) -> impl IntoView {
    let i18n = use_i18n();
    let series = wip_series(&run);
    let unit = run.time_unit;
    let title = tx!(i18n, shift_wip_title);
    if series.is_empty() {
        return no_chart(
            "chart",
            "wip-chart",
            title.into_any(),
            tx!(i18n, shift_no_log).into_any(),
        );
    }
    // A truncated log says nothing after its last event.
    let last = if run.log_truncated {
        run.log.last().map_or(0.0, |e| e.t())
    } else {
        run.horizon
    };
    let highest = series.iter().map(|p| p.1).max().unwrap_or(0) as f64;
    let ys = count_ticks(highest);
    let plot = Plot {
        lo: 0.0,
        hi: run.horizon,
        top: ys.last().copied().unwrap_or(1.0),
    };
    let xs: Vec<f64> = ticks(run.horizon, 8)
        .into_iter()
        .filter(|&v| v <= run.horizon)
        .collect();
    let mut path = format!("M {} {}", plot.x(0.0), plot.y(series[0].1 as f64));
    for &(t, units) in &series[1..] {
        let _ = write!(path, " H {} V {}", plot.x(t), plot.y(units as f64));
    }
    let _ = write!(path, " H {}", plot.x(last));
    let mean = run.wip_mean;
    let x_title = (move || {
        t_string!(
            i18n,
            shift_axis_time,
            unit = unit_symbol(unit, i18n.get_locale())
        )
    })
    .into_any();
    let y_title = tx!(i18n, shift_axis_units).into_any();
    view! {
        <figure class="chart" data-testid="wip-chart">
            <figcaption>{title}</figcaption>
            <svg viewBox="0 0 620 290" role="img" aria-label=title>
                {axes(plot, xs, ys, x_title, y_title)}
                <path d=path class="wip-line" />
                <line x1=PLOT_LEFT x2=PLOT_RIGHT y1=plot.y(mean) y2=plot.y(mean) class="mean-line" />
                <text x=PLOT_RIGHT y=plot.y(mean) - 6.0 text-anchor="end" class="mean-label">
                    {move || t_string!(i18n, shift_mean, value = format_number(mean, i18n.get_locale()))}
                </text>
            </svg>
        </figure>
    }
    .into_any()
}

/// How many finished units took how long (after warmup), with the mean lead time marked.
#[component]
pub fn LeadTimeHistogram(run: RunResult) -> impl IntoView {
    let i18n = use_i18n();
    let bins = histogram(&run.lead_times, 12);
    let unit = run.time_unit;
    let unit_text = move || unit_symbol(unit, i18n.get_locale());
    let title = tx!(i18n, shift_lead_time_title);
    let (Some(first), Some(last)) = (bins.first(), bins.last()) else {
        return no_chart(
            "chart",
            "lead-time-chart",
            title.into_any(),
            tx!(i18n, shift_no_units).into_any(),
        );
    };
    let highest = bins.iter().map(|b| b.count).max().unwrap_or(0) as f64;
    let ys = count_ticks(highest);
    let plot = Plot {
        lo: first.from,
        hi: last.to,
        top: ys.last().copied().unwrap_or(1.0),
    };
    // Every bin edge, or every other one when there are many bins.
    let every = if bins.len() > 8 { 2 } else { 1 };
    let xs: Vec<f64> = std::iter::once(first.from)
        .chain(bins.iter().map(|b| b.to))
        .step_by(every)
        .collect();
    let number = move |x: f64| format_number(x, i18n.get_locale());
    let bars = bins
        .iter()
        .map(|&b| {
            let (x0, x1, y) = (plot.x(b.from), plot.x(b.to), plot.y(b.count as f64));
            let label = (b.count > 0).then(|| {
                view! { <text x=(x0 + x1) / 2.0 y=y - 4.0 text-anchor="middle" class="bar-total">{b.count}</text> }
            });
            view! {
                <g class="histogram-bar">
                    <rect x=x0 + 1.0 y=y width=(x1 - x0 - 2.0).max(1.0) height=PLOT_BOTTOM - y>
                        <title>
                            {move || t_string!(i18n, shift_bin, from = number(b.from), to = number(b.to), unit = unit_text(), count = b.count)}
                        </title>
                    </rect>
                    {label}
                </g>
            }
        })
        .collect_view();
    let mean = mean_lead_time(&run).unwrap_or(0.0);
    let mean_x = plot.x(mean);
    let x_title = (move || t_string!(i18n, shift_axis_lead_time, unit = unit_text())).into_any();
    let y_title = tx!(i18n, shift_axis_count).into_any();
    view! {
        <figure class="chart" data-testid="lead-time-chart">
            <figcaption>{title}</figcaption>
            <svg viewBox="0 0 620 290" role="img" aria-label=title>
                {axes(plot, xs, ys, x_title, y_title)}
                {bars}
                <line x1=mean_x x2=mean_x y1=PLOT_TOP y2=PLOT_BOTTOM class="mean-line" />
                <text x=mean_x + 4.0 y=PLOT_TOP + 12.0 class="mean-label" data-testid="lead-time-mean">
                    {move || t_string!(i18n, shift_mean, value = number(mean))}
                </text>
            </svg>
        </figure>
    }
    .into_any()
}
