//! Browser `localStorage`, wrapped so that it can never take the app down.
//!
//! Storage may be missing (privacy modes, sandboxed iframes), full, or hold a
//! value written by another version of the app. Every read is therefore
//! optional and every write best-effort: a bad or absent value simply means
//! "use the default".

use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

/// Version of the stored-value layout, part of every key. Bump it when the
/// meaning of a stored value changes; old values are then ignored.
const SCHEMA: u32 = 1;

/// A typed `localStorage` key; the value is stored as its `Display` text and
/// read back with `FromStr`.
pub struct Key<T> {
    name: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> Key<T> {
    /// A key named `name` (stored as `takt.v<SCHEMA>.<name>`).
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            value: PhantomData,
        }
    }

    /// The full name under which the value is stored.
    pub fn storage_name(&self) -> String {
        format!("takt.v{SCHEMA}.{}", self.name)
    }
}

impl<T: FromStr + Display> Key<T> {
    /// The stored value, or `None` if storage is unavailable, the key is
    /// absent or its content does not parse.
    pub fn load(&self) -> Option<T> {
        local_storage()?
            .get_item(&self.storage_name())
            .ok()??
            .parse()
            .ok()
    }

    /// Stores `value`; silently does nothing if storage is unavailable or full.
    pub fn save(&self, value: &T) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(&self.storage_name(), &value.to_string());
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // `local_storage()` itself throws (Err) when access is denied.
    web_sys::window()?.local_storage().ok()?
}
