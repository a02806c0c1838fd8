//! `GET /api/auth/me`: the signed-in account.

use axum::Json;

use super::Me;
use crate::auth::CurrentUser;

/// Who the session belongs to; 401 without one.
pub async fn get(user: CurrentUser) -> Json<Me> {
    Json(Me::from(&user))
}
