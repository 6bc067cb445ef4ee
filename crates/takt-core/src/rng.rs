//! Random number streams.
//!
//! Takt uses one generator, ChaCha8 (`rand_chacha`), seeded per *named stream*:
//! the key is made of the run seed, the replication number and a stable hash of
//! the stream's name (e.g. `process:weld/tighten`). So every entity of a line draws
//! from its own stream, replications are independent, and two scenarios run with
//! the same seed see the same numbers for the same entities (common random numbers).
//! Only portable integer and IEEE operations are used, so streams are identical
//! natively and in WebAssembly.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// A named, seeded stream of random numbers.
#[derive(Clone, Debug)]
pub struct Stream(ChaCha8Rng);

/// A stable 64-bit FNV-1a hash (the same on every platform and Rust version).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Stream {
    /// The stream called `name` in replication `replication` of a run seeded with `seed`.
    pub fn new(seed: u64, replication: u64, name: &str) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        key[8..16].copy_from_slice(&replication.to_le_bytes());
        key[16..24].copy_from_slice(&fnv1a(name.as_bytes()).to_le_bytes());
        key[24..].copy_from_slice(b"takt/v1\0");
        Stream(ChaCha8Rng::from_seed(key))
    }

    /// A uniform number in [0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal number (Box–Muller with portable `libm` functions).
    pub fn standard_normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(std::f64::consts::TAU * u2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_same_numbers_other_key_other_numbers() {
        let a: Vec<f64> = {
            let mut s = Stream::new(7, 0, "process:cut");
            (0..5).map(|_| s.uniform()).collect()
        };
        let mut again = Stream::new(7, 0, "process:cut");
        assert!(a.iter().all(|x| *x == again.uniform()));
        for other in [
            Stream::new(8, 0, "process:cut"),
            Stream::new(7, 1, "process:cut"),
            Stream::new(7, 0, "process:weld"),
        ] {
            let mut o = other;
            assert_ne!(a[0], o.uniform());
        }
    }

    #[test]
    fn uniform_is_in_unit_interval_with_the_right_mean() {
        let mut s = Stream::new(1, 0, "u");
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = s.uniform();
            assert!((0.0..1.0).contains(&u));
            sum += u;
        }
        assert!((sum / n as f64 - 0.5).abs() < 0.005);
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
