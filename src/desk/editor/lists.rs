//! The lists of the document as fieldsets, with remove and add buttons: the stations (with
//! their inputs and work elements) and the operators. Each new item gets valid defaults (a
//! bilingual name, a time, an existing station), so adding one keeps the draft valid.

use super::doc::{field_id, get, get_mut, set, stations as station_list};
use super::fields::{field, name_field, select_field, station_checklist, Kind, Label, Options};
use super::time::time_field;
use super::Ed;
use crate::i18n::{t_string, Locale};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The control of one key of a list item.
#[derive(Clone)]
pub enum Control {
    Field(Kind),
    Time,
    Name,
    /// A list of the line's station ids, as a checklist.
    Stations,
    Select(Options),
}

/// A new item for the list, given the document and the number of items already there.
type Template = Arc<dyn Fn(&Value, usize) -> Value + Send + Sync>;

/// The list at `path`: one fieldset per item (`legend` and its number), `spec` giving each
/// item's fields (label, key, control), `template` a new item (`None`: nothing can be added).
fn list(
    ed: Ed,
    path: String,
    legend: Label,
    spec: Vec<(Label, &'static str, Control)>,
    template: Option<Template>,
    add_label: Label,
) -> impl IntoView {
    let p = path.clone();
    let n = Memo::new(move |_| {
        ed.doc.with(|d| {
            d.as_ref()
                .and_then(|d| get(d, &p)?.as_array().map(Vec::len))
                .unwrap_or(0)
        })
    });
    let p = path.clone();
    let items = move || {
        (0..n.get())
            .map(|j| {
                let base = format!("{p}[{j}]");
                let id = field_id(&base);
                let fields = spec
                    .iter()
                    .map(|(label, key, control)| {
                        let at = format!("{base}.{key}");
                        match control {
                            Control::Time => time_field(ed, label.clone(), at).into_any(),
                            Control::Name => name_field(ed, label.clone(), at).into_any(),
                            Control::Stations => {
                                station_checklist(ed, label.clone(), at).into_any()
                            }
                            Control::Select(options) => {
                                select_field(ed, label.clone(), at, options.clone(), None)
                                    .into_any()
                            }
                            Control::Field(kind) => field(ed, label.clone(), at, *kind).into_any(),
                        }
                    })
                    .collect_view();
                let p = p.clone();
                let legend = legend.clone();
                view! {
                    <fieldset class="item-row" data-testid=id.clone()>
                        <legend>{move || format!("{} {}", legend(), j + 1)}</legend>
                        <div class="fields">{fields}</div>
                        <button type="button" class="icon" data-testid=format!("{id}-remove")
                            on:click=move |_| ed.change(|d| {
                                if let Some(Value::Array(items)) = get_mut(d, &p) {
                                    if j < items.len() { items.remove(j); }
                                }
                            })>
                            "✕"
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let p = path.clone();
    let add_id = format!("{}-add", field_id(&path));
    let add = template.map(|template| {
        view! {
            <div class="actions">
                <button type="button" data-testid=add_id on:click=move |_| ed.change(|d| {
                    let item = template(d, get(d, &p).and_then(Value::as_array).map_or(0, Vec::len));
                    match get_mut(d, &p) {
                        Some(Value::Array(items)) => items.push(item),
                        _ => set(d, &p, Some(Value::Array(vec![item]))),
                    }
                })>{move || add_label()}</button>
            </div>
        }
    });
    view! { {items} {add} }
}

/// The first of `prefix1`, `prefix2`, … that no item of the list at `path` has as its id.
fn free_id(doc: &Value, path: &str, prefix: &str) -> String {
    let taken = |id: &str| {
        get(doc, path).and_then(Value::as_array).is_some_and(|l| {
            l.iter()
                .any(|x| x.get("id").and_then(Value::as_str) == Some(id))
        })
    };
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Adds a station at the end of the line: a free id, a bilingual name and a process time.
pub fn add_station(ed: Ed) {
    ed.change(|d| {
        let id = free_id(d, "stations", "s");
        let n = d.get("stations").and_then(Value::as_array).map_or(0, Vec::len) + 1;
        let station = serde_json::json!({"id": id, "name": {"ru": format!("Участок {n}"), "en": format!("Station {n}")}, "process": 60});
        match d.get_mut("stations") {
            Some(Value::Array(list)) => list.push(station),
            _ => set(d, "stations", Some(Value::Array(vec![station]))),
        }
    });
}

/// The stations of the line `(id, name)` from `from` to `to` (exclusive), named in the
/// interface language.
fn station_options(ed: Ed, to: usize, inclusive: bool) -> Options {
    let i18n = ed.i18n;
    Arc::new(move || {
        let locale = i18n.get_locale();
        let list = ed.doc.with(|d| {
            d.as_ref()
                .map(|d| station_list(d, locale))
                .unwrap_or_default()
        });
        list.into_iter()
            .take(to + usize::from(inclusive))
            .map(|(id, name)| {
                (
                    id.clone(),
                    if name == id {
                        id
                    } else {
                        format!("{name} ({id})")
                    },
                )
            })
            .collect()
    })
}

/// The stations of the line, one fieldset each.
pub fn stations(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    // Rebuilt when stations are added, removed or renamed (their ids key the kanban limits).
    let ids = Memo::new(move |_| {
        ed.doc.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("stations")?.as_array().cloned())
                .unwrap_or_default()
                .iter()
                .map(|s| {
                    s.get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        ids.get()
            .into_iter()
            .enumerate()
            .map(|(k, station_id)| {
                let at = |f: &str| format!("stations[{k}].{f}");
                let actions: Options = Arc::new(move || {
                    vec![
                        ("scrap".to_owned(), t_string!(i18n, editor_defect_scrap).to_string()),
                        ("rework".to_owned(), t_string!(i18n, editor_defect_rework).to_string()),
                    ]
                });
                let rework_path = at("defects.action");
                let rework = move || ed.value(&rework_path).and_then(|v| v.as_str().map(str::to_owned)).as_deref() == Some("rework");
                let has_defects = {
                    let p = at("defects");
                    move || ed.value(&p).is_some()
                };
                let input_template: Option<Template> = (k > 0).then(|| {
                    let from = ids.get_untracked().get(k - 1).cloned().unwrap_or_default();
                    Arc::new(move |_: &Value, _| serde_json::json!({"from": from.clone(), "qty": 1})) as Template
                });
                let element_template: Template = Arc::new(|_: &Value, n: usize| {
                    let n = n + 1;
                    serde_json::json!({"name": {"ru": format!("операция {n}"), "en": format!("element {n}")}, "time": 10})
                });
                view! {
                    <fieldset class="station-row" data-testid=format!("ed-station-{k}")>
                        <legend>{move || t_string!(i18n, editor_station, n = k + 1).to_string()}</legend>
                        <div class="fields">
                            {field(ed, label!(ed, editor_id), at("id"), Kind::Text)}
                            {name_field(ed, label!(ed, editor_name), at("name"))}
                            {field(ed, label!(ed, editor_servers), at("servers"), Kind::Number)}
                            {time_field(ed, label!(ed, editor_process), at("process"))}
                            {field(ed, label!(ed, editor_buffer), at("buffer"), Kind::Number)}
                            {field(ed, label!(ed, editor_batch), at("batch"), Kind::Number)}
                            {time_field(ed, label!(ed, editor_transport), at("transport"))}
                            {field(ed, label!(ed, editor_kanban_limit), format!("release.limits.{station_id}"), Kind::Number)}
                            {field(ed, label!(ed, editor_defect_rate), at("defects.rate"), Kind::Number)}
                            <div class="field-group" hidden=move || !has_defects()>
                                {select_field(ed, label!(ed, editor_defect_action), at("defects.action"), actions, None)}
                            </div>
                            <div class="field-group" hidden=move || !rework()>
                                {select_field(ed, label!(ed, editor_rework_station), at("defects.to"), station_options(ed, k, true), Some(label!(ed, editor_rework_here)))}
                            </div>
                            {time_field(ed, label!(ed, editor_between), at("breakdowns.between"))}
                            {time_field(ed, label!(ed, editor_repair), at("breakdowns.repair"))}
                            {time_field(ed, label!(ed, editor_setup_time), at("setup.time"))}
                            {field(ed, label!(ed, editor_setup_every), at("setup.every"), Kind::Number)}
                        </div>
                        {list(
                            ed,
                            at("inputs"),
                            label!(ed, editor_input),
                            vec![
                                (label!(ed, editor_input_from), "from", Control::Select(station_options(ed, k, false))),
                                (label!(ed, editor_input_qty), "qty", Control::Field(Kind::Number)),
                            ],
                            input_template,
                            label!(ed, editor_add_input),
                        )}
                        {list(
                            ed,
                            at("elements"),
                            label!(ed, editor_element),
                            vec![
                                (label!(ed, editor_name), "name", Control::Name),
                                (label!(ed, editor_element_key), "id", Control::Field(Kind::Key)),
                                (label!(ed, editor_time), "time", Control::Time),
                                (label!(ed, editor_value_added), "value_added", Control::Field(Kind::Flag(true))),
                            ],
                            Some(element_template),
                            label!(ed, editor_add_element),
                        )}
                        <button type="button" class="icon" data-testid=format!("ed-station-remove-{k}")
                            on:click=move |_| ed.change(|d| {
                                if let Some(list) = d.get_mut("stations").and_then(Value::as_array_mut) {
                                    if k < list.len() { list.remove(k); }
                                }
                            })>
                            {tx!(i18n, editor_remove_station)}
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
    }
}

/// The crew: one fieldset per operator, its stations (and the stations whose batches a
/// logistician carries) a checklist of the line's.
pub fn operators(ed: Ed) -> impl IntoView {
    let template: Template = Arc::new(|d: &Value, n: usize| {
        let n = n + 1;
        let first = station_list(d, Locale::en)
            .into_iter()
            .next()
            .map(|(id, _)| id);
        serde_json::json!({
            "id": free_id(d, "operators", "op"),
            "name": {"ru": format!("Оператор {n}"), "en": format!("Operator {n}")},
            "stations": first.into_iter().collect::<Vec<_>>(),
        })
    });
    list(
        ed,
        "operators".into(),
        label!(ed, editor_operator),
        vec![
            (label!(ed, editor_id), "id", Control::Field(Kind::Text)),
            (label!(ed, editor_name), "name", Control::Name),
            (
                label!(ed, editor_operator_stations),
                "stations",
                Control::Stations,
            ),
            (
                label!(ed, editor_operator_carries),
                "carries",
                Control::Stations,
            ),
            (label!(ed, editor_walk), "walk", Control::Time),
        ],
        Some(template),
        label!(ed, editor_add_operator),
    )
}
