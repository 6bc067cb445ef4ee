//! Planned changeovers per unit of a station with `setup`: exact for any product mix.
//!
//! Per server (see "Changeovers" in `docs/scenario-format.md`), a unit of variant v needs a
//! changeover when `on_change` is set and v differs from the last unit's variant, or when
//! `every` = n units have started since the last changeover; any changeover restarts the
//! count. Variants are drawn independently with probabilities pᵥ (the products' shares).
//!
//! Cut the sequence of units at each changeover: a *run* starts with a changeover on a unit of
//! variant v and holds that unit and the following ones until the next changeover. The run
//! goes on past k units while the k − 1 after the first are all v, up to n units, so its mean
//! length is ℓᵥ = Σₖ₌₁ⁿ pᵥᵏ⁻¹ = (1 − pᵥⁿ) ÷ (1 − pᵥ) (1 ÷ (1 − pᵥ) without `every`). It ends on
//! a change (probability 1 − pᵥⁿ⁻¹; the next run's variant is w ≠ v with pw ÷ (1 − pᵥ)) or on
//! the count (pᵥⁿ⁻¹; the next variant is w with pw). The variants that start runs form a
//! Markov chain with these transitions; with its stationary law s, a renewal argument gives
//!
//! changeovers per unit = 1 ÷ Σᵥ sᵥ ℓᵥ.
//!
//! With equal shares this is q ÷ (1 − (1 − q)ⁿ), q = 1 − Σ pᵥ²; with unequal shares that
//! formula is off (−1.2 % at shares 2 : 1, about −8 % at 9 : 1 with n = 5), which is why the
//! chain is solved here.

use crate::model::{Scenario, Station};

/// Mean changeovers per unit processed at `st` in the long run (0 without `setup`).
pub(super) fn changeovers_per_unit(sc: &Scenario, st: &Station) -> f64 {
    let Some(setup) = &st.setup else {
        return 0.0;
    };
    let total: f64 = sc.products.iter().map(|p| p.share).sum();
    let shares: Vec<f64> = if setup.on_change && sc.products.len() > 1 && total > 0.0 {
        sc.products.iter().map(|p| p.share / total).collect()
    } else {
        // No change of variant ever triggers: one variant as far as changeovers go.
        vec![1.0]
    };
    per_unit(&shares, setup.every)
}

/// Changeovers per unit for variant probabilities `p` (summing to 1) and `every` = n.
fn per_unit(p: &[f64], every: Option<u32>) -> f64 {
    let pow = |pv: f64, k: u32| pv.powi(k as i32);
    let Some(n) = every.filter(|_| p.len() > 1) else {
        return match every {
            // A single variant: a changeover every n units.
            Some(n) => 1.0 / f64::from(n),
            // No count: a changeover whenever the variant changes, 1 − Σ pᵥ² (exact for any
            // shares; the chain below gives the same up to rounding).
            None => 1.0 - p.iter().map(|pv| pv * pv).sum::<f64>(),
        };
    };
    // ℓᵥ (every pᵥ < 1 here: at least two variants with a share > 0).
    let run_length = |pv: f64| (1.0 - pow(pv, n)) / (1.0 - pv);
    let k = p.len();
    // transition[v][w]: the next run starts with w after a run of v.
    let transition: Vec<Vec<f64>> = (0..k)
        .map(|v| {
            let by_count = pow(p[v], n.saturating_sub(1));
            (0..k)
                .map(|w| {
                    let by_change = if w == v {
                        0.0
                    } else {
                        (1.0 - by_count) * p[w] / (1.0 - p[v])
                    };
                    by_change + by_count * p[w]
                })
                .collect()
        })
        .collect();
    let s = stationary(&transition);
    let mean_run: f64 = (0..k).map(|v| s[v] * run_length(p[v])).sum();
    1.0 / mean_run
}

/// The stationary law of an irreducible stochastic matrix: s = s·T, Σ s = 1, solved by
/// Gaussian elimination with partial pivoting (the last balance equation replaced by Σ s = 1).
fn stationary(t: &[Vec<f64>]) -> Vec<f64> {
    let k = t.len();
    // Rows: equations Σᵥ sᵥ (T[v][w] − [v = w]) = 0 for w < k − 1, then Σ sᵥ = 1.
    let mut a: Vec<Vec<f64>> = (0..k)
        .map(|w| {
            let mut row: Vec<f64> = if w + 1 < k {
                (0..k)
                    .map(|v| t[v][w] - if v == w { 1.0 } else { 0.0 })
                    .collect()
            } else {
                vec![1.0; k]
            };
            row.push(if w + 1 < k { 0.0 } else { 1.0 });
            row
        })
        .collect();
    for col in 0..k {
        let pivot = (col..k)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        let d = a[col][col];
        if d == 0.0 {
            continue;
        }
        let pivot_row = a[col].clone();
        for (row, r) in a.iter_mut().enumerate() {
            let f = r[col] / d;
            if row != col && f != 0.0 {
                for (x, y) in r[col..].iter_mut().zip(&pivot_row[col..]) {
                    *x -= f * y;
                }
            }
        }
    }
    (0..k)
        .map(|i| {
            if a[i][i] == 0.0 {
                0.0
            } else {
                a[i][k] / a[i][i]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }

    #[test]
    fn equal_shares_agree_with_the_closed_form() {
        for k in 2..6 {
            let p = vec![1.0 / k as f64; k];
            let q = 1.0 - 1.0 / k as f64;
            for n in 1..8 {
                close(per_unit(&p, Some(n)), q / (1.0 - (1.0 - q).powi(n as i32)));
            }
            close(per_unit(&p, None), q);
        }
    }

    #[test]
    fn a_count_longer_than_any_run_leaves_one_minus_the_sum_of_squares() {
        // Runs of 0.6 longer than 100 units have probability 0.6⁹⁹: the chain with
        // every = 100 is the no-count rule, 1 − Σ p², to rounding.
        let p = [0.6, 0.3, 0.1];
        let q = 1.0 - (0.36 + 0.09 + 0.01);
        close(per_unit(&p, None), q);
        assert!((per_unit(&p, Some(100)) - q).abs() < 1e-12);
    }

    #[test]
    fn a_single_variant_changes_over_every_n_units() {
        close(per_unit(&[1.0], Some(4)), 0.25);
        close(per_unit(&[1.0], None), 0.0);
    }

    #[test]
    fn two_variants_by_hand() {
        // Shares 2 : 1 and every = 2. Runs of a (p = 2/3): length 1 + 2/3 = 5/3, ends on the
        // count with 2/3 (next a with 2/3, b with 1/3) or on a change with 1/3 (next b):
        // a → b with 1/3 + 2/3·1/3 = 5/9. Runs of b (p = 1/3): length 4/3, a → ... b → a with
        // 2/3 + 1/3·2/3 = 8/9. Stationary: s_a·5/9 = s_b·8/9 → s = (8/13, 5/13).
        // Mean run = 8/13·5/3 + 5/13·4/3 = 60/39 = 20/13; changeovers per unit = 13/20.
        close(per_unit(&[2.0 / 3.0, 1.0 / 3.0], Some(2)), 13.0 / 20.0);
        // The equal-shares formula would say q ÷ (1 − (1 − q)²) with q = 4/9: 0.6428…, not 0.65.
        let q: f64 = 4.0 / 9.0;
        assert!((q / (1.0 - (1.0 - q).powi(2)) - 0.65).abs() > 0.005);
    }
}
