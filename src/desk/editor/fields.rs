//! The editor's form controls, one per kind of value, each bound to a path of the draft, with
//! the validator's messages for that path under it. Every label is a closure read where it is
//! shown, so switching the interface language relabels the whole form at once.

use super::doc::{element_key, field_id, get, name_at, shown, stations, typed_number};
use super::Ed;
use crate::i18n::{t_string, Locale};
use crate::refusals::Explain;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use serde_json::Value;
use std::sync::Arc;
use takt_core::model::Text;

/// A label in the interface language (read it where it is shown: it follows the language).
pub type Label = Arc<dyn Fn() -> String + Send + Sync>;

/// The label of a translation key (see `label!`): one closure type for every key, as `tx!`.
pub fn label_of(i18n: leptos_i18n::I18nContext<Locale>, key: fn(Locale) -> &'static str) -> Label {
    Arc::new(move || key(i18n.get_locale()).to_owned())
}

/// The choices of a select: value and text, read where shown.
pub type Options = Arc<dyn Fn() -> Vec<(String, String)> + Send + Sync>;

/// What a plain form field holds.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    /// Text (empty = the key is removed).
    Text,
    /// A number (see [`typed_number`]), shown as a person writes it in the interface language.
    Number,
    /// Yes/no, with the format's default when the key is absent.
    Flag(bool),
    /// A work element's optional key (`id`), with the key in force shown under it.
    Key,
}

/// The validator's messages for `path`, each a `{id}-error` paragraph.
fn messages(ed: Ed, path: &str, id: &str) -> impl IntoView {
    let mine = ed.errors_at(path.to_owned());
    let id = id.to_owned();
    move || {
        mine()
            .into_iter()
            .map(|m| view! { <p class="field-error" role="alert" data-testid=format!("{id}-error")>{m.explain()}</p> })
            .collect_view()
    }
}

/// `aria-invalid` of the control at `path`.
fn invalid(ed: Ed, path: &str) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync {
    let mine = ed.errors_at(path.to_owned());
    move || (!mine().is_empty()).then_some("true")
}

/// A labelled input bound to a path.
pub fn field(ed: Ed, label: Label, path: String, kind: Kind) -> impl IntoView {
    let i18n = ed.i18n;
    let id = field_id(&path);
    let p = path.clone();
    let value = move || {
        let locale = i18n.get_locale();
        ed.doc
            .with(|d| d.as_ref().map(|d| shown(d, &p, locale)).unwrap_or_default())
    };
    let p = path.clone();
    let flag = move || match kind {
        Kind::Flag(default) => ed.value(&p).and_then(|v| v.as_bool()).unwrap_or(default),
        _ => false,
    };
    let has_error = invalid(ed, &path);
    let p = path.clone();
    let control = match kind {
        Kind::Flag(default) => view! {
            <input id=id.clone() data-testid=id.clone() type="checkbox" prop:checked=flag
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    ed.edit(&p, (on != default).then_some(Value::Bool(on)));
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
                        _ => (!raw.trim().is_empty()).then(|| Value::String(raw.trim().to_owned())),
                    };
                    ed.edit(&p, v);
                } />
        }
        .into_any(),
    };
    // Under a work element's key: the key in force (its id, else its name's).
    let key_hint = (kind == Kind::Key).then(|| {
        let element = path.strip_suffix(".id").unwrap_or(&path).to_owned();
        let key = move || {
            ed.doc.with(|d| {
                d.as_ref()
                    .and_then(|d| element_key(d, &element))
                    .unwrap_or_default()
            })
        };
        view! {
            <p class="hint" data-testid=format!("{id}-key")>
                {move || t_string!(i18n, editor_element_key_hint, key = key()).to_string()}
            </p>
        }
    });
    view! {
        <div class="field" class:flag=matches!(kind, Kind::Flag(_))>
            <label for=id.clone()>{move || label()}</label>
            {control}
            {key_hint}
            {messages(ed, &path, &id)}
        </div>
    }
}

/// A display name: one input per language (`{id}-ru`, `{id}-en`). A language left empty
/// shows the other as its placeholder (the fallback); editing one language keeps the other
/// (`Text::with`), and a plain name stays plain until one language is changed.
pub fn name_field(ed: Ed, label: Label, path: String) -> impl IntoView {
    let i18n = ed.i18n;
    let id = field_id(&path);
    let has_error = invalid(ed, &path);
    let inputs = crate::LANGUAGES.map(|(locale, _, _)| {
        let code = locale.as_str();
        let input_id = format!("{id}-{code}");
        let p = path.clone();
        let value = move || {
            ed.doc.with(|d| {
                let Some(d) = d.as_ref() else {
                    return (String::new(), String::new());
                };
                match name_at(d, &p) {
                    Ok(Some(t)) => (
                        t.given(code).unwrap_or_default().to_owned(),
                        t.get(code).to_owned(),
                    ),
                    Ok(None) => Default::default(),
                    Err(()) => (shown(d, &p, Locale::en), String::new()),
                }
            })
        };
        let shown_value = {
            let value = value.clone();
            move || value().0
        };
        let p = path.clone();
        let label = label.clone();
        let text = move || {
            let name = label();
            match locale {
                Locale::ru => t_string!(i18n, editor_name_ru, name = &name).to_string(),
                Locale::en => t_string!(i18n, editor_name_en, name = &name).to_string(),
            }
        };
        let has_error = has_error.clone();
        view! {
            <div class="field">
                <label for=input_id.clone()>{text}</label>
                <input id=input_id.clone() data-testid=input_id type="text" autocomplete="off" lang=code
                    prop:value=shown_value placeholder=move || value().1 aria-invalid=has_error
                    on:change:target=move |ev| {
                        let raw = ev.target().value();
                        let now = ed.doc.with_untracked(|d| d.as_ref().map(|d| name_at(d, &p)));
                        let name = match now {
                            Some(Ok(Some(t))) => t.with(code, &raw),
                            // Absent or not a name: the typed language alone.
                            _ => {
                                let raw = raw.trim().to_owned();
                                let (ru, en) = if code == "ru" { (Some(raw), None) } else { (None, Some(raw)) };
                                Text::langs(ru.filter(|s| !s.is_empty()), en.filter(|s| !s.is_empty()))
                            }
                        };
                        ed.edit(&p, name.and_then(|n| serde_json::to_value(n).ok()));
                    } />
            </div>
        }
    });
    view! {
        <div class="name-field" data-testid=id.clone()>
            {inputs}
            {messages(ed, &path, &id)}
        </div>
    }
}

