//! Hashing a file and keeping it on the phone (browser only).

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::MediaError;
use super::digest::Sha256Hex;
use crate::store::attachments;
use crate::sync::time;

/// Bytes hashed per step: the file's bytes are read once, into the browser's memory, and
/// cross into Rust a slice at a time.
const SLICE: u32 = 64 * 1024;

/// The SHA-256 of `blob` as 64 lowercase hex digits.
pub async fn sha256_of(blob: &Blob) -> Result<String, MediaError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| MediaError::Browser)?;
    let bytes = Uint8Array::new(&buffer);
    let mut hasher = Sha256Hex::default();
    let mut piece = vec![0u8; SLICE as usize];
    let len = bytes.length();
    let mut at = 0;
    while at < len {
        let end = (at + SLICE).min(len);
        let n = (end - at) as usize;
        bytes.subarray(at, end).copy_to(&mut piece[..n]);
        hasher.update(&piece[..n]);
        at = end;
    }
    Ok(hasher.finish())
}

/// Keeps `blob` in the phone's attachment store under its hash, and answers the hash.
pub async fn keep(blob: &Blob) -> Result<String, MediaError> {
    let sha = sha256_of(blob).await?;
    attachments::put(&sha, blob, time::now_ms())
        .await
        .map_err(|e| {
            leptos::logging::warn!("attachment not kept: {e}");
            MediaError::Storage
        })?;
    Ok(sha)
}
