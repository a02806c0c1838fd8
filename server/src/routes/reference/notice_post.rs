//! `POST /api/admin/calendar/notices`: an admin loads a year's holiday notice (JSON of
//! `domain::calendar::YearNotice`, the same shape as `domain/data/holidays/*.json`).

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::reference::{NoticeError, load_notice};
use crate::state::AppState;

/// Validates, stores and applies the notice at once; answers the year.
#[utoipa::path(post, path = "/api/admin/calendar/notices", tag = "reference",
    request_body(content = Object, description = "A year's State Council holiday notice (`calendar::YearNotice` as JSON)"),
    responses((status = 200, body = Object), (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody)), security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    body: String,
) -> Result<Json<Value>, ApiError> {
    if !domain::rights::permits_here(&user.actor, domain::rights::Action::ManageReference) {
        return Err(ApiError::Forbidden(
            "只有系统管理员可以导入节假日通知".to_owned(),
        ));
    }
    match load_notice(&state.db, &state.reference, &body, &user.user.0.to_string()).await {
        Ok(year) => {
            tracing::info!(year, "holiday notice loaded");
            Ok(Json(json!({ "year": year })))
        }
        Err(NoticeError::Invalid(m)) => Err(ApiError::BadRequest(format!("通知无效：{m}"))),
        Err(NoticeError::Db(e)) => Err(e.into()),
    }
}
