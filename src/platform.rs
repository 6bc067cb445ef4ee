//! What the app needs from the browser, behind small typed functions: storage, the web
//! worker, files in and out, scenario links, and the panic boundary. No view lives here.
//!
//! - [`storage`]: typed, fail-safe `localStorage` keys (unreadable data is kept aside);
//! - [`worker`]: the messages between a page and its web worker, and both ends;
//! - [`optimizer`]: the best-plan search's side of the worker (only its own module links it);
//! - [`http`]: requests to the classroom server on the page's own origin;
//! - [`export`]: downloads, and reading files the user picks (oversized ones refused unread);
//! - [`share`] (+ `share.js`): scenario links, compressed into the URL;
//! - [`boundary`] (+ `boundary.js`): the panic boundary's overlay;
//! - [`timing`]: `performance.mark`s of a round's phases, for profiling.

pub mod boundary;
pub mod export;
pub mod http;
pub mod optimizer;
pub mod share;
pub mod storage;
pub mod timing;
pub mod worker;
