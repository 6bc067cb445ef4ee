//! The model: what a line is, written as data. One [`Scenario`] type everywhere (the CLI,
//! the app, its worker, files); nothing here runs or measures a line.
//!
//! - [`scenario`]: the scenario and its parts (stations, operators, products, demand, costs);
//! - [`dist`]: distributions of durations, as written in a scenario;
//! - [`layout`]: the floor plan (station places in metres, walking speed);
//! - [`time`]: time units and the engine's integer ticks;
//! - [`text`]: display names, plain or per language (`{"ru": …, "en": …}`);
//! - [`routing`]: where each station's units go, derived from the station list;
//! - [`training`]: the instructor's settings, and the tools and KPIs they name;
//! - `validate`: every problem of a scenario, each at its field path, all at once.

pub mod dist;
pub mod layout;
pub mod routing;
pub mod scenario;
pub mod text;
pub mod time;
pub mod training;
mod validate;

pub use dist::Dist;
pub use layout::{Layout, Plan, Point, Spot};
pub use routing::Routing;
pub use scenario::{
    Breakdowns, Costs, DefectAction, Defects, Demand, Element, Input, Operator, Product, Release,
    Scenario, Setup, Station, FORMAT, MAX_SCENARIO_BYTES,
};
pub use text::{Text, LANGS};
pub use time::{Ticks, TimeUnit};
pub use training::{
    card_settings, tool_name, Card, ClassRun, Coach, Kpi, Tool, Training, DEFAULT_REPLICATIONS,
    DEFAULT_ROUNDS, DEFAULT_SEED, MAX_HINTS, MAX_ROUNDS, MAX_ROUND_REPLICATIONS, MAX_TRAINING_SEED,
};
