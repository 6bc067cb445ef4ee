//! The course's sheets (`sheets.html`): the time study, the standard work and the value stream
//! map of a round, a wasm module of its own so that the trainee's page carries none of it (see `takt_app::SheetsPage`).
fn main() {
    takt_app::platform::boundary::install();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(takt_app::SheetsPage);
    }
}
