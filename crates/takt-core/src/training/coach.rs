//! The coach: hints at the improve step that say where to look, in lean words, never what to
//! type. The instructor allows it per round (`training.coach`: hints per round, points each).
//!
//! **Where.** A sensitivity run ([`sensitivity`]): the current line is run once as it is and
//! once per station with that station's work [`SPEED_UP`] shorter, with the rounds' seed (common
//! random numbers) and at most [`SENSITIVITY_REPLICATIONS`] replications; a station's gain is
//! the mean rise in units completed. The stations are ranked by it (ties: the analysis'
//! bottleneck first, then line order): the station whose speed-up raises the output most is
//! the constraint, whatever its queue looks like. A round of a training with a coach makes
//! this run in the web worker after its own (`RoundJob::coach`) and keeps the ranking
//! (`Round::ranking`), so that a hint needs no run of its own and comes at once.
//!
//! **How deep.** Hints of one round go deeper, three on a station, then on to the next in the
//! ranking ([`Session::next_hint`](super::session::Session::next_hint)):
//! 1. where to look: what waits in front of the station ([`Look::Queue`]);
//! 2. which loss is largest there ([`Look::Loss`], from the round's analysis: its wastes, its
//!    changeover and breakdown time, and its work beyond the takt);
//! 3. which lean tools address that loss ([`Look::Tools`], among those the training allows).

use super::round::{Progress, Unplayed};
use crate::lean::Analysis;
use crate::model::{Scenario, Tool};
use crate::sim::stats::mean;
use crate::sim::{run_replications_observed, Control, RunOptions};
use serde::{Deserialize, Serialize};

/// A station's work in the sensitivity run: its process time × this.
pub const SPEED_UP: f64 = 0.9;
/// The most replications of each line of the sensitivity run.
pub const SENSITIVITY_REPLICATIONS: u64 = 10;

/// How much each station's speed-up raises the output of a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// Mean units completed by the line as it is.
    pub completed: f64,
    /// Per station, in line order: its id and the mean gain in units completed.
    pub gains: Vec<(String, f64)>,
    /// Replications of each line.
    pub replications: u64,
}

impl Sensitivity {
    /// The stations, the largest gain first (ties: `bottleneck` first, then line order).
    pub fn ranked(&self, bottleneck: &str) -> Vec<String> {
        let mut order: Vec<&(String, f64)> = self.gains.iter().collect();
        // A stable sort: equals otherwise keep the line's order.
        order.sort_by(|(a, ga), (b, gb)| {
            gb.total_cmp(ga)
                .then((b == bottleneck).cmp(&(a == bottleneck)))
        });
        order.into_iter().map(|(id, _)| id.clone()).collect()
    }
}

/// Runs `line` as it is and with each station's work [`SPEED_UP`] shorter, `replications`
/// replications each (at most [`SENSITIVITY_REPLICATIONS`]) from `seed`; `progress` may cancel.
/// A round of a training with a coach runs the same ([`RoundJob::coach`](super::RoundJob)),
/// taking the line as it is from the round's own runs.
pub fn sensitivity(
    line: &Scenario,
    seed: u64,
    replications: u64,
    mut progress: impl FnMut(Progress) -> Control,
) -> Result<Sensitivity, Unplayed> {
    let reps = replications.clamp(1, SENSITIVITY_REPLICATIONS);
    let total = reps * (1 + line.stations.len() as u64);
    let mut done = 0;
    let mut completed = |sc: &Scenario| -> Result<Vec<f64>, Unplayed> {
        let before = done;
        let observe = |d: u64| {
            progress(Progress {
                done: before + d,
                total,
            })
        };
        let runs = run_replications_observed(sc, seed, reps, &RunOptions::default(), observe)
            .map_err(Unplayed::Failed)?
            .ok_or(Unplayed::Cancelled)?;
        done += reps;
        Ok(runs.iter().map(|r| r.completed as f64).collect())
    };
    let base = completed(line)?;
    speed_ups(line, &base, &mut completed)
}

/// [`sensitivity`] given the line's units completed in each replication (`base`) and `run`,
/// which runs a line with as many replications and gives its units completed in each.
pub(super) fn speed_ups(
    line: &Scenario,
    base: &[f64],
    run: &mut dyn FnMut(&Scenario) -> Result<Vec<f64>, Unplayed>,
) -> Result<Sensitivity, Unplayed> {
    let mut gains = Vec::with_capacity(line.stations.len());
    for i in 0..line.stations.len() {
        let mut faster = line.clone();
        let st = &mut faster.stations[i];
        st.process = st.process.as_ref().map(|d| d.scaled(SPEED_UP));
        for e in &mut st.elements {
            e.time = e.time.scaled(SPEED_UP);
        }
        let pairs: Vec<f64> = run(&faster)?.iter().zip(base).map(|(f, b)| f - b).collect();
        gains.push((line.stations[i].id.clone(), mean(&pairs)));
    }
    Ok(Sensitivity {
        completed: mean(base),
        gains,
        replications: base.len() as u64,
    })
}

