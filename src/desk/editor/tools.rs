//! The training's tools (which are allowed, what each costs) and the score's targets and
//! weights.

use super::doc::get;
use super::fields::{field, Kind, Label};
use super::Ed;
use crate::fmt::format_number;
use crate::i18n::t_string;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;
use takt_core::model::Kpi;
use takt_core::model::{tool_name, Tool};

/// The allowed tools as a checklist with each one's cost, then the KPIs' targets and weights.
pub fn tools(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let tools = Tool::ALL.map(|tool| {
        let name = tool_name(tool);
        let allowed_now = move || match ed.value("training.allowed") {
            Some(Value::Array(list)) => list.iter().any(|v| v.as_str() == Some(tool_name(tool).as_str())),
            _ => true,
        };
        let toggle = move |on: bool| {
            ed.change(|d| {
                let listed = |t: Tool| {
                    get(d, "training.allowed")
                        .and_then(Value::as_array)
                        .is_none_or(|l| l.iter().any(|v| v.as_str() == Some(tool_name(t).as_str())))
                };
                let list: Vec<String> = Tool::ALL
                    .into_iter()
                    .filter(|t| if *t == tool { on } else { listed(*t) })
                    .map(tool_name)
                    .collect();
                // Every tool allowed is the default: no list at all.
                let value = (list.len() < Tool::ALL.len()).then(|| Value::from(list));
                super::doc::set(d, "training.allowed", value);
            });
        };
        let cost: Label = Arc::new(move || {
            let cost = format_number(tool.default_cost(), i18n.get_locale());
            t_string!(i18n, editor_tool_cost, cost = cost).to_string()
        });
        view! {
            <div class="tool-row">
                <label class="check">
                    <input type="checkbox" data-testid=format!("ed-allow-{name}") prop:checked=allowed_now
                        on:change:target=move |ev| toggle(ev.target().checked()) />
                    {move || crate::names::tool_label(tool)}
                </label>
                {field(ed, cost, format!("training.costs.{name}"), Kind::Number)}
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
        <div class="tool-grid" data-testid="ed-tools">{tools.collect_view()}</div>
        <h4>{tx!(i18n, editor_targets)}</h4>
        <div class="fields" data-testid="ed-kpis">{kpis.collect_view()}</div>
    }
}
