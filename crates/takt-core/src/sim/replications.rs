//! Many replications of one line: replication `r` of a run with seed `s` draws every named
//! stream from key `(s, r, name)`, so replications are independent, and two lines run with
//! the same seed use common random numbers for the entities they share (a fair comparison).
//!
//! Natively the replications run on every core (threads started once per call, each taking
//! the next replication); the results keep replication order, so they are the same bytes
//! whatever the number of threads (one in WebAssembly,
//! where the app runs replications in a web worker instead).

use super::engine::{Prepared, RunOptions, RunResult, SimError};
use crate::json::{Errors, Problem};
use crate::model::Scenario;

/// The largest number of replications of one call.
pub const MAX_REPLICATIONS: u64 = 100_000;

/// What an observer of replications answers each time it hears how many are done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Go on.
    Continue,
    /// Stop now: the replications are not finished.
    Cancel,
}

/// Runs replications `0..replications` with the given options (seed and replication are set
/// here).
pub fn run_replications(
    sc: &Scenario,
    seed: u64,
    replications: u64,
    base: &RunOptions,
) -> Result<Vec<RunResult>, SimError> {
    let all = run_replications_observed(sc, seed, replications, base, |_| Control::Continue)?;
    Ok(all.unwrap_or_default())
}

/// [`run_replications`] with an observer, called with the number of replications done (in
/// replication order) about a hundred times in all, and once at the end; `Ok(None)` when it
/// cancelled.
pub fn run_replications_observed(
    sc: &Scenario,
    seed: u64,
    replications: u64,
    base: &RunOptions,
    mut observe: impl FnMut(u64) -> Control,
) -> Result<Option<Vec<RunResult>>, SimError> {
    if replications == 0 || replications > MAX_REPLICATIONS {
        return Err(SimError::Invalid(Errors::one(
            "replications",
            Problem::Between {
                min: 1.0,
                max: MAX_REPLICATIONS as f64,
            },
        )));
    }
    let prepared = Prepared::new(sc)?;
    let one = |r: u64| {
        prepared.run(RunOptions {
            seed,
            replication: r,
            ..base.clone()
        })
    };
    // The observer hears about a hundred times in all, and once at the end; a cancel
    // before the end stops the run.
    let every = replications.div_ceil(100);
    let go_on = |done: u64| {
        let heard = done.is_multiple_of(every) || done == replications;
        !(heard && observe(done) == Control::Cancel && done < replications)
    };
    let threads = worker_threads().min(replications as usize);
    if threads <= 1 {
        let mut go_on = go_on;
        let mut runs = Vec::with_capacity(replications as usize);
        for r in 0..replications {
            runs.push(one(r)?);
            if !go_on(r + 1) {
                return Ok(None);
            }
        }
        return Ok(Some(runs));
    }
    match in_parallel(replications, threads, &one, go_on) {
        None => Ok(None),
        Some(all) => all.into_iter().collect::<Result<Vec<_>, _>>().map(Some),
    }
}

/// `one(0)`, …, `one(n − 1)` on every core (one by one in WebAssembly), in order: for work
/// other than replications that is as independent (the best-plan search runs its candidate
/// plans this way, each plan's replications on one thread).
pub(crate) fn each_in_parallel<T: Send>(n: usize, one: &(impl Fn(usize) -> T + Sync)) -> Vec<T> {
    let threads = worker_threads().min(n);
    if threads <= 1 {
        return (0..n).map(one).collect();
    }
    in_parallel(n as u64, threads, &|k: u64| one(k as usize), |_| true).unwrap_or_default()
}

/// Runs `one` on replications `0..n` with `threads` threads started once: each takes the
/// next replication not yet taken. The results are gathered in replication order; `go_on`
/// is told each time one more replication is done in that order, and stops the run (`None`)
/// when it answers `false`.
fn in_parallel<T: Send>(
    n: u64,
    threads: usize,
    one: &(impl Fn(u64) -> T + Sync),
    mut go_on: impl FnMut(u64) -> bool,
) -> Option<Vec<T>> {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel::<(u64, T)>();
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || loop {
                let r = next.fetch_add(1, Ordering::Relaxed);
                if r >= n || stop.load(Ordering::Relaxed) {
                    break;
                }
                if send.send((r, one(r))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut slots: Vec<Option<T>> = (0..n).map(|_| None).collect();
        let mut done = 0;
        for (r, result) in receive {
            slots[r as usize] = Some(result);
            while done < n && slots[done as usize].is_some() {
                done += 1;
                if !go_on(done) {
                    stop.store(true, Ordering::Relaxed);
                    return None;
                }
            }
        }
        // A thread that panicked ends the scope with its panic; every slot is filled here.
        Some(slots.into_iter().flatten().collect())
    })
}

/// How many threads replications may use: all cores natively, one in WebAssembly
/// (the browser app runs replications in a web worker instead).
fn worker_threads() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Scenario {
        Scenario::from_json(
            r#"{"name":"two","time_unit":"s","horizon":3600,
                "stations":[{"id":"a","process":{"dist":"exponential","mean":50}},
                            {"id":"b","process":{"dist":"exponential","mean":55},"buffer":2}]}"#,
        )
        .expect("valid")
    }

    #[test]
    fn the_observer_hears_growing_counts_ending_with_all() {
        let mut heard = Vec::new();
        let runs = run_replications_observed(&line(), 1, 250, &RunOptions::default(), |n| {
            heard.push(n);
            Control::Continue
        })
        .expect("runs")
        .expect("not cancelled");
        assert_eq!(runs.len(), 250);
        assert!(heard.windows(2).all(|w| w[0] < w[1]), "{heard:?}");
        assert_eq!(heard.last(), Some(&250));
        assert!((50..=101).contains(&heard.len()), "{} calls", heard.len());
        // In replication order, whatever thread ran them.
        assert!(runs
            .iter()
            .enumerate()
            .all(|(r, run)| run.replication == r as u64));
    }

    #[test]
    fn a_cancel_stops_the_run_and_gives_nothing() {
        let mut calls = 0;
        let out = run_replications_observed(&line(), 1, 400, &RunOptions::default(), |_| {
            calls += 1;
            Control::Cancel
        })
        .expect("runs");
        assert!(out.is_none());
        assert_eq!(calls, 1);
    }

    #[test]
    fn threads_do_not_change_the_results() {
        let sc = line();
        let prepared = Prepared::new(&sc).expect("valid");
        let one = |r: u64| {
            prepared
                .run(RunOptions {
                    seed: 9,
                    replication: r,
                    ..RunOptions::default()
                })
                .expect("runs")
                .completed
        };
        let alone: Vec<u64> = (0..40).map(one).collect();
        for threads in [2, 3, 8] {
            let shared = in_parallel(40, threads, &one, |_| true).expect("not stopped");
            assert_eq!(shared, alone, "{threads} threads");
        }
    }
}
