//! `/api/sync/v1/…`: the phones' push and pull (types in `domain::sync`).

pub(crate) mod case_messages;
pub(crate) mod case_status;
pub(crate) mod pull;
pub(crate) mod push;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

/// The byte limit of a push, checked before anything is parsed (issue 22, point 10): a
/// larger body is answered 413 without being read whole. A push of the largest batch with
/// big household bodies stays well under it; it is not lower because a phone sends up to
/// `MAX_OPS_PER_PUSH` operations and does not split a push the server refuses as too large.
pub const PUSH_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/sync/v1/push",
            post(push::post).layer(DefaultBodyLimit::max(PUSH_BODY_LIMIT)),
        )
        .route("/sync/v1/pull", get(pull::get))
        .route("/sync/v1/cases/{id}/status", get(case_status::get))
        .route("/sync/v1/cases/{id}/messages", get(case_messages::get))
}
