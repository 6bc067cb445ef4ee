//! The scenario model: one type for the CLI, the app, the worker and files.
//!
//! The JSON format (version 2; version 1 still read) is documented in `docs/scenario-format.md`. Unknown keys are
//! rejected (a typo must not silently change a line). Every duration is in `time_unit`.

use super::dist::{number_or_tagged, Dist};
use super::layout::Layout;
use super::text::Text;
use super::time::TimeUnit;
use super::training::Training;
use crate::json::{Errors, Map};
use serde::{Deserialize, Serialize};

/// The newest scenario format: version 2 gives the training's improvement cards
/// (`training.tools`); version 1 files are still read (see [`Scenario::migrated`]).
pub const FORMAT: u32 = 2;

/// The largest scenario file accepted, in bytes.
pub const MAX_SCENARIO_BYTES: usize = 4 << 20;

/// A production line and the order it must fulfil.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version: 1 or [`FORMAT`] (absent: 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub format: u32,
    /// Display name of the line, plain or per language.
    pub name: Text,
    /// Free text for people (briefing, notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The name in each language, by language code (`{"ru": "…", "en": "…"}`): the older
    /// way to give a bilingual name, still read; where given, it wins over `name`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub title: Map<String, String>,
    /// The briefing (product, order, takt, roles) in each language, by language code.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub briefing: Map<String, String>,
    /// The unit of every duration in this scenario.
    pub time_unit: TimeUnit,
    /// Length of one run (> 0).
    pub horizon: f64,
    /// Statistics restart at this time (≥ 0, < horizon).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub warmup: f64,
    /// Time between arrivals of raw material at the first station; absent = always at hand.
    #[serde(
        default,
        with = "number_or_tagged::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub arrivals: Option<Dist>,
    /// How work is released into the line (push, CONWIP or kanban).
    #[serde(default, skip_serializing_if = "Release::is_push")]
    pub release: Release,
    /// Product variants and their share of releases (absent = one product).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Product>,
    /// Stations in flow order.
    pub stations: Vec<Station>,
    /// The crew; a station listed by some operator needs one present to work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<Operator>,
    /// The floor plan: station places in metres and the walking speed (see [`Layout`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
    /// The customer order due by the end of the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand: Option<Demand>,
    /// Money: material, labour and holding costs.
    #[serde(default, skip_serializing_if = "Costs::is_zero")]
    pub costs: Costs,
    /// The instructor's settings for a training: rounds, budget, tools, targets, weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Training>,
}

/// Release policy. In JSON an object tagged by `policy`:
/// `{"policy":"conwip","limit":10}`, `{"policy":"kanban","limits":{"cut":3}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(tag = "policy", rename_all = "lowercase")]
pub enum Release {
    /// Material enters as it arrives (or as fast as the first station takes it).
    #[default]
    Push,
    /// Constant work in process: a unit is released only while fewer than `limit` are in the line.
    Conwip { limit: u32 },
    /// Kanban loops: station `id` may start a unit only while fewer than `limits[id]` of its
    /// units are in process there, waiting to move, in transport, or in the next station's queue.
    Kanban { limits: Map<String, u32> },
}

impl Release {
    fn is_push(&self) -> bool {
        *self == Release::Push
    }
}

/// Read by hand, like [`Dist`]: a derived internally tagged enum goes through serde's
/// buffered content, several times this code in the browser bundle.
impl<'de> Deserialize<'de> for Release {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Release, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        /// Read as an enum, so that an unknown policy is refused at the tag.
        #[derive(Deserialize)]
        #[serde(rename_all = "lowercase")]
        enum Policy {
            Push,
            Conwip,
            Kanban,
        }
        struct ReleaseVisitor;
        impl<'de> Visitor<'de> for ReleaseVisitor {
            type Value = Release;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a release policy such as {\"policy\":\"conwip\",\"limit\":10}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Release, A::Error> {
                let (mut policy, mut limit, mut limits, mut unknown) = (None, None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "policy" if policy.is_none() => policy = Some(map.next_value::<Policy>()?),
                        "limit" if limit.is_none() => limit = Some(map.next_value::<u32>()?),
                        "limits" if limits.is_none() => {
                            limits = Some(map.next_value::<Map<String, u32>>()?)
                        }
                        "policy" | "limit" | "limits" => {
                            return Err(de::Error::custom(format_args!("duplicate field `{key}`")))
                        }
                        _ => {
                            unknown.get_or_insert(key);
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let policy = policy.ok_or_else(|| de::Error::missing_field("policy"))?;
                let (fields, extra): (&'static [&'static str], _) = match policy {
                    Policy::Push => (
                        &[],
                        limit.map(|_| "limit").or(limits.as_ref().map(|_| "limits")),
                    ),
                    Policy::Conwip => (&["limit"], limits.as_ref().map(|_| "limits")),
                    Policy::Kanban => (&["limits"], limit.map(|_| "limit")),
                };
                if let Some(field) = unknown.as_deref().or(extra) {
                    return Err(de::Error::unknown_field(field, fields));
                }
                Ok(match policy {
                    Policy::Push => Release::Push,
                    Policy::Conwip => Release::Conwip {
                        limit: limit.ok_or_else(|| de::Error::missing_field("limit"))?,
                    },
                    Policy::Kanban => Release::Kanban {
                        limits: limits.ok_or_else(|| de::Error::missing_field("limits"))?,
                    },
                })
            }
        }
        d.deserialize_map(ReleaseVisitor)
    }
}

