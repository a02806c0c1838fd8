//! `GET /api/sync/v1/pull?cursor=&limit=`.

use axum::Json;
use axum::extract::{Query, State};
use domain::sync::{PullQuery, PullResponse};

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::sync::pull;

/// One page of the changes the caller may see after `cursor`.
#[utoipa::path(get, path = "/api/sync/v1/pull", tag = "sync",
    params(("cursor" = Option<i64>, Query, description = "The last page's cursor; 0 for everything", minimum = 0),
           ("limit" = Option<u32>, Query, description = "Page size")),
    responses((status = 200, body = PullResponse), (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, description = "Not signed in", body = crate::error::ErrorBody)), security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    if q.cursor < 0 {
        return Err(ApiError::BadRequest("cursor 不能为负数".to_owned()));
    }
    let limit = q.limit.unwrap_or(pull::DEFAULT_LIMIT);
    Ok(Json(
        pull::pull(&state.db, &user.actor, q.cursor, limit).await?,
    ))
}
