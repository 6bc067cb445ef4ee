//! What the fuzz targets share: the lines they start from, the mutations that turn fuzz
//! bytes into arbitrary lines and lean changes, and the check of a line's runs.
//!
//! Arbitrary *valid* lines come from mutating real ones: a built-in scenario (or the
//! determinism fixture, which uses every feature of the format) is turned into JSON, a few
//! of its leaves are replaced (numbers by interesting or arbitrary values, ids by other ids,
//! switches flipped, optional parts dropped), and the result goes through the real parser
//! and validator. Valid results then get up to three lean changes (`improve::apply`), made
//! from each tool's own field table, so the catalog is fuzzed too.

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use serde_json::{Map, Value};
use takt_core::invariants::{check_analysis, check_run};
use takt_core::model::Tool;
use takt_core::sim::{run, RunOptions, SimError};
use takt_core::training::{apply, Change, Param};
use takt_core::Scenario;

/// The lines mutations start from.
pub const BASES: [&str; 4] = [
    include_str!("../../public/scenarios/process-factory.json"),
    include_str!("../../public/scenarios/kanban.json"),
    include_str!("../../public/scenarios/breakdowns-setups.json"),
    include_str!("../../crates/takt-core/tests/fixtures/determinism.json"),
];

/// The small training scenario result files are checked against (short shifts, so that a
/// file asking for many replications still verifies quickly).
pub const TINY: &str = include_str!("../tiny.json");

/// Events a fuzzed run may take before it is stopped (`SimError::TooManyEvents`).
pub const MAX_EVENTS: u64 = 200_000;

/// An arbitrary valid line: a base scenario with a few leaves mutated, then lean changes.
/// `None` when the mutations made it invalid (the validator said why; nothing to run).
pub fn arbitrary_line(u: &mut Unstructured) -> Result<Option<Scenario>> {
    let base = BASES[u.choose_index(BASES.len())?];
    let mut json: Value = serde_json::from_str(base).expect("the bases are valid JSON");
    for _ in 0..u.int_in_range(0..=6)? {
        mutate(u, &mut json)?;
    }
    let Ok(sc) = Scenario::from_json(&json.to_string()) else {
        return Ok(None);
    };
    let mut changes = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        if let Ok(change) = serde_json::from_value::<Change>(arbitrary_change(u, &sc)?) {
            changes.push(change);
        }
    }
    Ok(Some(match apply(&sc, &changes) {
        Ok(applied) => applied.scenario,
        Err(_) => sc,
    }))
}

/// Replaces one leaf of `v` (an object member or array item, picked by the bytes).
fn mutate(u: &mut Unstructured, v: &mut Value) -> Result<()> {
    let mut leaves = Vec::new();
    collect(v, &mut Vec::new(), &mut leaves);
    if leaves.is_empty() {
        return Ok(());
    }
    let path = leaves.swap_remove(u.choose_index(leaves.len())?);
    let ids = ids(v);
    let mut at = &mut *v;
    for step in &path {
        at = match step {
            Step::Key(k) => &mut at[k.as_str()],
            Step::Index(i) => &mut at[*i],
        };
    }
    *at = match at {
        Value::Number(n) => number(u, n.as_f64().unwrap_or(1.0))?,
        Value::Bool(b) => Value::Bool(!*b),
        Value::String(_) if !ids.is_empty() && u.ratio(3, 4)? => {
            Value::String(ids[u.choose_index(ids.len())?].clone())
        }
        Value::String(s) => Value::String(format!("{s}{}", u.int_in_range(0..=9)?)),
        Value::Array(items) if !items.is_empty() && u.arbitrary()? => {
            let k = u.choose_index(items.len())?;
            items.remove(k);
            Value::Array(std::mem::take(items))
        }
        Value::Array(items) if !items.is_empty() => {
            let copy = items[u.choose_index(items.len())?].clone();
            items.push(copy);
            Value::Array(std::mem::take(items))
        }
        _ => Value::Null,
    };
    Ok(())
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every value below the root, by its path.
fn collect(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    let children: Vec<(Step, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, c)| (Step::Key(k.clone()), c)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, c)| (Step::Index(i), c))
            .collect(),
        _ => return,
    };
    for (step, child) in children {
        path.push(step);
        out.push(path.clone());
        collect(child, path, out);
        path.pop();
    }
}

