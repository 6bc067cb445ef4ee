//! Small, deterministic statistics helpers.

/// Arithmetic mean (0 for an empty slice).
pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Sample standard deviation (n − 1 in the denominator; 0 below two values).
pub fn sample_sd(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    (ss / (xs.len() - 1) as f64).sqrt()
}

/// The 97.5 % quantile of Student's t distribution with `df` degrees of freedom
/// (exact to 3 decimals up to 30, interpolated in 1/df beyond).
pub fn t975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    const TAIL: [(f64, f64); 5] = [
        (30.0, 2.042),
        (40.0, 2.021),
        (60.0, 2.000),
        (120.0, 1.980),
        (f64::INFINITY, 1.960),
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => T[df - 1],
        _ => {
            let x = 1.0 / df as f64;
            for w in TAIL.windows(2) {
                let ((d0, t0), (d1, t1)) = (w[0], w[1]);
                if (df as f64) <= d1 {
                    let (x0, x1) = (1.0 / d0, 1.0 / d1);
                    return t0 + (t1 - t0) * (x - x0) / (x1 - x0);
                }
            }
            1.960
        }
    }
}

/// Half-width of the 95 % confidence interval of the mean (0 below two values).
pub fn ci95(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    t975(xs.len() - 1) * sample_sd(xs) / (xs.len() as f64).sqrt()
}

/// The `p`-th percentiles (0 < p ≤ 100) by the nearest-rank method, found by selection
/// in linear time (`xs` is reordered; `None` for no values).
pub fn percentiles<const N: usize>(xs: &mut [f64], ps: [f64; N]) -> [Option<f64>; N] {
    ps.map(|p| {
        if xs.is_empty() {
            return None;
        }
        let rank = ((p / 100.0) * xs.len() as f64).ceil() as usize;
        let k = rank.clamp(1, xs.len()) - 1;
        Some(*xs.select_nth_unstable_by(k, f64::total_cmp).1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_sd_ci() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&xs), 5.0);
        assert!((sample_sd(&xs) - 2.138_089_935).abs() < 1e-9);
        assert!((ci95(&xs) - 2.365 * 2.138_089_935 / 8f64.sqrt()).abs() < 1e-9);
        assert_eq!(ci95(&[1.0]), 0.0);
    }

    #[test]
    fn t_quantiles() {
        assert_eq!(t975(1), 12.706);
        assert_eq!(t975(29), 2.045);
        assert!((t975(40) - 2.021).abs() < 1e-12);
        assert!(t975(50) < 2.021 && t975(50) > 2.000);
        assert!((t975(1_000_000) - 1.96).abs() < 1e-3);
    }

    #[test]
    fn nearest_rank_percentiles() {
        // 1..=20 in a scrambled order.
        let mut xs: Vec<f64> = (1..=20).map(|i| f64::from((i * 7) % 20 + 1)).collect();
        assert_eq!(
            percentiles(&mut xs, [50.0, 90.0, 95.0, 100.0]),
            [Some(10.0), Some(18.0), Some(19.0), Some(20.0)]
        );
        assert_eq!(percentiles(&mut [], [50.0]), [None]);
    }
}
