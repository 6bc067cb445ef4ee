//! Drawing from a distribution: the model describes a [`Dist`], the simulation samples it
//! from a named random stream.

use super::rng::Stream;
use crate::model::Dist;

impl Dist {
    /// One draw (≥ 0 for a validated distribution).
    pub(crate) fn sample(&self, s: &mut Stream) -> f64 {
        match *self {
            Dist::Constant { value } => value,
            Dist::Exponential { mean } => mean * s.standard_exponential(),
            Dist::Uniform { min, max } => min + (max - min) * s.uniform(),
            Dist::Triangular { min, mode, max } => {
                let u = s.uniform();
                let span = max - min;
                if span == 0.0 {
                    return min;
                }
                if u < (mode - min) / span {
                    min + libm::sqrt(u * span * (mode - min))
                } else {
                    max - libm::sqrt((1.0 - u) * span * (max - mode))
                }
            }
            Dist::Normal { mean, sd } => {
                // Validation requires mean > 0, so each draw is accepted with p > 1/2;
                // after 64 rejections (p < 2⁻⁶⁴) fall back to 0.
                for _ in 0..64 {
                    let x = mean + sd * s.standard_normal();
                    if x >= 0.0 {
                        return x;
                    }
                }
                0.0
            }
            Dist::Lognormal { mean, sd } => {
                let sigma2 = libm::log(1.0 + (sd * sd) / (mean * mean));
                let mu = libm::log(mean) - sigma2 / 2.0;
                libm::exp(mu + libm::sqrt(sigma2) * s.standard_normal())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_mean_sd(d: &Dist, n: usize) -> (f64, f64) {
        let mut s = Stream::new(42, 0, "test");
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut s)).collect();
        assert!(xs.iter().all(|x| *x >= 0.0 && x.is_finite()));
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        (m, v.sqrt())
    }

    #[test]
    fn sample_moments_match_the_parameters() {
        let n = 200_000;
        let cases = [
            (Dist::Exponential { mean: 75.0 }, 75.0, 75.0),
            (
                Dist::Uniform {
                    min: 10.0,
                    max: 20.0,
                },
                15.0,
                10.0 / 12f64.sqrt(),
            ),
            (
                Dist::Triangular {
                    min: 40.0,
                    mode: 50.0,
                    max: 70.0,
                },
                160.0 / 3.0,
                {
                    let (a, c, b) = (40.0f64, 50.0f64, 70.0f64);
                    ((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0).sqrt()
                },
            ),
            (
                Dist::Normal {
                    mean: 50.0,
                    sd: 5.0,
                },
                50.0,
                5.0,
            ),
            (
                Dist::Lognormal {
                    mean: 20.0,
                    sd: 8.0,
                },
                20.0,
                8.0,
            ),
        ];
        for (d, mean, sd) in cases {
            let (m, s) = sample_mean_sd(&d, n);
            assert!((m - mean).abs() < 0.01 * mean, "{d}: mean {m} vs {mean}");
            assert!((s - sd).abs() < 0.02 * sd, "{d}: sd {s} vs {sd}");
            assert!(
                (d.mean() - mean).abs() < 1e-9 * mean.max(1.0),
                "{d}: analytic mean"
            );
        }
    }

    #[test]
    fn truncated_normal_mean_accounts_for_the_cut() {
        // N(1, 2) truncated at 0: α = −0.5, φ(α) = 0.352065, 1 − Φ(α) = 0.691462,
        // mean = 1 + 2 · 0.352065 / 0.691462 = 2.01833.
        let d = Dist::Normal { mean: 1.0, sd: 2.0 };
        assert!((d.mean() - 2.01833).abs() < 1e-4, "{}", d.mean());
        let (m, _) = sample_mean_sd(&d, 200_000);
        assert!((m - d.mean()).abs() < 0.02, "{m}");
    }
}
