//! The upload engine: after a round's push, every photo or signature whose record the server
//! has accepted is sent to `/api/attachments/v1/…` in chunks. The server counts what it
//! holds, so a dropped connection resumes there (a 409 says where; `GET /uploads/{id}` tells
//! where an upload stands; announcing the file again picks up the same upload). A link is
//! marked done only when the server says the file is complete; a link whose record was refused
//! or not sent yet waits. The files stay on the phone until sign-out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Request, RequestInit, Response};

use super::http::{self, HttpError};
use crate::contexts::{FieldSync, SyncPhase, UploadTally};
use crate::store::attachments::{self, Kept};
use crate::store::records;
use crate::store::uploads::{self, UploadLink};

const BEGIN_URL: &str = "/api/attachments/v1/uploads";
/// Bytes per chunk: a chunk lost on a weak signal costs little to send again.
const CHUNK: f64 = 256.0 * 1024.0;
/// Dropped chunks one file may have in a round before it waits for the next round.
const RETRIES: u32 = 3;

/// `BeginUpload` of the server.
#[derive(Serialize)]
struct Begin<'a> {
    sha256: &'a str,
    size: i64,
    record_kind: &'a str,
    record_id: &'a str,
}

/// `UploadState` of the server.
#[derive(Debug, Deserialize)]
struct UploadState {
    upload_id: Option<String>,
    received: i64,
    complete: bool,
}

/// Why one chunk did not go.
enum ChunkError {
    /// The server holds a different count: go on from there.
    WrongOffset(i64),
    /// Anything else.
    Http(HttpError),
}

/// Re-counts the files still to upload (for the sync page, also offline).
pub async fn count(s: FieldSync) {
    if let Ok(links) = uploads::all().await {
        s.uploads.set(tally(&links));
    }
}

fn tally(links: &[UploadLink]) -> UploadTally {
    UploadTally::of(
        links
            .iter()
            .map(|l| (records::key(&l.record_kind, &l.record_id), l.done)),
    )
}

/// Sends every waiting file whose record the server has. `Err` only when sending cannot go on
/// (no network, signed out); a file the server refuses is logged and waits.
pub async fn send(s: FieldSync) -> Result<(), HttpError> {
    let links = uploads::all().await?;
    let mut progress = tally(&links);
    s.uploads.set(progress.clone());
    let waiting: Vec<UploadLink> = links.into_iter().filter(|l| !l.done).collect();
    for link in waiting {
        let key = records::key(&link.record_kind, &link.record_id);
        // Received, or edited since: either way the server has a version to attach to.
        let accepted = records::get(&key)
            .await?
            .is_some_and(|r| r.version.is_some());
        if !accepted {
            continue;
        }
        let Some(kept) = attachments::get(&link.sha256).await? else {
            // Taken on another phone: that phone uploads it.
            continue;
        };
        s.phase.set(SyncPhase::Uploading);
        match upload(&link, &kept).await {
            Ok(()) => {
                uploads::mark_done(&link.key).await?;
                progress.uploaded(&key);
                s.uploads.set(progress.clone());
            }
            Err(e @ (HttpError::Offline | HttpError::SignedOut)) => return Err(e),
            Err(e) => leptos::logging::warn!("upload of {} waits: {e:?}", link.key),
        }
    }
    Ok(())
}

/// Announces the file, then sends its chunks from where the server's count is.
async fn upload(link: &UploadLink, kept: &Kept) -> Result<(), HttpError> {
    let size = kept.size;
    let begin = Begin {
        sha256: &link.sha256,
        size: size as i64,
        record_kind: &link.record_kind,
        record_id: &link.record_id,
    };
    let mut state: UploadState = http::post(BEGIN_URL, &begin).await?;
    let mut dropped = 0;
    while !state.complete {
        let Some(id) = state.upload_id.clone() else {
            return Err(HttpError::Garbled("upload without an id".to_owned()));
        };
        let start = state.received as f64;
        let chunk = kept
            .blob
            .slice_with_f64_and_f64(start, (start + CHUNK).min(size))
            .map_err(|e| HttpError::Garbled(format!("{e:?}")))?;
        match put_chunk(&id, state.received, &chunk).await {
            Ok(next) => state = next,
            Err(ChunkError::WrongOffset(received)) => state.received = received,
            Err(ChunkError::Http(HttpError::Offline)) if dropped < RETRIES => {
                dropped += 1;
                state = match http::get(&format!("{BEGIN_URL}/{id}")).await {
                    Ok(now) => now,
                    // Gone: it completed with the chunk whose answer was lost, or the
                    // server started over. Announcing again says which.
                    Err(HttpError::Refused { status: 404, .. }) => {
                        http::post(BEGIN_URL, &begin).await?
                    }
                    Err(e) => return Err(e),
                };
            }
            Err(ChunkError::Http(e)) => return Err(e),
        }
    }
    Ok(())
}

/// `PUT /uploads/{id}?offset=` with the chunk's bytes (the Blob goes to `fetch` as it is).
async fn put_chunk(id: &str, offset: i64, chunk: &Blob) -> Result<UploadState, ChunkError> {
    let fail = |e: JsValue| ChunkError::Http(HttpError::Garbled(format!("{e:?}")));
    let init = RequestInit::new();
    init.set_method("PUT");
    init.set_body(chunk);
    let url = format!("{BEGIN_URL}/{id}?offset={offset}");
    let request = Request::new_with_str_and_init(&url, &init).map_err(fail)?;
    let _ = request
        .headers()
        .set("content-type", "application/octet-stream");
    let window = web_sys::window().ok_or(ChunkError::Http(HttpError::Offline))?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ChunkError::Http(HttpError::Offline))?
        .unchecked_into();
    let status = response.status();
    let body = match response.json() {
        Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    };
    let field = |k: &str| js_sys::Reflect::get(&body, &JsValue::from_str(k)).ok();
    match status {
        200..=299 => serde_wasm_bindgen::from_value(body)
            .map_err(|e| ChunkError::Http(HttpError::Garbled(e.to_string()))),
        409 => match field("received").and_then(|r| r.as_f64()) {
            Some(received) => Err(ChunkError::WrongOffset(received as i64)),
            None => Err(ChunkError::Http(HttpError::Garbled(
                "409 without a count".into(),
            ))),
        },
        401 => Err(ChunkError::Http(HttpError::SignedOut)),
        _ => Err(ChunkError::Http(HttpError::Refused {
            status,
            code: field("code").and_then(|c| c.as_string()),
            message: field("error")
                .and_then(|m| m.as_string())
                .unwrap_or_default(),
        })),
    }
}
