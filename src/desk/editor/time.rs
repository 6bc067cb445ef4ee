//! A time field: a constant (a plain number) or a distribution with its parameters.

use super::doc::{field_id, get};
use super::fields::{field, Kind, Label};
use super::Ed;
use crate::i18n::t_string;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// A time at `path`. The distribution select rewrites the value with parameters around its
/// current mean.
pub fn time_field(ed: Ed, label: Label, path: String) -> impl IntoView {
    let i18n = ed.i18n;
    let id = field_id(&path);
    let p = path.clone();
    let kind = Memo::new(move |_| {
        ed.doc.with(|d| match d.as_ref().and_then(|d| get(d, &p)) {
            Some(Value::Object(m)) => m
                .get("dist")
                .and_then(Value::as_str)
                .unwrap_or("constant")
                .to_owned(),
            _ => "constant".to_owned(),
        })
    });
    let p = path.clone();
    let choose = move |to: String| {
        let mean = ed.doc.with_untracked(|d| {
            let v = d.as_ref().and_then(|d| get(d, &p)).cloned();
            match v? {
                Value::Number(n) => n.as_f64(),
                v => serde_json::from_value::<takt_core::model::dist::Dist>(v)
                    .ok()
                    .map(|d| d.mean()),
            }
        });
        let m = mean.filter(|m| m.is_finite() && *m > 0.0).unwrap_or(10.0);
        let value = match to.as_str() {
            "exponential" => serde_json::json!({"dist": "exponential", "mean": m}),
            "uniform" => serde_json::json!({"dist": "uniform", "min": m * 0.8, "max": m * 1.2}),
            "triangular" => {
                serde_json::json!({"dist": "triangular", "min": m * 0.8, "mode": m, "max": m * 1.4})
            }
            "normal" => serde_json::json!({"dist": "normal", "mean": m, "sd": m * 0.1}),
            "lognormal" => serde_json::json!({"dist": "lognormal", "mean": m, "sd": m * 0.1}),
            _ => Value::from(m),
        };
        ed.edit(&p, Some(value));
    };
    let p = path.clone();
    let params = {
        let label = label.clone();
        move || {
            let k = kind.get();
            let names: &[&'static str] = match k.as_str() {
                "exponential" => &["mean"],
                "uniform" => &["min", "max"],
                "triangular" => &["min", "mode", "max"],
                "normal" | "lognormal" => &["mean", "sd"],
                _ => &[],
            };
            if names.is_empty() {
                return vec![field(ed, label.clone(), p.clone(), Kind::Number).into_any()];
            }
            names
                .iter()
                .map(|n| {
                    let label = label.clone();
                    let n = *n;
                    let param: Label = Arc::new(move || {
                        let name = match n {
                            "mean" => t_string!(i18n, editor_dist_mean),
                            "sd" => t_string!(i18n, editor_dist_sd),
                            "min" => t_string!(i18n, editor_dist_min),
                            "mode" => t_string!(i18n, editor_dist_mode),
                            _ => t_string!(i18n, editor_dist_max),
                        };
                        format!("{}: {name}", label())
                    });
                    field(ed, param, format!("{p}.{n}"), Kind::Number).into_any()
                })
                .collect()
        }
    };
    view! {
        <div class="field">
            <label for=format!("{id}-dist")>{move || format!("{} — {}", label(), t_string!(i18n, editor_dist))}</label>
            <select id=format!("{id}-dist") data-testid=format!("{id}-dist") prop:value=move || kind.get()
                on:change:target=move |ev| choose(ev.target().value())>
                {[
                    ("constant", tx!(i18n, dist_constant)),
                    ("exponential", tx!(i18n, dist_exponential)),
                    ("uniform", tx!(i18n, dist_uniform)),
                    ("triangular", tx!(i18n, dist_triangular)),
                    ("normal", tx!(i18n, dist_normal)),
                    ("lognormal", tx!(i18n, dist_lognormal)),
                ]
                .map(|(k, name)| view! { <option value=k>{name}</option> })}
            </select>
        </div>
        {params}
    }
}
