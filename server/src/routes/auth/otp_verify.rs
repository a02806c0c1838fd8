//! `POST /api/auth/otp/verify`: a resident signs in with the code.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::identity::MobilePhone;
use serde::Deserialize;

use super::{Me, account, client_address, signed_in};
use crate::auth::{events, lockout, otp};
use crate::error::ApiError;
use crate::state::AppState;

/// The form.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OtpVerify {
    /// The number the code went to.
    pub phone: String,
    /// The six digits.
    pub code: String,
}

/// Signs in, or 401 (wrong, used or expired code, or no resident account), or 429; 400 for
/// a malformed number (counted in no lockout: the number is the account's key, in one form).
#[utoipa::path(post, path = "/api/auth/otp/verify", tag = "auth", request_body = OtpVerify,
    responses((status = 200, body = Me), (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody)))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(form): Json<OtpVerify>,
) -> Result<(CookieJar, Json<Me>), ApiError> {
    let now = Utc::now();
    let phone = MobilePhone::parse(&form.phone).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let phone = phone.expose();
    let address = client_address(&headers, peer, &state.auth.proxies);
    // Counted before it is checked, so parallel attempts cannot outrun the lockout.
    let attempt = lockout::admit(&state.db, phone, &address, now)
        .await?
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after_seconds: wait,
        })?;
    let resident = account(&state, "phone", phone)
        .await?
        .filter(|r| r.1 == "resident");
    match resident {
        Some(row)
            if otp::redeem(&state.db, &state.auth.codes, phone, form.code.trim(), now).await? =>
        {
            lockout::succeeded(&state.db, attempt).await?;
            signed_in(&state, jar, row, &address).await
        }
        _ => {
            let method = events::Method::Code;
            events::sign_in_failed(&state.db, method, phone, &address, &attempt.reached).await?;
            Err(ApiError::Unauthorized("验证码错误或已过期".to_owned()))
        }
    }
}
