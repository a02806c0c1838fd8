//! `GET /api/sync/v1/pull?cursor=&limit=`.

use axum::Json;
use axum::extract::{Query, State};
use domain::sync::{PullQuery, PullResponse};

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::sync::pull;

/// One page of the changes the caller may see after `cursor`.
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
