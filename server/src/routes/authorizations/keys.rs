//! `GET /api/authorizations/v1/keys`: the published countersigning keys (the fixed URL the
//! README names). Public and cacheable: a rotation adds a key and closes the old one's period,
//! it never removes one, so every old authorization keeps verifying.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use domain::authorization::PublishedKey;

use super::lookup;
use crate::error::ApiError;
use crate::state::AppState;

/// Every key the server ever countersigned with, oldest first.
#[utoipa::path(get, path = "/api/authorizations/v1/keys", tag = "authorizations",
    responses((status = 200, body = Vec<PublishedKey>,
               description = "Ed25519 public keys (hex) with the period each signed in")))]
pub async fn get(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let keys = lookup::published_keys(&state.db).await?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=3600")],
        Json(keys),
    ))
}