/// One station (work place) of the line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Station {
    /// Unique identifier, used in references and reports.
    pub id: String,
    /// Display name, plain or per language (absent = the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Parallel identical servers (≥ 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub servers: u32,
    /// Process time per unit (use either this or `elements`).
    #[serde(
        default,
        with = "number_or_tagged::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub process: Option<Dist>,
    /// Process time as a sum of named work elements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<Element>,
    /// Capacity of the queue in front (not counting units in service); absent = unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer: Option<u32>,
    /// Feeders: where this station takes its units from (several = assembly).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<Input>,
    /// Defects found after processing here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defects: Option<Defects>,
    /// Random failures of each server (calendar time between failures, repair time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdowns: Option<Breakdowns>,
    /// Changeovers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup: Option<Setup>,
    /// Transfer batch: finished units move on together in groups of this size.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub batch: u32,
    /// Time to move a transfer batch to the next station.
    #[serde(
        default,
        with = "number_or_tagged::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub transport: Option<Dist>,
}

/// A named piece of work.
///
/// Identified by its [key](Element::key), unique in the scenario: a change names the element
/// by it (`move_element`), and its random stream is `element:<key>`, so the element keeps
/// both when moved between stations or when its name is translated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// The key, when it must differ from the name's (see [`Element::key`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name, plain or per language.
    pub name: Text,
    /// Duration.
    #[serde(with = "number_or_tagged")]
    pub time: Dist,
    /// Whether the customer pays for this work.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub value_added: bool,
}

/// One feeder of a station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The feeding station's id (earlier in the list).
    pub from: String,
    /// Units of it consumed per unit made here.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub qty: u32,
}

/// What happens to a defective unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DefectAction {
    /// Thrown away (material lost).
    #[default]
    Scrap,
    /// Sent back to station `to` (this one if absent) for another pass.
    Rework,
}

/// Quality at a station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defects {
    /// Probability that a unit processed here is defective, in [0, 1).
    pub rate: f64,
    /// Scrap or rework.
    #[serde(default)]
    pub action: DefectAction,
    /// Rework station (this one or an earlier one); only with `action: rework`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// Random failures of each server of a station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdowns {
    /// Calendar time from a repair to the next failure.
    #[serde(with = "number_or_tagged")]
    pub between: Dist,
    /// Repair time.
    #[serde(with = "number_or_tagged")]
    pub repair: Dist,
}

/// Changeovers at a station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    /// Duration of one changeover.
    #[serde(with = "number_or_tagged")]
    pub time: Dist,
    /// A changeover after every this many units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<u32>,
    /// A changeover whenever the product variant changes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub on_change: bool,
}

/// A member of the crew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    /// Unique identifier.
    pub id: String,
    /// Display name, plain or per language (absent = the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Stations this operator tends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stations: Vec<String>,
    /// Stations whose transfer batches this operator carries to the next station (a
    /// logistician, who tends no station): it walks to the batch, carries it and comes back
    /// (`docs/scenario-format.md`, "The logistician").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carries: Vec<String>,
    /// Walking time between two of its stations (motion); absent = from the `layout`, else 0.
    #[serde(
        default,
        with = "number_or_tagged::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub walk: Option<Dist>,
}

/// A product variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Unique identifier.
    pub id: String,
    /// Display name, plain or per language (absent = the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Relative share of releases (> 0).
    pub share: f64,
}

/// The customer order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Units due by the end of the horizon.
    pub quantity: u64,
    /// Price paid per good unit delivered (roubles).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub price: f64,
}

/// Costs, in roubles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Material per unit released into the line (every component counts).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub material: f64,
    /// Labour per operator-hour (or per server-hour when the line has no operators).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub labour_per_hour: f64,
    /// Holding cost per unit of work in process per hour.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub holding_per_hour: f64,
}

impl Costs {
    fn is_zero(&self) -> bool {
        *self == Costs::default()
    }
}

fn one() -> u32 {
    1
}
fn is_one(v: &u32) -> bool {
    *v == 1
}
fn yes() -> bool {
    true
}
fn is_true(v: &bool) -> bool {
    *v
}
fn is_false(v: &bool) -> bool {
    !*v
}
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

impl Station {
    /// The mean process time per unit (sum of element means, without setups).
    pub fn mean_process_time(&self) -> f64 {
        match &self.process {
            Some(d) => d.mean(),
            None => self.elements.iter().map(|e| e.time.mean()).sum(),
        }
    }

