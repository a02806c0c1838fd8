//! `GET /api/calendar/notices`: the holiday notices an admin loaded since the release, for
//! the phones to build the same working-day calendar offline (`Calendar::builtin()` plus
//! these, applied in this order). Public like `/api/calendar`.

use axum::Json;
use axum::extract::State;
use domain::calendar::YearNotice;
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

/// The loaded notices.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CalendarNotices {
    /// Each year's notice (`calendar::YearNotice`, the shape of `domain/data/holidays/*.json`),
    /// oldest load first; one per year, the latest load of that year.
    #[schema(value_type = Vec<Object>)]
    pub notices: Vec<YearNotice>,
}

/// Every loaded notice.
#[utoipa::path(get, path = "/api/calendar/notices", tag = "reference",
    responses((status = 200, body = CalendarNotices)))]
pub async fn get(State(state): State<AppState>) -> Result<Json<CalendarNotices>, ApiError> {
    let notices = crate::reference::loaded_notices(&state.db).await?;
    Ok(Json(CalendarNotices { notices }))
}
