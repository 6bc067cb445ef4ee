//! Reading JSON text into typed values, with a size limit and the field path of the first
//! structural error.

use super::{Errors, Problem};

/// The largest JSON document (scenario, session, result file, plan) read, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// Reads `text` as JSON into `T`; a structural error (bad JSON, a wrong type, an unknown
/// or missing field) is reported with the path of the field where reading stopped, as
/// [`Problem::Unreadable`] with serde_json's text.
///
/// Documents over [`MAX_DOCUMENT_BYTES`] are refused before parsing ([`Problem::TooLarge`]).
/// The path is found from the error's position in the text ([`path_at`]), not by
/// wrapping every deserializer: the same result as `serde_path_to_error` for this
/// crate's documents, at a fraction of the code size in the browser.
pub fn from_json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Errors> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Errors::one(
            "",
            Problem::TooLarge {
                size: text.len() as u64,
                limit: MAX_DOCUMENT_BYTES as u64,
            },
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        let offset = offset_of(text, e.line(), e.column());
        Errors::one(
            path_at(text, offset),
            Problem::Unreadable {
                detail: e.to_string(),
            },
        )
    })
}

/// For `#[serde(deserialize_with)]`: reads the field as a `serde_json::Value`, then the
/// value as `T`.
///
/// For a type that is also read from a `Value` elsewhere (the analysis: `Analysis::of`
/// summarises runs as values), this keeps one reader of the type in the browser bundle
/// instead of one for text and one for values. An error inside the field is reported at
/// the field.
pub fn via_value<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::Deserialize as _;
    let value = serde_json::Value::deserialize(d)?;
    serde_json::from_value(value).map_err(serde::de::Error::custom)
}

/// The byte offset of a 1-based line and column (as serde_json counts them: bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The path (`stations[1].servers`) of the JSON value being read when `offset` bytes of
/// `text` had been read. An error found on a closing bracket belongs to its object or
/// list (a missing field, a bad tagged variant), not to the last field in it.
pub fn path_at(text: &str, offset: usize) -> String {
    enum Level {
        Object { key: Option<String>, want_key: bool },
        List(usize),
    }
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut stack: Vec<Level> = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        let last = k + 1 == bytes.len();
        match bytes[k] {
            b'"' => {
                let start = k + 1;
                k += 1;
                while k < bytes.len() && bytes[k] != b'"' {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                if let Some(Level::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        let end = k.min(bytes.len());
                        *key = Some(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                        *want_key = false;
                    }
                }
            }
            b'{' => stack.push(Level::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Level::List(0)),
            b'}' | b']' if !last => {
                stack.pop();
            }
            b'}' | b']' => {
                if let Some(Level::Object { key, .. }) = stack.last_mut() {
                    *key = None;
                }
                break;
            }
            b',' => match stack.last_mut() {
                Some(Level::List(i)) => *i += 1,
                Some(Level::Object { key, want_key }) => {
                    *key = None;
                    *want_key = true;
                }
                None => {}
            },
            _ => {}
        }
        k += 1;
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::List(i) => path.push_str(&format!("[{i}]")),
            Level::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object { key: None, .. } => {}
        }
    }
    path
}
