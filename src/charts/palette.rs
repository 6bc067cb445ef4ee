//! The look of each station state, the same in every chart: its key (`data-state`, CSS), its
//! colour, a glyph (so that colour is not the only signal) and its name in the interface
//! language; and the colours of a Yamazumi's kinds of work.

use crate::i18n::{t_string, use_i18n};
use takt_core::State;

/// Per state, in [`State::ALL`] order: key, colour, glyph.
const STATES: [(&str, &str, &str); 6] = [
    ("working", "#2e7d32", "▶"),
    ("setup", "#1565c0", "↻"),
    ("down", "#c62828", "✖"),
    ("starved", "#f9a825", "○"),
    ("blocked", "#6a1b9a", "■"),
    ("off", "#757575", "?"),
];

/// The state's key: `data-state` attributes and test ids (`legend-working`).
pub fn key(state: State) -> &'static str {
    STATES[state as usize].0
}

/// The state's colour.
pub fn colour(state: State) -> &'static str {
    STATES[state as usize].1
}

/// The state's glyph.
pub fn glyph(state: State) -> &'static str {
    STATES[state as usize].2
}

/// The state's name in the current language.
pub fn name(state: State) -> &'static str {
    let i18n = use_i18n();
    match state {
        State::Working => t_string!(i18n, state_working),
        State::Setup => t_string!(i18n, state_setup),
        State::Down => t_string!(i18n, state_down),
        State::Starved => t_string!(i18n, state_starved),
        State::Blocked => t_string!(i18n, state_blocked),
        State::Off => t_string!(i18n, state_off),
    }
}

/// The colours of a Yamazumi's kinds of work: value-added, non-value-added, changeovers
/// (the colour of the setup state).
pub const WORK_KINDS: [(&str, &str); 3] =
    [("va", "#2e7d32"), ("nva", "#ef6c00"), ("setup", "#1565c0")];

/// The colours of an operator's Yamazumi: its work at its stations (alternate stations a
/// lighter shade), and its walking (motion, the colour of non-value-added work).
pub const OPERATOR_KINDS: [(&str, &str); 2] = [("work", "#455a64"), ("walk", "#ef6c00")];

/// One colour per operator on a floor plan (in scenario order, again from the first after
/// the last).
const OPERATOR_COLOURS: [&str; 8] = [
    "#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457",
];

/// The colour of operator `k` (scenario order) on a floor plan.
pub fn operator_colour(k: usize) -> &'static str {
    OPERATOR_COLOURS[k % OPERATOR_COLOURS.len()]
}
