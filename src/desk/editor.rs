//! The instructor's scenario editor. The scenario is edited as a JSON document: form fields
//! for the settings used most (line, stations, order, training) and the whole document as
//! text for everything else; both edit the same draft. The core's validator runs on every
//! change and each error is shown next to its field. Undo/redo, a preview run, import and
//! export as a file, a share link (the scenario compressed into the URL fragment), and
//! "open in the trainee view".

use crate::fmt::format_number;
use crate::fmt::{unit_symbol, with_ci};
use crate::i18n::{t_string, use_i18n};
use crate::library;
use crate::platform::export::FileError;
use crate::platform::share::ShareError;
use crate::refusals::Explain;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use serde_json::Value;
use takt_core::json::from_json_text;
use takt_core::model::Kpi;
use takt_core::model::DEFAULT_SEED;
use takt_core::model::MAX_SCENARIO_BYTES;
use takt_core::model::{tool_name, Text, Tool};
use takt_core::sim::SimError;
use takt_core::{Errors, FieldError, Scenario};

/// Replications of the editor's preview run.
const PREVIEW_REPLICATIONS: u64 = 10;

/// One path step: an object key or a list index.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `stations[2].buffer` → [Key(stations), Index(2), Key(buffer)].
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// The value at `path`, if present.
fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path).into_iter().try_fold(doc, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// The value at `path`, to change it in place.
fn get_mut<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    steps(path).into_iter().try_fold(doc, |v, s| match s {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}

/// Sets (or with `None` removes) the value at `path`, creating objects on the way.
fn set(doc: &mut Value, path: &str, value: Option<Value>) {
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        return;
    };
    let mut at = doc;
    for s in parents {
        at = match s {
            Step::Key(k) => {
                if !at.is_object() {
                    *at = Value::Object(Default::default());
                }
                at.as_object_mut()
                    .expect("an object")
                    .entry(k.to_string())
                    .or_insert(Value::Null)
            }
            Step::Index(i) => match at.get_mut(*i) {
                Some(v) => v,
                None => return,
            },
        };
    }
    match (last, value) {
        (Step::Key(k), Some(v)) => {
            if !at.is_object() {
                *at = Value::Object(Default::default());
            }
            at.as_object_mut()
                .expect("an object")
                .insert(k.to_string(), v);
        }
        (Step::Key(k), None) => {
            if let Some(m) = at.as_object_mut() {
                m.remove(*k);
            }
        }
        (Step::Index(i), v) => {
            if let Some(slot) = at.get_mut(*i) {
                *slot = v.unwrap_or(Value::Null);
            }
        }
    }
}

/// What the user typed in a number field, as JSON: a whole number, a decimal (comma or
/// point), nothing (the key is removed), or the text itself (the validator will say why).
fn typed_number(raw: &str) -> Option<Value> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let dot = raw.replace(',', ".");
    Some(if let Ok(n) = dot.parse::<i64>() {
        Value::from(n)
    } else if let Some(x) = dot.parse::<f64>().ok().filter(|x| x.is_finite()) {
        Value::from(x)
    } else {
        Value::String(raw.to_owned())
    })
}

/// The text shown in a field for the value at a path.
fn shown(doc: &Value, path: &str) -> String {
    match get(doc, path) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// The DOM id (and test id) of the field at a path: `stations[0].servers` → `ed-stations-0--servers`.
fn field_id(path: &str) -> String {
    format!("ed-{}", path.replace(['.', '[', ']'], "-"))
}

/// Why an imported file did not replace the draft: it could not be read, or it is not a
/// scenario at all (a scenario with mistakes to fix is loaded, its mistakes at their fields).
#[derive(Debug, Clone, PartialEq)]
enum ImportError {
    File(FileError),
    Scenario(Errors),
}

impl Explain for ImportError {
    fn explain(&self) -> String {
        match self {
            ImportError::File(e) => e.explain(),
            ImportError::Scenario(e) => e.explain(),
        }
    }
}

/// What a form field holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Text (empty = the key is removed).
    Text,
    /// A number (see [`typed_number`]).
    Number,
    /// A list of ids, typed "a, b".
    Ids,
    /// Yes/no, with the format's default when the key is absent.
    Flag(bool),
    /// A time: a constant or a distribution.
    Time,
    /// A display name: one field per language (see [`Editor`]'s `name_field`).
    Name,
    /// A work element's optional key (`id`), with the key in force shown under it.
    Key,
}

