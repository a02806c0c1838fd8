//! `/api/auth/…`: sign in (staff password, resident one-time code), who am I, sign out.

pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod me;
pub(crate) mod otp_request;
pub(crate) mod otp_verify;
pub(crate) mod totp_step;

use axum::Router;
use axum::routing::{get, post};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::{
    CurrentUser, PASSWORD_CHANGE_REQUIRED, TOTP_ENROLMENT_REQUIRED, session, session_cookie,
};
use crate::error::ApiError;
use crate::state::AppState;

pub use crate::security::client_address::client_address;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(login::post))
        .route("/auth/logout", post(logout::post))
        .route("/auth/me", get(me::get))
        .route("/auth/otp/request", post(otp_request::post))
        .route("/auth/otp/verify", post(otp_verify::post))
        .route("/auth/totp", post(totp_step::post))
}

/// The signed-in account, as `GET /api/auth/me` and the sign-ins answer it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Me {
    /// Account id.
    pub user: String,
    /// Role code.
    pub role: String,
    /// Place code.
    pub place: String,
    /// Department code, for department officers.
    pub department: Option<String>,
    /// Display name.
    pub display_name: String,
    /// The generated password must be changed before anything else.
    pub must_change_password: bool,
    /// The role requires a second factor and none is enrolled yet: enrol before anything else.
    pub totp_enrolment_required: bool,
    /// A second factor is enrolled.
    pub totp_enabled: bool,
    /// The role requires a second factor (it cannot be disabled).
    pub totp_required: bool,
}

impl Me {
    /// An account as the configuration sees it.
    fn new(state: &AppState, user: &CurrentUser) -> Me {
        Me {
            user: user.user.0.to_string(),
            role: user.actor.role.code().to_owned(),
            place: user.actor.place.as_str().to_owned(),
            department: user
                .actor
                .department
                .as_ref()
                .map(|d| d.as_str().to_owned()),
            display_name: user.display_name.clone(),
            must_change_password: user.restriction == Some(PASSWORD_CHANGE_REQUIRED),
            totp_enrolment_required: user.restriction == Some(TOTP_ENROLMENT_REQUIRED)
                || (!user.totp_enabled && state.auth.totp_required.contains(&user.actor.role)),
            totp_enabled: user.totp_enabled,
            totp_required: state.auth.totp_required.contains(&user.actor.role),
        }
    }
}

/// An account row as sign-in needs it: id, role, place, department, display name, password
/// hash, disabled, must change its password, has a second factor.
type AccountRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    i64,
    i64,
    i64,
);

/// The answer to a right password when the account has a second factor: no session yet.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NextStep {
    /// What to send next: `totp` (`POST /api/auth/totp` with the code).
    pub next: String,
}

/// Starts a session for a verified account, signed in from `address`, and answers it with
/// the cookie.
async fn signed_in(
    state: &AppState,
    jar: axum_extra::extract::CookieJar,
    row: AccountRow,
    address: &str,
) -> Result<(axum_extra::extract::CookieJar, axum::Json<Me>), ApiError> {
    let (id, role, place, department, display_name, _, _, must_change, totp_enabled) = row;
    let keep = state.auth.sessions_per_account;
    let token = session::start(&state.db, &id, address, Utc::now(), keep).await?;
    let role_code = domain::role::Role::from_code(&role);
    let totp_required = role_code.is_some_and(|r| state.auth.totp_required.contains(&r));
    let me = Me {
        user: id,
        role,
        place,
        department,
        display_name,
        must_change_password: must_change != 0,
        totp_enrolment_required: totp_required && totp_enabled == 0,
        totp_enabled: totp_enabled != 0,
        totp_required,
    };
    Ok((
        jar.add(session_cookie(token, state.auth.max_age)),
        axum::Json(me),
    ))
}

/// Looks up an enabled account by username or phone.
async fn account(
    state: &AppState,
    column: &str,
    value: &str,
) -> Result<Option<AccountRow>, ApiError> {
    let sql = format!(
        "SELECT id, role, place_code, department_code, display_name, password_hash, \
         CAST(CASE WHEN disabled THEN 1 ELSE 0 END AS BIGINT), \
         CAST(CASE WHEN must_change_password THEN 1 ELSE 0 END AS BIGINT), \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM staff_totp t WHERE t.user_id = users.id \
         AND t.enabled_at IS NOT NULL) THEN 1 ELSE 0 END AS BIGINT) \
         FROM users WHERE {column} = $1"
    );
    let row: Option<AccountRow> = sqlx::query_as(&sql)
        .bind(value)
        .fetch_optional(state.db.pool())
        .await?;
    Ok(row.filter(|r| r.6 == 0))
}
