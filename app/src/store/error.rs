//! One error type for everything the local store can fail at.

use std::fmt;

/// IndexedDB refused, or a stored value no longer decodes. The text is for the developer
/// console; the user is told "could not save on this phone".
#[derive(Debug, Clone)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rexie::Error> for StoreError {
    fn from(e: rexie::Error) -> Self {
        StoreError(format!("IndexedDB: {e}"))
    }
}

impl From<serde_wasm_bindgen::Error> for StoreError {
    fn from(e: serde_wasm_bindgen::Error) -> Self {
        StoreError(format!("stored value: {e}"))
    }
}
