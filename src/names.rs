//! The core's values named in the interface language: KPIs, lean tools, a change's fields and
//! a whole change in words, and the code of the language a scenario's own names are shown in.

use crate::i18n::{t_string, use_i18n};
use leptos_i18n::Locale as _;
use takt_core::model::{Kpi, Tool};
use takt_core::training::{Change, Param};
use takt_core::Scenario;

/// The code (`"ru"`, `"en"`) of the interface language, which a scenario's display names
/// follow (`takt_core::model::Text::get`). Read inside a reactive closure, the closure runs
/// again when the language changes.
pub fn lang() -> &'static str {
    use_i18n().get_locale().as_str()
}

/// The name of a scored KPI in the current language.
pub fn kpi_name(kpi: Kpi) -> String {
    let i18n = use_i18n();
    match kpi {
        Kpi::Completed => t_string!(i18n, kpi_completed),
        Kpi::Profit => t_string!(i18n, kpi_profit),
        Kpi::UnitCost => t_string!(i18n, kpi_unit_cost),
        Kpi::LeadTime => t_string!(i18n, kpi_lead_time),
        Kpi::Wip => t_string!(i18n, kpi_wip),
        Kpi::Quality => t_string!(i18n, kpi_quality),
    }
    .to_string()
}

/// The name of a tool in the current language.
pub fn tool_label(tool: Tool) -> String {
    let i18n = use_i18n();
    match tool {
        Tool::MoveElement => t_string!(i18n, tool_move_element),
        Tool::Buffer => t_string!(i18n, tool_buffer),
        Tool::Kanban => t_string!(i18n, tool_kanban),
        Tool::Conwip => t_string!(i18n, tool_conwip),
        Tool::Batch => t_string!(i18n, tool_batch),
        Tool::Smed => t_string!(i18n, tool_smed),
        Tool::FiveS => t_string!(i18n, tool_five_s),
        Tool::PokaYoke => t_string!(i18n, tool_poka_yoke),
        Tool::Tpm => t_string!(i18n, tool_tpm),
        Tool::AddOperator => t_string!(i18n, tool_add_operator),
        Tool::RemoveOperator => t_string!(i18n, tool_remove_operator),
        Tool::AssignOperator => t_string!(i18n, tool_assign_operator),
        Tool::AddServer => t_string!(i18n, tool_add_server),
        Tool::RemoveServer => t_string!(i18n, tool_remove_server),
        Tool::Transport => t_string!(i18n, tool_transport),
        Tool::Walk => t_string!(i18n, tool_walk),
        Tool::MoveStation => t_string!(i18n, tool_move_station),
    }
    .to_string()
}

/// The label of a change's field in the current language.
pub fn param_label(name: &str) -> String {
    let i18n = use_i18n();
    match name {
        "station" => t_string!(i18n, param_station),
        "element" => t_string!(i18n, param_element),
        "to" => t_string!(i18n, param_to),
        "buffer" => t_string!(i18n, param_buffer),
        "limit" => t_string!(i18n, param_limit),
        "batch" => t_string!(i18n, param_batch),
        "factor" => t_string!(i18n, param_factor),
        "between" => t_string!(i18n, param_between),
        "repair" => t_string!(i18n, param_repair),
        "id" => t_string!(i18n, param_id),
        "x" => t_string!(i18n, param_x),
        "y" => t_string!(i18n, param_y),
        _ => t_string!(i18n, param_stations),
    }
    .to_string()
}

/// A change in words: the tool, then each field (stations, work elements and operators by
/// their names in the current language).
pub fn describe(change: &Change, line: &Scenario) -> String {
    // Through text, not `to_value`: one (de)serializer per type in the wasm, not two.
    let fields: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(change).unwrap_or_default())
            .unwrap_or_default();
    let lang = lang();
    let station = |id: &str| line.station_label(id, lang).to_owned();
    let parts: Vec<String> = change
        .tool()
        .params()
        .iter()
        .map(|&(name, param)| {
            let value = match (&fields[name], param) {
                (serde_json::Value::Null, _) => "—".to_owned(),
                (serde_json::Value::String(s), Param::Station) => station(s),
                (serde_json::Value::String(s), Param::Element) => {
                    line.element_label(s, lang).to_owned()
                }
                (serde_json::Value::String(s), Param::Operator) => {
                    line.operator_label(s, lang).to_owned()
                }
                (serde_json::Value::String(s), _) => s.clone(),
                (serde_json::Value::Array(items), _) => items
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(station)
                    .collect::<Vec<_>>()
                    .join(", "),
                (serde_json::Value::Number(x), _) => x.as_f64().map_or_else(
                    || x.to_string(),
                    |x| crate::fmt::input_number(x, use_i18n().get_locale()),
                ),
                (other, _) => other.to_string(),
            };
            format!("{}: {value}", param_label(name))
        })
        .collect();
    format!("{} — {}", tool_label(change.tool()), parts.join("; "))
}

/// How strongly a card acts, as the instructor set it: `×0,3` for a multiplier of a time or
/// rate; TPM's two multipliers (failures, repairs) as `×3 / ×0,5`. `None` for a card without
/// a strength (a structural choice).
pub fn card_strength(card: &takt_core::model::Card, locale: crate::i18n::Locale) -> Option<String> {
    let x = |v: f64| format!("×{}", crate::fmt::format_number(v, locale));
    match (card.factor, card.between, card.repair) {
        (Some(f), _, _) => Some(x(f)),
        (None, Some(b), Some(r)) => Some(format!("{} / {}", x(b), x(r))),
        _ => None,
    }
}
