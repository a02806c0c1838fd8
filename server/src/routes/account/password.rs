//! `POST /api/account/password`: change one's own password.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use serde::Deserialize;

use super::{check_password, credentials, staff_only};
use crate::auth::{AccountHolder, CurrentUser, events, password, password_policy, session};
use crate::error::ApiError;
use crate::routes::auth::client_address;
use crate::state::AppState;

/// The form.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password now.
    pub current: String,
    /// The new one.
    pub new: String,
}

/// Changes the password and ends the account's other sessions (this one stays). 204; 422 with
/// `code`: `wrong_password` (counted in the sign-in lockout), `password_too_short`,
/// `password_too_common`, `password_contains_username`, `password_unchanged`, `not_staff`;
/// 429 when locked out.
#[utoipa::path(post, path = "/api/account/password", tag = "account", request_body = PasswordChange,
    responses((status = 204, description = "Changed"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    AccountHolder(user): AccountHolder,
    Json(form): Json<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    staff_only(&user)?;
    let address = client_address(&headers, peer, &state.auth.proxies);
    let (username, hash) = credentials(&state, &user).await?;
    // Bounded before hashing: Argon2 over a megabyte is work an attacker should not get free.
    if form.current.len() > 1024 || form.new.len() > 1024 {
        return Err(ApiError::BadRequest("密码过长".to_owned()));
    }
    check_password(&state, &username, hash, form.current.clone(), &address).await?;
    password_policy::check(&username, &form.new)
        .map_err(|w| ApiError::refused(w.code(), w.message_zh()))?;
    if form.new == form.current {
        return Err(ApiError::refused(
            "password_unchanged",
            "新密码不能与当前密码相同",
        ));
    }
    let new = form.new;
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(anyhow::Error::from)??;
    let id = user.user.0.to_string();
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
        .bind(hash)
        .bind(false)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let token = CurrentUser::token(&headers)?;
    session::end_others(&state.db, &id, &token, Utc::now()).await?;
    events::account_changed(&state.db, &id, "account.password_changed", &address).await?;
    Ok(StatusCode::NO_CONTENT)
}
