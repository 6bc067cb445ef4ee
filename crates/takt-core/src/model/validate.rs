//! Validation of scenarios: every problem names its field path and all are reported at once.

use super::dist::MAX_PARAM;
use super::scenario::{DefectAction, Release, Scenario};
use super::time::{to_ticks, MAX_HORIZON, MIN_HORIZON};
use super::training::{MAX_ROUNDS, MAX_ROUND_REPLICATIONS};
use crate::json::Errors;
use std::collections::{BTreeMap, BTreeSet};

const MAX_SERVERS: u32 = 1000;
const MAX_COUNT: u32 = 1_000_000;
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
                e.extend(r);
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
        if self.name.is_blank() {
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
                    &format!("training.costs.{}", super::training::tool_name(*tool)),
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
                if !(2..=MAX_ROUND_REPLICATIONS).contains(&r) {
                    e.push(
                        "training.replications",
                        format!("must be between 2 and {MAX_ROUND_REPLICATIONS}"),
                    );
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
                        // Elements are identified by their key: the id, else the name.
                        if el.name.is_blank() {
                            e.push(format!("{ep}.name"), "must not be empty");
                        }
                        if let Some(id) = &el.id {
                            check_id(e, &format!("{ep}.id"), id);
                        }
                        let key = el.key();
                        let field = if el.id.is_some() { "id" } else { "name" };
                        // A blank key is reported above (a blank name or id).
                        let prev = (!key.trim().is_empty())
                            .then(|| elements.insert(key, i))
                            .flatten();
                        if let Some(prev) = prev {
                            e.push(
                                format!("{ep}.{field}"),
                                format!(
                                    "duplicate element {field} '{key}' (also in stations[{prev}])"
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
