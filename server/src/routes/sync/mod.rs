//! `/api/sync/v1/…`: the phones' push and pull (types in `domain::sync`).

pub(crate) mod case_messages;
pub(crate) mod case_status;
pub(crate) mod pull;
pub(crate) mod push;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

/// A push of the largest batch with big household bodies stays well under this.
const PUSH_BODY_LIMIT: usize = 16 * 1024 * 1024;

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
