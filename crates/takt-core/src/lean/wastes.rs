//! The 7 wastes (муда) in time and money, and "where the money goes".

use super::analysis::RunAnalysis;
use super::kpis::Estimate;
use serde::{Deserialize, Serialize};

/// The 7 wastes (GOST R 56908-2016), in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Waste {
    /// Перепроизводство.
    Overproduction,
    /// Запасы.
    Inventory,
    /// Транспортировка.
    Transport,
    /// Ожидание.
    Waiting,
    /// Лишняя обработка.
    OverProcessing,
    /// Лишние перемещения.
    Motion,
    /// Дефекты.
    Defects,
}

impl Waste {
    /// All seven, in report order.
    pub const ALL: [Waste; 7] = [
        Waste::Overproduction,
        Waste::Inventory,
        Waste::Transport,
        Waste::Waiting,
        Waste::OverProcessing,
        Waste::Motion,
        Waste::Defects,
    ];

    /// The English name.
    pub fn en(self) -> &'static str {
        match self {
            Waste::Overproduction => "overproduction",
            Waste::Inventory => "inventory",
            Waste::Transport => "transport",
            Waste::Waiting => "waiting",
            Waste::OverProcessing => "over-processing",
            Waste::Motion => "motion",
            Waste::Defects => "defects",
        }
    }

    /// The Russian name (GOST R 56908).
    pub fn ru(self) -> &'static str {
        match self {
            Waste::Overproduction => "перепроизводство",
            Waste::Inventory => "запасы",
            Waste::Transport => "транспортировка",
            Waste::Waiting => "ожидание",
            Waste::OverProcessing => "лишняя обработка",
            Waste::Motion => "лишние перемещения",
            Waste::Defects => "дефекты",
        }
    }
}

/// A waste in time (time units of the resource concerned: server-, operator- or unit-time)
/// and money (roubles).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct WasteFigure<T = f64> {
    /// Time.
    pub time: T,
    /// Money.
    pub money: T,
}

/// The 7 wastes of a station, of the line as a whole, or in total.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Wastes<T = f64> {
    /// Units completed beyond the order.
    pub overproduction: WasteFigure<T>,
    /// Units in process (WIP unit-time).
    pub inventory: WasteFigure<T>,
    /// Moving transfer batches.
    pub transport: WasteFigure<T>,
    /// Servers starved, blocked or waiting for an operator.
    pub waiting: WasteFigure<T>,
    /// Processing in non-value-added work elements.
    pub over_processing: WasteFigure<T>,
    /// Operators walking.
    pub motion: WasteFigure<T>,
    /// Scrap (material) and rework (processing).
    pub defects: WasteFigure<T>,
}

impl<T> Wastes<T> {
    /// One waste's figure.
    pub fn get(&self, w: Waste) -> &WasteFigure<T> {
        match w {
            Waste::Overproduction => &self.overproduction,
            Waste::Inventory => &self.inventory,
            Waste::Transport => &self.transport,
            Waste::Waiting => &self.waiting,
            Waste::OverProcessing => &self.over_processing,
            Waste::Motion => &self.motion,
            Waste::Defects => &self.defects,
        }
    }
}

impl Wastes {
    /// Wastes given each one's figure.
    pub(super) fn from_fn(mut f: impl FnMut(Waste) -> WasteFigure) -> Wastes {
        Wastes {
            overproduction: f(Waste::Overproduction),
            inventory: f(Waste::Inventory),
            transport: f(Waste::Transport),
            waiting: f(Waste::Waiting),
            over_processing: f(Waste::OverProcessing),
            motion: f(Waste::Motion),
            defects: f(Waste::Defects),
        }
    }
}

/// Time priced at a rate per time unit.
pub(super) fn priced(time: f64, rate: f64) -> WasteFigure {
    WasteFigure {
        time,
        money: time * rate,
    }
}

/// One entry of "where the money goes": a waste at a station (or of the line as a whole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WasteItem {
    /// The station, or `None` for the line as a whole.
    pub station: Option<String>,
    /// Which waste.
    pub waste: Waste,
    /// Mean time per replication.
    pub time: f64,
    /// Mean money per replication.
    pub money: f64,
    /// Share of all waste money (0 when there is none).
    pub share: f64,
}

/// Every waste of every station and of the line, by mean money then time, largest first.
pub(super) fn where_the_money_goes(a: &RunAnalysis<Estimate>) -> Vec<WasteItem> {
    let total: f64 = Waste::ALL.iter().map(|&w| a.wastes.get(w).money.mean).sum();
    let owners = a
        .stations
        .iter()
        .map(|s| (Some(&s.id), &s.wastes))
        .chain([(None, &a.line_wastes)]);
    let mut items: Vec<WasteItem> = owners
        .flat_map(|(station, wastes)| {
            Waste::ALL.map(|w| WasteItem {
                station: station.cloned(),
                waste: w,
                time: wastes.get(w).time.mean,
                money: wastes.get(w).money.mean,
                share: if total > 0.0 {
                    wastes.get(w).money.mean / total
                } else {
                    0.0
                },
            })
        })
        .filter(|item| item.time > 0.0 || item.money > 0.0)
        .collect();
    items.sort_by(|x, y| y.money.total_cmp(&x.money).then(y.time.total_cmp(&x.time)));
    items
}
