//! The signed-in caller, from the session cookie, checked against the database on every
//! request so that logout, expiry and disabling take effect at once.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::department::DepartmentCode;
use domain::ids::UserId;
use domain::jurisdiction::{Actor, PlaceCode};
use domain::role::Role;

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
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(SESSION_COOKIE)
            .map(|c| c.value().to_owned())
            .ok_or_else(ApiError::signed_out)?;
        let row: Option<Row> = sqlx::query_as(
            "SELECT s.created_at, s.last_seen_at, u.id, u.role, u.place_code, u.department_code, \
                    u.display_name, CAST(CASE WHEN u.disabled THEN 1 ELSE 0 END AS BIGINT) \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.ended_at IS NULL",
        )
        .bind(token::hash(&token))
        .fetch_optional(state.db.pool())
        .await?;
        let (created, seen, id, role, place, department, display_name, disabled) =
            row.ok_or_else(ApiError::signed_out)?;
        let now = Utc::now();
        let (created, seen) = (time::from_db(&created)?, time::from_db(&seen)?);
        let expired = now - seen > state.auth.idle || now - created > state.auth.max_age;
        if disabled != 0 || expired {
            session::end(&state.db, &token, now).await?;
            return Err(ApiError::signed_out());
        }
        session::touch(&state.db, &token, seen, now).await?;
        let user = UserId(id.parse().map_err(anyhow::Error::from)?);
        let actor = Actor {
            user,
            role: Role::from_code(&role).ok_or_else(|| anyhow::anyhow!("unknown role in users"))?,
            place: PlaceCode::parse(&place)
                .map_err(|e| anyhow::anyhow!("bad place in users: {e}"))?,
            department: department.map(DepartmentCode),
        };
        Ok(CurrentUser {
            user,
            actor,
            display_name,
        })
    }
}
