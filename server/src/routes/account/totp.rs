//! `POST /api/account/totp/…`: enrol a second factor (start, confirm with a first code),
//! disable it (where the role does not require it).

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::{check_password, credentials, staff_only};
use crate::auth::totp_store::{self, Enrolment};
use crate::auth::{AccountHolder, events};
use crate::error::ApiError;
use crate::routes::auth::client_address;
use crate::state::AppState;

/// Starts an enrolment: a fresh secret, its `otpauth://` URI and the QR code to scan. A new
/// start replaces an unconfirmed one. 422 `totp_already_enabled` (disable it first), `not_staff`.
#[utoipa::path(post, path = "/api/account/totp/enrol", tag = "account",
    responses((status = 200, body = Enrolment),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn enrol(
    State(state): State<AppState>,
    AccountHolder(user): AccountHolder,
) -> Result<Json<Enrolment>, ApiError> {
    staff_only(&user)?;
    let (username, _) = credentials(&state, &user).await?;
    let id = user.user.0.to_string();
    let key = &state.auth.totp_key;
    match totp_store::begin(&state.db, key, &id, &username, Utc::now()).await? {
        Some(e) => Ok(Json(e)),
        None => Err(ApiError::refused("totp_already_enabled", "两步验证已开启")),
    }
}

/// A first code from the app.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpConfirm {
    /// Six digits.
    pub code: String,
}

/// The recovery codes, shown this once.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RecoveryCodes {
    /// Each signs in once in place of a code, e.g. after losing the phone.
    pub recovery_codes: Vec<String>,
}

/// Confirms the enrolment with a first code: the second factor is on from now, and the
/// recovery codes are answered (once; only their hashes are kept). 422 `wrong_code` (no
/// enrolment started, or the code does not match), `not_staff`.
#[utoipa::path(post, path = "/api/account/totp/confirm", tag = "account", request_body = TotpConfirm,
    responses((status = 200, body = RecoveryCodes),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    AccountHolder(user): AccountHolder,
    Json(form): Json<TotpConfirm>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    staff_only(&user)?;
    let id = user.user.0.to_string();
    let code: String = form.code.chars().take(16).collect();
    let key = &state.auth.totp_key;
    match totp_store::confirm(&state.db, key, &id, &code, Utc::now()).await? {
        Some(recovery_codes) => {
            let address = client_address(&headers, peer, &state.auth.proxies);
            events::account_changed(&state.db, &id, "account.totp_enabled", &address).await?;
            Ok(Json(RecoveryCodes { recovery_codes }))
        }
        None => Err(ApiError::refused(
            "wrong_code",
            "验证码不正确，请查看验证器应用中的当前验证码",
        )),
    }
}

/// The password, to disable the second factor.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpDisable {
    /// The account's password.
    pub password: String,
}

/// Turns the second factor off (and deletes its recovery codes). 204; 422 `totp_required`
/// (the role requires it), `wrong_password` (counted in the sign-in lockout), `not_staff`.
#[utoipa::path(post, path = "/api/account/totp/disable", tag = "account", request_body = TotpDisable,
    responses((status = 204, description = "Disabled"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn disable(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    AccountHolder(user): AccountHolder,
    Json(form): Json<TotpDisable>,
) -> Result<StatusCode, ApiError> {
    staff_only(&user)?;
    if state.auth.totp_required.contains(&user.actor.role) {
        return Err(ApiError::refused(
            "totp_required",
            "您的角色必须使用两步验证，不能关闭",
        ));
    }
    if form.password.len() > 1024 {
        return Err(ApiError::BadRequest("密码过长".to_owned()));
    }
    let address = client_address(&headers, peer, &state.auth.proxies);
    let (username, hash) = credentials(&state, &user).await?;
    check_password(&state, &username, hash, form.password, &address).await?;
    let id = user.user.0.to_string();
    totp_store::disable(&state.db, &id).await?;
    events::account_changed(&state.db, &id, "account.totp_disabled", &address).await?;
    Ok(StatusCode::NO_CONTENT)
}
