//! The instructor's training settings of a scenario, and the vocabulary they are written in:
//! the lean tools a trainee may use ([`Tool`]) and the KPIs the score weighs ([`Kpi`]). What
//! a tool does to a line is in `training::catalog`; how a KPI is scored, in `training::score`.

use crate::json::Map;
use serde::{Deserialize, Serialize};

/// The seed of a run when none is given: the CLI's default and the seed of sessions started
/// in the app, so that their results can be compared.
pub const DEFAULT_SEED: u64 = 1;
/// Rounds of a training when the scenario sets none.
pub const DEFAULT_ROUNDS: u32 = 3;
/// The most rounds a training may have: each round's results stay in the trainee's saved
/// session, and 100 keep it far below the browser's storage quota (see README, long sessions).
pub const MAX_ROUNDS: u32 = 100;
/// Replications of each scored run (a round, a comparison) when the scenario sets none.
pub const DEFAULT_REPLICATIONS: u64 = 30;
/// The most replications of a round: what the app lets a trainee ask for, what a scenario's
/// `training.replications` may set, and what `takt verify` and the desk replay.
pub const MAX_ROUND_REPLICATIONS: u64 = 10_000;
/// The largest seed a scenario's `training.seed` may set: the largest integer a JSON number
/// keeps exactly in every reader (2^53 − 1), so the seed survives any tool a file goes through.
pub const MAX_TRAINING_SEED: u64 = (1 << 53) - 1;

/// Training settings (see `docs/scenario-format.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Number of rounds (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounds: Option<u32>,
    /// Budget per round in roubles (absent = unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// The tools trainees may use (absent = all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Tool>>,
    /// Cost of one use of a tool (absent = its default cost).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub costs: Map<Tool, f64>,
    /// KPI targets: reaching one earns that KPI's full weight.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub targets: Map<Kpi, f64>,
    /// KPI weights of the score (absent KPIs keep their default weight).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub weights: Map<Kpi, f64>,
    /// Replications per scored run (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replications: Option<u64>,
    /// Seed of every round of the class (default [`DEFAULT_SEED`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// The replications and seed of a session's rounds, as the instructor fixes them.
///
/// A scenario with `training` is a class: every team plays its rounds with exactly these
/// (`training.replications` or [`DEFAULT_REPLICATIONS`], `training.seed` or
/// [`DEFAULT_SEED`]), the trainee page shows them and cannot change them, and `takt verify`
/// refuses a result file made with others. A scenario without `training` is free practice:
/// the team chooses the replications (1 to [`MAX_ROUND_REPLICATIONS`]); the seed is still
/// [`DEFAULT_SEED`], as the page never changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassRun {
    /// Replications of every round (for free practice, the initial choice).
    pub replications: u64,
    /// Seed of every round.
    pub seed: u64,
    /// Whether the replications are fixed (the scenario has `training`).
    pub fixed: bool,
}

impl ClassRun {
    /// The class run of a scenario's training settings (`None`: free practice).
    pub fn of(training: Option<&Training>) -> ClassRun {
        ClassRun {
            replications: training
                .and_then(|t| t.replications)
                .unwrap_or(DEFAULT_REPLICATIONS),
            seed: training.and_then(|t| t.seed).unwrap_or(DEFAULT_SEED),
            fixed: training.is_some(),
        }
    }

    /// Whether a session may run its rounds with `replications`: exactly the class's when
    /// fixed, otherwise 1 to [`MAX_ROUND_REPLICATIONS`].
    pub fn accepts(&self, replications: u64) -> bool {
        if self.fixed {
            replications == self.replications
        } else {
            (1..=MAX_ROUND_REPLICATIONS).contains(&replications)
        }
    }
}

impl Training {
    /// Whether trainees may use `tool` (every tool when the instructor lists none).
    pub fn allows(&self, tool: Tool) -> bool {
        self.allowed
            .as_ref()
            .is_none_or(|list| list.contains(&tool))
    }

    /// The tools trainees may use, in catalog order.
    pub fn allowed_tools(&self) -> Vec<Tool> {
        Tool::ALL.into_iter().filter(|&t| self.allows(t)).collect()
    }
}

