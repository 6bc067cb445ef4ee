//! The active period method of bottleneck detection (Roser, Nakano, Tanaka 2002).
//!
//! A station is *active* while it works, changes over or is down, and inactive while it
//! is starved, blocked or waiting for an operator (a station with several servers is
//! active while all of them are). At any instant the momentary bottleneck is the station
//! whose uninterrupted active period (the whole period around that instant) is longest.
//! Where the bottleneck passes from one station to another, the overlap of their two
//! active periods is *shifting* bottleneck time for both; the rest of a station's
//! bottleneck time is *sole* bottleneck time.

use serde::{Deserialize, Serialize};

/// Bottleneck shares of one station, as fractions of the observed time.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Shares {
    /// Time it alone is the bottleneck.
    pub sole: f64,
    /// Time it shares the bottleneck role during a shift.
    pub shifting: f64,
}

impl Shares {
    /// Sole + shifting.
    pub fn total(&self) -> f64 {
        self.sole + self.shifting
    }
}

/// Applies the method to each station's active periods (sorted, non-overlapping
/// `(start, end)` intervals) observed over `[from, to]`.
pub fn active_period_method(periods: &[&[(f64, f64)]], from: f64, to: f64) -> Vec<Shares> {
    let n = periods.len();
    let span = to - from;
    if span <= 0.0 {
        return vec![Shares::default(); n];
    }
    // Sweep the period boundaries in time order (ends before starts at the same instant),
    // keeping the momentary bottleneck: the active station with the longest period (the
    // lowest index on a tie). Output: merged segments (station, period index, start, end).
    let events = boundaries(periods);
    let len = |s: usize, k: usize| periods[s][k].1 - periods[s][k].0;
    let better = |(s, k): (usize, usize), (t, j): (usize, usize)| {
        let (a, b) = (len(s, k), len(t, j));
        a > b || (a == b && s < t)
    };
    let mut active: Vec<Option<usize>> = vec![None; n];
    let mut winner: Option<(usize, usize)> = None;
    let mut segs: Vec<(usize, usize, f64, f64)> = Vec::new();
    let mut since = from;
    for (t, start, s, k) in events {
        let before = winner;
        if start {
            active[s] = Some(k);
            if winner.is_none_or(|w| better((s, k), w)) {
                winner = Some((s, k));
            }
        } else {
            active[s] = None;
            if winner == Some((s, k)) {
                winner = None;
                for (t2, a) in active.iter().enumerate() {
                    if let Some(j) = *a {
                        if winner.is_none_or(|w| better((t2, j), w)) {
                            winner = Some((t2, j));
                        }
                    }
                }
            }
        }
        if winner != before {
            if let Some((ws, wk)) = before {
                if t > since {
                    segs.push((ws, wk, since, t));
                }
            }
            since = t;
        }
    }
    // Shifting intervals: overlaps of consecutive bottleneck periods of different stations.
    let mut shifting: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
    for w in segs.windows(2) {
        let (x, y) = (w[0], w[1]);
        if x.0 == y.0 || x.3 != y.2 {
            continue;
        }
        let (px, py) = (periods[x.0][x.1], periods[y.0][y.1]);
        let (a, b) = (px.0.max(py.0), px.1.min(py.1));
        if b > a {
            shifting[x.0].push((a, b));
            shifting[y.0].push((a, b));
        }
    }
    (0..n)
        .map(|s| {
            let shift = union(&mut shifting[s]);
            let own: Vec<(f64, f64)> = segs
                .iter()
                .filter(|g| g.0 == s)
                .map(|g| (g.2, g.3))
                .collect();
            let bn = length(&own);
            let shift_len = length(&shift);
            let sole = (bn - intersection(&own, &shift)).max(0.0);
            Shares {
                sole: sole / span,
                shifting: shift_len / span,
            }
        })
        .collect()
}

/// Every start and end of the stations' periods in time order (ends before starts at an
/// instant, then by station): `(time, is_start, station, period index)`. Each station's
/// boundaries are already in order, so they are merged, not sorted: each station's next
/// boundary is one integer key in that order, and the least key comes out next.
fn boundaries<'a>(
    periods: &'a [&'a [(f64, f64)]],
) -> impl Iterator<Item = (f64, bool, usize, usize)> + 'a {
    // Boundary `c` of a station: the start (c even) or the end (c odd) of period c / 2.
    let key = move |s: usize, c: usize| -> u128 {
        match periods[s].get(c / 2) {
            None => u128::MAX,
            Some(&(a, b)) => {
                let (t, start) = if c.is_multiple_of(2) {
                    (a, true)
                } else {
                    (b, false)
                };
                // The time's bits mapped so that integer order is `f64::total_cmp` order.
                let bits = t.to_bits();
                let ordered = if bits >> 63 == 1 {
                    !bits
                } else {
                    bits | 1 << 63
                };
                (u128::from(ordered) << 64) | (u128::from(start) << 63) | s as u128
            }
        }
    };
    let mut next = vec![0usize; periods.len()];
    let mut heads: Vec<u128> = (0..periods.len()).map(|s| key(s, 0)).collect();
    std::iter::from_fn(move || {
        let (s, &least) = heads.iter().enumerate().min_by_key(|&(_, k)| *k)?;
        if least == u128::MAX {
            return None;
        }
        let c = next[s];
        next[s] += 1;
        heads[s] = key(s, c + 1);
        let (a, b) = periods[s][c / 2];
        let start = c.is_multiple_of(2);
        Some((if start { a } else { b }, start, s, c / 2))
    })
}

