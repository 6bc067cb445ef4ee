fn main() {
    let _ = takt_app::core_version();
}
