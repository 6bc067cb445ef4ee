//! The search over plans (sets of candidate moves within the round's budget), each screened
//! on a few replications: a local search from the empty plan (the best of adding a move,
//! removing one, or trading one for another on the same place, until none improves), then
//! iterated local search (a few moves of the best plan dropped and others added at random,
//! and the local search again) while the evaluation budget lasts.

use super::judge::{Judge, Rank};
use super::moves::{conflict, Move};
use crate::sim::replications::each_in_parallel;
use crate::sim::rng::Stream;
use crate::training::catalog::Change;
use std::collections::BTreeMap;

/// Plans run at once (on every core), between two looks at the budget and the host.
const BATCH: usize = 16;
/// Iterated local search ends after this many perturbations in a row that tried no new plan.
const MAX_IDLE: u32 = 50;

/// Why the search stopped before its evaluation budget was spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Halt {
    /// The evaluation budget is spent.
    Budget,
    /// The host's time limit was reached.
    Time,
    /// The host cancelled.
    Cancelled,
}

/// A plan: indices into the moves, ascending.
pub type Plan = Vec<usize>;

/// The search's state.
pub struct Search<'a, 'o> {
    judge: &'a Judge<'a>,
    moves: Vec<Move>,
    /// `clash[a][b]`: moves `a` and `b` cannot be in one plan.
    clash: Vec<Vec<bool>>,
    /// The round's budget (roubles), if any.
    money: Option<f64>,
    /// Replications of a screening, and of the confirmation.
    screen: u64,
    full: u64,
    /// Events the search may spend.
    budget: u64,
    /// Every plan run so far, with its rank.
    seen: BTreeMap<Plan, Rank>,
    /// Events spent and plans run.
    pub spent: u64,
    pub evaluated: u64,
    /// Why it stopped, once it has.
    pub halt: Option<Halt>,
    /// Told after each plan run the events spent so far and the plans run; it answers why
    /// to stop, or `None` to go on.
    observe: &'o mut (dyn FnMut(u64, u64) -> Option<Halt> + 'o),
}

