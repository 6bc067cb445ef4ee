//! The same tool on the same place twice: within one round's plan it is refused
//! ([`Reason::Repeated`](super::Reason::Repeated): the second change would compound or
//! overwrite the first and be charged again), except one more or one fewer server, which
//! counts each time; across rounds it is allowed (the later round improves the line as it is
//! then), is charged again, and the page says so ([`made_before`]).

use super::catalog::Change;
use crate::model::Tool;

/// What a change acts on: a station, a work element or an operator id; `""` for the line as
/// a whole (CONWIP).
pub fn target(c: &Change) -> &str {
    match c {
        Change::MoveElement { element, .. } => element,
        Change::Buffer { station, .. }
        | Change::Kanban { station, .. }
        | Change::Batch { station, .. }
        | Change::Smed { station, .. }
        | Change::FiveS { station, .. }
        | Change::PokaYoke { station, .. }
        | Change::Tpm { station, .. }
        | Change::AddServer { station }
        | Change::RemoveServer { station }
        | Change::Transport { station, .. } => station,
        Change::Conwip { .. } => "",
        Change::AddOperator { id, .. }
        | Change::RemoveOperator { id }
        | Change::AssignOperator { id, .. }
        | Change::Walk { id, .. } => id,
    }
}

/// Whether a tool may be used twice on one place in one round: one more (or fewer) server
/// counts each time; any other tool's second change would compound or overwrite the first.
pub fn repeatable(tool: Tool) -> bool {
    matches!(tool, Tool::AddServer | Tool::RemoveServer)
}

/// Whether `a` and `b` use the same tool on the same place.
pub fn same_place(a: &Change, b: &Change) -> bool {
    a.tool() == b.tool() && target(a) == target(b)
}

/// The first change of `plan` that `c` would repeat in the same round (`None` if none, or
/// if the tool is [`repeatable`]).
pub fn repeats(plan: &[Change], c: &Change) -> Option<usize> {
    if repeatable(c.tool()) {
        return None;
    }
    plan.iter().position(|p| same_place(p, c))
}

/// The latest played round (numbered from 1) whose changes already used `c`'s tool on `c`'s
/// place: the page says so before the change is added (it is charged again). `rounds` are
/// each played round's changes, in order.
pub fn made_before<'a>(
    rounds: impl IntoIterator<Item = &'a [Change]>,
    c: &Change,
) -> Option<usize> {
    rounds
        .into_iter()
        .enumerate()
        .filter(|(_, changes)| changes.iter().any(|p| same_place(p, c)))
        .map(|(k, _)| k + 1)
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poka(station: &str, factor: f64) -> Change {
        Change::PokaYoke {
            station: station.into(),
            factor,
        }
    }

    #[test]
    fn the_same_tool_on_the_same_station_repeats_whatever_its_factor() {
        let plan = [poka("test", 0.5), poka("pack", 0.5)];
        assert_eq!(repeats(&plan, &poka("test", 0.2)), Some(0));
        assert_eq!(repeats(&plan, &poka("pack", 0.5)), Some(1));
        assert_eq!(repeats(&plan, &poka("kit", 0.5)), None);
        let smed = Change::Smed {
            station: "test".into(),
            factor: 0.5,
        };
        assert_eq!(repeats(&plan, &smed), None, "another tool");
    }

    #[test]
    fn one_more_server_counts_each_time() {
        let add = Change::AddServer {
            station: "test".into(),
        };
        assert_eq!(repeats(std::slice::from_ref(&add), &add), None);
    }

    #[test]
    fn a_change_made_in_an_earlier_round_is_found_in_the_latest_such_round() {
        let r1: Vec<Change> = vec![];
        let r2 = vec![poka("test", 0.5)];
        let r3 = vec![poka("pack", 0.5)];
        let r4 = vec![poka("test", 0.5)];
        let rounds = [r1.as_slice(), r2.as_slice(), r3.as_slice()];
        assert_eq!(made_before(rounds, &poka("test", 0.9)), Some(2));
        let rounds = [r1.as_slice(), r2.as_slice(), r3.as_slice(), r4.as_slice()];
        assert_eq!(made_before(rounds, &poka("test", 0.9)), Some(4));
        assert_eq!(made_before(rounds, &poka("kit", 0.9)), None);
    }
}
