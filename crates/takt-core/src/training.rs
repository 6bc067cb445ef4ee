//! Training: a trainee's rounds of improvements, their score and the result file an
//! instructor verifies.
//!
//! - [`catalog`]: what each lean tool does to a line ([`Change`], [`apply`]);
//! - `read`: a round's changes read from JSON, each error at its field;
//! - [`score`]: a round against the baseline, with common random numbers;
//! - [`session`]: a trainee's rounds, from the baseline to the last score;
//! - [`result`]: a team's result file and its verification by re-simulation.

pub mod catalog;
mod read;
pub mod result;
pub mod score;
pub mod session;

pub use catalog::{apply, cost_of, Applied, Change, Param, Refusal};
pub use read::{is_changes, parse_changes};
pub use result::ResultFile;
pub use score::{score, Score};
pub use session::Session;
