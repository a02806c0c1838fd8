//! The signed-in caller, from the session cookie, checked against the database on every
//! request so that logout, expiry and disabling take effect at once.

use std::sync::LazyLock;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::department::DepartmentCode;
use domain::ids::UserId;
use domain::jurisdiction::{Actor, PlaceCode};
use domain::role::Role;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{SESSION_COOKIE, session, token};
use crate::db::time;
use crate::error::ApiError;
use crate::state::AppState;

/// Who is calling, as the domain rules see them.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: UserId,
    /// Role, place and department, for `domain::jurisdiction::access`.
    pub actor: Actor,
    /// The name to greet them with.
    pub display_name: String,
    /// What the account must do before anything else (change a generated password, enrol a
    /// second factor its role requires), as the refusal's code; `None`: nothing.
    pub restriction: Option<&'static str>,
    /// Whether the account has a confirmed second factor.
    pub totp_enabled: bool,
}

/// The signed-in caller even while a [`CurrentUser::restriction`] holds: for the routes that
/// lift it (password change, second-factor enrolment) and `GET /api/auth/me`.
#[derive(Debug, Clone)]
pub struct AccountHolder(pub CurrentUser);

/// The session's columns, first in a query that reads a session (`$1`: the token's hash)
/// perhaps with more after them, so that a hot route checks the caller and reads its data in
/// one round trip. Rows without a live session come back empty.
pub(crate) const SESSION_QUERY: &str = "SELECT s.created_at, s.last_seen_at, u.id, u.role, \
     u.place_code, u.department_code, u.display_name, \
     CAST(CASE WHEN u.disabled THEN 1 ELSE 0 END AS BIGINT), \
     CAST(CASE WHEN u.must_change_password THEN 1 ELSE 0 END AS BIGINT), \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM staff_totp t WHERE t.user_id = u.id \
     AND t.enabled_at IS NOT NULL) THEN 1 ELSE 0 END AS BIGINT)";
/// How many columns [`SESSION_QUERY`] selects.
pub(crate) const SESSION_COLUMNS: usize = 10;
/// The tables of the session query, to continue with joins and `WHERE {SESSION_MATCH}`.
pub(crate) const SESSION_FROM: &str = "FROM sessions s JOIN users u ON u.id = s.user_id";
/// The session query's condition.
pub(crate) const SESSION_MATCH: &str = "s.token_hash = $1 AND s.ended_at IS NULL";

impl CurrentUser {
    /// The session token from the request's cookie.
    pub(crate) fn token(headers: &HeaderMap) -> Result<String, ApiError> {
        CookieJar::from_headers(headers)
            .get(SESSION_COOKIE)
            .map(|c| c.value().to_owned())
            .ok_or_else(ApiError::signed_out)
    }

    /// The hash under which `token`'s session is stored, to bind as `$1`.
    pub(crate) fn token_hash(token: &str) -> String {
        token::hash(token)
    }

    /// The caller of a row that starts with [`SESSION_QUERY`]'s columns (`None`: no live
    /// session). Ends an expired session or a disabled account's, and marks the session used.
    /// A caller under a [`CurrentUser::restriction`] is refused (403 with its code).
    pub(crate) async fn from_session_row(
        state: &AppState,
        token: &str,
        row: Option<&AnyRow>,
    ) -> Result<CurrentUser, ApiError> {
        let user = Self::from_session_row_unrestricted(state, token, row).await?;
        match user.restriction {
            Some(code) => Err(ApiError::restricted(code)),
            None => Ok(user),
        }
    }

    /// [`CurrentUser::from_session_row`], letting a restricted caller through.
    async fn from_session_row_unrestricted(
        state: &AppState,
        token: &str,
        row: Option<&AnyRow>,
    ) -> Result<CurrentUser, ApiError> {
        let Some(row) = row else {
            // An ended session: a disabled account's phone is told so, to wipe itself.
            if super::disabled::holder(&state.db, token).await?.is_some() {
                return Err(ApiError::account_disabled());
            }
            return Err(
                if super::disabled::lapsed(&state.db, token, state.auth.wipe_after).await? {
                    ApiError::sign_in_lapsed()
                } else {
                    ApiError::signed_out()
                },
            );
        };
        let text = |i: usize| row.try_get::<String, _>(i);
        let (created, seen) = (time::from_db(&text(0)?)?, time::from_db(&text(1)?)?);
        let disabled: i64 = row.try_get(7)?;
        let now = Utc::now();
        let expired = now - seen > state.auth.idle || now - created > state.auth.max_age;
        if disabled != 0 || expired {
            session::end(&state.db, token, now).await?;
            return Err(if disabled != 0 {
                ApiError::account_disabled()
            } else if now - seen > state.auth.wipe_after {
                ApiError::sign_in_lapsed()
            } else {
                ApiError::signed_out()
            });
        }
        session::touch(&state.db, token, seen, now).await?;
        let user = UserId(text(2)?.parse().map_err(anyhow::Error::from)?);
        let role = text(3)?;
        let place = text(4)?;
        let department: Option<String> = row.try_get(5)?;
        let actor = Actor {
            user,
            role: Role::from_code(&role).ok_or_else(|| anyhow::anyhow!("unknown role in users"))?,
            place: PlaceCode::parse(&place)
                .map_err(|e| anyhow::anyhow!("bad place in users: {e}"))?,
            department: department.map(DepartmentCode),
        };
        let must_change: i64 = row.try_get(8)?;
        let totp_enabled = row.try_get::<i64, _>(9)? != 0;
        let restriction = if must_change != 0 {
            Some(PASSWORD_CHANGE_REQUIRED)
        } else if state.auth.totp_required.contains(&actor.role) && !totp_enabled {
            Some(TOTP_ENROLMENT_REQUIRED)
        } else {
            None
        };
        Ok(CurrentUser {
            user,
            actor,
            display_name: text(6)?,
            restriction,
            totp_enabled,
        })
    }

    async fn from_parts(parts: &Parts, state: &AppState) -> Result<CurrentUser, ApiError> {
        static QUERY: LazyLock<String> =
            LazyLock::new(|| format!("{SESSION_QUERY} {SESSION_FROM} WHERE {SESSION_MATCH}"));
        let token = Self::token(&parts.headers)?;
        let row = sqlx::query(QUERY.as_str())
            .bind(Self::token_hash(&token))
            .fetch_optional(state.db.pool())
            .await?;
        Self::from_session_row_unrestricted(state, &token, row.as_ref()).await
    }
}

/// The code of the refusal while a generated password has not been changed.
pub const PASSWORD_CHANGE_REQUIRED: &str = "password_change_required";
/// The code of the refusal while a second factor the role requires is not enrolled.
pub const TOTP_ENROLMENT_REQUIRED: &str = "totp_enrolment_required";

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = Self::from_parts(parts, state).await?;
        match user.restriction {
            Some(code) => Err(ApiError::restricted(code)),
            None => Ok(user),
        }
    }
}

impl FromRequestParts<AppState> for AccountHolder {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        CurrentUser::from_parts(parts, state)
            .await
            .map(AccountHolder)
    }
}
