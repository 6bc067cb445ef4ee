//! The trainee's page (`index.html`): the training and the takt calculator.
//!
//! - [`training`]: choose a scenario, play its rounds in the web worker, study, plan;
//! - [`results`]: a round's KPI cards, where time and money go, the shift, the score, exports;
//! - [`improve`]: the plan for the next round (tools within the budget, balancing);
//! - [`layout`]: the improve step's floor plan (stations moved, the operators' loops);
//! - [`coach`]: the coach's hints at the improve step;
//! - [`session`]: the session in one signal, saved on every change and restored on load;
//! - [`calculator`]: the takt time calculator;
//! - [`sheets`]: the course's sheets from the rounds (a page of its own, `sheets.html`):
//!   the time study, the standard work combination, the value stream map, the spaghetti
//!   diagram.

pub mod calculator;
pub mod classroom;
pub mod coach;
pub mod improve;
pub mod layout;
pub mod results;
pub mod session;
pub mod sheets;
pub mod training;

pub use calculator::TaktCalculator;
pub use training::Training;