impl<'a, 'o> Search<'a, 'o> {
    /// A search over `moves` within the round's budget `money`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        judge: &'a Judge<'a>,
        moves: Vec<Move>,
        money: Option<f64>,
        screen: u64,
        full: u64,
        budget: u64,
        observe: &'o mut (dyn FnMut(u64, u64) -> Option<Halt> + 'o),
    ) -> Self {
        let clash = moves
            .iter()
            .map(|a| moves.iter().map(|b| conflict(a, b)).collect())
            .collect();
        Search {
            judge,
            moves,
            clash,
            money,
            screen,
            full,
            budget,
            seen: BTreeMap::new(),
            spent: 0,
            evaluated: 0,
            halt: None,
            observe,
        }
    }

    /// The changes of a plan, in move order.
    pub fn changes(&self, plan: &[usize]) -> Vec<Change> {
        plan.iter()
            .flat_map(|&k| self.moves[k].changes.iter().cloned())
            .collect()
    }

    fn cost(&self, plan: &[usize]) -> f64 {
        plan.iter().map(|&k| self.moves[k].cost).sum()
    }

    /// Whether move `a` can join `plan`: not in it, no clash, within the budget.
    fn fits(&self, plan: &[usize], a: usize) -> bool {
        !plan.contains(&a)
            && plan.iter().all(|&p| !self.clash[p][a])
            && self
                .money
                .is_none_or(|m| self.cost(plan) + self.moves[a].cost <= m + 1e-9)
    }

    /// `plan` with `a` added, in order.
    fn with(plan: &[usize], a: usize) -> Plan {
        let mut p = plan.to_vec();
        let at = p.partition_point(|&x| x < a);
        p.insert(at, a);
        p
    }

    /// The screened ranks of `plans` (each run once, then remembered). Plans not yet run are
    /// run [`BATCH`] at a time on every core, and accounted for in order, so the search
    /// halts after the same plan whatever the number of cores; once it has halted, a plan
    /// not yet run ranks as refused.
    pub fn rank_all(&mut self, plans: &[Plan]) -> Vec<Rank> {
        let mut todo: Vec<&Plan> = Vec::new();
        for p in plans {
            if !self.seen.contains_key(p) && !todo.contains(&p) {
                todo.push(p);
            }
        }
        for batch in todo.chunks(BATCH) {
            if self.halt.is_some() {
                break;
            }
            let changes: Vec<Vec<Change>> = batch.iter().map(|p| self.changes(p)).collect();
            let (judge, screen) = (self.judge, self.screen);
            let judged = each_in_parallel(batch.len(), &|k| judge.judge(&changes[k], screen, true));
            for (plan, j) in batch.iter().zip(judged) {
                if self.halt.is_some() {
                    break;
                }
                let rank = match j {
                    Some(j) => {
                        self.spent += j.events();
                        self.evaluated += 1;
                        self.halt = (self.observe)(self.spent, self.evaluated);
                        if self.halt.is_none() && self.spent >= self.budget {
                            self.halt = Some(Halt::Budget);
                        }
                        judge.screened(&j, self.full)
                    }
                    None => Rank::REFUSED,
                };
                self.seen.insert((*plan).clone(), rank);
            }
        }
        plans
            .iter()
            .map(|p| self.seen.get(p).copied().unwrap_or(Rank::REFUSED))
            .collect()
    }

    /// The plans one step from `plan`: a move added, a move removed, or a move traded for
    /// another on the same place (another value of the same choice).
    fn neighbours(&self, plan: &[usize]) -> Vec<Plan> {
        let n = self.moves.len();
        let mut out: Vec<Plan> = (0..n)
            .filter(|&a| self.fits(plan, a))
            .map(|a| Self::with(plan, a))
            .collect();
        for (i, &m) in plan.iter().enumerate() {
            let mut rest = plan.to_vec();
            rest.remove(i);
            for a in (0..n).filter(|&a| a != m && self.clash[m][a]) {
                if self.fits(&rest, a) {
                    out.push(Self::with(&rest, a));
                }
            }
            out.push(rest);
        }
        out
    }

    /// Local search from `start`: the best neighbour while it improves.
    pub fn improve(&mut self, start: Plan) -> (Plan, Rank) {
        let first = self.rank_all(std::slice::from_ref(&start))[0];
        let mut at = (start, first);
        while self.halt.is_none() {
            let mut best: Option<(Plan, Rank)> = None;
            let next = self.neighbours(&at.0);
            let ranks = self.rank_all(&next);
            for (p, r) in next.into_iter().zip(ranks) {
                if r.beats(best.as_ref().map_or(&at.1, |b| &b.1)) {
                    best = Some((p, r));
                }
            }
            match best {
                Some(b) => at = b,
                None => break,
            }
        }
        at
    }

    /// The whole search: local search from the empty plan, then iterated local search from
    /// the best plan found, perturbed with the random stream of `seed`, until the budget is
    /// spent (or a long run of perturbations finds nothing new).
    pub fn run(&mut self, seed: u64) {
        let mut best = self.improve(Vec::new());
        let mut random = Stream::new(seed, 0, "optimize");
        let mut below =
            |n: usize| ((random.uniform() * n as f64) as usize).min(n.saturating_sub(1));
        let mut idle = 0;
        while self.halt.is_none() && idle < MAX_IDLE && !self.moves.is_empty() {
            let before = self.evaluated;
            let mut p = best.0.clone();
            for _ in 0..1 + below(2) {
                if !p.is_empty() {
                    p.remove(below(p.len()));
                }
            }
            for _ in 0..1 + below(2) {
                let open: Vec<usize> = (0..self.moves.len())
                    .filter(|&a| self.fits(&p, a))
                    .collect();
                if open.is_empty() {
                    break;
                }
                p = Self::with(&p, open[below(open.len())]);
            }
            let found = self.improve(p);
            if found.1.beats(&best.1) {
                best = found;
            }
            idle = if self.evaluated == before {
                idle + 1
            } else {
                0
            };
        }
    }

    /// The `k` best plans run, best first (ties: the plan that comes first).
    pub fn best(&self, k: usize) -> Vec<Plan> {
        let mut all: Vec<(&Plan, &Rank)> = self
            .seen
            .iter()
            .filter(|(_, r)| r.points.is_finite())
            .collect();
        all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        all.into_iter().take(k).map(|(p, _)| p.clone()).collect()
    }
}
