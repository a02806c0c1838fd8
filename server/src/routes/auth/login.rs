//! `POST /api/auth/login`: staff sign in with username and password.

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use serde::Deserialize;

use super::{Me, NextStep, account, client_address, signed_in};
use crate::auth::{events, lockout, password, pending};
use crate::error::ApiError;
use crate::state::AppState;

/// The form.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Login {
    /// Sign-in name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// Signs in, or answers 401 (wrong name or password, not told apart) or 429 (locked out).
/// An account with a second factor gets 202 and a pending sign-in cookie instead of a
/// session: the code goes to `POST /api/auth/totp`.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = Login,
    responses((status = 200, body = Me, description = "Signed in; the session cookie is set"),
              (status = 202, body = NextStep, description = "Right password; now the second factor (`__Host-od_pending` cookie set)"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody, description = "Locked out for a while")))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(form): Json<Login>,
) -> Result<Response, ApiError> {
    let now = Utc::now();
    let address = client_address(&headers, peer, &state.auth.proxies);
    // Counted before it is checked, so parallel attempts cannot outrun the lockout.
    let attempt = lockout::admit(&state.db, form.username.trim(), &address, now)
        .await?
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after_seconds: wait,
        })?;
    let found = account(&state, "username", form.username.trim()).await?;
    // An unknown name costs the same hashing time as a wrong password, so timing tells nothing.
    let stored = found
        .as_ref()
        .and_then(|r| r.5.clone())
        .unwrap_or_else(|| dummy_hash().to_owned());
    let pw = form.password;
    let ok = tokio::task::spawn_blocking(move || password::verify(&pw, &stored))
        .await
        .map_err(anyhow::Error::from)?;
    match found {
        Some(row) if ok => {
            lockout::succeeded(&state.db, attempt).await?;
            if row.8 != 0 {
                let token = pending::start(&state.db, &row.0, now).await?;
                let next = NextStep {
                    next: "totp".to_owned(),
                };
                return Ok((
                    StatusCode::ACCEPTED,
                    jar.add(pending::cookie(token)),
                    Json(next),
                )
                    .into_response());
            }
            Ok(signed_in(&state, jar, row, &address).await?.into_response())
        }
        _ => {
            let (name, method) = (form.username.trim(), events::Method::Password);
            events::sign_in_failed(&state.db, method, name, &address, &attempt.reached).await?;
            Err(ApiError::Unauthorized("用户名或密码错误".to_owned()))
        }
    }
}

fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("no account has this password").expect("hashing works"))
}