/// A loss at a station, as the coach names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// Its work per unit is longer than the takt (перегрузка, muri).
    Overload,
    /// Non-value-added work: searching, extra handling (лишняя обработка).
    OverProcessing,
    /// Its servers starved, blocked or waiting for an operator (ожидание).
    Waiting,
    /// Rework and scrap (дефекты).
    Defects,
    /// Moving its transfer batches (транспортировка).
    Transport,
    /// Changeovers (переналадки).
    Changeovers,
    /// Breakdowns (простои из-за поломок).
    Breakdowns,
}

impl Loss {
    /// The tools that address this loss, strongest lever first.
    pub fn tools(self) -> &'static [Tool] {
        match self {
            Loss::Overload => &[Tool::MoveElement, Tool::AssignOperator, Tool::AddServer],
            Loss::OverProcessing => &[Tool::FiveS, Tool::MoveElement],
            Loss::Waiting => &[Tool::MoveElement, Tool::Buffer, Tool::AssignOperator],
            Loss::Defects => &[Tool::PokaYoke],
            Loss::Transport => &[Tool::Transport, Tool::Batch],
            Loss::Changeovers => &[Tool::Smed],
            Loss::Breakdowns => &[Tool::Tpm],
        }
    }
}

/// A hint of the coach: a station and, the deeper it goes, what to look at there. The app
/// words it. Computed from the line and its analysis ([`hint_on`]), so a session and a result
/// file record only which hint was given and when ([`HintUse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    /// The station (its id).
    pub station: String,
    /// How deep: 1 where to look (what waits in front of the station), 2 the largest loss
    /// there, 3 the lean tools against that loss.
    pub depth: u8,
    /// Depth 1: the mean units waiting in the station's queue.
    pub waiting: f64,
    /// Depth 2 and 3: the largest loss at the station.
    pub loss: Option<Loss>,
    /// Depth 3: the lean tools against it (those the training allows; all of them if it
    /// allows none).
    pub tools: Vec<Tool>,
}

/// A hint asked for: which (its station and depth: the hint itself follows from the line
/// and the analysis it was given on, [`hint_on`]) and when. Written as the list
/// `[station, depth, at]` (`["housing", 1, 1764567890123]`), for the size of its reader in
/// the browser bundle (docs/bundle.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(String, u8, u64)", into = "(String, u8, u64)")]
pub struct HintUse {
    /// The station (its id).
    pub station: String,
    /// How deep (1 to 3, [`Hint::depth`]).
    pub depth: u8,
    /// When: Unix time in milliseconds, UTC (0: not known).
    pub at: u64,
}

impl From<(String, u8, u64)> for HintUse {
    fn from((station, depth, at): (String, u8, u64)) -> HintUse {
        HintUse { station, depth, at }
    }
}

impl From<HintUse> for (String, u8, u64) {
    fn from(h: HintUse) -> (String, u8, u64) {
        (h.station, h.depth, h.at)
    }
}

/// The largest loss at station `id` of `line`, from the analysis of its runs: its wastes in
/// server time, its changeover and breakdown time, and its work beyond the takt (the excess
/// per unit × units processed); [`Loss::Overload`] when none is above zero.
pub fn largest_loss(line: &Scenario, analysis: &Analysis, id: &str) -> Loss {
    let Some(i) = line.station_index(id) else {
        return Loss::Overload;
    };
    let (Some(st), Some(report)) = (analysis.stations.get(i), analysis.report.stations.get(i))
    else {
        return Loss::Overload;
    };
    let span = (line.horizon - line.warmup) * f64::from(line.stations[i].servers);
    let overload = analysis.balance.stations.get(i).map_or(0.0, |plan| {
        let takt = analysis.balance.takt_time.unwrap_or(f64::INFINITY);
        (plan.cycle_time - takt).max(0.0) * st.processed.mean
    });
    let w = &st.wastes;
    let losses = [
        (Loss::Overload, overload),
        (Loss::OverProcessing, w.over_processing.time.mean),
        (Loss::Waiting, w.waiting.time.mean),
        (Loss::Defects, w.defects.time.mean),
        (Loss::Transport, w.transport.time.mean),
        (Loss::Changeovers, report.setup * span),
        (Loss::Breakdowns, report.down * span),
    ];
    losses
        .into_iter()
        .filter(|(_, t)| *t > 0.0)
        .fold(None::<(Loss, f64)>, |best, (l, t)| match best {
            Some((_, b)) if b >= t => best,
            _ => Some((l, t)),
        })
        .map_or(Loss::Overload, |(l, _)| l)
}

/// The hint of `depth` (1 to 3) on station `id` of `line`, from the analysis of its runs.
pub fn hint_on(line: &Scenario, analysis: &Analysis, id: &str, depth: usize) -> Hint {
    let depth = depth.clamp(1, 3);
    let mut hint = Hint {
        station: id.to_owned(),
        depth: depth as u8,
        waiting: 0.0,
        loss: None,
        tools: Vec::new(),
    };
    if depth == 1 {
        hint.waiting = line
            .station_index(id)
            .and_then(|i| analysis.report.stations.get(i))
            .map_or(0.0, |s| s.queue.mean);
        return hint;
    }
    let loss = largest_loss(line, analysis, id);
    hint.loss = Some(loss);
    if depth == 3 {
        let training = line.training.clone().unwrap_or_default();
        let allowed = loss.tools().iter().copied().filter(|&t| training.allows(t));
        hint.tools = allowed.collect();
        if hint.tools.is_empty() {
            hint.tools = loss.tools().to_vec();
        }
    }
    hint
}
