//! Cache headers, unless the handler chose one: hashed bundle files (`/pkg/`) are immutable
//! when found; API answers and the pages that show a household's or an authorization's data
//! are stored by no cache (`no-store`: the phone keeps what it needs in IndexedDB, and a
//! shared or stolen phone's HTTP cache must hold no one's data); everything else, above all
//! the service worker, is revalidated so a deployment reaches phones promptly.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::middleware::Next;
use axum::response::Response;

/// Paths whose answers may carry personal data.
fn personal(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/authorizations/") || path == "/verify"
}

/// Sets `Cache-Control` by path unless the handler chose one.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if !res.headers().contains_key(CACHE_CONTROL) {
        let value = if personal(&path) {
            "no-store"
        } else if path.starts_with("/pkg/") && res.status().is_success() {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}
