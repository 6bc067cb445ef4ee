//! The same tool on the same place twice.
//!
//! - Within one round's plan it is refused ([`Reason::Repeated`](super::Reason::Repeated):
//!   the second change would compound or overwrite the first and be charged again), except
//!   one more or one fewer server, which counts each time.
//! - An improvement card (SMED, 5S, poka-yoke, TPM, transport, walk: a tool whose card sets a
//!   strength) counts once per place in the whole training: played again on the same place
//!   in a later round it is refused ([`Reason::CardUsed`](super::Reason::CardUsed)), so
//!   effects cannot be stacked towards zero ([`card_played`]).
//! - A structural choice (buffer, kanban, CONWIP, batch, moves, operators, servers) sets a
//!   value: a later round may set it again, is charged again, and the page says so
//!   ([`made_before`]).

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
        | Change::Transport { station, .. }
        | Change::MoveStation { station, .. } => station,
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

/// Whether the tool's card sets a strength that a second use would compound (SMED, 5S,
/// poka-yoke, TPM, transport, walk): such a card counts once per place in a training.
pub fn compounds(tool: Tool) -> bool {
    matches!(
        tool,
        Tool::Smed | Tool::FiveS | Tool::PokaYoke | Tool::Tpm | Tool::Transport | Tool::Walk
    )
}

/// The played round (numbered from 1) in which `c`'s card was already played on `c`'s place,
/// when `c` is a card that [`compounds`]: the round refuses it. `played` are each played
/// round's changes, in order.
pub fn card_played<'a>(
    played: impl IntoIterator<Item = &'a [Change]>,
    c: &Change,
) -> Option<usize> {
    if compounds(c.tool()) {
        made_before(played, c)
    } else {
        None
    }
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
            factor: Some(factor),
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
            factor: None,
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

    #[test]
    fn a_card_counts_once_per_place_but_a_structural_choice_may_be_set_again() {
        let r1: Vec<Change> = vec![];
        let r2 = vec![
            poka("test", 0.5),
            Change::Buffer {
                station: "test".into(),
                buffer: Some(2),
            },
        ];
        let rounds = [r1.as_slice(), r2.as_slice()];
        assert_eq!(card_played(rounds, &poka("test", 0.5)), Some(2));
        assert_eq!(card_played(rounds, &poka("pack", 0.5)), None);
        let buffer = Change::Buffer {
            station: "test".into(),
            buffer: Some(4),
        };
        assert_eq!(card_played(rounds, &buffer), None);
        assert_eq!(made_before(rounds, &buffer), Some(2));
    }
}
