//! `GET /api/sync/v1/cases/{id}/messages`: the text messages a case sent its applicant and
//! helper, with whether each went out, for the window to see who was told what (numbers
//! masked). A resident sees only those sent to the applicant.

use axum::Json;
use axum::extract::{Path, State};
use domain::ids::CaseId;
use domain::jurisdiction::{RecordScope, can_see};
use domain::role::Role;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::notify::Notification;
use crate::state::AppState;
use crate::sync::store::decode;

/// The case's messages, oldest first; 404 for a case the caller may not see.
#[utoipa::path(get, path = "/api/sync/v1/cases/{id}/messages", tag = "sync",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Notification>),
              (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<Notification>>, ApiError> {
    let mut conn = state.db.pool().acquire().await?;
    let scope: Option<(String,)> =
        sqlx::query_as("SELECT scope FROM records WHERE kind = 'case' AND id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let Some((scope,)) = scope else {
        return Err(ApiError::NotFound);
    };
    let scope: RecordScope = decode(&scope)?;
    if !can_see(&user.actor, &scope) {
        return Err(ApiError::NotFound);
    }
    let mut messages = crate::notify::queue::of_case(&mut conn, CaseId(id)).await?;
    if user.actor.role == Role::Resident {
        messages.retain(|m| m.audience == "applicant");
    }
    Ok(Json(messages))
}
