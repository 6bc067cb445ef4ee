//! How the app writes numbers: the locale's decimal separator, confidence intervals, time
//! units. One place, so that every view writes a figure the same way.

use crate::i18n::Locale;
use takt_core::model::TimeUnit;

/// `value` with at most two decimals, without trailing zeros, and with the
/// locale's decimal separator: `2`, `2,5` (ru), `2.5` (en).
pub fn format_number(value: f64, locale: Locale) -> String {
    // −0 (an empty sum, or a tiny negative rounded away) is written as 0.
    let value = if value.abs() < 0.005 { 0.0 } else { value };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match locale {
        Locale::ru => text.replace('.', ","),
        Locale::en => text.to_owned(),
    }
}

/// The time unit as printed in `locale`.
pub fn unit_symbol(unit: TimeUnit, locale: Locale) -> &'static str {
    match (unit, locale) {
        (TimeUnit::Seconds, Locale::ru) => "с",
        (TimeUnit::Minutes, Locale::ru) => "мин",
        (TimeUnit::Hours, Locale::ru) => "ч",
        (u, Locale::en) => u.symbol(),
    }
}

/// A mean with its confidence half-width, as "12,3 ± 0,4".
pub fn with_ci(mean: f64, ci: f64, locale: Locale) -> String {
    if ci > 0.0 {
        format!(
            "{} ± {}",
            format_number(mean, locale),
            format_number(ci, locale)
        )
    } else {
        format_number(mean, locale)
    }
}
