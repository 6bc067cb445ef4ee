//! Validation of scenarios: every problem names its field path and all are reported at once.

use crate::dist::MAX_PARAM;
use crate::scenario::{DefectAction, Release, Scenario};
use crate::time::{to_ticks, MAX_HORIZON, MIN_HORIZON};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One problem with an input, at a field path such as `stations[2].process.mean`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Where: a JSON path (empty = the whole document).
    pub path: String,
    /// What is wrong, in English.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A list of problems (never empty when returned as an error).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    /// A list with one problem.
    pub fn one(path: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = Errors::default();
        e.push(path, message);
        e
    }
    /// Adds a problem.
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }
    /// The problems in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// `Ok(value)` when empty, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Where each station's units go and come from, derived from the station list.
#[derive(Debug, Clone, PartialEq)]
pub struct Routing {
    /// `succ[i]` = index of the station after `i`, or `None` for the last one (finished goods).
    pub succ: Vec<Option<usize>>,
    /// `feeds[i]` = the feeders of station `i` as (station index, units per product);
    /// empty for a source station.
    pub feeds: Vec<Vec<(usize, u32)>>,
}

impl Routing {
    /// Whether station `i` takes raw material (nothing feeds it).
    pub fn is_source(&self, i: usize) -> bool {
        self.feeds[i].is_empty()
    }
}

const MAX_SERVERS: u32 = 1000;
const MAX_COUNT: u32 = 1_000_000;
/// The most rounds a training may have: each round's results stay in the trainee's saved
/// session, and 100 keep it far below the browser's storage quota (see README, long sessions).
pub const MAX_ROUNDS: u32 = 100;
const MAX_ID_LEN: usize = 64;

impl Scenario {
    /// Checks the whole scenario; all problems at once.
    pub fn validate(&self) -> Result<(), Errors> {
        let mut e = Errors::default();
        self.check_top(&mut e);
        self.check_stations(&mut e);
        self.check_operators_products(&mut e);
        if e.is_empty() {
            // Routing needs valid ids and references; report its own problems after those.
            if let Err(r) = self.routing() {
                e.0.extend(r.0);
            }
        }
        if e.is_empty() {
            self.check_capacities(&mut e);
        }
        e.into_result(())
    }

