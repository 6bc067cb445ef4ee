//! The invariants every run and every analysis must satisfy, whatever the scenario: checked
//! by the property tests (`tests/properties.rs`) and by the fuzz targets (`fuzz/`).
//!
//! Each check returns the first broken invariant as a sentence naming what broke.

use crate::lean::{Analysis, RunAnalysis, Waste};
use crate::model::{Release, Scenario};
use crate::sim::{LogEvent, RunResult};

/// A broken invariant.
pub type Broken = String;

macro_rules! ensure {
    ($cond:expr, $($why:tt)+) => {
        let holds: bool = $cond;
        if !holds {
            return Err(format!($($why)+));
        }
    };
}

/// Relative tolerance of sums of floating-point times.
const EPS: f64 = 1e-6;

/// Conservation, capacities, state accounting, clock order and causality of one run.
pub fn check_run(sc: &Scenario, r: &RunResult) -> Result<(), Broken> {
    let span = r.horizon - r.warmup;
    ensure!(
        r.wip_start + r.released == r.completed + r.scrapped + r.merged + r.wip_end,
        "conservation: {} in at the start + {} released ≠ {} completed + {} scrapped + {} merged + {} in at the end",
        r.wip_start,
        r.released,
        r.completed,
        r.scrapped,
        r.merged,
        r.wip_end
    );
    ensure!(
        r.stations.len() == sc.stations.len(),
        "stations: {} in the run, {} in the scenario",
        r.stations.len(),
        sc.stations.len()
    );
    for (s, def) in r.stations.iter().zip(&sc.stations) {
        // Every server is in exactly one state at every instant.
        let total: f64 = s.state_time.iter().sum();
        let want = f64::from(def.servers) * span;
        ensure!(
            (total - want).abs() <= EPS * want.max(1.0),
            "{}: state times add up to {total}, not servers × observed time = {want}",
            s.id
        );
        ensure!(
            s.state_time.iter().all(|t| t.is_finite() && *t >= 0.0),
            "{}: a state time is negative or not a number: {:?}",
            s.id,
            s.state_time
        );
        // A finite buffer never holds more than its places (plus units handed straight to a
        // free server in the same instant).
        if let Some(cap) = def.buffer {
            let queues = def.inputs.len().max(1) as u32;
            ensure!(
                s.queue_max <= cap * queues + def.servers,
                "{}: {} units in a buffer of {cap}",
                s.id,
                s.queue_max
            );
        }
        let mut last_end = r.warmup;
        for &(a, b) in &s.active_periods {
            ensure!(
                a >= last_end && b > a && b <= r.horizon,
                "{}: active period ({a}, {b}) overlaps the previous one (ending {last_end}) or leaves the run",
                s.id
            );
            last_end = b;
        }
    }
    for o in &r.operators {
        let total = o.working + o.walking + o.idle;
        ensure!(
            (total - span).abs() <= EPS * span.max(1.0),
            "operator {}: working + walking + idle = {total}, not the observed time {span}",
            o.id
        );
    }
    if let Release::Conwip { limit } = sc.release {
        ensure!(
            r.wip_max <= u64::from(limit),
            "CONWIP: {} units in the line, limit {limit}",
            r.wip_max
        );
    }
    ensure!(
        r.log.windows(2).all(|w| w[0].t() <= w[1].t()),
        "the event log goes back in time"
    );
    ensure!(
        r.log.iter().all(|e| e.t() <= r.horizon),
        "the event log runs past the horizon"
    );
    if !r.log_truncated {
        let last_wip = r.log.iter().rev().find_map(|e| match e {
            LogEvent::Wip { units, .. } => Some(*units),
            _ => None,
        });
        if let Some(units) = last_wip {
            ensure!(
                units == r.wip_end,
                "the log ends with {units} units in the line, the run with {}",
                r.wip_end
            );
        }
    }
    ensure!(
        r.lead_times.iter().all(|t| *t >= 0.0 && *t <= r.horizon),
        "a lead time is negative or longer than the run"
    );
    let serial = sc.stations.iter().all(|s| s.inputs.len() < 2);
    for u in &r.units {
        ensure!(
            u.release <= u.finish && u.finish >= r.warmup && u.finish <= r.horizon,
            "a unit released at {} finished at {}",
            u.release,
            u.finish
        );
        ensure!(
            u.value_added <= u.processing + 1e-9,
            "a unit has more value-added time ({}) than processing ({})",
            u.value_added,
            u.processing
        );
        // Without assembly a unit is processed one step at a time.
        ensure!(
            !serial || u.processing <= u.finish - u.release + EPS,
            "a unit was processed for {} in a lead time of {}",
            u.processing,
            u.finish - u.release
        );
    }
    ensure!(
        r.wip_mean >= 0.0 && r.wip_mean <= r.wip_max as f64 + 1e-9,
        "mean WIP {} outside 0..max {}",
        r.wip_mean,
        r.wip_max
    );
    Ok(())
}

/// The lean analysis of runs: no KPI is NaN or infinite, shares and OEE factors are in
/// range, and the line's wastes are its parts' sum. Returns the analysis.
pub fn check_analysis(sc: &Scenario, runs: &[RunResult]) -> Result<Analysis, Broken> {
    for r in runs {
        let an = RunAnalysis::of(sc, r);
        for (name, v) in an.kpis.figures() {
            ensure!(
                v.is_none_or(f64::is_finite),
                "KPI {name} is {v:?} in replication {}",
                r.replication
            );
        }
        for s in &an.stations {
            let o = s.oee;
            ensure!(
                (0.0..=1.0 + 1e-9).contains(&o.availability)
                    && (0.0..=1.0).contains(&o.quality)
                    && o.performance >= 0.0
                    && o.oee >= 0.0,
                "{}: OEE out of range: {o:?}",
                s.id
            );
        }
        for w in Waste::ALL {
            let parts: f64 = an
                .stations
                .iter()
                .map(|s| s.wastes.get(w).money)
                .sum::<f64>()
                + an.line_wastes.get(w).money;
            let total = an.wastes.get(w).money;
            ensure!(
                total >= 0.0 && (parts - total).abs() <= 1e-9 * total.max(1.0),
                "waste {w:?}: the line's {total} ₽ is not the sum of its parts, {parts} ₽"
            );
        }
    }
    let summary = Analysis::of(sc, runs);
    let efficiency = summary.balance.efficiency;
    ensure!(
        efficiency > 0.0 && efficiency <= 1.0 + 1e-12,
        "line balance efficiency {efficiency} outside (0, 1]"
    );
    for (name, e) in summary.kpis.figures() {
        ensure!(
            e.is_none_or(|e| e.mean.is_finite() && e.ci95.is_finite()),
            "KPI {name} summarised as {e:?}"
        );
    }
    Ok(summary)
}
