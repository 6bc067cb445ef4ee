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

/// What was found under a [`Document`] key.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored<T, E> {
    /// Nothing is stored (or storage is unavailable).
    Absent,
    /// The stored document, read back.
    Found(T),
    /// The stored text could not be read back (`error`, the reader's): it was moved to the
    /// key `copy` (so nothing is lost) and the document key is free again.
    Corrupt { error: E, copy: String },
}

/// Why a document could not be stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The browser gives this page no storage (privacy modes, sandboxed frames).
    Unavailable,
    /// The browser refused the write (usually: the storage is full); `detail` is the
    /// browser's own exception.
    Refused { detail: String },
}

/// A `localStorage` key holding a whole document (JSON text), stored as
/// `takt.v<SCHEMA>.<name>`. Unlike [`Key`], a value that cannot be read back is not
/// silently dropped: it is kept under `<key>.corrupt` and reported.
pub struct Document {
    name: &'static str,
}

impl Document {
    /// A document key named `name`.
    pub const fn new(name: &'static str) -> Self {
        Self { name }
    }

    /// The full name under which the document is stored.
    pub fn storage_name(&self) -> String {
        format!("takt.v{SCHEMA}.{}", self.name)
    }

    /// Where a document that could not be read is kept.
    pub fn corrupt_name(&self) -> String {
        format!("{}.corrupt", self.storage_name())
    }

    /// Reads the document with `parse`; see [`Stored`].
    pub fn load<T, E>(&self, parse: impl FnOnce(&str) -> Result<T, E>) -> Stored<T, E> {
        let Some(storage) = local_storage() else {
            return Stored::Absent;
        };
        let Ok(Some(text)) = storage.get_item(&self.storage_name()) else {
            return Stored::Absent;
        };
        match parse(&text) {
            Ok(value) => Stored::Found(value),
            Err(error) => {
                let copy = self.corrupt_name();
                // Keep the copy first; only then free the key.
                if storage.set_item(&copy, &text).is_ok() {
                    let _ = storage.remove_item(&self.storage_name());
                }
                Stored::Corrupt { error, copy }
            }
        }
    }

    /// The copy kept by a failed [`Document::load`], if any.
    pub fn corrupt_copy(&self) -> Option<String> {
        local_storage()?.get_item(&self.corrupt_name()).ok()?
    }

    /// Stores `text`; the error says why it could not be stored (no storage, quota).
    pub fn save(&self, text: &str) -> Result<(), SaveError> {
        let storage = local_storage().ok_or(SaveError::Unavailable)?;
        storage
            .set_item(&self.storage_name(), text)
            .map_err(|e| SaveError::Refused {
                detail: format!("{e:?}"),
            })
    }

    /// Removes the document.
    pub fn clear(&self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(&self.storage_name());
        }
    }
}