    /// The display name in `lang` (see [`Text::get`]), or the id.
    pub fn label(&self, lang: &str) -> &str {
        self.name.as_ref().map_or(&self.id, |n| n.get(lang))
    }
}

impl Element {
    /// What identifies the element: its `id`, else its name when the name is a plain
    /// string, else its English name (else its Russian one; see [`Text::key`]). So
    /// `{"name": {"ru": "взять детали", "en": "pick parts"}}` keeps the key `pick parts`
    /// it had as `{"name": "pick parts"}`.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or_else(|| self.name.key())
    }

    /// The display name in `lang`.
    pub fn label(&self, lang: &str) -> &str {
        self.name.get(lang)
    }
}

impl Operator {
    /// The display name in `lang`, or the id.
    pub fn label(&self, lang: &str) -> &str {
        self.name.as_ref().map_or(&self.id, |n| n.get(lang))
    }
}

impl Product {
    /// The display name in `lang`, or the id.
    pub fn label(&self, lang: &str) -> &str {
        self.name.as_ref().map_or(&self.id, |n| n.get(lang))
    }
}

impl Scenario {
    /// The scenario's name in `lang`: its `title` in that language where given (the older
    /// way to give a bilingual name), else its `name` in that language.
    pub fn title_in(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .map_or_else(|| self.name.get(lang), String::as_str)
    }

    /// The display name in `lang` of station `id` (the id itself when no station has it).
    pub fn station_label<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.stations
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.label(lang))
    }

    /// The work element with this key, and the index of its station.
    pub fn element(&self, key: &str) -> Option<(usize, &Element)> {
        self.stations
            .iter()
            .enumerate()
            .find_map(|(i, s)| s.elements.iter().find(|e| e.key() == key).map(|e| (i, e)))
    }

    /// The display name in `lang` of the work element with this key (the key itself when
    /// there is none).
    pub fn element_label<'a>(&'a self, key: &'a str, lang: &str) -> &'a str {
        self.element(key).map_or(key, |(_, e)| e.label(lang))
    }

    /// The display name in `lang` of operator `id` (the id itself when there is none).
    pub fn operator_label<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.operators
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.label(lang))
    }
}

impl Scenario {
    /// Parses and validates a scenario. A structural error (bad JSON, wrong type,
    /// unknown key) is reported with its path; otherwise every semantic problem is
    /// reported at once.
    pub fn from_json(text: &str) -> Result<Scenario, Errors> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(Errors::one(
                "",
                crate::json::Problem::TooLarge {
                    size: text.len() as u64,
                    limit: MAX_SCENARIO_BYTES as u64,
                },
            ));
        }
        let scenario: Scenario = crate::json::from_json_text(text)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as pretty JSON (the canonical form: defaults omitted, constants as numbers).
    /// This scenario in the newest format ([`FORMAT`]): a version-1 file's `training.allowed`
    /// and `training.costs` become improvement cards with the default strength
    /// ([`Training::migrated`]). The line is unchanged; a scenario already in format 2 is
    /// returned as it is.
    pub fn migrated(&self) -> Scenario {
        Scenario {
            format: FORMAT,
            training: self.training.as_ref().map(Training::migrated),
            ..self.clone()
        }
    }

    /// Migrates a scenario document (JSON, possibly with mistakes still to fix) to the newest
    /// format in place, as [`Scenario::migrated`] does: a version-1 `training` whose
    /// `allowed` and `costs` can be read becomes improvement cards, and `format` becomes
    /// [`FORMAT`]. Everything else, mistakes included, is left as it is. Returns whether the
    /// document changed. The editor writes every draft through this.
    pub fn migrate_document(doc: &mut serde_json::Value) -> bool {
        let Some(obj) = doc.as_object_mut() else {
            return false;
        };
        let Some(training) = obj.get("training") else {
            return false;
        };
        let old = training.get("allowed").is_some() || training.get("costs").is_some();
        if training.get("tools").is_some() || !old {
            return false;
        }
        // Through text, not `from_value`/`to_value`: the readers and writers of text are
        // already in the browser's wasm, a second pair would add about 16 KB (docs/bundle.md).
        let Ok(typed) = serde_json::from_str::<Training>(&training.to_string()) else {
            return false;
        };
        let new = serde_json::to_string(&typed.migrated())
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .unwrap_or_default();
        let mut merged = training.as_object().cloned().unwrap_or_default();
        merged.remove("allowed");
        merged.remove("costs");
        if let Some(tools) = new.get("tools") {
            merged.insert("tools".into(), tools.clone());
        }
        obj.insert("training".into(), serde_json::Value::Object(merged));
        obj.insert("format".into(), FORMAT.into());
        true
    }

    pub fn to_json(&self) -> String {
        crate::json::pretty_json(
            &serde_json::to_string(self).expect("a scenario always serializes"),
        )
    }

    /// Index of the station with this id.
    pub fn station_index(&self, id: &str) -> Option<usize> {
        self.stations.iter().position(|s| s.id == id)
    }
}
