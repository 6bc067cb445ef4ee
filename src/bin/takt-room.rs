//! The desk's classroom mode (`classroom.html`): the console of a live class on
//! `takt classroom`, a wasm module of its own so that neither the trainee's page nor the
//! desk's carries its code (see `takt_app::Room`).
fn main() {
    takt_app::platform::boundary::install();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(takt_app::Room);
    }
}
