//! The flow of units between stations, derived from the station list.

use super::Scenario;
use crate::json::{Errors, Problem};

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

impl Scenario {
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
                        Problem::AlreadyFeeds {
                            from: inp.from.clone(),
                            to: self.stations[other].id.clone(),
                        },
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
                    Problem::GoesNowhere {
                        station: self.stations[i].id.clone(),
                        next: next.id.clone(),
                    },
                );
            }
        }
        if let Some(last) = n.checked_sub(1) {
            if claimed[last].is_some() {
                e.push(format!("stations[{last}]"), Problem::LastFeeds);
            }
        }
        e.into_result(Routing { succ, feeds })
    }
}