/// A select of a fixed set of values (`options`); `empty`, when given, is the choice that
/// removes the key (the format's default or "none").
pub fn select_field(
    ed: Ed,
    label: Label,
    path: String,
    options: Options,
    empty: Option<Label>,
) -> impl IntoView {
    let id = field_id(&path);
    let p = path.clone();
    let current = move || match ed.value(&p) {
        Some(Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => String::new(),
    };
    // A value outside the choices (typed in the JSON) is shown as itself, so it is not
    // silently replaced; the validator says what is wrong with it.
    let choices = {
        let current = current.clone();
        move || {
            let mut list = options();
            let now = current();
            if !now.is_empty() && !list.iter().any(|(v, _)| *v == now) {
                list.push((now.clone(), now.clone()));
            }
            // `selected` as well as the select's value: the options are built after it.
            let none = now.is_empty();
            let empty = empty
                .as_ref()
                .map(|l| view! { <option value="" selected=none>{l()}</option> });
            view! {
                {empty}
                {list.into_iter().map(|(v, text)| {
                    let on = v == now;
                    view! { <option value=v selected=on>{text}</option> }
                }).collect_view()}
            }
        }
    };
    let has_error = invalid(ed, &path);
    let p = path.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label()}</label>
            <select id=id.clone() data-testid=id.clone() aria-invalid=has_error
                prop:value=current
                on:change:target=move |ev| {
                    let v = ev.target().value();
                    ed.edit(&p, (!v.is_empty()).then_some(Value::String(v)));
                }>
                {choices}
            </select>
            {messages(ed, &path, &id)}
        </div>
    }
}

/// The stations of the line as a checklist, bound to a list of station ids at `path`
/// (`{id}-{station id}` for each box). Ids listed that are not stations stay listed (and
/// shown) until unchecked, so the validator can name them.
pub fn station_checklist(ed: Ed, label: Label, path: String) -> impl IntoView {
    let i18n = ed.i18n;
    let id = field_id(&path);
    let p = path.clone();
    let listed = move || -> Vec<String> {
        match ed.value(&p) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    let p = path.clone();
    let boxes = {
        let id = id.clone();
        move || {
            let locale = i18n.get_locale();
            let mut all = ed
                .doc
                .with(|d| d.as_ref().map(|d| stations(d, locale)).unwrap_or_default());
            let now = listed();
            let extra: Vec<String> = now
                .iter()
                .filter(|x| !all.iter().any(|(s, _)| s == *x))
                .cloned()
                .collect();
            all.extend(extra.into_iter().map(|x| (x.clone(), x)));
            all.into_iter()
                .map(|(station, name)| {
                    let on = now.contains(&station);
                    let p = p.clone();
                    let listed = listed.clone();
                    let s = station.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid=format!("{id}-{station}") prop:checked=on
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    let mut list = listed();
                                    list.retain(|x| *x != s);
                                    if on {
                                        list.push(s.clone());
                                    }
                                    // Kept in the line's order, unknown ids last.
                                    let order = ed.doc.with_untracked(|d| d.as_ref().map(|d| stations(d, Locale::en)).unwrap_or_default());
                                    list.sort_by_key(|x| order.iter().position(|(o, _)| o == x).unwrap_or(usize::MAX));
                                    ed.edit(&p, Some(Value::from(list)));
                                } />
                            {name}
                        </label>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <fieldset class="field checklist" data-testid=id.clone()>
            <legend>{move || label()}</legend>
            <div class="checks">{boxes}</div>
            {messages(ed, &path, &id)}
        </fieldset>
    }
}

/// A text area (free text in language `lang`), bound to a string at `path` (empty = absent).
pub fn text_area(ed: Ed, label: Label, path: String, lang: &'static str) -> impl IntoView {
    let id = field_id(&path);
    let p = path.clone();
    let value = move || match ed.value(&p) {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    let p = path.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label()}</label>
            <textarea id=id.clone() data-testid=id.clone() rows="4" lang=lang prop:value=value
                on:change:target=move |ev| {
                    let raw = ev.target().value();
                    let raw = raw.trim();
                    ed.change(|d| {
                        super::doc::set(d, &p, (!raw.is_empty()).then(|| Value::String(raw.to_owned())));
                        // No language left: no briefing at all.
                        let parent = p.rsplit_once('.').map_or("", |(parent, _)| parent);
                        if get(d, parent).and_then(Value::as_object).is_some_and(|m| m.is_empty()) {
                            super::doc::set(d, parent, None);
                        }
                    });
                }></textarea>
            {messages(ed, &path, &id)}
        </div>
    }
}
