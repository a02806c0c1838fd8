//! `GET /api/auth/me`: the signed-in account.

use axum::Json;

use super::Me;
use crate::auth::CurrentUser;

/// Who the session belongs to; 401 without one.
#[utoipa::path(get, path = "/api/auth/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, description = "Not signed in", body = crate::error::ErrorBody)), security(("session" = [])))]
pub async fn get(user: CurrentUser) -> Json<Me> {
    Json(Me::from(&user))
}
