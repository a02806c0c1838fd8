//! `GET /api/auth/me`: the signed-in account.

use axum::Json;
use axum::extract::State;

use super::Me;
use crate::auth::AccountHolder;
use crate::state::AppState;

/// Who the session belongs to; 401 without one. Answered also while the account must first
/// change its password or enrol a second factor (the flags say which).
#[utoipa::path(get, path = "/api/auth/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, description = "Not signed in", body = crate::error::ErrorBody)), security(("session" = [])))]
pub async fn get(State(state): State<AppState>, AccountHolder(user): AccountHolder) -> Json<Me> {
    Json(Me::new(&state, &user))
}