/// A lean tool (the kind of a change); its cost is set per tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    /// Line balancing: move a work element to another station.
    MoveElement,
    /// Change the buffer in front of a station.
    Buffer,
    /// Pull: set or remove a station's kanban limit.
    Kanban,
    /// Pull: set or remove a CONWIP limit.
    Conwip,
    /// Transfer batch size (towards one-piece flow).
    Batch,
    /// SMED: shorter changeovers.
    Smed,
    /// 5S: less searching (shorter non-value-added elements).
    FiveS,
    /// Poka-yoke: fewer defects.
    PokaYoke,
    /// TPM: rarer and shorter breakdowns.
    Tpm,
    /// Hire an operator.
    AddOperator,
    /// Release an operator.
    RemoveOperator,
    /// Change which stations an operator tends.
    AssignOperator,
    /// Add a parallel server (equipment) to a station.
    AddServer,
    /// Remove a parallel server.
    RemoveServer,
    /// Layout: shorter transport from a station.
    Transport,
    /// Layout: shorter walks for an operator.
    Walk,
}

impl Tool {
    /// Every tool, in catalog order.
    pub const ALL: [Tool; 16] = [
        Tool::MoveElement,
        Tool::Buffer,
        Tool::Kanban,
        Tool::Conwip,
        Tool::Batch,
        Tool::Smed,
        Tool::FiveS,
        Tool::PokaYoke,
        Tool::Tpm,
        Tool::AddOperator,
        Tool::RemoveOperator,
        Tool::AssignOperator,
        Tool::AddServer,
        Tool::RemoveServer,
        Tool::Transport,
        Tool::Walk,
    ];

    /// The default cost in roubles when the instructor sets none.
    pub fn default_cost(self) -> f64 {
        match self {
            Tool::MoveElement | Tool::AssignOperator => 1_000.0,
            Tool::Buffer | Tool::Batch => 2_000.0,
            Tool::Kanban | Tool::Conwip => 3_000.0,
            Tool::FiveS | Tool::Walk => 5_000.0,
            Tool::PokaYoke | Tool::Transport => 10_000.0,
            Tool::Smed => 15_000.0,
            Tool::Tpm => 20_000.0,
            Tool::AddOperator => 30_000.0,
            Tool::AddServer => 50_000.0,
            Tool::RemoveOperator | Tool::RemoveServer => 0.0,
        }
    }
}

/// The tool's name as written in files.
pub fn tool_name(tool: Tool) -> String {
    serde_json::to_value(tool)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A KPI the score weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    /// Units completed (выработка).
    Completed,
    /// Profit, after the cost of the changes.
    Profit,
    /// Unit cost (себестоимость).
    UnitCost,
    /// Mean lead time.
    LeadTime,
    /// Time-average work in process.
    Wip,
    /// First-pass yield.
    Quality,
}

impl Kpi {
    /// Every scored KPI, in report order.
    pub const ALL: [Kpi; 6] = [
        Kpi::Completed,
        Kpi::Profit,
        Kpi::UnitCost,
        Kpi::LeadTime,
        Kpi::Wip,
        Kpi::Quality,
    ];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            Kpi::Completed => "completed",
            Kpi::Profit => "profit",
            Kpi::UnitCost => "unit_cost",
            Kpi::LeadTime => "lead_time",
            Kpi::Wip => "wip",
            Kpi::Quality => "quality",
        }
    }

    /// Default weight, modelled on the competition criteria (units, profit, unit cost first).
    pub fn default_weight(self) -> f64 {
        match self {
            Kpi::Completed => 30.0,
            Kpi::Profit => 25.0,
            Kpi::UnitCost => 15.0,
            Kpi::LeadTime | Kpi::Wip | Kpi::Quality => 10.0,
        }
    }

    /// Whether a larger value is better.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Kpi::Completed | Kpi::Profit | Kpi::Quality)
    }

    /// Whether `value` reaches `target`: at least it where more is better, at most it
    /// otherwise.
    pub fn meets(self, value: f64, target: f64) -> bool {
        if self.higher_is_better() {
            value >= target
        } else {
            value <= target
        }
    }
}
