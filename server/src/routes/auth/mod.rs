//! `/api/auth/…`: sign in (staff password, resident one-time code), who am I, sign out.

pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod me;
pub(crate) mod otp_request;
pub(crate) mod otp_verify;

use axum::Router;
use axum::routing::{get, post};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::{CurrentUser, session, session_cookie};
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
}

impl From<&CurrentUser> for Me {
    fn from(u: &CurrentUser) -> Self {
        Me {
            user: u.user.0.to_string(),
            role: u.actor.role.code().to_owned(),
            place: u.actor.place.as_str().to_owned(),
            department: u.actor.department.as_ref().map(|d| d.as_str().to_owned()),
            display_name: u.display_name.clone(),
        }
    }
}

/// An account row as sign-in needs it.
type AccountRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    i64,
);

/// Starts a session for a verified account, signed in from `address`, and answers it with
/// the cookie.
async fn signed_in(
    state: &AppState,
    jar: axum_extra::extract::CookieJar,
    row: AccountRow,
    address: &str,
) -> Result<(axum_extra::extract::CookieJar, axum::Json<Me>), ApiError> {
    let (id, role, place, department, display_name, _, _) = row;
    let token = session::start(&state.db, &id, address, Utc::now()).await?;
    let me = Me {
        user: id,
        role,
        place,
        department,
        display_name,
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
         CAST(CASE WHEN disabled THEN 1 ELSE 0 END AS BIGINT) \
         FROM users WHERE {column} = $1"
    );
    let row: Option<AccountRow> = sqlx::query_as(&sql)
        .bind(value)
        .fetch_optional(state.db.pool())
        .await?;
    Ok(row.filter(|r| r.6 == 0))
}