/// The station, operator and element ids and names of a scenario's JSON.
fn ids(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for list in ["stations", "operators", "products"] {
        for item in v[list].as_array().into_iter().flatten() {
            out.extend(item["id"].as_str().map(str::to_owned));
            for e in item["elements"].as_array().into_iter().flatten() {
                out.extend(e["name"].as_str().map(str::to_owned));
            }
        }
    }
    out
}

/// A number near `was` or at an edge: zero, negatives, tiny, huge, non-integers.
fn number(u: &mut Unstructured, was: f64) -> Result<Value> {
    let x = match u.int_in_range(0..=7)? {
        0 => 0.0,
        1 => -was,
        2 => was * f64::from(u.int_in_range(2..=10)?),
        3 => was / f64::from(u.int_in_range(2..=10)?),
        4 => [1e-9, 1e-3, 0.5, 1.0, 2.0, 1e6, 1e9, 1e300][u.choose_index(8)?],
        5 => f64::from(u.int_in_range(0u32..=1000)?),
        6 => was + 0.5,
        _ => {
            let x: f64 = u.arbitrary()?;
            if x.is_finite() {
                x
            } else {
                was
            }
        }
    };
    Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number))
}

/// A lean change as the catalog's JSON: an arbitrary tool with each of its fields filled
/// from the scenario (ids that exist, mostly) or with an edge value; the strength of a
/// card is the scenario's (its `training.tools`, mutated like any other leaf).
fn arbitrary_change(u: &mut Unstructured, sc: &Scenario) -> Result<Value> {
    let tool = Tool::ALL[u.choose_index(Tool::ALL.len())?];
    let mut fields = Map::new();
    fields.insert("tool".into(), serde_json::to_value(tool).expect("a tool"));
    let stations: Vec<&str> = sc.stations.iter().map(|s| s.id.as_str()).collect();
    let operators: Vec<&str> = sc.operators.iter().map(|o| o.id.as_str()).collect();
    let elements: Vec<&str> = sc
        .stations
        .iter()
        .flat_map(|s| s.elements.iter().map(|e| e.key()))
        .collect();
    let pick = |u: &mut Unstructured, from: &[&str]| -> Result<Value> {
        Ok(Value::String(if from.is_empty() || u.ratio(1, 10)? {
            "nowhere".into()
        } else {
            from[u.choose_index(from.len())?].into()
        }))
    };
    for &(name, param) in tool.params() {
        let value = match param {
            Param::Station => pick(u, &stations)?,
            Param::Element => pick(u, &elements)?,
            Param::Operator => pick(u, &operators)?,
            Param::NewId => Value::String(format!("new{}", u.int_in_range(0..=3)?)),
            Param::Stations => Value::Array(
                (0..u.int_in_range(0..=3)?)
                    .map(|_| pick(u, &stations))
                    .collect::<Result<_>>()?,
            ),
            Param::Count => Value::from(u.int_in_range(0u32..=50)?),
            Param::Limit if u.ratio(1, 5)? => Value::Null,
            Param::Limit => Value::from(u.int_in_range(0u32..=50)?),
            // Metres on the floor plan, now and then off it (refused by the line's checks).
            Param::Metres => Value::from(f64::from(u.int_in_range(-100i32..=2500)?) / 2.0),
        };
        fields.insert(name.into(), value);
    }
    // Now and then the change restates a strength of its card (usually not the card's own
    // value, which is refused) so the check of what a card sets is fuzzed too.
    for &name in tool.strengths() {
        if u.ratio(1, 4)? {
            fields.insert(name.into(), number(u, 1.0)?);
        }
    }
    Ok(Value::Object(fields))
}

/// Runs two replications of a valid line (stopping at [`MAX_EVENTS`]) and checks every
/// invariant of the runs and of their analysis; panics (a fuzz finding) on a broken one.
pub fn check_line(sc: &Scenario, seed: u64) {
    let mut runs = Vec::new();
    for replication in 0..2 {
        let opts = RunOptions {
            seed,
            replication,
            log_limit: 5_000,
            record_units: true,
            max_events: MAX_EVENTS,
        };
        match run(sc, opts) {
            Ok(r) => {
                if let Err(broken) = check_run(sc, &r) {
                    panic!("{broken}\n{}", sc.to_json());
                }
                runs.push(r);
            }
            Err(SimError::TooManyEvents { .. }) => return,
            Err(e) => panic!("a valid line failed to run: {e}\n{}", sc.to_json()),
        }
    }
    if let Err(broken) = check_analysis(sc, &runs) {
        panic!("{broken}\n{}", sc.to_json());
    }
}
