//! Basic lean formulas (see `docs/metrics.md`).

use std::fmt;

/// Why a lean formula could not be evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum LeanError {
    /// `available_time` must be a finite number > 0.
    AvailableTime(f64),
    /// `demand` must be at least one unit.
    Demand,
}

impl fmt::Display for LeanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LeanError::AvailableTime(v) => write!(f, "available_time: must be > 0 (got {v})"),
            LeanError::Demand => write!(f, "demand: must be at least 1 unit"),
        }
    }
}

impl std::error::Error for LeanError {}

/// Takt time (время такта): available working time ÷ customer demand.
///
/// `available_time` is in any time unit; the result is in the same unit per unit of product.
pub fn takt_time(available_time: f64, demand: u64) -> Result<f64, LeanError> {
    if !(available_time.is_finite() && available_time > 0.0) {
        return Err(LeanError::AvailableTime(available_time));
    }
    if demand == 0 {
        return Err(LeanError::Demand);
    }
    Ok(available_time / demand as f64)
}

/// The takt calculator's inputs from a scenario: its available time (the horizon) in
/// minutes and its order quantity (`None` without an order), so that the calculator shows
/// the scenario's own takt time.
pub fn takt_inputs(sc: &crate::model::Scenario) -> Option<(f64, u64)> {
    let d = sc.demand.as_ref()?;
    Some((sc.horizon / sc.time_unit.per_hour() * 60.0, d.quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takt_time_is_available_time_over_demand() {
        // 480 min shift, 240 units → 2 min per unit (the textbook example).
        assert_eq!(takt_time(480.0, 240), Ok(2.0));
        assert_eq!(takt_time(28_800.0, 300), Ok(96.0));
    }

    #[test]
    fn the_calculator_from_a_scenario_gives_its_takt_time() {
        use crate::model::Scenario;
        let sc = Scenario::from_json(
            r#"{"name":"l","time_unit":"s","horizon":18000,"demand":{"quantity":350},
                "stations":[{"id":"a","process":10}]}"#,
        )
        .unwrap();
        // 18,000 s = 300 min for 350 units: 0.857 min = 51.43 s, the scenario's takt.
        let (minutes, demand) = takt_inputs(&sc).unwrap();
        assert_eq!((minutes, demand), (300.0, 350));
        let takt = takt_time(minutes, demand).unwrap() * 60.0;
        assert!((takt - crate::lean::takt_time(&sc).unwrap()).abs() < 1e-9);
        assert!((takt - 51.428_571).abs() < 1e-6);
        let mut no_order = sc.clone();
        no_order.demand = None;
        assert_eq!(takt_inputs(&no_order), None);
    }

    #[test]
    fn takt_time_rejects_bad_input() {
        assert_eq!(takt_time(0.0, 10), Err(LeanError::AvailableTime(0.0)));
        assert!(matches!(
            takt_time(f64::NAN, 10),
            Err(LeanError::AvailableTime(_))
        ));
        assert_eq!(takt_time(480.0, 0), Err(LeanError::Demand));
    }
}
