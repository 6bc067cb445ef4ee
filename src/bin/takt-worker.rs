//! The web worker that runs replications (see `takt_app::worker`).

fn main() {
    console_error_panic_hook::set_once();
    takt_app::worker::serve();
}
