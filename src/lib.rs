//! Takt browser app (placeholder until the shell lands).
pub fn core_version() -> &'static str {
    takt_core::VERSION
}
