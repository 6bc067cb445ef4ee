fn main() {
    // First: turn a panic into a readable console error instead of "unreachable".
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(takt_app::App);
}
