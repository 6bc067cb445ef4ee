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

/// A number as a person types it into a field: every digit it has, no trailing `.0` and no
/// grouping (`1800`, `45.5`, `0.0005`), with the locale's decimal mark (`0,5` in Russian). Unlike
/// [`format_number`] it never rounds, so a value read back from the field is the same number.
pub fn input_number(value: f64, locale: Locale) -> String {
    // −0 is written as 0; `Display` gives the shortest text that reads back as `value`.
    let text = if value == 0.0 {
        "0".to_owned()
    } else {
        value.to_string()
    };
    match locale {
        Locale::ru => text.replace('.', ","),
        Locale::en => text,
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
