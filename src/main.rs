fn main() {
    // First: a panic is logged, and shows the "your work is saved" overlay (page) or fails
    // the run (worker) instead of leaving a dead page.
    takt_app::platform::boundary::install();
    // The same module runs the web worker of the trainee's page (public/worker.js).
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(takt_app::App);
    }
}
