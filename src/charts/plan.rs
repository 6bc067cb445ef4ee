//! The floor plan (a scenario's `layout`) as SVG: each station at its place, the shipping
//! area, and paths between places (the spaghetti diagram's trips, or the loops an operator
//! walks). x grows to the right and y down the plan, in metres; one grid line a metre.
//! Clicking a station or the floor is reported in metres, for the layout card.

use crate::charts::palette::operator_colour;
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use leptos::prelude::*;
use takt_core::model::Point;
use takt_core::Scenario;
use wasm_bindgen::JsCast;

/// The most pixels a metre takes, and the plan's largest size (SVG user units).
const PER_METRE: f64 = 48.0;
const MAX_W: f64 = 720.0;
const MAX_H: f64 = 440.0;
/// The margin around the places, in metres.
const MARGIN: f64 = 1.5;
/// A station's box, in user units.
const BOX: (f64, f64) = (96.0, 30.0);

/// A way drawn on the plan: between two places, how often it was taken, and by whom (the
/// operator's index: its colour).
#[derive(Debug, Clone, PartialEq)]
pub struct Way {
    pub from: Point,
    pub to: Point,
    pub trips: u64,
    /// Carrying a batch (drawn solid) or walking empty (dashed).
    pub loaded: bool,
    pub who: usize,
}

/// The plan's frame: the metres shown and the scale.
#[derive(Clone, Copy)]
struct Frame {
    x0: f64,
    y0: f64,
    scale: f64,
    w: f64,
    h: f64,
}

impl Frame {
    fn of(points: impl Iterator<Item = Point>) -> Frame {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in points {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        if lo[0] > hi[0] {
            (lo, hi) = ([0.0; 2], [1.0; 2]);
        }
        let (x0, y0) = (lo[0] - MARGIN, lo[1] - MARGIN);
        let (mw, mh) = (hi[0] + MARGIN - x0, hi[1] + MARGIN - y0);
        let scale = (MAX_W / mw).min(MAX_H / mh).min(PER_METRE);
        Frame {
            x0,
            y0,
            scale,
            w: mw * scale,
            h: mh * scale,
        }
    }

    fn at(&self, p: Point) -> (f64, f64) {
        ((p[0] - self.x0) * self.scale, (p[1] - self.y0) * self.scale)
    }
}

/// The floor plan of `scenario` with stations at `places` (scenario order), the shipping
/// area, and `ways`. `was`: where stations stood before (drawn faint where they moved).
/// `selected`: the station picked (outlined). `on_station` / `on_floor`: a click on a station
/// (its index) or on the floor (the place, in metres).
#[component]
pub fn FloorPlan(
    scenario: Scenario,
    places: Vec<Option<Point>>,
    shipping: Option<Point>,
    ways: Vec<Way>,
    #[prop(optional)] was: Vec<Option<Point>>,
    #[prop(optional, into)] selected: Option<Signal<Option<usize>>>,
    #[prop(optional)] on_station: Option<Callback<usize>>,
    #[prop(optional)] on_floor: Option<Callback<Point>>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = lang();
    let f = Frame::of(places.iter().chain(&was).flatten().copied().chain(shipping));
    let grid = (0..=(f.w / f.scale) as usize)
        .map(|k| {
            let x = k as f64 * f.scale;
            view! { <line x1=x x2=x y1=0.0 y2=f.h class="plan-grid" /> }
        })
        .chain((0..=(f.h / f.scale) as usize).map(|k| {
            let y = k as f64 * f.scale;
            view! { <line x1=0.0 x2=f.w y1=y y2=y class="plan-grid" /> }
        }))
        .collect_view();
    let ways = ways
        .iter()
        .map(|w| {
            let ((x1, y1), (x2, y2)) = (f.at(w.from), f.at(w.to));
            // The way there and the way back side by side: offset to the right of the way.
            let len = (x2 - x1).hypot(y2 - y1).max(1.0);
            let (dx, dy) = (-(y2 - y1) / len * 3.0, (x2 - x1) / len * 3.0);
            let width = 1.0 + (w.trips as f64 + 1.0).log2();
            view! {
                <line x1=x1 + dx y1=y1 + dy x2=x2 + dx y2=y2 + dy stroke-width=width
                    stroke=operator_colour(w.who)
                    class=if w.loaded { "plan-way loaded" } else { "plan-way" }
                    data-who=w.who data-trips=w.trips />
            }
        })
        .collect_view();
    let ghosts = was
        .iter()
        .zip(&places)
        .filter(|(a, b)| a.is_some() && a != b)
        .filter_map(|(a, _)| {
            let (x, y) = f.at((*a)?);
            Some(view! { <rect x=x - BOX.0 / 2.0 y=y - BOX.1 / 2.0 width=BOX.0 height=BOX.1 class="plan-ghost" /> })
        })
        .collect_view();
    let stations = places
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (x, y) = f.at((*p)?);
            let name = scenario.stations[i].label(l).to_owned();
            let picked = move || selected.is_some_and(|s| s.get() == Some(i));
            Some(view! {
                <g class="plan-station" class:picked=picked data-testid=format!("{testid}-station-{i}")
                    on:click=move |ev| {
                        if let Some(cb) = on_station {
                            ev.stop_propagation();
                            cb.run(i);
                        }
                    }>
                    <rect x=x - BOX.0 / 2.0 y=y - BOX.1 / 2.0 width=BOX.0 height=BOX.1 />
                    <text x=x y=y + 4.0 text-anchor="middle">{name}</text>
                </g>
            })
        })
        .collect_view();
    let shipping = shipping.map(|p| {
        let (x, y) = f.at(p);
        view! {
            <g class="plan-shipping" data-testid=format!("{testid}-shipping")>
                <rect x=x - BOX.0 / 2.0 y=y - BOX.1 / 2.0 width=BOX.0 height=BOX.1 />
                <text x=x y=y + 4.0 text-anchor="middle">{t_string!(i18n, shipping_area)}</text>
            </g>
        }
    });
    let click = move |ev: web_sys::MouseEvent| {
        let Some(cb) = on_floor else { return };
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if r.width() > 0.0 && r.height() > 0.0 {
            let px = (f64::from(ev.client_x()) - r.left()) / r.width() * f.w;
            let py = (f64::from(ev.client_y()) - r.top()) / r.height() * f.h;
            cb.run([f.x0 + px / f.scale, f.y0 + py / f.scale]);
        }
    };
    view! {
        <svg viewBox=format!("0 0 {} {}", f.w, f.h) class="plan" data-testid=testid
            role="img" aria-label=t_string!(i18n, plan_chart).to_string()
            class:clickable=on_floor.is_some() on:click=click>
            {grid}
            {ghosts}
            {ways}
            {shipping}
            {stations}
        </svg>
    }
}
