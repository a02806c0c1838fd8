//! `POST /api/auth/otp/request`: sends a resident a one-time code.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use domain::identity::MobilePhone;
use domain::identity::mask::mask_phone;
use serde::Deserialize;

use super::{account, client_address};
use crate::auth::{events, limits, otp};
use crate::error::ApiError;
use crate::state::AppState;

/// The form.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OtpRequest {
    /// Mainland mobile number.
    pub phone: String,
}

/// 202 whether or not the number has an account, so the answer tells nothing; 400 for a
/// malformed number; 429 when asked again within a minute, too often for the number or from
/// the address, or too often in all.
///
/// The same work is done for any number (a code is made and stored), and the message is sent
/// after the answer, so neither the answer nor its time tells whether the number is a
/// resident's.
#[utoipa::path(post, path = "/api/auth/otp/request", tag = "auth", request_body = OtpRequest,
    responses((status = 202, description = "A code is on its way (also when no account has the number)"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(form): Json<OtpRequest>,
) -> Result<StatusCode, ApiError> {
    let phone = MobilePhone::parse(&form.phone).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let phone = phone.expose().to_owned();
    let now = Utc::now();
    let address = client_address(&headers, peer, &state.auth.proxies);
    let limits = otp::request_limits(&phone, &address, state.auth.otp_requests_per_hour);
    // A request counts whether or not a code is sent: it is the asking that is limited.
    let counted = limits::admit(&state.db, &limits, now)
        .await?
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after_seconds: wait,
        })?;
    let limit_reached = !counted.reached.is_empty();
    events::code_requested(&state.db, &phone, &address, limit_reached).await?;
    let is_resident = account(&state, "phone", &phone)
        .await?
        .is_some_and(|r| r.1 == "resident");
    let code = otp::issue(&state.db, &state.auth.codes, &phone, now).await?;
    if is_resident {
        let sms = state.auth.sms.clone();
        tokio::spawn(async move {
            let text = format!("【一门受理】您的登录验证码是 {code}，5 分钟内有效。请勿告诉他人。");
            if let Err(e) = sms.send(&phone, &text).await {
                tracing::error!(phone = %mask_phone(&phone), error = ?e, "one-time code not sent");
            }
        });
    }
    Ok(StatusCode::ACCEPTED)
}
