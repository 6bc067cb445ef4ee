//! Validation of scenarios: every problem names its field path and all are reported at once.

use super::dist::MAX_PARAM;
use super::scenario::{DefectAction, Release, Scenario};
use super::time::{to_ticks, MAX_HORIZON, MIN_HORIZON};
use super::training::{MAX_HINTS, MAX_ROUNDS, MAX_ROUND_REPLICATIONS, MAX_TRAINING_SEED};
use crate::json::{Errors, Problem};
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
        if !(1..=super::scenario::FORMAT).contains(&self.format) {
            e.push(
                "format",
                Problem::UnknownFormat {
                    known: super::scenario::FORMAT,
                },
            );
        }
        if self.name.is_blank() {
            e.push("name", Problem::Empty);
        }
        if !(self.horizon.is_finite() && (MIN_HORIZON..=MAX_HORIZON).contains(&self.horizon)) {
            e.push(
                "horizon",
                Problem::Between {
                    min: MIN_HORIZON,
                    max: MAX_HORIZON,
                },
            );
        }
        if !(self.warmup.is_finite() && self.warmup >= 0.0) {
            e.push("warmup", Problem::NonNegative);
        } else if self.horizon.is_finite() && to_ticks(self.warmup) >= to_ticks(self.horizon) {
            // Compared in ticks: a warm-up a fraction of a tick short still leaves no run.
            e.push("warmup", Problem::WarmupTooLong);
        }
        if let Some(a) = &self.arrivals {
            a.validate("arrivals", true, e);
        }
        if self.stations.is_empty() {
            e.push("stations", Problem::NoStations);
        }
        match &self.release {
            Release::Push => {}
            Release::Conwip { limit } => count(e, "release.limit", *limit, 1),
            Release::Kanban { limits } => {
                if limits.is_empty() {
                    e.push("release.limits", Problem::NameAStation);
                }
                let last = self.stations.last().map(|s| s.id.as_str());
                for (id, k) in limits {
                    let p = format!("release.limits.{id}");
                    match self.station_index(id) {
                        None => e.push(p, Problem::UnknownStation { id: id.clone() }),
                        Some(_) if Some(id.as_str()) == last => e.push(p, Problem::KanbanOnLast),
                        Some(i) => {
                            count(e, &p, *k, 1);
                            if *k < self.stations[i].batch {
                                e.push(
                                    p,
                                    Problem::BelowBatch {
                                        batch: self.stations[i].batch,
                                    },
                                );
                            }
                        }
                    }
                }
            }
        }
        if let Some(d) = &self.demand {
            if d.quantity == 0 || d.quantity > u64::from(u32::MAX) {
                e.push(
                    "demand.quantity",
                    Problem::Between {
                        min: 1.0,
                        max: f64::from(u32::MAX),
                    },
                );
            }
            money(e, "demand.price", d.price);
        }
        if let Some(t) = &self.training {
            if let Some(r) = t.rounds {
                if !(1..=MAX_ROUNDS).contains(&r) {
                    e.push(
                        "training.rounds",
                        Problem::Between {
                            min: 1.0,
                            max: f64::from(MAX_ROUNDS),
                        },
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
            self.check_cards(t, e);
            if let Some(coach) = &t.coach {
                if self.format < 2 {
                    e.push("training.coach", Problem::NeedsFormat { format: 2 });
                }
                if coach.hints > MAX_HINTS {
                    e.push(
                        "training.coach.hints",
                        Problem::Between {
                            min: 0.0,
                            max: f64::from(MAX_HINTS),
                        },
                    );
                }
                if !(coach.points.is_finite() && (0.0..=1000.0).contains(&coach.points)) {
                    e.push(
                        "training.coach.points",
                        Problem::Between {
                            min: 0.0,
                            max: 1000.0,
                        },
                    );
                }
            }
            for (k, w) in &t.weights {
                if !(w.is_finite() && (0.0..=1000.0).contains(w)) {
                    e.push(
                        format!("training.weights.{}", k.name()),
                        Problem::Between {
                            min: 0.0,
                            max: 1000.0,
                        },
                    );
                }
            }
            for (k, v) in &t.targets {
                if !v.is_finite() || v.abs() > 1e12 {
                    e.push(format!("training.targets.{}", k.name()), Problem::Finite);
                }
            }
            if let Some(r) = t.replications {
                if !(2..=MAX_ROUND_REPLICATIONS).contains(&r) {
                    e.push(
                        "training.replications",
                        Problem::Between {
                            min: 2.0,
                            max: MAX_ROUND_REPLICATIONS as f64,
                        },
                    );
                }
            }
            if t.seed.is_some_and(|s| s > MAX_TRAINING_SEED) {
                e.push(
                    "training.seed",
                    Problem::Between {
                        min: 0.0,
                        max: MAX_TRAINING_SEED as f64,
                    },
                );
            }
        }
        money(e, "costs.material", self.costs.material);
        money(e, "costs.labour_per_hour", self.costs.labour_per_hour);
        money(e, "costs.holding_per_hour", self.costs.holding_per_hour);
    }

    /// The improvement cards (format 2) and the format-1 settings they replace.
    fn check_cards(&self, t: &super::training::Training, e: &mut Errors) {
        use super::training::{tool_name, Tool};
        let Some(cards) = &t.tools else {
            return;
        };
        if self.format < 2 {
            e.push("training.tools", Problem::NeedsFormat { format: 2 });
        }
        if t.allowed.is_some() {
            e.push("training.allowed", Problem::ReplacedByCards);
        }
        if !t.costs.is_empty() {
            e.push("training.costs", Problem::ReplacedByCards);
        }
        for (&tool, card) in cards {
            let at = |k: &str| format!("training.tools.{}.{k}", tool_name(tool));
            for k in card.foreign_settings(tool) {
                e.push(
                    format!("training.tools.{}", tool_name(tool)),
                    Problem::UnknownField {
                        field: k.to_owned(),
                        expected: super::training::card_settings(tool)
                            .iter()
                            .map(|s| (*s).to_owned())
                            .collect(),
                    },
                );
            }
            if let Some(c) = card.cost {
                money(e, &at("cost"), c);
            }
            let unit = |x: f64, positive: bool| {
                x.is_finite() && x <= 1.0 && if positive { x > 0.0 } else { x >= 0.0 }
            };
            if let Some(f) = card.factor {
                let positive = tool == Tool::Smed;
                if !unit(f, positive) {
                    e.push(
                        at("factor"),
                        if positive && f.is_finite() && f <= 1.0 {
                            Problem::Positive
                        } else {
                            Problem::Between { min: 0.0, max: 1.0 }
                        },
                    );
                }
            }
            if let Some(r) = card.repair {
                if !unit(r, true) {
                    e.push(at("repair"), Problem::Between { min: 0.0, max: 1.0 });
                }
            }
            if let Some(b) = card.between {
                if !(b.is_finite() && (1.0..=1000.0).contains(&b)) {
                    e.push(
                        at("between"),
                        Problem::Between {
                            min: 1.0,
                            max: 1000.0,
                        },
                    );
                }
            }
            if let (Some(lo), Some(hi)) = (card.min, card.max) {
                if hi < lo {
                    e.push(at("max"), Problem::MaxBelowMin);
                }
            }
            if tool == Tool::Batch && card.min == Some(0) {
                e.push(at("min"), Problem::Positive);
            }
        }
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
                    Problem::DuplicateId {
                        id: s.id.clone(),
                        also: Some(format!("stations[{j}]")),
                    },
                );
            }
            if s.servers == 0 || s.servers > MAX_SERVERS {
                e.push(
                    format!("{p}.servers"),
                    Problem::Between {
                        min: 1.0,
                        max: f64::from(MAX_SERVERS),
                    },
                );
            }
            match (&s.process, s.elements.is_empty()) {
                (Some(d), true) => d.validate(&format!("{p}.process"), true, e),
                (None, false) => {
                    for (k, el) in s.elements.iter().enumerate() {
                        let ep = format!("{p}.elements[{k}]");
                        // Elements are identified by their key: the id, else the name.
                        if el.name.is_blank() {
                            e.push(format!("{ep}.name"), Problem::Empty);
                        }
                        if let Some(id) = &el.id {
                            check_id(e, &format!("{ep}.id"), id);
                        }
                        let key = el.key();
                        // A blank key is reported above (a blank name or id).
                        let prev = (!key.trim().is_empty())
                            .then(|| elements.insert(key, i))
                            .flatten();
                        if let Some(prev) = prev {
                            let also = format!("stations[{prev}]");
                            let (field, problem) = match &el.id {
                                Some(id) => (
                                    "id",
                                    Problem::DuplicateId {
                                        id: id.clone(),
                                        also: Some(also),
                                    },
                                ),
                                None => (
                                    "name",
                                    Problem::DuplicateElement {
                                        name: key.to_owned(),
                                        also,
                                    },
                                ),
                            };
                            e.push(format!("{ep}.{field}"), problem);
                        }
                        el.time.validate(&format!("{ep}.time"), false, e);
                    }
                    if s.mean_process_time() <= 0.0 {
                        e.push(format!("{p}.elements"), Problem::NoWorkTime);
                    }
                }
                (Some(_), false) => e.push(format!("{p}.elements"), Problem::ProcessAndElements),
                (None, true) => e.push(format!("{p}.process"), Problem::NoProcess),
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
                        Problem::UnknownStation {
                            id: inp.from.clone(),
                        },
                    ),
                    Some(j) if j >= i => e.push(
                        format!("{ip}.from"),
                        Problem::NotUpstream {
                            id: inp.from.clone(),
                        },
                    ),
                    Some(_) => {}
                }
                if !seen.insert(inp.from.as_str()) {
                    e.push(
                        format!("{ip}.from"),
                        Problem::ListedTwice {
                            id: inp.from.clone(),
                        },
                    );
                }
                if inp.qty == 0 || inp.qty > MAX_SERVERS {
                    e.push(
                        format!("{ip}.qty"),
                        Problem::Between {
                            min: 1.0,
                            max: f64::from(MAX_SERVERS),
                        },
                    );
                }
            }
            if let Some(d) = &s.defects {
                if !(d.rate.is_finite() && (0.0..1.0).contains(&d.rate)) {
                    e.push(format!("{p}.defects.rate"), Problem::Fraction);
                }
                match (d.action, &d.to) {
                    (DefectAction::Scrap, Some(_)) => {
                        e.push(format!("{p}.defects.to"), Problem::OnlyForRework)
                    }
                    (DefectAction::Rework, Some(to)) => match self.station_index(to) {
                        None => e.push(
                            format!("{p}.defects.to"),
                            Problem::UnknownStation { id: to.clone() },
                        ),
                        Some(j) if j > i => {
                            e.push(format!("{p}.defects.to"), Problem::ReworkForward)
                        }
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
                    e.push(format!("{p}.setup"), Problem::SetupWhen);
                }
                if su.on_change && self.products.len() < 2 {
                    e.push(format!("{p}.setup.on_change"), Problem::NeedsTwoProducts);
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
        // Each station's batches are carried by one logistician at most.
        let mut carried = BTreeMap::new();
        for (i, o) in self.operators.iter().enumerate() {
            let p = format!("operators[{i}]");
            check_id(e, &format!("{p}.id"), &o.id);
            if !ids.insert(o.id.as_str()) {
                e.push(
                    format!("{p}.id"),
                    Problem::DuplicateId {
                        id: o.id.clone(),
                        also: None,
                    },
                );
            }
            if o.stations.is_empty() && o.carries.is_empty() {
                e.push(format!("{p}.stations"), Problem::NameAStation);
            }
            if !o.stations.is_empty() && !o.carries.is_empty() {
                e.push(format!("{p}.carries"), Problem::TendsAndCarries);
            }
            for (list, ids) in [("stations", &o.stations), ("carries", &o.carries)] {
                for (k, s) in ids.iter().enumerate() {
                    if self.station_index(s).is_none() {
                        e.push(
                            format!("{p}.{list}[{k}]"),
                            Problem::UnknownStation { id: s.clone() },
                        );
                    } else if list == "carries" {
                        if let Some(also) = carried.insert(s.as_str(), format!("{p}.carries[{k}]"))
                        {
                            e.push(
                                format!("{p}.carries[{k}]"),
                                Problem::DuplicateId {
                                    id: s.clone(),
                                    also: Some(also),
                                },
                            );
                        }
                    }
                }
            }
            if let Some(w) = &o.walk {
                w.validate(&format!("{p}.walk"), false, e);
            }
        }
        if let Some(layout) = &self.layout {
            self.check_layout(layout, e);
        }
        let mut ids = BTreeSet::new();
        for (i, pr) in self.products.iter().enumerate() {
            let p = format!("products[{i}]");
            check_id(e, &format!("{p}.id"), &pr.id);
            if !ids.insert(pr.id.as_str()) {
                e.push(
                    format!("{p}.id"),
                    Problem::DuplicateId {
                        id: pr.id.clone(),
                        also: None,
                    },
                );
            }
            if !(pr.share.is_finite() && pr.share > 0.0 && pr.share <= MAX_PARAM) {
                e.push(format!("{p}.share"), Problem::Positive);
            }
        }
    }

    fn check_layout(&self, layout: &super::layout::Layout, e: &mut Errors) {
        use super::layout::MAX_METRES;
        if !(layout.speed.is_finite() && layout.speed > 0.0) {
            e.push("layout.speed", Problem::Positive);
        } else if layout.speed > 100.0 {
            e.push("layout.speed", Problem::FiniteAtMost { max: 100.0 });
        }
        let check_point = |e: &mut Errors, path: String, p: &[f64; 2]| {
            for (k, v) in p.iter().enumerate() {
                if !(v.is_finite() && v.abs() <= MAX_METRES) {
                    let (min, max) = (-MAX_METRES, MAX_METRES);
                    e.push(format!("{path}[{k}]"), Problem::Between { min, max });
                }
            }
        };
        for (id, p) in &layout.stations {
            let path = format!("layout.stations.{id}");
            if self.station_index(id).is_none() {
                e.push(path, Problem::UnknownStation { id: id.clone() });
            } else {
                check_point(e, path, p);
            }
        }
        if let Some(p) = &layout.shipping {
            check_point(e, "layout.shipping".into(), p);
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
                        Problem::BatchNeverFits {
                            batch: s.batch,
                            station: next.id.clone(),
                            room,
                        },
                    );
                }
                if assembly {
                    let qty = r.feeds[j].iter().find(|(k, _)| *k == i).map_or(1, |f| f.1);
                    if cap < qty {
                        e.push(
                            format!("stations[{j}].buffer"),
                            Problem::AssemblyRoom {
                                qty,
                                from: s.id.clone(),
                            },
                        );
                    }
                }
            }
        }
    }
}

fn check_id(e: &mut Errors, path: &str, id: &str) {
    if id.trim().is_empty() {
        e.push(path, Problem::Empty);
    } else if id.chars().count() > MAX_ID_LEN {
        e.push(path, Problem::TooLong { max: MAX_ID_LEN });
    }
}

fn count(e: &mut Errors, path: &str, v: u32, min: u32) {
    if v < min || v > MAX_COUNT {
        e.push(
            path,
            Problem::Between {
                min: f64::from(min),
                max: f64::from(MAX_COUNT),
            },
        );
    }
}

fn money(e: &mut Errors, path: &str, v: f64) {
    if !(v.is_finite() && (0.0..=MAX_PARAM).contains(&v)) {
        e.push(
            path,
            Problem::Between {
                min: 0.0,
                max: MAX_PARAM,
            },
        );
    }
}
