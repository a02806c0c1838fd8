//! `POST /api/auth/otp/request`: sends a resident a one-time code.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::identity::MobilePhone;
use domain::identity::mask::mask_phone;
use serde::Deserialize;

use super::account;
use crate::auth::otp;
use crate::error::ApiError;
use crate::state::AppState;

/// The form.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OtpRequest {
    /// Mainland mobile number.
    pub phone: String,
}

/// 202 whether or not the number has an account, so the answer tells nothing; 400 for a
/// malformed number; 429 when asked again within a minute.
#[utoipa::path(post, path = "/api/auth/otp/request", tag = "auth", request_body = OtpRequest,
    responses((status = 202, description = "A code is on its way (also when no account has the number)"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn post(
    State(state): State<AppState>,
    Json(form): Json<OtpRequest>,
) -> Result<StatusCode, ApiError> {
    let phone = MobilePhone::parse(&form.phone).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let phone = phone.expose().to_owned();
    let now = Utc::now();
    if let Some(wait) = otp::too_soon(&state.db, &phone, now).await? {
        return Err(ApiError::TooManyRequests {
            retry_after_seconds: wait,
        });
    }
    let is_resident = account(&state, "phone", &phone)
        .await?
        .is_some_and(|r| r.1 == "resident");
    let code = otp::issue(&state.db, &phone, now).await?;
    if is_resident {
        let text = format!("【一门受理】您的登录验证码是 {code}，5 分钟内有效。请勿告诉他人。");
        if let Err(e) = state.auth.sms.send(&phone, &text).await {
            tracing::error!(phone = %mask_phone(&phone), error = ?e, "one-time code not sent");
        }
    }
    Ok(StatusCode::ACCEPTED)
}
