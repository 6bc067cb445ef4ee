//! The layout card of the improve step: the line's floor plan as the round's plan leaves it.
//! A team picks a station and clicks where it should stand (a "move a station" change in the
//! plan, the same as the tool form's), and sees at once how far each operator walks a loop,
//! now and as planned (`Scenario::loop_metres`, `Scenario::loop_walk`).

use crate::charts::plan::{FloorPlan, Way};
use crate::fmt::{format_number, unit_symbol};
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use crate::refusals::Explain;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use takt_core::model::{Plan, Point, Tool};
use takt_core::training::catalog::card_of;
use takt_core::training::{Change, Refusal};

/// A metre figure to a decimetre.
fn metres(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[component]
pub fn LayoutCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let session = state.session;
    // The line now and as planned (the line itself while the plan is refused).
    let lines = Memo::new(move |_| {
        session.with(|s| {
            let s = s.as_ref()?;
            let now = s.line();
            now.layout.as_ref()?;
            let planned = s.planned().map_or_else(|_| now.clone(), |a| a.scenario);
            Some((now, planned))
        })
    });
    let picked = RwSignal::new(None::<usize>);
    let refused = RwSignal::new(None::<Refusal>);
    // The picked station to `p`: its earlier move in this plan, if any, is replaced.
    let place = move |p: Point| {
        let (Some(i), Some((now, _))) = (picked.get_untracked(), lines.get_untracked()) else {
            return;
        };
        let station = now.stations[i].id.clone();
        let (x, y) = (metres(p[0]), metres(p[1]));
        let change = Change::MoveStation { station, x, y };
        let plan = session.with_untracked(|s| {
            let s = s.as_ref()?;
            let same = |c: &&Change| takt_core::training::repeat::same_place(c, &change);
            let mut plan: Vec<Change> = s.plan.iter().filter(|c| !same(c)).cloned().collect();
            plan.push(change.clone());
            Some((s.try_plan(&plan).err(), plan))
        });
        let Some((why, plan)) = plan else { return };
        refused.set(why.clone());
        if why.is_none() {
            state.update(|s| s.plan = plan);
            picked.set(None);
        }
    };
    move || {
        let (now, planned) = lines.get()?;
        let l = lang();
        let movable = card_of(&now, Tool::MoveStation).is_some();
        let layout = planned.layout.clone()?;
        let ids = planned.stations.iter().map(|s| s.id.as_str());
        let plan = Plan::new(&layout, ids, planned.time_unit);
        let before = now.layout.as_ref()?;
        let was: Vec<Option<Point>> = now.stations.iter().map(|s| before.station(&s.id)).collect();
        let ways: Vec<Way> = (0..planned.operators.len())
            .flat_map(|who| {
                let plan = &plan;
                planned
                    .loop_legs(&planned.operators[who])
                    .into_iter()
                    .filter_map(move |(a, b, loaded)| {
                        Some(Way {
                            from: plan.point(a)?,
                            to: plan.point(b)?,
                            trips: 1,
                            loaded,
                            who,
                        })
                    })
            })
            .collect();
        let locale = i18n.get_locale();
        let unit = unit_symbol(now.time_unit, locale);
        let figure = |m: Option<f64>, t: f64| {
            let (m, t) = (metres(m.unwrap_or(0.0)), metres(t));
            t_string!(
                i18n,
                layout_figure,
                metres = format_number(m, locale),
                time = format_number(t, locale),
                unit = unit
            )
            .to_string()
        };
        let rows = (0..now.operators.len().min(planned.operators.len()))
            .map(|o| {
                let (a, b) = (&now.operators[o], &planned.operators[o]);
                let colour = crate::charts::palette::operator_colour(o);
                view! {
                    <tr data-testid=format!("layout-operator-{o}") data-now=now.loop_metres(a).unwrap_or(0.0).to_string()
                        data-planned=planned.loop_metres(b).unwrap_or(0.0).to_string()>
                        <th scope="row"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=colour /></svg>" "{b.label(l).to_owned()}</th>
                        <td class="num">{figure(now.loop_metres(a), now.loop_time(a))}</td>
                        <td class="num">{figure(planned.loop_metres(b), planned.loop_time(b))}</td>
                    </tr>
                }
            })
            .collect_view();
        let hint = if movable {
            t_string!(i18n, layout_hint)
        } else {
            t_string!(i18n, layout_fixed)
        };
        Some(view! {
            <section class="layout-card" aria-labelledby="layout-title" data-testid="layout-card">
                <h3 id="layout-title">{tx!(i18n, layout_title)}</h3>
                <p class="hint">{hint}</p>
                <FloorPlan scenario=planned.clone() places=plan.places.clone() shipping=plan.shipping ways=ways was=was
                    selected=picked testid="layout-plan"
                    on_station=Callback::new(move |i| if movable { picked.set(Some(i)) })
                    on_floor=Callback::new(move |p| if movable { place(p) }) />
                {move || refused.get().map(|r| view! { <p class="field-error" role="alert" data-testid="layout-refusal">{r.explain()}</p> })}
                <table class="rounds-table" data-testid="layout-table">
                    <caption>{tx!(i18n, layout_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{tx!(i18n, sw_operator)}</th>
                        <th scope="col" class="num">{tx!(i18n, layout_now)}</th>
                        <th scope="col" class="num">{tx!(i18n, layout_planned)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    }
}
