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
    fnv1a_parts([bytes])
}

/// [`fnv1a`] of the concatenated parts (FNV-1a reads bytes one by one, so the parts need
/// not be joined first).
fn fnv1a_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.into_iter().flatten() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Right edge of the base layer of the 256-layer exponential ziggurat.
const ZIG_EXP_R: f64 = 7.697_117_470_131_05;
/// Area of each layer.
const ZIG_EXP_V: f64 = 0.003_949_659_822_581_557;

/// Layer edges `x[0..=256]` (decreasing, `x[1] = r`, `x[256] = 0`) and `f(x) = e^(−x)` at them,
/// computed once with `libm`, so they are identical on every platform.
fn exp_tables() -> &'static ([f64; 257], [f64; 257]) {
    static TABLES: std::sync::OnceLock<([f64; 257], [f64; 257])> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; 257];
        x[0] = ZIG_EXP_V / libm::exp(-ZIG_EXP_R);
        x[1] = ZIG_EXP_R;
        for i in 1..256 {
            x[i + 1] = -libm::log(ZIG_EXP_V / x[i] + libm::exp(-x[i]));
        }
        x[256] = 0.0;
        let mut f = [0.0; 257];
        for i in 0..257 {
            f[i] = libm::exp(-x[i]);
        }
        (x, f)
    })
}

impl Stream {
    /// The stream called `name` in replication `replication` of a run seeded with `seed`.
    pub fn new(seed: u64, replication: u64, name: &str) -> Self {
        Self::named(seed, replication, [name])
    }

    /// [`Stream::new`] for the name made of `parts` joined (e.g. `["process:", "weld"]`).
    pub fn named<const N: usize>(seed: u64, replication: u64, parts: [&str; N]) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        key[8..16].copy_from_slice(&replication.to_le_bytes());
        let name = fnv1a_parts(parts.map(str::as_bytes));
        key[16..24].copy_from_slice(&name.to_le_bytes());
        key[24..].copy_from_slice(b"takt/v1\0");
        Stream(ChaCha8Rng::from_seed(key))
    }

    /// A uniform number in [0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard exponential number (mean 1), by Marsaglia and Tsang's ziggurat: one 64-bit
    /// draw and a multiplication in about 99 % of cases, `libm` only in the rare edge cases.
    #[inline]
    pub fn standard_exponential(&mut self) -> f64 {
        let (x_tab, f_tab) = exp_tables();
        loop {
            let bits = self.0.next_u64();
            let i = (bits & 0xff) as usize;
            let u = (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
            let x = u * x_tab[i];
            if x < x_tab[i + 1] {
                return x;
            }
            if i == 0 {
                // The tail beyond r: r plus a fresh exponential (memorylessness).
                return ZIG_EXP_R - libm::log(1.0 - self.uniform());
            }
            if f_tab[i + 1] + (f_tab[i] - f_tab[i + 1]) * self.uniform() < libm::exp(-x) {
                return x;
            }
        }
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
    fn ziggurat_tables_close_and_exponentials_have_the_right_law() {
        let (x, _) = exp_tables();
        // The recursion from r must land (almost) exactly on 0 at the top layer.
        assert!(x[255] > 0.0 && x[255] < 0.1, "{}", x[255]);
        let mut s = Stream::new(5, 0, "exp");
        let n = 400_000;
        let xs: Vec<f64> = (0..n).map(|_| s.standard_exponential()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!((mean - 1.0).abs() < 0.01, "{mean}");
        // The distribution function at a few points, including the tail beyond r.
        for t in [0.1, 0.5, 1.0, 2.0, 4.0, 8.0] {
            let below = xs.iter().filter(|v| **v <= t).count() as f64 / n as f64;
            let want = 1.0 - libm::exp(-t);
            assert!(
                (below - want).abs() < 0.003,
                "P(X ≤ {t}) = {below}, want {want}"
            );
        }
        assert!(xs.iter().any(|v| *v > ZIG_EXP_R), "the tail is reachable");
    }

    #[test]
    fn a_name_in_parts_is_the_joined_name() {
        let mut whole = Stream::new(3, 1, "process:weld");
        let mut parts = Stream::named(3, 1, ["process:", "weld"]);
        assert!((0..4).all(|_| whole.uniform() == parts.uniform()));
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
