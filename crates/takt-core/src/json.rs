//! The bottom layer: field-path errors and JSON helpers every document reader shares.
//!
//! - [`Errors`] / [`FieldError`]: problems with an input, each at a JSON path such as
//!   `stations[2].process.mean`, all reported at once; each a [`Problem`] with its data,
//!   which the CLI prints in English and the app words in the interface language;
//! - [`from_json_text`]: text → typed value, with a size limit ([`MAX_DOCUMENT_BYTES`]) and the
//!   path of the first structural error ([`path_at`]); [`via_value`] for fields read twice;
//! - [`pretty_json`]: the pretty layout of compact JSON (the scenario's canonical text);
//! - [`Map`]: the small sorted maps of the scenario.
//!
//! The readers of the domain's own types sit next to those types: `Dist` and `Release` in
//! [`crate::model`], a round's changes in [`crate::training::catalog`].

mod error;
mod map;
mod pretty;
mod problem;
mod read;

pub use error::{Errors, FieldError};
pub use map::Map;
pub use pretty::pretty_json;
pub use problem::{megabytes, number_text, Problem, Shape};
pub use read::{from_json_text, path_at, via_value, MAX_DOCUMENT_BYTES};
