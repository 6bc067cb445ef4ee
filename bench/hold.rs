//! The bare "hold" loop: the floor an event-driven engine is measured against.
//!
//! A pending set of N events in a binary heap ordered by (time, sequence), as the engine
//! orders its events; each hold pops the earliest event and schedules its successor an
//! exponential time later (the sample drawn from a 64-bit xorshift and a logarithm, about
//! the cheapest exponential there is). Nothing else: no state, no statistics.
//!
//!     rustc -C opt-level=3 bench/hold.rs -o target/hold   (bench/compare.py does this)
//!     target/hold [PENDING] [HOLDS]        (default 16 and 50,000,000)
//!
//! Prints one JSON object: `pending`, `holds`, `ns_per_hold` (wall time / holds) and a
//! checksum of the final clock (so the optimiser cannot drop the loop).
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

/// xorshift64*: a fast generator, good enough for a timing loop.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// An exponential sample of mean `mean`, rounded to whole time units (the engine's
    /// integer time).
    fn exp(&mut self, mean: f64) -> u64 {
        let u = ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
        (-mean * u.ln()).round() as u64
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let pending: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let holds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(50_000_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut heap = BinaryHeap::with_capacity(pending as usize + 1);
    let mut seq = 0u64;
    for _ in 0..pending {
        heap.push(Reverse((rng.exp(50_000.0), seq)));
        seq += 1;
    }
    let start = Instant::now();
    let mut now = 0;
    for _ in 0..holds {
        let Reverse((t, _)) = heap.pop().expect("the pending set is never empty");
        now = t;
        heap.push(Reverse((t + rng.exp(50_000.0), seq)));
        seq += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    println!(
        "{{\"pending\": {pending}, \"holds\": {holds}, \"ns_per_hold\": {:.3}, \"checksum\": {now}}}",
        wall * 1e9 / holds as f64
    );
}
