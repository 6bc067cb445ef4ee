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
    /// The improvement cards (format 2): the tools trainees may use, each with its price and
    /// what it achieves. Absent: every tool with its default card ([`Card::default_for`]), or
    /// the format-1 `allowed` and `costs` (see [`Training::card`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Map<Tool, Card>>,
    /// Format 1: the tools trainees may use (absent = all). Replaced by `tools`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Tool>>,
    /// Format 1: the cost of one use of a tool (absent = its default cost). Replaced by `tools`.
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
    /// The coach (format 2): hints a trainee may ask for at the improve step, and what each
    /// costs (absent: no coach).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coach: Option<Coach>,
}

/// The most hints a round may allow ([`Coach::hints`]).
pub const MAX_HINTS: u32 = 10;

/// The coach the instructor allows (`training.coach`): `hints` per round (0 to
/// [`MAX_HINTS`]), each deducting `points` (≥ 0, may be 0) from the score of the round it was
/// asked for and every later one (see `training::coach`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coach {
    /// Hints per round.
    pub hints: u32,
    /// Points deducted per hint used.
    #[serde(default)]
    pub points: f64,
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
    /// Whether trainees may use `tool`: it has a card (format 2), or it is allowed (format 1;
    /// every tool when the instructor lists none).
    pub fn allows(&self, tool: Tool) -> bool {
        match &self.tools {
            Some(cards) => cards.contains_key(&tool),
            None => self
                .allowed
                .as_ref()
                .is_none_or(|list| list.contains(&tool)),
        }
    }

    /// The card of `tool` as it plays, every setting filled in: the instructor's (format 2),
    /// or for a format-1 file the tool's default card at its `costs` price. `None`: the tool
    /// is not allowed.
    pub fn card(&self, tool: Tool) -> Option<Card> {
        if !self.allows(tool) {
            return None;
        }
        let given = match &self.tools {
            Some(cards) => cards.get(&tool).cloned().unwrap_or_default(),
            None => Card {
                cost: self.costs.get(&tool).copied(),
                ..Card::default()
            },
        };
        Some(given.filled(tool))
    }

    /// These settings in format 2: `allowed` and `costs` become `tools`, each allowed tool's
    /// card at its price with the default strength ([`Card::default_for`]). Settings already
    /// in format 2 are returned unchanged.
    pub fn migrated(&self) -> Training {
        if self.tools.is_some() {
            return self.clone();
        }
        let tools = self
            .allowed_tools()
            .into_iter()
            .filter_map(|t| self.card(t).map(|c| (t, c)))
            .collect();
        Training {
            tools: Some(tools),
            allowed: None,
            costs: Map::new(),
            ..self.clone()
        }
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
    /// Layout: a station moved to another place on the floor plan.
    MoveStation,
}

impl Tool {
    /// Every tool, in catalog order.
    pub const ALL: [Tool; 17] = [
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
        Tool::MoveStation,
    ];

    /// The default cost in roubles when the instructor sets none.
    pub fn default_cost(self) -> f64 {
        match self {
            Tool::MoveElement | Tool::AssignOperator | Tool::MoveStation => 1_000.0,
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

/// An improvement card: what one use of a tool costs and, for the tools that improve a time
/// or a rate, how much (set by the instructor, not the trainee). The structural tools may be
/// bounded: `min` and `max` of the buffer, kanban or CONWIP limit, or of the transfer batch.
/// In files every setting may be left out (its default); as played, [`Card::filled`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Price of one use (roubles; default [`Tool::default_cost`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// SMED, 5S, poka-yoke, transport, walk: the multiplier of the time or rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// TPM: the multiplier of the time between failures (≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub between: Option<f64>,
    /// TPM: the multiplier of the repair time (≤ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair: Option<f64>,
    /// Buffer, kanban, CONWIP, batch: the smallest value a trainee may set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// Buffer, kanban, CONWIP, batch: the largest value a trainee may set (and no
    /// "unlimited").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// Which settings a card of a tool may have (the JSON keys, `cost` always).
pub fn card_settings(tool: Tool) -> &'static [&'static str] {
    match tool {
        Tool::Smed | Tool::FiveS | Tool::PokaYoke | Tool::Transport | Tool::Walk => {
            &["cost", "factor"]
        }
        Tool::Tpm => &["cost", "between", "repair"],
        Tool::Buffer | Tool::Kanban | Tool::Conwip | Tool::Batch => &["cost", "min", "max"],
        _ => &["cost"],
    }
}

impl Card {
    /// The card a tool has when the instructor sets none: its default cost and a moderate
    /// effect (a factor of 0.5; TPM: failures half as often, repairs half as long), no bounds.
    pub fn default_for(tool: Tool) -> Card {
        let has = |k: &str| card_settings(tool).contains(&k);
        Card {
            cost: Some(tool.default_cost()),
            factor: has("factor").then_some(0.5),
            between: has("between").then_some(2.0),
            repair: has("repair").then_some(0.5),
            min: None,
            max: None,
        }
    }

    /// This card with every setting it leaves out taken from [`Card::default_for`].
    pub fn filled(&self, tool: Tool) -> Card {
        let d = Card::default_for(tool);
        Card {
            cost: self.cost.or(d.cost),
            factor: self.factor.or(d.factor),
            between: self.between.or(d.between),
            repair: self.repair.or(d.repair),
            min: self.min,
            max: self.max,
        }
    }

    /// The settings this card gives that a card of `tool` may not have.
    pub fn foreign_settings(&self, tool: Tool) -> Vec<&'static str> {
        let given = [
            ("factor", self.factor.is_some()),
            ("between", self.between.is_some()),
            ("repair", self.repair.is_some()),
            ("min", self.min.is_some()),
            ("max", self.max.is_some()),
        ];
        given
            .into_iter()
            .filter(|(k, on)| *on && !card_settings(tool).contains(k))
            .map(|(k, _)| k)
            .collect()
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
