//! `GET /api/sync/v1/cases/{id}/status`: where a case stands.

use axum::Json;
use axum::extract::{Path, State};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::sync::{CaseStatus, case_status};

/// The status of a case the caller may see; 404 for any other.
#[utoipa::path(get, path = "/api/sync/v1/cases/{id}/status", tag = "sync",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CaseStatus),
              (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<CaseStatus>, ApiError> {
    case_status(&state.db, &user.actor, id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
