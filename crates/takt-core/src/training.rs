//! Training: a trainee's rounds of improvements, their score and the result file an
//! instructor verifies.
//!
//! - [`catalog`]: what each lean tool does to a line ([`Change`], [`apply`]), by its card;
//! - `refusal`: why a round is refused ([`Refusal`], [`Reason`]);
//! - [`credit`]: what each change of a round did, leave-one-out ([`Credits`]);
//! - [`coach`]: the coach's hints at the improve step, from a sensitivity run ([`Hint`]);
//! - `read`: a round's changes read from JSON, each error at its field;
//! - [`repeat`]: the same tool on the same place twice (refused in one round; across rounds,
//!   refused for a card with a strength, said for a structural choice);
//! - [`mod@score`]: a round against the baseline, with common random numbers;
//! - [`optimize`]: the best plan within one round's budget (`takt optimize`);
//! - [`round`]: playing one round (replications, analysis, score), with progress and cancel;
//! - [`session`]: a trainee's rounds, from the baseline to the last score;
//! - [`result`]: a team's result file and its verification by re-simulation.

pub mod catalog;
pub mod coach;
pub mod credit;
pub mod optimize;
mod read;
mod refusal;
pub mod repeat;
pub mod result;
pub mod round;
pub mod score;
pub mod session;

pub use catalog::{apply, cost_of, cost_of_changes, Applied, Change, Param, Reason, Refusal};
pub use coach::{Hint, HintUse};
pub use credit::{CreditJob, Credits, Effect};
pub use read::{is_changes, parse_changes};
pub use result::{Flag, ResultFile, ResultFileError};
pub use round::{Outcome, Progress, RoundJob, Unplayed};
pub use score::{score, Score};
pub use session::{Session, SessionError};

/// The longest team name, in characters, that a live class (`takt classroom`) accepts; the
/// team's page says so when a name is refused.
pub const MAX_TEAM_NAME: usize = 60;
