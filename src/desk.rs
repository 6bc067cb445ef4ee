//! The instructor's page (`desk.html`): the desk and the scenario editor.
//!
//! - [`instructor`]: result files verified by re-simulation, the leaderboard, the debrief,
//!   projector and print;
//! - [`editor`]: the scenario editor (`desk.html#editor`);
//! - [`best`]: the best plan for a line, searched in the web worker (editor and desk);
//! - [`draft`]: the editor's draft and undo history, kept in browser storage;
//! - [`classroom`]: the classroom mode (`classroom.html`, a module of its own): a live class
//!   on `takt classroom`, handed to the desk for the debrief.
//!
//! The desk reuses the trainee's round views ([`crate::trainee::results`]) for a team's
//! rounds; nothing of the trainee's page imports from here.

pub mod best;
pub mod classroom;
pub mod draft;
pub mod editor;
pub mod instructor;

pub use classroom::Classroom;
pub use editor::Editor;
pub use instructor::Instructor;
