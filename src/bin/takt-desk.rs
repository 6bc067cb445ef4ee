//! The instructor's page (`desk.html`): the desk and the scenario editor, a wasm module of
//! its own so that the trainee's page carries none of their code (see `takt_app::View`).
fn main() {
    // As on the trainee's page (src/main.rs): the panic boundary first.
    takt_app::platform::boundary::install();
    // This module also runs the web worker of the instructor's page (public/worker.js).
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(takt_app::Desk);
    }
}
