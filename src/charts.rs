//! Charts as plain SVG (no chart library, nothing from the network). They draw numbers the
//! core computed; the state colours and symbols are defined once, in [`palette`].
//!
//! - [`states`]: where each station's time goes (state shares, bottleneck marked);
//! - [`yamazumi`]: each station's work stacked against the takt line (balancing by drag);
//! - [`shift`]: the shift replayed on the line diagram, WIP over time, lead-time histogram.

pub mod combination;
pub mod palette;
pub mod plan;
pub mod shift;
pub mod states;
pub mod yamazumi;

pub use shift::{LeadTimeHistogram, LineDiagram, WipChart};
pub use states::StateBars;
pub use yamazumi::Yamazumi;