/// Total length of intervals (0.0, never −0.0, for none).
fn length(v: &[(f64, f64)]) -> f64 {
    v.iter().fold(0.0, |acc, (a, b)| acc + (b - a))
}

/// Sorts and merges intervals.
fn union(v: &mut [(f64, f64)]) -> Vec<(f64, f64)> {
    v.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &(a, b) in v.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Total length of the intersection of two sorted lists of disjoint intervals.
fn intersection(x: &[(f64, f64)], y: &[(f64, f64)]) -> f64 {
    let (mut i, mut j, mut total) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        let (a, b) = (x[i].0.max(y[j].0), x[i].1.min(y[j].1));
        if b > a {
            total += b - a;
        }
        if x[i].1 < y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_station_always_active_is_the_sole_bottleneck() {
        let a: &[(f64, f64)] = &[(0.0, 100.0)];
        let b: &[(f64, f64)] = &[(0.0, 10.0), (20.0, 30.0), (50.0, 60.0)];
        let r = active_period_method(&[a, b], 0.0, 100.0);
        assert_eq!(
            r[0],
            Shares {
                sole: 1.0,
                shifting: 0.0
            }
        );
        assert_eq!(r[1], Shares::default());
    }

    #[test]
    fn overlapping_handover_is_shifting_time() {
        // A is active on [0, 60] (60 long), B on [40, 110] (70 long).
        let a: &[(f64, f64)] = &[(0.0, 60.0)];
        let b: &[(f64, f64)] = &[(40.0, 110.0)];
        let r = active_period_method(&[a, b], 0.0, 110.0);
        // Momentary: A on [0, 40), B (longer period) from 40. Overlap [40, 60] is shifting for both.
        assert!((r[0].sole - 40.0 / 110.0).abs() < 1e-12, "{:?}", r);
        assert!((r[0].shifting - 20.0 / 110.0).abs() < 1e-12);
        assert!((r[1].sole - 50.0 / 110.0).abs() < 1e-12);
        assert!((r[1].shifting - 20.0 / 110.0).abs() < 1e-12);
    }

    /// The definition, evaluated on a fine grid: at each instant the active station with the
    /// longest period is the bottleneck.
    fn momentary_by_grid(periods: &[Vec<(f64, f64)>], t: f64) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (s, ps) in periods.iter().enumerate() {
            for &(a, b) in ps {
                if a <= t && t < b && best.is_none_or(|(_, l)| b - a > l) {
                    best = Some((s, b - a));
                }
            }
        }
        best.map(|b| b.0)
    }

    #[test]
    fn bottleneck_time_matches_the_definition_on_random_periods() {
        let mut rng = crate::sim::rng::Stream::new(3, 0, "apm-test");
        for _ in 0..50 {
            let periods: Vec<Vec<(f64, f64)>> = (0..4)
                .map(|_| {
                    let mut t = 0.0;
                    let mut v = Vec::new();
                    while t < 90.0 {
                        let a = t + (rng.uniform() * 10.0).floor();
                        let b = a + 1.0 + (rng.uniform() * 15.0).floor();
                        v.push((a, b.min(100.0)));
                        t = b + 1.0;
                    }
                    v.retain(|p| p.0 < p.1);
                    v
                })
                .collect();
            let refs: Vec<&[(f64, f64)]> = periods.iter().map(|p| p.as_slice()).collect();
            let shares = active_period_method(&refs, 0.0, 100.0);
            // Sole + shifting covers at least each station's momentary-bottleneck time minus overlaps,
            // and the sum of sole times plus the shifting overlaps equals the time with any bottleneck.
            let mut grid = [0.0; 4];
            for i in 0..1000 {
                if let Some(s) = momentary_by_grid(&periods, i as f64 * 0.1 + 0.05) {
                    grid[s] += 0.1;
                }
            }
            for s in 0..4 {
                let own = grid[s] / 100.0;
                assert!(
                    shares[s].sole <= own + 1e-9,
                    "sole {} > bottleneck time {own}",
                    shares[s].sole
                );
                assert!(
                    shares[s].total() + 1e-9 >= own,
                    "total {} < bottleneck time {own}",
                    shares[s].total()
                );
            }
        }
    }

    #[test]
    fn boundaries_come_out_as_a_sort_by_time_end_first_then_station_would_give() {
        // Shared instants: 10 (an end of A, a start of B and of C), 30 (two ends, one start).
        let a: &[(f64, f64)] = &[(0.0, 10.0), (30.0, 40.0)];
        let b: &[(f64, f64)] = &[(10.0, 30.0)];
        let c: &[(f64, f64)] = &[(10.0, 30.0), (35.0, 50.0)];
        let empty: &[(f64, f64)] = &[];
        let periods = [a, empty, b, c];
        let mut want = Vec::new();
        for (s, ps) in periods.iter().enumerate() {
            for (k, &(x, y)) in ps.iter().enumerate() {
                want.push((x, true, s, k));
                want.push((y, false, s, k));
            }
        }
        want.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
        let got: Vec<_> = boundaries(&periods).collect();
        assert_eq!(got, want);
        assert_eq!(
            got[1],
            (10.0, false, 0, 0),
            "the end at 10 before the starts"
        );
    }

    #[test]
    fn no_activity_no_bottleneck() {
        let r = active_period_method(&[&[], &[]], 0.0, 10.0);
        assert_eq!(r, vec![Shares::default(); 2]);
    }
}
