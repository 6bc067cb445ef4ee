//! The best-plan search's web worker (issue 18): a module of its own, which the instructor's
//! page loads into a worker only when asked for the best plan (`desk::best`), so that
//! neither page's download carries the search (docs/bundle.md). It has no page to mount.
fn main() {
    // As on the pages: the panic boundary first (in a worker it fails the request).
    takt_app::platform::boundary::install();
    takt_app::platform::optimizer::install();
}
