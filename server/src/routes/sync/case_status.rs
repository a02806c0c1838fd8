//! `GET /api/sync/v1/cases/{id}/status`: where a case stands, for those who may see it.

use std::sync::LazyLock;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use sqlx::Row;
use uuid::Uuid;

use crate::auth::{CurrentUser, SESSION_COLUMNS, SESSION_FROM, SESSION_MATCH, SESSION_QUERY};
use crate::error::ApiError;
use crate::state::AppState;
use crate::sync::{CaseStatus, status_of};

/// The session and the case in one round trip: residents and helpers poll this more than
/// anything else.
static QUERY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{SESSION_QUERY}, r.scope, r.body, r.updated_at {SESSION_FROM} \
         LEFT JOIN records r ON r.kind = 'case' AND r.id = $2 WHERE {SESSION_MATCH}"
    )
});

/// The status of a case the caller may see; 404 for any other.
#[utoipa::path(get, path = "/api/sync/v1/cases/{id}/status", tag = "sync",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CaseStatus),
              (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<CaseStatus>, ApiError> {
    let token = CurrentUser::token(&headers)?;
    let row = sqlx::query(QUERY.as_str())
        .bind(CurrentUser::token_hash(&token))
        .bind(id.to_string())
        .fetch_optional(state.db.pool())
        .await?;
    let user = CurrentUser::from_session_row(&state, &token, row.as_ref()).await?;
    let Some(row) = row else {
        return Err(ApiError::NotFound);
    };
    let col = |i: usize| row.try_get::<Option<String>, _>(i);
    let first = SESSION_COLUMNS;
    let (Some(scope), Some(body), Some(at)) = (col(first)?, col(first + 1)?, col(first + 2)?)
    else {
        return Err(ApiError::NotFound);
    };
    status_of(&user.actor, id, &scope, &body, &at)?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
