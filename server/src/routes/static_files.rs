//! Cache headers for the built site: hashed bundle files are immutable; everything else,
//! above all the service worker, is revalidated so a deployment reaches phones promptly.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::middleware::Next;
use axum::response::Response;

/// Sets `Cache-Control` by path unless the handler chose one.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let immutable = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    if !res.headers().contains_key(CACHE_CONTROL) {
        let value = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}