/// The display name at `path`: `Ok(None)` when absent, `Err` when it is not a name (the
/// validator says why).
fn name_at(doc: &Value, path: &str) -> Result<Option<Text>, ()> {
    match get(doc, path) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone()).map(Some).map_err(|_| ()),
    }
}

/// The key in force of the work element at `path` (its `id`, else its name's key: the rule
/// of `takt_core::model::Element::key`), if it has one.
fn element_key(doc: &Value, path: &str) -> Option<String> {
    match get(doc, &format!("{path}.id")) {
        Some(Value::String(id)) => Some(id.clone()),
        _ => Some(
            name_at(doc, &format!("{path}.name"))
                .ok()??
                .key()
                .to_owned(),
        ),
    }
}

/// A blank line to start from: one station, an order and a shift.
const BLANK: &str = r#"{"name": {"ru": "Новая линия", "en": "New line"}, "time_unit": "s", "horizon": 28800,
 "stations": [{"id": "s1", "name": {"ru": "Участок 1", "en": "Station 1"}, "process": 60}],
 "demand": {"quantity": 400, "price": 1000},
 "training": {"rounds": 3}}"#;

#[component]
pub fn Editor() -> impl IntoView {
    let i18n = use_i18n();
    let pretty = |v: &Value| takt_core::json::pretty_json(&v.to_string());
    let initial: Value = serde_json::from_str(BLANK).unwrap_or_default();
    // The draft as text, and the undo/redo history of drafts.
    let draft = RwSignal::new(pretty(&initial));
    let history = StoredValue::new((vec![draft.get_untracked()], 0usize));
    let commit = move |text: String| {
        if text == draft.get_untracked() {
            return;
        }
        history.update_value(|(list, at)| {
            list.truncate(*at + 1);
            list.push(text.clone());
            *at = list.len() - 1;
        });
        draft.set(text);
    };
    let undo = move || {
        history.update_value(|(list, at)| {
            if *at > 0 {
                *at -= 1;
                draft.set(list[*at].clone());
            }
        })
    };
    let redo = move || {
        history.update_value(|(list, at)| {
            if *at + 1 < list.len() {
                *at += 1;
                draft.set(list[*at].clone());
            }
        })
    };
    let doc = Memo::new(move |_| draft.with(|t| serde_json::from_str::<Value>(t).ok()));
    let checked = Memo::new(move |_| draft.with(|t| Scenario::from_json(t)));
    let errors = move || -> Vec<FieldError> {
        checked.with(|c| {
            c.as_ref()
                .err()
                .map(|e| e.iter().cloned().collect())
                .unwrap_or_default()
        })
    };
    // Edits one field of the draft (only while the text is valid JSON).
    let edit = move |path: String, value: Option<Value>| {
        if let Some(mut d) = doc.get_untracked() {
            set(&mut d, &path, value);
            commit(pretty(&d));
        }
    };
    // The preview's analysis and the line it ran (its stations named in the current language).
    let preview = RwSignal::new(None::<Result<(takt_core::lean::Analysis, Scenario), SimError>>);

    // The validator's messages for `path` and the fields inside it.
    let errors_at = move |p: String| {
        move || {
            checked.with(|c| {
                c.as_ref()
                    .err()
                    .map(|e| {
                        e.iter()
                            .filter(|e| {
                                e.path == p
                                    || e.path.strip_prefix(p.as_str()).is_some_and(|rest| {
                                        rest.starts_with('.') || rest.starts_with('[')
                                    })
                            })
                            .map(|e| e.problem.clone())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }
    };

    // A display name: one input per language (`{id}-ru`, `{id}-en`). A language left empty
    // shows the other as its placeholder (the fallback); editing one language keeps the other
    // (`Text::with`), and a plain name stays plain until one language is changed.
    let name_field = move |label: String, path: String| {
        let id = field_id(&path);
        let mine = errors_at(path.clone());
        let has_error = {
            let mine = mine.clone();
            move || (!mine().is_empty()).then_some("true")
        };
        let inputs = crate::LANGUAGES.map(|(locale, _, _)| {
            let code = locale.as_str();
            let input_id = format!("{id}-{code}");
            let p = path.clone();
            let value = move || {
                doc.with(|d| {
                    let Some(d) = d.as_ref() else { return (String::new(), String::new()) };
                    match name_at(d, &p) {
                        Ok(Some(t)) => (
                            t.given(code).unwrap_or_default().to_owned(),
                            t.get(code).to_owned(),
                        ),
                        Ok(None) => Default::default(),
                        Err(()) => (shown(d, &p), String::new()),
                    }
                })
            };
            let shown_value = {
                let value = value.clone();
                move || value().0
            };
            let p = path.clone();
            let label = match locale {
                crate::i18n::Locale::ru => t_string!(i18n, editor_name_ru, name = &label).to_string(),
                crate::i18n::Locale::en => t_string!(i18n, editor_name_en, name = &label).to_string(),
            };
            view! {
                <div class="field">
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id.clone() data-testid=input_id type="text" autocomplete="off" lang=code
                        prop:value=shown_value placeholder=move || value().1 aria-invalid=has_error.clone()
                        on:change:target=move |ev| {
                            let raw = ev.target().value();
                            let now = doc.with_untracked(|d| d.as_ref().map(|d| name_at(d, &p)));
                            let name = match now {
                                Some(Ok(Some(t))) => t.with(code, &raw),
                                // Absent or not a name: the typed language alone.
                                _ => {
                                    let raw = raw.trim().to_owned();
                                    let (ru, en) = if code == "ru" { (Some(raw), None) } else { (None, Some(raw)) };
                                    Text::langs(ru.filter(|s| !s.is_empty()), en.filter(|s| !s.is_empty()))
                                }
                            };
                            edit(p.clone(), name.and_then(|n| serde_json::to_value(n).ok()));
                        } />
                </div>
            }
        });
        view! {
            <div class="name-field" data-testid=id.clone()>
                {inputs}
                {let id = id.clone(); move || mine().into_iter().map(|m| view! { <p class="field-error" role="alert" data-testid=format!("{id}-error")>{m.explain()}</p> }).collect_view()}
            </div>
        }
    };

    // A labelled input bound to a path, with the validator's errors for that path under it.
    let field = move |label: String, path: String, kind: Kind| {
        let id = field_id(&path);
        let p = path.clone();
        let value = move || {
            doc.with(|d| {
                let Some(d) = d.as_ref() else {
                    return String::new();
                };
                match (kind, get(d, &p)) {
                    (Kind::Ids, Some(Value::Array(items))) => items
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", "),
                    _ => shown(d, &p),
                }
            })
        };
        let p = path.clone();
        let flag = move || {
            doc.with(|d| match kind {
                Kind::Flag(default) => d
                    .as_ref()
                    .and_then(|d| get(d, &p)?.as_bool())
                    .unwrap_or(default),
                _ => false,
            })
        };
        let mine = errors_at(path.clone());
        let has_error = {
            let mine = mine.clone();
            move || (!mine().is_empty()).then_some("true")
        };
        let p = path.clone();
        let control = match kind {
            Kind::Flag(default) => view! {
                <input id=id.clone() data-testid=id.clone() type="checkbox" prop:checked=flag
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        edit(p.clone(), (on != default).then_some(Value::Bool(on)));
                    } />
            }
            .into_any(),
            _ => view! {
                <input id=id.clone() data-testid=id.clone() type="text" autocomplete="off"
                    inputmode=if kind == Kind::Number { "decimal" } else { "text" }
                    prop:value=value aria-invalid=has_error
                    on:change:target=move |ev| {
                        let raw = ev.target().value();
                        let v = match kind {
                            Kind::Number => typed_number(&raw),
                            Kind::Ids => Some(Value::from(
                                raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>(),
                            )),
                            _ => (!raw.trim().is_empty()).then(|| Value::String(raw.trim().to_owned())),
                        };
                        edit(p.clone(), v);
                    } />
            }
            .into_any(),
        };
        // Under a work element's key: the key in force (its id, else its name's).
        let key_hint = (kind == Kind::Key).then(|| {
            let element = path.strip_suffix(".id").unwrap_or(&path).to_owned();
            let key = move || {
                doc.with(|d| {
                    d.as_ref()
                        .and_then(|d| element_key(d, &element))
                        .unwrap_or_default()
                })
            };
            view! {
                <p class="hint" data-testid=format!("{id}-key")>
                    {move || t_string!(i18n, editor_element_key_hint, key = key())}
                </p>
            }
        });
        view! {
            <div class="field" class:flag=matches!(kind, Kind::Flag(_))>
                <label for=id.clone()>{label}</label>
                {control}
                {key_hint}
                {move || mine().into_iter().map(|m| view! { <p class="field-error" role="alert" data-testid=format!("{id}-error")>{m.explain()}</p> }).collect_view()}
            </div>
        }
    };

    // A time: a constant (a plain number) or a distribution with its parameters. The
    // distribution select rewrites the value with parameters around its current mean.
    let time_field = move |label: String, path: String| {
        let id = field_id(&path);
        let p = path.clone();
        let kind = Memo::new(move |_| {
            doc.with(|d| match d.as_ref().and_then(|d| get(d, &p)) {
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
            let mean = doc.with_untracked(|d| {
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
            edit(p.clone(), Some(value));
        };
        let label_for_select = label.clone();
        let p = path.clone();
        let params = move || {
            let k = kind.get();
            let names: &[&str] = match k.as_str() {
                "exponential" => &["mean"],
                "uniform" => &["min", "max"],
                "triangular" => &["min", "mode", "max"],
                "normal" | "lognormal" => &["mean", "sd"],
                _ => &[],
            };
            if names.is_empty() {
                return vec![field(label.clone(), p.clone(), Kind::Number).into_any()];
            }
            names
                .iter()
                .map(|n| {
                    field(format!("{label}: {n}"), format!("{p}.{n}"), Kind::Number).into_any()
                })
                .collect()
        };
        view! {
            <div class="field">
                <label for=format!("{id}-dist")>{format!("{label_for_select} — ")}{tx!(i18n, editor_dist)}</label>
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
    };

    // A list in the document (`path`) as one fieldset per item, with remove and add buttons:
    // `spec` gives each item's fields (label, key, kind), `template` a new item.
    let list = move |path: String,
                     legend: String,
                     spec: Vec<(String, &'static str, Kind)>,
                     template: Value,
                     add_label: String| {
        let p = path.clone();
        let n = move || {
            doc.with(|d| {
                d.as_ref()
                    .and_then(|d| get(d, &p)?.as_array().map(Vec::len))
                    .unwrap_or(0)
            })
        };
        let p = path.clone();
        let items = move || {
            (0..n())
                .map(|j| {
                    let base = format!("{p}[{j}]");
                    let id = field_id(&base);
                    let fields = spec
                        .iter()
                        .map(|(label, key, kind)| match kind {
                            Kind::Time => {
                                time_field(label.clone(), format!("{base}.{key}")).into_any()
                            }
                            Kind::Name => {
                                name_field(label.clone(), format!("{base}.{key}")).into_any()
                            }
                            _ => field(label.clone(), format!("{base}.{key}"), *kind).into_any(),
                        })
                        .collect_view();
                    let p = p.clone();
                    let legend = legend.clone();
                    view! {
                        <fieldset class="item-row" data-testid=id.clone()>
                            <legend>{format!("{legend} {}", j + 1)}</legend>
                            <div class="fields">{fields}</div>
                            <button type="button" class="icon" data-testid=format!("{id}-remove")
                                on:click=move |_| {
                                    if let Some(mut d) = doc.get_untracked() {
                                        if let Some(Value::Array(items)) = get_mut(&mut d, &p) {
                                            if j < items.len() { items.remove(j); }
                                        }
                                        commit(pretty(&d));
                                    }
                                }>
                                "✕"
                            </button>
                        </fieldset>
                    }
                })
                .collect_view()
        };
        let p = path.clone();
        let add_id = format!("{}-add", field_id(&path));
        view! {
            {items}
            <div class="actions">
                <button type="button" data-testid=add_id on:click=move |_| {
                    if let Some(mut d) = doc.get_untracked() {
                        match get_mut(&mut d, &p) {
                            Some(Value::Array(items)) => items.push(template.clone()),
                            _ => set(&mut d, &p, Some(Value::Array(vec![template.clone()]))),
                        }
                        commit(pretty(&d));
                    }
                }>{add_label.clone()}</button>
            </div>
        }
    };

    let stations = move || {
        let n = doc.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("stations")?.as_array().map(Vec::len))
                .unwrap_or(0)
        });
        (0..n)
            .map(|k| {
                let at = |f: &str| format!("stations[{k}].{f}");
                view! {
                    <fieldset class="station-row" data-testid=format!("ed-station-{k}")>
                        <legend>{move || t_string!(i18n, editor_station, n = k + 1).to_string()}</legend>
                        <div class="fields">
                            {field(t_string!(i18n, editor_id).to_string(), at("id"), Kind::Text)}
                            {name_field(t_string!(i18n, editor_name).to_string(), at("name"))}
                            {field(t_string!(i18n, editor_servers).to_string(), at("servers"), Kind::Number)}
                            {time_field(t_string!(i18n, editor_process).to_string(), at("process"))}
                            {field(t_string!(i18n, editor_buffer).to_string(), at("buffer"), Kind::Number)}
                            {field(t_string!(i18n, editor_batch).to_string(), at("batch"), Kind::Number)}
                            {time_field(t_string!(i18n, editor_transport).to_string(), at("transport"))}
                            {field(
                                t_string!(i18n, editor_kanban_limit).to_string(),
                                format!("release.limits.{}", doc.with_untracked(|d| d.as_ref().map(|d| shown(d, &at("id"))).unwrap_or_default())),
                                Kind::Number,
                            )}
                            {field(t_string!(i18n, editor_defect_rate).to_string(), at("defects.rate"), Kind::Number)}
                            {field(t_string!(i18n, editor_defect_action).to_string(), at("defects.action"), Kind::Text)}
                            {time_field(t_string!(i18n, editor_between).to_string(), at("breakdowns.between"))}
                            {time_field(t_string!(i18n, editor_repair).to_string(), at("breakdowns.repair"))}
                            {time_field(t_string!(i18n, editor_setup_time).to_string(), at("setup.time"))}
                            {field(t_string!(i18n, editor_setup_every).to_string(), at("setup.every"), Kind::Number)}
                        </div>
                        {list(
                            at("inputs"),
                            t_string!(i18n, editor_input).to_string(),
                            vec![
                                (t_string!(i18n, editor_input_from).to_string(), "from", Kind::Text),
                                (t_string!(i18n, editor_input_qty).to_string(), "qty", Kind::Number),
                            ],
                            serde_json::json!({"from": "", "qty": 1}),
                            t_string!(i18n, editor_add_input).to_string(),
                        )}
                        {list(
                            at("elements"),
                            t_string!(i18n, editor_element).to_string(),
                            vec![
                                (t_string!(i18n, editor_name).to_string(), "name", Kind::Name),
                                (t_string!(i18n, editor_element_key).to_string(), "id", Kind::Key),
                                (t_string!(i18n, editor_time).to_string(), "time", Kind::Time),
                                (t_string!(i18n, editor_value_added).to_string(), "value_added", Kind::Flag(true)),
                            ],
                            serde_json::json!({"name": {"ru": format!("операция {}", k + 1), "en": format!("element {}", k + 1)}, "time": 10}),
                            t_string!(i18n, editor_add_element).to_string(),
                        )}
                        <button type="button" class="icon" data-testid=format!("ed-station-remove-{k}")
                            on:click=move |_| {
                                if let Some(mut d) = doc.get_untracked() {
                                    if let Some(list) = d.get_mut("stations").and_then(Value::as_array_mut) {
                                        if k < list.len() { list.remove(k); }
                                    }
                                    commit(pretty(&d));
                                }
                            }>
                            {tx!(i18n, editor_remove_station)}
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add_station = move |_| {
        if let Some(mut d) = doc.get_untracked() {
            let list = d.as_object_mut().map(|m| {
                m.entry("stations")
                    .or_insert_with(|| Value::Array(Vec::new()))
            });
            if let Some(Value::Array(list)) = list {
                let n = list.len() + 1;
                list.push(serde_json::json!({"id": format!("s{n}"), "name": {"ru": format!("Участок {n}"), "en": format!("Station {n}")}, "process": 60}));
            }
            commit(pretty(&d));
        }
    };

    let scenarios = StoredValue::new(library::scenarios());
    let load_builtin = move |k: usize| {
        let text = scenarios.with_value(|l| l.get(k).map(|(_, sc)| sc.to_json()));
        if let Some(text) = text {
            commit(text);
        }
    };
    // An imported file replaces the draft (undo brings the old one back) when it is a
    // scenario, even one with errors to fix; a file that is not one at all (too large, not
    // JSON, not a scenario's shape) is refused with the reason, and the draft is kept.
    let import_error = RwSignal::new(None::<(String, ImportError)>);
    let import = move |files: web_sys::FileList| {
        let Some(file) = files.item(0) else { return };
        leptos::task::spawn_local(async move {
            let read = crate::platform::export::read_text(&file, MAX_SCENARIO_BYTES).await;
            let read = read.map_err(ImportError::File).and_then(|text| {
                match from_json_text::<Scenario>(&text) {
                    Ok(_) => Ok(text),
                    Err(e) => Err(ImportError::Scenario(e)),
                }
            });
            match read {
                Ok(text) => {
                    import_error.set(None);
                    commit(text);
                }
                Err(e) => import_error.set(Some((file.name(), e))),
            }
        });
    };
    // The draft as a link to the trainee's page (`crate::share`): copied for the teams, or
    // opened here ("open in the trainee view"), which keeps a session with rounds played.
    let share_link = RwSignal::new(None::<Result<String, ShareError>>);
    let to_link = move |open: bool| {
        let text = checked.with_untracked(|c| c.as_ref().ok().map(Scenario::to_json));
        let Some(text) = text else { return };
        leptos::task::spawn_local(async move {
            match crate::platform::share::link_path(&text).await {
                Err(e) => share_link.set(Some(Err(e))),
                Ok(path) if open => {
                    let _ = window().location().assign(&path);
                }
                Ok(path) => {
                    let origin = window().location().origin().unwrap_or_default();
                    let link = format!("{origin}{path}");
                    // The clipboard may be refused (no permission): the link is shown anyway.
                    let copy = window().navigator().clipboard().write_text(&link);
                    let _ = wasm_bindgen_futures::JsFuture::from(copy).await;
                    share_link.set(Some(Ok(link)));
                }
            }
        });
    };
    let run_preview = move |_| {
        if let Ok(sc) = checked.get_untracked() {
            preview.set(Some(
                takt_core::lean::analyze(&sc, DEFAULT_SEED, PREVIEW_REPLICATIONS).map(|a| (a, sc)),
            ));
        }
    };
    let keys = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            match ev.key().as_str() {
                "z" if ev.shift_key() => redo(),
                "z" => undo(),
                "y" => redo(),
                _ => return,
            }
            ev.prevent_default();
        }
    };
    let preview_view = move || {
        let locale = i18n.get_locale();
        preview.get().map(|p| match p {
            Err(e) => view! { <p class="field-error" role="alert" data-testid="ed-preview-error">{e.explain()}</p> }.into_any(),
            Ok((a, line)) => {
                let k = a.kpis;
                let bottleneck = line.station_label(&a.report.bottleneck, locale.as_str()).to_owned();
                let unit = unit_symbol(a.report.time_unit, locale);
                view! {
                    <dl class="facts" data-testid="ed-preview">
                        <div><dt>{tx!(i18n, kpi_completed)}</dt><dd data-testid="ed-preview-completed">{with_ci(k.completed.mean, k.completed.ci95, locale)}</dd></div>
                        <div><dt>{format!("{}, {unit}", t_string!(i18n, kpi_lead_time))}</dt><dd>{k.lead_time.map_or("—".into(), |e| with_ci(e.mean, e.ci95, locale))}</dd></div>
                        <div><dt>{tx!(i18n, kpi_wip)}</dt><dd>{format_number(k.wip.mean, locale)}</dd></div>
                        <div><dt>{tx!(i18n, result_bottleneck)}</dt><dd data-testid="ed-preview-bottleneck" data-station=a.report.bottleneck.clone()>{bottleneck}</dd></div>
                    </dl>
                }
                .into_any()
            }
        })
    };
    let valid = move || checked.with(Result::is_ok);

    view! {
        <section class="card" aria-labelledby="editor-title" data-testid="editor" on:keydown=keys>
            <h2 id="editor-title">{tx!(i18n, editor_title)}</h2>
            <div class="actions">
                <button type="button" data-testid="ed-undo" on:click=move |_| undo()>{tx!(i18n, editor_undo)}</button>
                <button type="button" data-testid="ed-redo" on:click=move |_| redo()>{tx!(i18n, editor_redo)}</button>
                <select data-testid="ed-load" aria-label=tx!(i18n, editor_load)
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        if v == "blank" { commit(BLANK.to_owned()) } else if let Ok(k) = v.parse() { load_builtin(k) }
                        ev.target().set_value("");
                    }>
                    <option value="">{tx!(i18n, editor_load)}</option>
                    <option value="blank">{tx!(i18n, editor_blank)}</option>
                    {move || scenarios.with_value(|l| library::options(l, i18n.get_locale()))}
                </select>
            </div>
            <div class="fields">
                {name_field(t_string!(i18n, editor_name).to_string(), "name".into())}
                <p class="hint">{tx!(i18n, editor_name_hint)}</p>
                {field(t_string!(i18n, editor_horizon).to_string(), "horizon".into(), Kind::Number)}
                {field(t_string!(i18n, editor_warmup).to_string(), "warmup".into(), Kind::Number)}
                {field(t_string!(i18n, editor_order).to_string(), "demand.quantity".into(), Kind::Number)}
                {field(t_string!(i18n, editor_price).to_string(), "demand.price".into(), Kind::Number)}
                {time_field(t_string!(i18n, editor_arrivals).to_string(), "arrivals".into())}
            </div>
            <h3>{tx!(i18n, editor_stations)}</h3>
            {stations}
            <div class="actions">
                <button type="button" data-testid="ed-add-station" on:click=add_station>{tx!(i18n, editor_add_station)}</button>
            </div>
            <h3>{tx!(i18n, editor_operators)}</h3>
            {list(
                "operators".into(),
                t_string!(i18n, editor_operator).to_string(),
                vec![
                    (t_string!(i18n, editor_id).to_string(), "id", Kind::Text),
                    (t_string!(i18n, editor_name).to_string(), "name", Kind::Name),
                    (t_string!(i18n, editor_operator_stations).to_string(), "stations", Kind::Ids),
                    (t_string!(i18n, editor_walk).to_string(), "walk", Kind::Time),
                ],
                serde_json::json!({"id": "op", "stations": []}),
                t_string!(i18n, editor_add_operator).to_string(),
            )}
            <h3>{tx!(i18n, editor_flow)}</h3>
            <div class="fields">
                <div class="field">
                    <label for="ed-release">{tx!(i18n, editor_release)}</label>
                    <select id="ed-release" data-testid="ed-release"
                        prop:value=move || doc.with(|d| d.as_ref().and_then(|d| get(d, "release.policy")?.as_str().map(str::to_owned)).unwrap_or_else(|| "push".into()))
                        on:change:target=move |ev| {
                            let v = match ev.target().value().as_str() {
                                "conwip" => Some(serde_json::json!({"policy": "conwip", "limit": 10})),
                                "kanban" => Some(serde_json::json!({"policy": "kanban", "limits": {}})),
                                _ => None,
                            };
                            edit("release".into(), v);
                        }>
                        <option value="push">{tx!(i18n, editor_push)}</option>
                        <option value="conwip">"CONWIP"</option>
                        <option value="kanban">{tx!(i18n, tool_kanban)}</option>
                    </select>
                </div>
                {field(t_string!(i18n, editor_conwip_limit).to_string(), "release.limit".into(), Kind::Number)}
                {field(t_string!(i18n, editor_material).to_string(), "costs.material".into(), Kind::Number)}
                {field(t_string!(i18n, editor_labour).to_string(), "costs.labour_per_hour".into(), Kind::Number)}
                {field(t_string!(i18n, editor_holding).to_string(), "costs.holding_per_hour".into(), Kind::Number)}
            </div>
            <h3>{tx!(i18n, editor_training)}</h3>
            <div class="fields">
                {field(t_string!(i18n, editor_rounds).to_string(), "training.rounds".into(), Kind::Number)}
                {field(t_string!(i18n, editor_budget).to_string(), "training.budget".into(), Kind::Number)}
                {field(t_string!(i18n, replications_label).to_string(), "training.replications".into(), Kind::Number)}
            </div>
            <h4>{tx!(i18n, editor_tools)}</h4>
            <p class="hint">{tx!(i18n, editor_tools_hint)}</p>
            <div class="tool-grid" data-testid="ed-tools">
                {Tool::ALL.map(|tool| {
                    let name = tool_name(tool);
                    let allowed_now = move || doc.with(|d| {
                        match d.as_ref().and_then(|d| get(d, "training.allowed")).and_then(Value::as_array) {
                            Some(list) => list.iter().any(|v| v.as_str() == Some(tool_name(tool).as_str())),
                            None => true,
                        }
                    });
                    let toggle = move |on: bool| {
                        let Some(d) = doc.get_untracked() else { return };
                        let mut list: Vec<String> = Tool::ALL
                            .into_iter()
                            .filter(|t| {
                                let listed = get(&d, "training.allowed").and_then(Value::as_array).is_none_or(|l| {
                                    l.iter().any(|v| v.as_str() == Some(tool_name(*t).as_str()))
                                });
                                if *t == tool { on } else { listed }
                            })
                            .map(tool_name)
                            .collect();
                        // Every tool allowed is the default: no list at all.
                        let value = (list.len() < Tool::ALL.len()).then(|| Value::from(std::mem::take(&mut list)));
                        edit("training.allowed".into(), value);
                    };
                    view! {
                        <div class="tool-row">
                            <label class="check">
                                <input type="checkbox" data-testid=format!("ed-allow-{name}") prop:checked=allowed_now
                                    on:change:target=move |ev| toggle(ev.target().checked()) />
                                {crate::names::tool_label(tool)}
                            </label>
                            {field(
                                t_string!(i18n, editor_tool_cost, cost = format_number(tool.default_cost(), i18n.get_locale_untracked())).to_string(),
                                format!("training.costs.{name}"),
                                Kind::Number,
                            )}
                        </div>
                    }
                }).collect_view()}
            </div>
            <h4>{tx!(i18n, editor_targets)}</h4>
            <div class="fields" data-testid="ed-kpis">
                {Kpi::ALL.map(|kpi| view! {
                    <div class="kpi-row">
                        {field(format!("{} — {}", crate::names::kpi_name(kpi), t_string!(i18n, editor_target)), format!("training.targets.{}", kpi.name()), Kind::Number)}
                        {field(format!("{} — {}", crate::names::kpi_name(kpi), t_string!(i18n, editor_weight, weight = kpi.default_weight())), format!("training.weights.{}", kpi.name()), Kind::Number)}
                    </div>
                }).collect_view()}
            </div>
            <h3>{tx!(i18n, editor_json)}</h3>
            <p class="hint">{tx!(i18n, editor_json_hint)}</p>
            <textarea class="json" data-testid="ed-json" rows="16" spellcheck="false"
                aria-label=tx!(i18n, editor_json)
                prop:value=move || draft.get()
                on:change:target=move |ev| commit(ev.target().value())></textarea>
            <div data-testid="ed-errors" aria-live="polite">
                {move || {
                    let list = errors();
                    if list.is_empty() {
                        view! { <p class="ok" data-testid="ed-valid">{tx!(i18n, editor_valid)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="errors">
                                {list.into_iter().map(|e| view! { <li class="field-error"><code>{e.path.clone()}</code>" "{e.problem.explain()}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </div>
            <div class="actions">
                <button type="button" class="primary" data-testid="ed-preview-run" disabled=move || !valid() on:click=run_preview>
                    {tx!(i18n, editor_preview)}
                </button>
                <button type="button" data-testid="ed-open" disabled=move || !valid() on:click=move |_| to_link(true)>
                    {tx!(i18n, editor_open)}
                </button>
                <button type="button" data-testid="ed-export" disabled=move || !valid()
                    on:click=move |_| {
                        if let Ok(sc) = checked.get_untracked() {
                            let _ = crate::platform::export::download("takt-scenario.json", "application/json", &sc.to_json());
                        }
                    }>
                    {tx!(i18n, editor_export)}
                </button>
                <button type="button" data-testid="ed-share" disabled=move || !valid() on:click=move |_| to_link(false)>
                    {tx!(i18n, editor_share)}
                </button>
            </div>
            <div class="field">
                <label for="ed-import">{tx!(i18n, editor_import)}</label>
                <input id="ed-import" data-testid="ed-import" type="file" accept=".json,application/json"
                    aria-describedby="ed-import-error"
                    on:change:target=move |ev| { if let Some(f) = ev.target().files() { import(f) } ev.target().set_value("") } />
                <p id="ed-import-error" class="field-error" role="alert" data-testid="ed-import-error"
                    hidden=move || import_error.with(Option::is_none)>
                    {move || import_error.get().map(|(name, e)| view! { {tx!(i18n, editor_import_refused)}" "{format!("{name}: {}", e.explain())} })}
                </p>
            </div>
            {move || share_link.get().map(|link| match link {
                Ok(link) => view! {
                    <p class="hint">{tx!(i18n, editor_share_done)}" "<a data-testid="ed-share-link" href=link.clone()>{link.clone()}</a></p>
                }.into_any(),
                Err(e) => view! { <p class="field-error" role="alert" data-testid="ed-share-error">{e.explain()}</p> }.into_any(),
            })}
            {preview_view}
        </section>
    }
}
