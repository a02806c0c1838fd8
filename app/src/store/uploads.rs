//! Upload links: which attachment (by SHA-256) belongs to which record. A link is written in
//! the same transaction as its record and operation, so a saved record never lacks its
//! photos' links; the upload engine sends each file once the server has the record.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::StoreError;
use super::db::{UPLOADS, decode, read, to_js, write};

/// One attachment of one record, waiting to be uploaded or uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLink {
    /// `kind:id:sha256`, the store's key.
    pub key: String,
    /// The file's SHA-256 (64 lowercase hex digits), its key in the attachment store.
    pub sha256: String,
    /// The record's kind code.
    pub record_kind: String,
    /// The record's id.
    pub record_id: String,
    /// Whether the server holds the whole file for this record.
    #[serde(default)]
    pub done: bool,
}

impl UploadLink {
    /// A new, not yet uploaded link.
    pub fn new(record_kind: &str, record_id: &str, sha256: &str) -> Self {
        UploadLink {
            key: format!("{record_kind}:{record_id}:{sha256}"),
            sha256: sha256.to_owned(),
            record_kind: record_kind.to_owned(),
            record_id: record_id.to_owned(),
            done: false,
        }
    }
}

/// Every link, uploaded or not.
pub async fn all() -> Result<Vec<UploadLink>, StoreError> {
    let tx = read(&[UPLOADS]).await?;
    let values = tx.store(UPLOADS)?.get_all(None, None).await?;
    values
        .into_iter()
        .map(|v| serde_wasm_bindgen::from_value(v).map_err(StoreError::from))
        .collect()
}

/// Marks the link under `key` uploaded: the server holds the whole file for its record.
pub async fn mark_done(key: &str) -> Result<(), StoreError> {
    let tx = write(&[UPLOADS]).await?;
    let store = tx.store(UPLOADS)?;
    let link: Option<UploadLink> = decode(store.get(JsValue::from_str(key)).await?)?;
    if let Some(mut link) = link {
        link.done = true;
        store.put(&to_js(&link)?, None).await?;
    }
    tx.done().await?;
    Ok(())
}
