//! The draft as a JSON document: paths (`stations[2].buffer`), reading and writing the value
//! at a path, and how a field shows and reads a value.

use crate::fmt::input_number;
use crate::i18n::Locale;
use leptos_i18n::Locale as _;
use serde_json::Value;
use takt_core::model::Text;

/// One path step: an object key or a list index.
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `stations[2].buffer` → [Key(stations), Index(2), Key(buffer)].
pub(super) fn steps(path: &str) -> Vec<Step<'_>> {
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
pub(super) fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path).into_iter().try_fold(doc, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// The value at `path`, to change it in place.
pub(super) fn get_mut<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    steps(path).into_iter().try_fold(doc, |v, s| match s {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}

/// Sets (or with `None` removes) the value at `path`, creating objects on the way.
pub(super) fn set(doc: &mut Value, path: &str, value: Option<Value>) {
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
pub(super) fn typed_number(raw: &str) -> Option<Value> {
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

/// The text shown in a field for the value at a path; a number as a person writes it in
/// `locale` (`1800`, not `1800.0`; `0,5` in Russian).
pub(super) fn shown(doc: &Value, path: &str, locale: Locale) -> String {
    match get(doc, path) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => input_number(n.as_f64().unwrap_or_default(), locale),
        },
        Some(v) => v.to_string(),
    }
}

/// The stations of the draft: each one's id and its name in `locale` (the id when it has
/// none), in flow order.
pub(super) fn stations(doc: &Value, locale: Locale) -> Vec<(String, String)> {
    let list = doc.get("stations").and_then(Value::as_array);
    list.map(|l| {
        l.iter()
            .filter_map(|s| {
                let id = s.get("id")?.as_str()?.to_owned();
                let name = s
                    .get("name")
                    .and_then(|n| serde_json::from_value::<Text>(n.clone()).ok())
                    .map(|t| t.get(locale.as_str()).to_owned())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id.clone());
                Some((id, name))
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The DOM id (and test id) of the field at a path: `stations[0].servers` → `ed-stations-0--servers`.
pub(super) fn field_id(path: &str) -> String {
    format!("ed-{}", path.replace(['.', '[', ']'], "-"))
}

/// The display name at `path`: `Ok(None)` when absent, `Err` when it is not a name (the
/// validator says why).
pub(super) fn name_at(doc: &Value, path: &str) -> Result<Option<Text>, ()> {
    match get(doc, path) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone()).map(Some).map_err(|_| ()),
    }
}

/// The key in force of the work element at `path` (its `id`, else its name's key: the rule
/// of `takt_core::model::Element::key`), if it has one.
pub(super) fn element_key(doc: &Value, path: &str) -> Option<String> {
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
