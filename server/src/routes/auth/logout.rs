//! `POST /api/auth/logout`: ends the session at once.

use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use chrono::Utc;

use crate::auth::{SESSION_COOKIE, clear_cookie, session};
use crate::error::ApiError;
use crate::state::AppState;

/// Ends the caller's session (if any) and clears the cookie.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out")))]
pub async fn post(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), ApiError> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        session::end(&state.db, c.value(), Utc::now()).await?;
    }
    Ok((jar.add(clear_cookie()), StatusCode::NO_CONTENT))
}