    fn check_top(&self, e: &mut Errors) {
        if self.format != 1 {
            e.push("format", "only format 1 is known");
        }
        if self.name.trim().is_empty() {
            e.push("name", "must not be empty");
        }
        if !(self.horizon.is_finite() && (MIN_HORIZON..=MAX_HORIZON).contains(&self.horizon)) {
            e.push(
                "horizon",
                format!("must be between {MIN_HORIZON} and {MAX_HORIZON:e}"),
            );
        }
        if !(self.warmup.is_finite() && self.warmup >= 0.0) {
            e.push("warmup", "must be ≥ 0");
        } else if self.horizon.is_finite() && to_ticks(self.warmup) >= to_ticks(self.horizon) {
            // Compared in ticks: a warm-up a fraction of a tick short still leaves no run.
            e.push("warmup", "must be less than horizon");
        }
        if let Some(a) = &self.arrivals {
            a.validate("arrivals", true, e);
        }
        if self.stations.is_empty() {
            e.push("stations", "at least one station is needed");
        }
        match &self.release {
            Release::Push => {}
            Release::Conwip { limit } => count(e, "release.limit", *limit, 1),
            Release::Kanban { limits } => {
                if limits.is_empty() {
                    e.push("release.limits", "name at least one station");
                }
                let last = self.stations.last().map(|s| s.id.as_str());
                for (id, k) in limits {
                    let p = format!("release.limits.{id}");
                    match self.station_index(id) {
                        None => e.push(p, format!("no station has id '{id}'")),
                        Some(_) if Some(id.as_str()) == last => e.push(
                            p,
                            "the last station has no kanban loop (nothing downstream)",
                        ),
                        Some(i) => {
                            count(e, &p, *k, 1);
                            if *k < self.stations[i].batch {
                                e.push(
                                    p,
                                    format!(
                                        "must be ≥ the station's batch ({})",
                                        self.stations[i].batch
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
        if let Some(d) = &self.demand {
            if d.quantity == 0 || d.quantity > u64::from(u32::MAX) {
                e.push("demand.quantity", "must be between 1 and 4294967295");
            }
            money(e, "demand.price", d.price);
        }
        if let Some(t) = &self.training {
            if let Some(r) = t.rounds {
                if !(1..=MAX_ROUNDS).contains(&r) {
                    e.push(
                        "training.rounds",
                        format!("must be between 1 and {MAX_ROUNDS}"),
                    );
                }
            }
            if let Some(b) = t.budget {
                money(e, "training.budget", b);
            }
            for (tool, c) in &t.costs {
                money(
                    e,
                    &format!("training.costs.{}", crate::improve::tool_name(*tool)),
                    *c,
                );
            }
            for (k, w) in &t.weights {
                if !(w.is_finite() && (0.0..=1000.0).contains(w)) {
                    e.push(
                        format!("training.weights.{}", k.name()),
                        "must be between 0 and 1000",
                    );
                }
            }
            for (k, v) in &t.targets {
                if !v.is_finite() || v.abs() > 1e12 {
                    e.push(
                        format!("training.targets.{}", k.name()),
                        "must be a finite number",
                    );
                }
            }
            if let Some(r) = t.replications {
                if !(2..=10_000).contains(&r) {
                    e.push("training.replications", "must be between 2 and 10000");
                }
            }
        }
        money(e, "costs.material", self.costs.material);
        money(e, "costs.labour_per_hour", self.costs.labour_per_hour);
        money(e, "costs.holding_per_hour", self.costs.holding_per_hour);
    }

    fn check_stations(&self, e: &mut Errors) {
        let mut ids = BTreeMap::new();
        let mut elements: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, s) in self.stations.iter().enumerate() {
            let p = format!("stations[{i}]");
            check_id(e, &format!("{p}.id"), &s.id);
            if let Some(j) = ids.insert(s.id.as_str(), i) {
                e.push(
                    format!("{p}.id"),
                    format!("duplicate id '{}' (also stations[{j}])", s.id),
                );
            }
            if s.servers == 0 || s.servers > MAX_SERVERS {
                e.push(
                    format!("{p}.servers"),
                    format!("must be between 1 and {MAX_SERVERS}"),
                );
            }
            match (&s.process, s.elements.is_empty()) {
                (Some(d), true) => d.validate(&format!("{p}.process"), true, e),
                (None, false) => {
                    for (k, el) in s.elements.iter().enumerate() {
                        let ep = format!("{p}.elements[{k}]");
                        if el.name.trim().is_empty() {
                            e.push(format!("{ep}.name"), "must not be empty");
                        } else if let Some(prev) = elements.insert(el.name.as_str(), i) {
                            e.push(
                                format!("{ep}.name"),
                                format!(
                                    "duplicate element name '{}' (also in stations[{prev}])",
                                    el.name
                                ),
                            );
                        }
                        el.time.validate(&format!("{ep}.time"), false, e);
                    }
                    if s.mean_process_time() <= 0.0 {
                        e.push(format!("{p}.elements"), "the total mean time must be > 0");
                    }
                }
                (Some(_), false) => e.push(
                    format!("{p}.elements"),
                    "give either process or elements, not both",
                ),
                (None, true) => e.push(format!("{p}.process"), "required (or give elements)"),
            }
            if let Some(b) = s.buffer {
                count(e, &format!("{p}.buffer"), b, 0);
            }
            let mut seen = BTreeSet::new();
            for (k, inp) in s.inputs.iter().enumerate() {
                let ip = format!("{p}.inputs[{k}]");
                match self.station_index(&inp.from) {
                    None => e.push(
                        format!("{ip}.from"),
                        format!("no station has id '{}'", inp.from),
                    ),
                    Some(j) if j >= i => e.push(
                        format!("{ip}.from"),
                        format!(
                            "'{}' must come before this station in the list (flow order)",
                            inp.from
                        ),
                    ),
                    Some(_) => {}
                }
                if !seen.insert(inp.from.as_str()) {
                    e.push(
                        format!("{ip}.from"),
                        format!("'{}' is listed twice", inp.from),
                    );
                }
                if inp.qty == 0 || inp.qty > MAX_SERVERS {
                    e.push(
                        format!("{ip}.qty"),
                        format!("must be between 1 and {MAX_SERVERS}"),
                    );
                }
            }
            if let Some(d) = &s.defects {
                if !(d.rate.is_finite() && (0.0..1.0).contains(&d.rate)) {
                    e.push(format!("{p}.defects.rate"), "must be ≥ 0 and < 1");
                }
                match (d.action, &d.to) {
                    (DefectAction::Scrap, Some(_)) => {
                        e.push(format!("{p}.defects.to"), "only with action 'rework'")
                    }
                    (DefectAction::Rework, Some(to)) => match self.station_index(to) {
                        None => e.push(
                            format!("{p}.defects.to"),
                            format!("no station has id '{to}'"),
                        ),
                        Some(j) if j > i => e.push(
                            format!("{p}.defects.to"),
                            "rework goes back to this station or an earlier one",
                        ),
                        Some(_) => {}
                    },
                    _ => {}
                }
            }
            if let Some(b) = &s.breakdowns {
                b.between
                    .validate(&format!("{p}.breakdowns.between"), true, e);
                b.repair
                    .validate(&format!("{p}.breakdowns.repair"), true, e);
            }
            if let Some(su) = &s.setup {
                su.time.validate(&format!("{p}.setup.time"), false, e);
                if let Some(n) = su.every {
                    count(e, &format!("{p}.setup.every"), n, 1);
                }
                if su.every.is_none() && !su.on_change {
                    e.push(format!("{p}.setup"), "give `every` or `on_change: true`");
                }
                if su.on_change && self.products.len() < 2 {
                    e.push(
                        format!("{p}.setup.on_change"),
                        "needs at least two `products`",
                    );
                }
            }
            count(e, &format!("{p}.batch"), s.batch, 1);
            if let Some(t) = &s.transport {
                t.validate(&format!("{p}.transport"), false, e);
            }
        }
    }

    fn check_operators_products(&self, e: &mut Errors) {
        let mut ids = BTreeSet::new();
        for (i, o) in self.operators.iter().enumerate() {
            let p = format!("operators[{i}]");
            check_id(e, &format!("{p}.id"), &o.id);
            if !ids.insert(o.id.as_str()) {
                e.push(format!("{p}.id"), format!("duplicate id '{}'", o.id));
            }
            if o.stations.is_empty() {
                e.push(format!("{p}.stations"), "name at least one station");
            }
            for (k, s) in o.stations.iter().enumerate() {
                if self.station_index(s).is_none() {
                    e.push(
                        format!("{p}.stations[{k}]"),
                        format!("no station has id '{s}'"),
                    );
                }
            }
            if let Some(w) = &o.walk {
                w.validate(&format!("{p}.walk"), false, e);
            }
        }
        let mut ids = BTreeSet::new();
        for (i, pr) in self.products.iter().enumerate() {
            let p = format!("products[{i}]");
            check_id(e, &format!("{p}.id"), &pr.id);
            if !ids.insert(pr.id.as_str()) {
                e.push(format!("{p}.id"), format!("duplicate id '{}'", pr.id));
            }
            if !(pr.share.is_finite() && pr.share > 0.0 && pr.share <= MAX_PARAM) {
                e.push(format!("{p}.share"), "must be > 0");
            }
        }
    }

    /// Checks that a transfer batch always fits where it goes (else the line would jam).
    fn check_capacities(&self, e: &mut Errors) {
        let Ok(r) = self.routing() else { return };
        for (i, s) in self.stations.iter().enumerate() {
            let Some(j) = r.succ[i] else { continue };
            let next = &self.stations[j];
            let assembly = r.feeds[j].len() > 1;
            if let Some(cap) = next.buffer {
                let room = u64::from(cap) + if assembly { 0 } else { u64::from(next.servers) };
                if u64::from(s.batch) > room {
                    e.push(
                        format!("stations[{i}].batch"),
                        format!(
                            "a batch of {} never fits into '{}' (room for {room})",
                            s.batch, next.id
                        ),
                    );
                }
                if assembly {
                    let qty = r.feeds[j].iter().find(|(k, _)| *k == i).map_or(1, |f| f.1);
                    if cap < qty {
                        e.push(
                            format!("stations[{j}].buffer"),
                            format!(
                                "an assembly station needs room for {qty} units from '{}'",
                                s.id
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Derives the flow: a station's units go to the station that lists it in `inputs`,
    /// otherwise to the next station in the list (if that one declares no inputs); the
    /// last station delivers finished goods.
    pub fn routing(&self) -> Result<Routing, Errors> {
        let n = self.stations.len();
        let mut e = Errors::default();
        let mut succ: Vec<Option<usize>> = vec![None; n];
        let mut feeds: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
        let mut claimed: Vec<Option<usize>> = vec![None; n];
        for (j, s) in self.stations.iter().enumerate() {
            for inp in &s.inputs {
                let Some(i) = self.station_index(&inp.from) else {
                    continue;
                };
                if let Some(other) = claimed[i] {
                    e.push(
                        format!("stations[{j}].inputs"),
                        format!("'{}' already feeds '{}'", inp.from, self.stations[other].id),
                    );
                    continue;
                }
                claimed[i] = Some(j);
                succ[i] = Some(j);
                feeds[j].push((i, inp.qty));
            }
        }
        for i in 0..n.saturating_sub(1) {
            if claimed[i].is_some() {
                continue;
            }
            let next = &self.stations[i + 1];
            if next.inputs.is_empty() {
                succ[i] = Some(i + 1);
                feeds[i + 1].push((i, 1));
            } else {
                e.push(
                    format!("stations[{i}]"),
                    format!(
                        "its units go nowhere: the next station '{}' declares inputs without '{}'",
                        next.id, self.stations[i].id
                    ),
                );
            }
        }
        if let Some(last) = n.checked_sub(1) {
            if claimed[last].is_some() {
                e.push(
                    format!("stations[{last}]"),
                    "the last station delivers finished goods and cannot feed another",
                );
            }
        }
        e.into_result(Routing { succ, feeds })
    }
}

/// The largest JSON document (scenario, session, result file, plan) read, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// "the file is too large": `size` bytes against a `limit`, both in MB.
pub fn too_large(size: f64, limit: usize) -> String {
    let mb = |b: f64| format!("{:.1} MB", b / f64::from(1u32 << 20));
    format!(
        "the file is too large ({}; at most {})",
        mb(size),
        mb(limit as f64)
    )
}

fn check_id(e: &mut Errors, path: &str, id: &str) {
    if id.trim().is_empty() {
        e.push(path, "must not be empty");
    } else if id.chars().count() > MAX_ID_LEN {
        e.push(path, format!("at most {MAX_ID_LEN} characters"));
    }
}

fn count(e: &mut Errors, path: &str, v: u32, min: u32) {
    if v < min || v > MAX_COUNT {
        e.push(path, format!("must be between {min} and {MAX_COUNT}"));
    }
}

fn money(e: &mut Errors, path: &str, v: f64) {
    if !(v.is_finite() && (0.0..=MAX_PARAM).contains(&v)) {
        e.push(path, format!("must be between 0 and {MAX_PARAM:e}"));
    }
}

/// Reads `text` as JSON into `T`; a structural error (bad JSON, a wrong type, an unknown
/// or missing field) is reported with the path of the field where reading stopped.
///
/// Documents over [`MAX_DOCUMENT_BYTES`] are refused before parsing.
/// The path is found from the error's position in the text ([`path_at`]), not by
/// wrapping every deserializer: the same result as `serde_path_to_error` for this
/// crate's documents, at a fraction of the code size in the browser.
pub fn from_json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Errors> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Errors::one(
            "",
            too_large(text.len() as f64, MAX_DOCUMENT_BYTES),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        let offset = offset_of(text, e.line(), e.column());
        Errors::one(path_at(text, offset), e.to_string())
    })
}

/// For `#[serde(deserialize_with)]`: reads the field as a `serde_json::Value`, then the
/// value as `T`.
///
/// For a type that is also read from a `Value` elsewhere (the analysis: `Analysis::of`
/// summarises runs as values), this keeps one reader of the type in the browser bundle
/// instead of one for text and one for values. An error inside the field is reported at
/// the field.
pub fn via_value<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::Deserialize as _;
    let value = serde_json::Value::deserialize(d)?;
    serde_json::from_value(value).map_err(serde::de::Error::custom)
}

/// Compact JSON (as `serde_json::to_string` writes it) laid out as `serde_json`'s pretty
/// printer lays it out: the same text as `to_string_pretty`, byte for byte.
///
/// It exists for the size of the browser bundle: `to_string_pretty` instantiates a second
/// serializer for every type written, and the compact one is needed anyway.
pub fn pretty_json(compact: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    let mut out = String::with_capacity(compact.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// The byte offset of a 1-based line and column (as serde_json counts them: bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The path (`stations[1].servers`) of the JSON value being read when `offset` bytes of
/// `text` had been read. An error found on a closing bracket belongs to its object or
/// list (a missing field, a bad tagged variant), not to the last field in it.
pub fn path_at(text: &str, offset: usize) -> String {
    enum Level {
        Object { key: Option<String>, want_key: bool },
        List(usize),
    }
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut stack: Vec<Level> = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        let last = k + 1 == bytes.len();
        match bytes[k] {
            b'"' => {
                let start = k + 1;
                k += 1;
                while k < bytes.len() && bytes[k] != b'"' {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                if let Some(Level::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        let end = k.min(bytes.len());
                        *key = Some(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                        *want_key = false;
                    }
                }
            }
            b'{' => stack.push(Level::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Level::List(0)),
            b'}' | b']' if !last => {
                stack.pop();
            }
            b'}' | b']' => {
                if let Some(Level::Object { key, .. }) = stack.last_mut() {
                    *key = None;
                }
                break;
            }
            b',' => match stack.last_mut() {
                Some(Level::List(i)) => *i += 1,
                Some(Level::Object { key, want_key }) => {
                    *key = None;
                    *want_key = true;
                }
                None => {}
            },
            _ => {}
        }
        k += 1;
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::List(i) => path.push_str(&format!("[{i}]")),
            Level::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object { key: None, .. } => {}
        }
    }
    path
}
