//! `POST /api/auth/totp`: the second step of a staff sign-in, after a right password.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use serde::Deserialize;

use super::{Me, account, client_address, signed_in};
use crate::auth::pending::{self, PENDING_COOKIE};
use crate::auth::totp_store::{self, Verified};
use crate::auth::{events, lockout};
use crate::error::ApiError;
use crate::state::AppState;

/// The form.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpStep {
    /// Six digits from the authenticator app, or one recovery code (`xxxxx-xxxxx`).
    pub code: String,
}

/// Signs in with the code, or 401: no pending sign-in (it lasts five minutes: sign in with
/// the password again), or a wrong, reused or expired code (counted in the same lockout as
/// wrong passwords, per account and per address); 429 when locked out.
#[utoipa::path(post, path = "/api/auth/totp", tag = "auth", request_body = TotpStep,
    responses((status = 200, body = Me, description = "Signed in; the session cookie is set"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody, description = "Locked out for a while")))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(form): Json<TotpStep>,
) -> Result<(CookieJar, Json<Me>), ApiError> {
    let now = Utc::now();
    let token = jar
        .get(PENDING_COOKIE)
        .map(|c| c.value().to_owned())
        .ok_or_else(|| ApiError::Unauthorized("请重新输入用户名和密码".to_owned()))?;
    let Some(user) = pending::find(&state.db, &token, now).await? else {
        return Err(ApiError::Unauthorized("请重新输入用户名和密码".to_owned()));
    };
    let (username,): (String,) = sqlx::query_as("SELECT username FROM users WHERE id = $1")
        .bind(&user)
        .fetch_one(state.db.pool())
        .await?;
    let address = client_address(&headers, peer, &state.auth.proxies);
    // Counted like a password attempt, under the same keys, before it is checked.
    let attempt = lockout::admit(&state.db, &username, &address, now)
        .await?
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after_seconds: wait,
        })?;
    let code: String = form.code.chars().take(64).collect();
    let verified = totp_store::verify(&state.db, &state.auth.totp_key, &user, &code, now).await?;
    let row = account(&state, "id", &user).await?;
    match (verified, row) {
        (Some(how), Some(row)) => {
            lockout::succeeded(&state.db, attempt).await?;
            pending::finish(&state.db, &token).await?;
            if how == Verified::Recovery {
                events::recovery_code_used(&state.db, &user, &address).await?;
            }
            let jar = jar.add(pending::clear_cookie());
            signed_in(&state, jar, row, &address).await
        }
        _ => {
            let method = events::Method::Totp;
            events::sign_in_failed(&state.db, method, &username, &address, &attempt.reached)
                .await?;
            Err(ApiError::Unauthorized("验证码错误或已使用".to_owned()))
        }
    }
}
