//! The photos and signatures taken on this phone, each kept as a Blob under its SHA-256 until
//! sign-out deletes the database: the upload engine reads them from here, the forms show
//! them from here. IndexedDB stores a Blob as it is (on disk, not in this page's memory).

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use super::StoreError;
use super::db::{ATTACHMENTS, read, write};

/// One kept attachment.
pub struct Kept {
    /// The file.
    pub blob: Blob,
    /// Its size in bytes.
    pub size: f64,
    /// Its media type (`image/jpeg`, `image/png`).
    pub media_type: String,
}

/// Keeps `blob` under `sha256`, taken at `taken_at_ms` (ms since 1970). The same content
/// kept twice is one entry (the first time stays).
pub async fn put(sha256: &str, blob: &Blob, taken_at_ms: f64) -> Result<(), StoreError> {
    let tx = write(&[ATTACHMENTS]).await?;
    let store = tx.store(ATTACHMENTS)?;
    if !store.key_exists(JsValue::from_str(sha256)).await? {
        let entry = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&entry, &JsValue::from_str(k), v);
        set("sha256", &JsValue::from_str(sha256))
            .and_then(|_| set("blob", blob))
            .and_then(|_| set("size", &JsValue::from_f64(blob.size())))
            .and_then(|_| set("type", &JsValue::from_str(&blob.type_())))
            .and_then(|_| set("taken_at", &JsValue::from_f64(taken_at_ms)))
            .map_err(|e| StoreError(format!("{e:?}")))?;
        store.put(&entry, None).await?;
    }
    tx.done().await?;
    Ok(())
}

/// The attachment kept under `sha256`, if this phone has it.
pub async fn get(sha256: &str) -> Result<Option<Kept>, StoreError> {
    let tx = read(&[ATTACHMENTS]).await?;
    let Some(entry) = tx
        .store(ATTACHMENTS)?
        .get(JsValue::from_str(sha256))
        .await?
    else {
        return Ok(None);
    };
    let field = |k: &str| Reflect::get(&entry, &JsValue::from_str(k)).unwrap_or_default();
    let Ok(blob) = field("blob").dyn_into::<Blob>() else {
        return Ok(None);
    };
    Ok(Some(Kept {
        size: field("size").as_f64().unwrap_or_else(|| blob.size()),
        media_type: field("type").as_string().unwrap_or_else(|| blob.type_()),
        blob,
    }))
}
