//! Many replications of one line: replication `r` of a run with seed `s` draws every named
//! stream from key `(s, r, name)`, so replications are independent, and two lines run with
//! the same seed use common random numbers for the entities they share (a fair comparison).
//!
//! Natively the replications of a batch run on every core; the results keep replication
//! order, so they are the same bytes whatever the number of threads (one in WebAssembly,
//! where the app runs replications in a web worker instead).

use super::engine::{Prepared, RunOptions, RunResult, SimError};
use crate::json::{Errors, Problem};
use crate::model::Scenario;

/// The largest number of replications of one call.
pub const MAX_REPLICATIONS: u64 = 100_000;

/// What an observer of replications answers after each batch.
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

/// [`run_replications`] with an observer, called with the number of replications done after
/// each batch (about a hundred times in all, and once at the end); `Ok(None)` when it
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
    let threads = worker_threads().min(replications as usize) as u64;
    // A batch is at least one replication per thread, and there are at most ~100 of them.
    let batch = threads.max(replications.div_ceil(100).div_ceil(threads) * threads);
    let mut runs = Vec::with_capacity(replications as usize);
    let mut start = 0;
    while start < replications {
        let end = (start + batch).min(replications);
        if threads <= 1 {
            for r in start..end {
                runs.push(one(r)?);
            }
        } else {
            for r in in_parallel(start..end, threads, &one) {
                runs.push(r?);
            }
        }
        start = end;
        if observe(start) == Control::Cancel && start < replications {
            return Ok(None);
        }
    }
    Ok(Some(runs))
}

/// Runs `one` on every replication of `range` with `threads` threads; results in order.
fn in_parallel<T: Send>(
    range: std::ops::Range<u64>,
    threads: u64,
    one: &(impl Fn(u64) -> T + Sync),
) -> Vec<T> {
    let chunks: Vec<Vec<T>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (range.start + t..range.end)
                        .step_by(threads as usize)
                        .map(one)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a replication thread panicked"))
            .collect()
    });
    let mut iters: Vec<_> = chunks.into_iter().map(Vec::into_iter).collect();
    let n = (range.end - range.start) as usize;
    (0..n)
        .filter_map(|k| iters[k % threads as usize].next())
        .collect()
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
