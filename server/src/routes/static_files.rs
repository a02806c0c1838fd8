//! The built site's files. The bundle under `/pkg` is served by [`pkg_service`] from the files
//! the build precompressed (brotli at quality 11 and gzip -9 beside each file, see
//! `scripts/precompress.mjs`): on the fly, the compression layer could only afford a lower
//! quality (the main WASM was 314 KiB on the wire against 255 KiB at brotli 11). The compression
//! layer leaves a response that already has a `Content-Encoding` alone.
//!
//! Cache headers, unless the handler chose one: hashed bundle files (`/pkg/`) are immutable
//! when found; API answers and the pages that show a household's, a case's or an
//! authorization's data (or a township's ledger) are stored by no cache (`no-store`: the phone keeps what it needs in
//! IndexedDB, and a shared or stolen phone's HTTP cache must hold no one's data); everything
//! else, above all the service worker, is revalidated so a deployment reaches phones promptly.

use std::path::Path;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, VARY};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

/// `/pkg`: the hashed bundle, answered with its `.br` or `.gz` twin when the client accepts it.
pub fn pkg_service(site_root: &Path) -> ServeDir {
    ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip()
}

/// Paths whose answers may carry personal data.
fn personal(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/authorizations/")
        || path.starts_with("/cases/")
        || path.starts_with("/townships/")
        || path == "/verify"
}

/// Sets `Cache-Control` by path unless the handler chose one, and `Vary: Accept-Encoding` on
/// the bundle and on any file served precompressed, so that a cache never hands a brotli
/// answer to a client that did not ask for one.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let bundle = path.starts_with("/pkg/");
    let mut res = next.run(req).await;
    let found = res.status().is_success();
    let headers = res.headers_mut();
    if !headers.contains_key(CACHE_CONTROL) {
        let value = if personal(&path) {
            "no-store"
        } else if bundle && found {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    let varies = headers.get_all(VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies && (bundle || headers.contains_key(CONTENT_ENCODING)) {
        headers.append(VARY, HeaderValue::from_name(ACCEPT_ENCODING));
    }
    res
}
