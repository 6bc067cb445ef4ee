//! Scenario time units and the engine's fixed-point clock.
//!
//! Every duration in a scenario is a real number in the scenario's `time_unit`.
//! The engine keeps time as integer *ticks*: one tick is a millionth of the
//! scenario's time unit, so sums and comparisons are exact and identical on
//! every platform.

use serde::{Deserialize, Serialize};

/// Engine time in ticks (1 tick = 10⁻⁶ of the scenario's time unit).
pub type Ticks = u64;

/// Ticks per scenario time unit.
pub const TICKS_PER_UNIT: f64 = 1_000_000.0;

/// The shortest horizon a scenario may ask for, in its own time unit: a shift of at least a
/// thousand ticks, so that every share of time in the analysis has something to divide by.
pub const MIN_HORIZON: f64 = 1e-3;

/// The largest horizon a scenario may ask for, in its own time unit.
/// (10⁹ units × 10⁶ ticks stays far below `u64::MAX`.)
pub const MAX_HORIZON: f64 = 1e9;

/// The unit every duration of a scenario is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TimeUnit {
    /// Seconds.
    #[default]
    #[serde(rename = "s")]
    Seconds,
    /// Minutes.
    #[serde(rename = "min")]
    Minutes,
    /// Hours.
    #[serde(rename = "h")]
    Hours,
}

impl TimeUnit {
    /// How many of this unit make one hour (for costs given per hour).
    pub fn per_hour(self) -> f64 {
        match self {
            TimeUnit::Seconds => 3600.0,
            TimeUnit::Minutes => 60.0,
            TimeUnit::Hours => 1.0,
        }
    }

    /// The short symbol used in the scenario format.
    pub fn symbol(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "s",
            TimeUnit::Minutes => "min",
            TimeUnit::Hours => "h",
        }
    }
}

/// Converts a non-negative duration in time units to ticks (rounded to the nearest tick,
/// saturating at `i64::MAX` ticks, about 292,000 years of seconds; negative or NaN input
/// gives 0).
#[inline]
pub fn to_ticks(units: f64) -> Ticks {
    // Adding ½ before truncating rounds a non-negative value to nearest without a call to
    // `round` (a library routine on baseline x86-64). `as i64` saturates (and maps NaN to
    // 0) in one hardware conversion, where `as u64` takes a branchy sequence.
    let t = units * TICKS_PER_UNIT;
    if t > 0.0 {
        (t + 0.5) as i64 as u64
    } else {
        0
    }
}

/// Converts ticks back to time units.
pub fn to_units(ticks: Ticks) -> f64 {
    ticks as f64 / TICKS_PER_UNIT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_round_trip_and_saturate() {
        assert_eq!(to_ticks(1.5), 1_500_000);
        assert_eq!(to_units(to_ticks(28_800.0)), 28_800.0);
        assert_eq!(to_ticks(-3.0), 0);
        assert_eq!(to_ticks(f64::NAN), 0);
        assert_eq!(to_ticks(f64::INFINITY), i64::MAX as u64);
        assert_eq!(to_ticks(1e300), i64::MAX as u64);
        assert_eq!(to_ticks(0.000_000_4), 0);
        assert_eq!(to_ticks(0.000_000_6), 1);
    }
}
