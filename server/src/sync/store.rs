//! Records as stored, and their JSON columns. Writes go through [`super::batch::Batch`], the
//! one place that writes records, so every write appends a change with the record's scope
//! before and after.

use domain::jurisdiction::RecordScope;
use serde_json::Value;

/// A record as stored.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Its version (1 after creation).
    pub version: i64,
    /// Who may see it.
    pub scope: RecordScope,
    /// Its content.
    pub body: Value,
    /// The change since which `scope` holds (removals go only to phones that saw it then).
    pub scope_since: i64,
    /// When the user made the last write (stored form; `None` before migration 0025): an
    /// operation made earlier is backdated.
    pub made_at: Option<String>,
}

/// JSON of a stored value.
pub fn encode<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain types serialize")
}

/// A stored JSON value back; a malformed one is a database fault.
pub fn decode<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(s).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
