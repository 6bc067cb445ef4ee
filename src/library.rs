//! The built-in scenario library, compiled in (the same files are shipped in
//! `public/scenarios/` for download), so it works offline from the first load.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use takt_core::Scenario;

/// Id and JSON of each built-in scenario, in the order they are offered.
const FILES: [(&str, &str); 3] = [
    (
        "process-factory",
        include_str!("../public/scenarios/process-factory.json"),
    ),
    ("kanban", include_str!("../public/scenarios/kanban.json")),
    (
        "breakdowns-setups",
        include_str!("../public/scenarios/breakdowns-setups.json"),
    ),
];

/// The built-in scenarios with their ids (each is checked by `takt-core`'s library test).
pub fn scenarios() -> Vec<(&'static str, Scenario)> {
    FILES
        .iter()
        .filter_map(|(id, json)| Some((*id, Scenario::from_json(json).ok()?)))
        .collect()
}

/// The `<option>`s of a scenario picker: value = index in `list`, `data-id` = the id, text =
/// the title in `locale`.
pub fn options(list: &[(&'static str, Scenario)], locale: crate::i18n::Locale) -> impl IntoView {
    list.iter()
        .enumerate()
        .map(|(k, (id, sc))| {
            view! { <option value=k.to_string() data-id=*id>{sc.title_in(locale.as_str()).to_owned()}</option> }
        })
        .collect_view()
}
