//! `/api/account/…`: the signed-in staff member's own sign-in: change the password, enrol or
//! disable the second factor. These routes accept an account that must first change its
//! generated password or enrol (that is what they are for); every other route refuses it.

pub(crate) mod password;
pub(crate) mod totp;

use axum::Router;
use axum::routing::post;
use domain::role::Role;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/password", post(password::post))
        .route("/account/totp/enrol", post(totp::enrol))
        .route("/account/totp/confirm", post(totp::confirm))
        .route("/account/totp/disable", post(totp::disable))
}

/// Residents sign in with one-time codes: they have no password or second factor to manage.
fn staff_only(user: &CurrentUser) -> Result<(), ApiError> {
    if user.actor.role == Role::Resident {
        return Err(ApiError::refused(
            "not_staff",
            "申请人使用短信验证码登录，无需设置密码",
        ));
    }
    Ok(())
}

/// The account's sign-in name and password hash.
async fn credentials(state: &AppState, user: &CurrentUser) -> Result<(String, String), ApiError> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT username, password_hash FROM users WHERE id = $1")
            .bind(user.user.0.to_string())
            .fetch_optional(state.db.pool())
            .await?;
    match row {
        Some((Some(name), Some(hash))) => Ok((name, hash)),
        _ => Err(ApiError::refused(
            "not_staff",
            "申请人使用短信验证码登录，无需设置密码",
        )),
    }
}

/// Checks the account's current password, counted in the sign-in lockout (a stolen session
/// cannot guess it faster than the sign-in page could).
async fn check_password(
    state: &AppState,
    username: &str,
    hash: String,
    given: String,
    address: &str,
) -> Result<(), ApiError> {
    let now = chrono::Utc::now();
    let attempt = crate::auth::lockout::admit(&state.db, username, address, now)
        .await?
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after_seconds: wait,
        })?;
    let ok = tokio::task::spawn_blocking(move || crate::auth::password::verify(&given, &hash))
        .await
        .map_err(anyhow::Error::from)?;
    if ok {
        crate::auth::lockout::succeeded(&state.db, attempt).await?;
        return Ok(());
    }
    let method = crate::auth::events::Method::Password;
    crate::auth::events::sign_in_failed(&state.db, method, username, address, &attempt.reached)
        .await?;
    Err(ApiError::refused("wrong_password", "当前密码不正确"))
}
