//! The spaghetti diagram of the round's shift (the core's `takt_core::lean::spaghetti`): every
//! trip the crew made on the floor plan, drawn per operator (a thicker line, more trips), with
//! the metres per shift and per unit finished.

use super::{two, Downloads, Shift};
use crate::charts::plan::{FloorPlan, Way};
use crate::i18n::{t_string, use_i18n};
use crate::names::lang;
use crate::refusals::Explain;
use leptos::prelude::*;
use takt_core::lean::spaghetti::spaghetti;
use takt_core::view::csv::{spaghetti_csv, Dialect};

#[component]
pub fn Spaghetti(shift: Signal<Option<Shift>>) -> impl IntoView {
    let i18n = use_i18n();
    let downloads = expect_context::<Downloads>();
    let sheet = move || {
        let s = shift.get()?;
        Some(spaghetti(&s.0, &s.1))
    };
    let body = move || {
        let s = shift.get()?;
        let line = s.0.clone();
        let d = match sheet()? {
            Ok(d) => d,
            Err(e) => {
                let why = e.explain();
                return Some(view! { <p class="field-error" role="alert" data-testid="spaghetti-error">{why}</p> }.into_any());
            }
        };
        let l = lang();
        let plan = &d.plan;
        let ways: Vec<Way> = (d.operators.iter().enumerate())
            .flat_map(|(who, p)| {
                p.legs.iter().filter_map(move |leg| {
                    Some(Way {
                        from: plan.point(leg.from)?,
                        to: plan.point(leg.to)?,
                        trips: leg.trips,
                        loaded: leg.loaded,
                        who,
                    })
                })
            })
            .collect();
        let per_unit = |m: Option<f64>| m.map_or_else(|| "—".into(), two);
        let rows = (d.operators.iter().zip(&line.operators).enumerate())
            .map(|(k, (p, o))| {
                let colour = crate::charts::palette::operator_colour(k);
                view! {
                    <tr data-testid=format!("spaghetti-operator-{k}") data-metres=p.metres.to_string() data-trips=p.trips>
                        <th scope="row"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=colour /></svg>" "{o.label(l).to_owned()}</th>
                        <td class="num">{p.trips}</td>
                        <td class="num">{two(p.metres)}</td>
                        <td class="num">{per_unit(p.per_unit)}</td>
                    </tr>
                }
            })
            .collect_view();
        let summary = t_string!(
            i18n,
            spaghetti_summary,
            metres = two(d.metres),
            units = d.units,
            per_unit = per_unit(d.per_unit)
        );
        Some(view! {
            <p data-testid="spaghetti-summary" data-metres=d.metres.to_string() data-units=d.units>{summary}</p>
            <div data-testid="spaghetti-chart">
                <FloorPlan scenario=line.clone() places=d.plan.places.clone() shipping=d.plan.shipping ways=ways testid="spaghetti-plan" />
            </div>
            <table class="rounds-table" data-testid="spaghetti-table">
                <thead><tr>
                    <th scope="col">{tx!(i18n, sw_operator)}</th>
                    <th scope="col" class="num">{tx!(i18n, spaghetti_trips)}</th>
                    <th scope="col" class="num">{tx!(i18n, spaghetti_metres)}</th>
                    <th scope="col" class="num">{tx!(i18n, spaghetti_per_unit)}</th>
                </tr></thead>
                <tbody>
                    {rows}
                    <tr data-testid="spaghetti-crew">
                        <th scope="row">{tx!(i18n, spaghetti_crew)}</th>
                        <td class="num">{d.trips}</td>
                        <td class="num">{two(d.metres)}</td>
                        <td class="num">{per_unit(d.per_unit)}</td>
                    </tr>
                </tbody>
            </table>
            <p class="hint">{tx!(i18n, spaghetti_rule)}</p>
        }.into_any())
    };
    let export_csv = move |_| {
        let (Some(s), Some(Ok(d))) = (shift.get_untracked(), sheet()) else {
            return;
        };
        let l = lang();
        let names: Vec<String> =
            s.0.operators
                .iter()
                .map(|o| o.label(l).to_owned())
                .collect();
        let words = [
            t_string!(i18n, sw_operator),
            t_string!(i18n, spaghetti_trips),
            t_string!(i18n, spaghetti_metres),
            t_string!(i18n, spaghetti_per_unit),
            t_string!(i18n, spaghetti_crew),
        ];
        downloads.offer(
            "spaghetti",
            "csv",
            &spaghetti_csv(Dialect::of_lang(l), &d, &names, words),
        );
    };
    view! {
        <section class="card sheet" aria-labelledby="spaghetti-title" data-testid="spaghetti" data-sheet="spaghetti">
            <h2 id="spaghetti-title">{tx!(i18n, spaghetti_title)}</h2>
            <p class="hint no-print">{tx!(i18n, spaghetti_hint)}</p>
            {body}
            <div class="actions no-print">
                <button type="button" data-testid="spaghetti-print" on:click=move |_| super::print_sheet("spaghetti")>
                    {tx!(i18n, study_print)}
                </button>
                <button type="button" data-testid="spaghetti-csv" on:click=export_csv>{tx!(i18n, spaghetti_csv)}</button>
                <button type="button" data-testid="spaghetti-svg" on:click=move |_| downloads.svg("spaghetti-chart", "spaghetti")>
                    {tx!(i18n, spaghetti_svg)}
                </button>
            </div>
        </section>
    }
}
