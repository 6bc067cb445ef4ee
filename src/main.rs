fn main() {
    // First: turn a panic into a readable console error instead of "unreachable".
    console_error_panic_hook::set_once();
    // The same module runs the web worker (public/worker.js), where there is no page.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(takt_app::App);
    }
}
