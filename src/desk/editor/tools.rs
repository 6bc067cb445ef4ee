//! The training's improvement cards (which tools the teams may use, what each costs and
//! achieves, the bounds of the structural choices) and the score's targets and weights.

use super::fields::{field, Kind, Label};
use super::Ed;
use crate::fmt::format_number;
use crate::i18n::t_string;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;
use takt_core::model::{card_settings, tool_name, Card, Kpi, Tool};

/// Before the first card of a draft without cards is written: every tool gets its default
/// card (as a scenario without cards plays), so that none closes unasked, and the draft
/// becomes format 2.
pub(super) fn seed_cards(d: &mut Value) {
    if super::doc::get(d, "training.tools").is_none() {
        let all = Tool::ALL.map(|t| (tool_name(t), Value::Object(Default::default())));
        super::doc::set(
            d,
            "training.tools",
            Some(Value::Object(all.into_iter().collect())),
        );
        super::doc::set(d, "format", Some(takt_core::model::FORMAT.into()));
    }
}

/// Every tool as a card: a check for whether the teams may use it, then its settings (cost;
/// the strength of an improvement; the bounds of a structural choice), each empty for its
/// default. Then the KPIs' targets and weights.
pub fn tools(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let cards = Tool::ALL.map(|tool| {
        let name = tool_name(tool);
        let path = format!("training.tools.{name}");
        let p = path.clone();
        // Without cards (a blank draft) every tool is open, as a scenario without them plays.
        let allowed_now = move || match ed.value("training.tools") {
            Some(Value::Object(cards)) => cards.contains_key(&tool_name(tool)),
            _ => true,
        };
        let toggle = move |on: bool| {
            ed.change(|d| {
                seed_cards(d);
                super::doc::set(d, &p, on.then(|| Value::Object(Default::default())));
            });
        };
        let default = Card::default_for(tool);
        let settings = card_settings(tool).iter().map(move |&setting| {
            let label: Label = Arc::new(move || {
                let locale = i18n.get_locale();
                let n = |x: Option<f64>| x.map(|x| format_number(x, locale)).unwrap_or_default();
                match setting {
                    "cost" => t_string!(i18n, editor_tool_cost, cost = n(default.cost)).to_string(),
                    "factor" => t_string!(i18n, editor_card_factor, factor = n(default.factor)).to_string(),
                    "between" => t_string!(i18n, editor_card_between, factor = n(default.between)).to_string(),
                    "repair" => t_string!(i18n, editor_card_repair, factor = n(default.repair)).to_string(),
                    "min" => t_string!(i18n, editor_card_min).to_string(),
                    _ => t_string!(i18n, editor_card_max).to_string(),
                }
            });
            field(ed, label, format!("{path}.{setting}"), Kind::Number)
        });
        let settings = settings.collect_view();
        view! {
            <div class="tool-row" data-testid=format!("ed-card-{name}")>
                <label class="check">
                    <input type="checkbox" data-testid=format!("ed-allow-{name}") prop:checked=allowed_now
                        on:change:target=move |ev| toggle(ev.target().checked()) />
                    {move || crate::names::tool_label(tool)}
                </label>
                <div class="card-settings" class:closed=move || !allowed_now()>{settings}</div>
            </div>
        }
    });
    let kpis = Kpi::ALL.map(|kpi| {
        let target: Label = Arc::new(move || {
            format!(
                "{} — {}",
                crate::names::kpi_name(kpi),
                t_string!(i18n, editor_target)
            )
        });
        let weight: Label = Arc::new(move || {
            format!(
                "{} — {}",
                crate::names::kpi_name(kpi),
                t_string!(i18n, editor_weight, weight = kpi.default_weight())
            )
        });
        view! {
            <div class="kpi-row">
                {field(ed, target, format!("training.targets.{}", kpi.name()), Kind::Number)}
                {field(ed, weight, format!("training.weights.{}", kpi.name()), Kind::Number)}
            </div>
        }
    });
    view! {
        <h4>{tx!(i18n, editor_tools)}</h4>
        <p class="hint">{tx!(i18n, editor_tools_hint)}</p>
        <div class="tool-grid" data-testid="ed-tools">{cards.collect_view()}</div>
        <h4>{tx!(i18n, editor_targets)}</h4>
        <div class="fields" data-testid="ed-kpis">{kpis.collect_view()}</div>
    }
}
