//! The candidate moves of the best-plan search: for every card the scenario allows, each
//! place it can act on and, for a structural tool, a small set of sensible values within the
//! card's bounds. A move is one change, or two or three that only make sense together (a
//! station handed from one operator to another; on a floor plan, also moved beside the
//! taker's nearest station).

use crate::model::{Card, Release, Scenario, Tool};
use crate::training::catalog::{apply, card_of, cost_of_changes, Change};
use crate::training::repeat::{repeatable, same_place};

/// One step a plan can take.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Its changes (one, or two that go together).
    pub changes: Vec<Change>,
    /// What they cost.
    pub cost: f64,
}

/// Buffer sizes tried at a station (within the card's bounds, besides "unlimited" when
/// the card has no maximum).
const BUFFERS: [u32; 7] = [0, 1, 2, 3, 5, 10, 20];
/// Kanban limits tried at a station.
const KANBAN: [u32; 6] = [1, 2, 3, 5, 8, 12];
/// CONWIP limits tried for the line.
const CONWIP: [u32; 10] = [2, 3, 4, 5, 6, 8, 10, 12, 16, 24];

/// The values of a structural choice worth trying: the sensible `tried` values, plus the
/// card's own bounds, within the bounds and other than the current value `now`.
fn values(tried: &[u32], card: &Card, floor: u32, now: Option<u32>) -> Vec<u32> {
    let lo = card.min.unwrap_or(floor).max(floor);
    let mut out: Vec<u32> = tried
        .iter()
        .copied()
        .chain([lo])
        .chain(card.max)
        .filter(|&v| v >= lo && card.max.is_none_or(|hi| v <= hi) && Some(v) != now)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Every candidate move on `sc` that its training allows and that can be applied on its
/// own (a move the line refuses alone is left out), in catalog order.
pub fn moves(sc: &Scenario) -> Vec<Move> {
    let mut changes: Vec<Vec<Change>> = Vec::new();
    for tool in Tool::ALL {
        if let Some(card) = card_of(sc, tool) {
            changes.extend(of_tool(sc, tool, &card));
        }
    }
    changes
        .into_iter()
        .filter(|c| apply(sc, c).is_ok())
        .map(|c| Move {
            cost: cost_of_changes(sc, &c),
            changes: c,
        })
        .collect()
}

/// Whether two moves cannot be in one plan: they use the same tool on the same place, or
/// one sets kanban limits and the other a CONWIP limit.
pub fn conflict(a: &Move, b: &Move) -> bool {
    let pull = |m: &Move, tool: Tool| {
        m.changes.iter().any(|c| match c {
            Change::Kanban { limit, .. } if tool == Tool::Kanban => limit.is_some(),
            Change::Conwip { limit } if tool == Tool::Conwip => limit.is_some(),
            _ => false,
        })
    };
    let places = a.changes.iter().any(|x| {
        b.changes
            .iter()
            .any(|y| same_place(x, y) && !repeatable(x.tool()))
    });
    places
        || (pull(a, Tool::Kanban) && pull(b, Tool::Conwip))
        || (pull(a, Tool::Conwip) && pull(b, Tool::Kanban))
}

/// The station work content per server (mean process time ÷ servers), by station.
fn loads(sc: &Scenario) -> Vec<f64> {
    sc.stations
        .iter()
        .map(|s| s.mean_process_time() / f64::from(s.servers))
        .collect()
}

fn of_tool(sc: &Scenario, tool: Tool, card: &Card) -> Vec<Vec<Change>> {
    let stations = || sc.stations.iter();
    let one = |c: Change| vec![c];
    let id = |s: &crate::model::Station| s.id.clone();
    match tool {
        Tool::MoveElement => element_moves(sc),
        // Places on the floor plan are a continuum: the search leaves the layout as it is.
        Tool::MoveStation => Vec::new(),
        Tool::Buffer => stations()
            .flat_map(|s| {
                let mut v: Vec<Option<u32>> = values(&BUFFERS, card, 0, s.buffer)
                    .into_iter()
                    .map(Some)
                    .collect();
                if card.max.is_none() && s.buffer.is_some() {
                    v.push(None);
                }
                v.into_iter().map(move |buffer| {
                    one(Change::Buffer {
                        station: id(s),
                        buffer,
                    })
                })
            })
            .collect(),
        Tool::Kanban => {
            let limits = match &sc.release {
                Release::Kanban { limits } => Some(limits),
                Release::Push => None,
                Release::Conwip { .. } => return Vec::new(),
            };
            stations()
                .flat_map(|s| {
                    let now = limits.and_then(|l| l.get(&s.id).copied());
                    let mut v: Vec<Option<u32>> = values(&KANBAN, card, 1, now)
                        .into_iter()
                        .map(Some)
                        .collect();
                    if now.is_some() {
                        v.push(None);
                    }
                    v.into_iter().map(move |limit| {
                        one(Change::Kanban {
                            station: id(s),
                            limit,
                        })
                    })
                })
                .collect()
        }
        Tool::Conwip => {
            let now = match sc.release {
                Release::Conwip { limit } => Some(limit),
                Release::Push => None,
                Release::Kanban { .. } => return Vec::new(),
            };
            let mut v: Vec<Option<u32>> = values(&CONWIP, card, 1, now)
                .into_iter()
                .map(Some)
                .collect();
            if now.is_some() {
                v.push(None);
            }
            v.into_iter()
                .map(|limit| one(Change::Conwip { limit }))
                .collect()
        }
        Tool::Batch => stations()
            .filter(|s| s.batch > 1)
            .flat_map(|s| {
                let tried = [1, 2, s.batch / 2];
                values(&tried, card, 1, Some(s.batch))
                    .into_iter()
                    .filter(move |&b| b < s.batch)
                    .map(move |batch| {
                        one(Change::Batch {
                            station: id(s),
                            batch,
                        })
                    })
            })
            .collect(),
        Tool::Smed | Tool::FiveS | Tool::PokaYoke | Tool::Tpm | Tool::Transport => stations()
            .filter(|s| match tool {
                Tool::Smed => s.setup.is_some(),
                Tool::FiveS => s.elements.iter().any(|e| !e.value_added),
                Tool::PokaYoke => s.defects.is_some(),
                Tool::Tpm => s.breakdowns.is_some(),
                _ => s.transport.is_some(),
            })
            .map(|s| one(card_move(tool, id(s))))
            .collect(),
        Tool::Walk => sc
            .operators
            .iter()
            .filter(|o| o.walk.is_some() || sc.loop_walk(o) > 0.0)
            .map(|o| {
                one(Change::Walk {
                    id: o.id.clone(),
                    factor: None,
                })
            })
            .collect(),
        Tool::AddServer => stations()
            .map(|s| one(Change::AddServer { station: id(s) }))
            .collect(),
        Tool::RemoveServer => stations()
            .filter(|s| s.servers > 1)
            .map(|s| one(Change::RemoveServer { station: id(s) }))
            .collect(),
        Tool::AddOperator => {
            let new_id = (1..)
                .map(|k| format!("op{}", sc.operators.len() + k))
                .find(|n| sc.operators.iter().all(|o| &o.id != n))
                .unwrap_or_default();
            stations()
                .map(|s| {
                    one(Change::AddOperator {
                        id: new_id.clone(),
                        stations: vec![id(s)],
                    })
                })
                .collect()
        }
        Tool::RemoveOperator => sc
            .operators
            .iter()
            .map(|o| one(Change::RemoveOperator { id: o.id.clone() }))
            .collect(),
        Tool::AssignOperator => assignments(sc),
    }
}

/// A card that acts on a station with the strength its card sets.
fn card_move(tool: Tool, station: String) -> Change {
    match tool {
        Tool::Smed => Change::Smed {
            station,
            factor: None,
        },
        Tool::FiveS => Change::FiveS {
            station,
            factor: None,
        },
        Tool::PokaYoke => Change::PokaYoke {
            station,
            factor: None,
        },
        Tool::Tpm => Change::Tpm {
            station,
            between: None,
            repair: None,
        },
        _ => Change::Transport {
            station,
            factor: None,
        },
    }
}

/// Each work element moved to a neighbouring station (the one before or after it in the
/// line) where that balances the two: the larger of their loads per server gets smaller.
fn element_moves(sc: &Scenario) -> Vec<Vec<Change>> {
    let load = loads(sc);
    let mut out = Vec::new();
    for (i, from) in sc.stations.iter().enumerate() {
        if from.process.is_some() || from.elements.len() < 2 {
            continue;
        }
        for e in &from.elements {
            let t = e.time.mean();
            for j in [i.wrapping_sub(1), i + 1] {
                let Some(to) = sc.stations.get(j) else {
                    continue;
                };
                if to.process.is_some() {
                    continue;
                }
                let before = load[i].max(load[j]);
                let after = (load[i] - t / f64::from(from.servers))
                    .max(load[j] + t / f64::from(to.servers));
                if after < before {
                    out.push(vec![Change::MoveElement {
                        element: e.key().to_owned(),
                        to: to.id.clone(),
                    }]);
                }
            }
        }
    }
    out
}

/// Operators' stations changed: a station handed from one operator to another (who tends
/// it alongside their own; the giver keeps the rest), or an operator who also tends a
/// station next to theirs.
fn assignments(sc: &Scenario) -> Vec<Vec<Change>> {
    let order = |list: &mut Vec<String>| {
        list.sort_by_key(|s| sc.station_index(s).unwrap_or(usize::MAX));
    };
    let assign = |id: &str, stations: Vec<String>| Change::AssignOperator {
        id: id.to_owned(),
        stations,
    };
    let mut out = Vec::new();
    for giver in &sc.operators {
        if giver.stations.len() < 2 {
            continue;
        }
        for s in &giver.stations {
            for taker in sc.operators.iter().filter(|o| o.id != giver.id) {
                if taker.stations.contains(s) {
                    continue;
                }
                let mut gets = taker.stations.clone();
                gets.push(s.clone());
                order(&mut gets);
                let keeps = giver.stations.iter().filter(|x| *x != s).cloned().collect();
                let handover = vec![assign(&taker.id, gets), assign(&giver.id, keeps)];
                out.extend(beside(sc, &taker.stations, s, &handover));
                out.push(handover);
            }
        }
    }
    for o in &sc.operators {
        let next_to = |s: &crate::model::Station| {
            let k = sc.station_index(&s.id).unwrap_or(0);
            o.stations
                .iter()
                .any(|x| sc.station_index(x).is_some_and(|j| j.abs_diff(k) == 1))
        };
        for s in sc
            .stations
            .iter()
            .filter(|s| !o.stations.contains(&s.id) && next_to(s))
        {
            let mut gets = o.stations.clone();
            gets.push(s.id.clone());
            order(&mut gets);
            let takes = vec![assign(&o.id, gets)];
            out.extend(beside(sc, &o.stations, &s.id, &takes));
            out.push(takes);
        }
    }
    out
}

/// How far from a station another is put beside it, in metres.
const BESIDE: f64 = 1.5;

/// `changes` (an operator taking station `s` besides its `stations`) with `s` moved beside
/// the nearest of them on the floor plan, on the side it comes from: what a team does so
/// that the operator's new loop is not a long walk. `None` without a layout placing them, or
/// when `s` is already that close.
fn beside(sc: &Scenario, stations: &[String], s: &str, changes: &[Change]) -> Option<Vec<Change>> {
    let layout = sc.layout.as_ref()?;
    let from = layout.station(s)?;
    let (near, d) = (stations.iter())
        .filter_map(|t| Some((layout.station(t)?, layout.metres(t, s)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    if d <= 2.0 * BESIDE {
        return None;
    }
    let k = BESIDE / d;
    let mut out = changes.to_vec();
    out.push(Change::MoveStation {
        station: s.to_owned(),
        // To the decimetre: a place a team would mark on the floor.
        x: ((near[0] + (from[0] - near[0]) * k) * 10.0).round() / 10.0,
        y: ((near[1] + (from[1] - near[1]) * k) * 10.0).round() / 10.0,
    });
    Some(out)
}
