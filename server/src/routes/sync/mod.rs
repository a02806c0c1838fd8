//! `/api/sync/v1/…`: the phones' push and pull (types in `domain::sync`).

pub(crate) mod case_messages;
pub(crate) mod case_status;
pub(crate) mod pull;
pub(crate) mod push;

use std::convert::Infallible;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::decompression::{DecompressionBody, RequestDecompressionLayer};

use crate::state::AppState;

/// The byte limit of a push, checked before anything is parsed (issue 22, point 10): a
/// larger body is answered 413 without being read whole. A push of the largest batch with
/// big household bodies stays well under it; it is not lower because a phone sends up to
/// `MAX_OPS_PER_PUSH` operations and does not split a push the server refuses as too large.
pub const PUSH_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The routes. A phone sends its push gzip-compressed (`Content-Encoding: gzip`) when its
/// browser can; the limit counts the bytes after decompression, so a small compressed body
/// that inflates past it is refused like a large plain one (413), and a body that is not gzip
/// as it says is refused (400).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/sync/v1/push",
            post(push::post)
                .layer::<_, Infallible>(DefaultBodyLimit::max(PUSH_BODY_LIMIT))
                .layer::<_, Infallible>(
                    ServiceBuilder::new()
                        .layer(RequestDecompressionLayer::new().gzip(true))
                        .map_request(|r: Request<DecompressionBody<Body>>| r.map(Body::new)),
                ),
        )
        .route("/sync/v1/pull", get(pull::get))
        .route("/sync/v1/cases/{id}/status", get(case_status::get))
        .route("/sync/v1/cases/{id}/messages", get(case_messages::get))
}
