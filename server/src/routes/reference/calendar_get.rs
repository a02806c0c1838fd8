//! `GET /api/calendar`: which years have their official notice, and which are computed
//! provisionally (so screens can say so and the admin knows to load the notice).

use axum::Json;
use axum::extract::State;
use chrono::{Datelike, Utc};
use serde::Serialize;

use crate::state::AppState;

/// The calendar's state.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CalendarStatus {
    /// Years whose State Council notice is loaded.
    pub loaded_years: Vec<i32>,
    /// This year and next, when their notice is missing: deadlines there are provisional.
    pub provisional_years: Vec<i32>,
    /// What to do about it, in Chinese (empty when nothing).
    pub advice_zh: String,
}

/// The status now.
#[utoipa::path(get, path = "/api/calendar", tag = "reference",
    responses((status = 200, body = CalendarStatus)))]
pub async fn get(State(state): State<AppState>) -> Json<CalendarStatus> {
    let calendar = state.reference.calendar();
    let year = Utc::now().year();
    let provisional_years: Vec<i32> = [year, year + 1]
        .into_iter()
        .filter(|y| calendar.is_provisional(*y))
        .collect();
    let advice_zh = match provisional_years.as_slice() {
        [] => String::new(),
        ys => format!(
            "{} 年的节假日安排通知尚未导入，相关期限按法定节假日推算，仅供参考。请管理员导入国务院办公厅通知。",
            ys.iter().map(i32::to_string).collect::<Vec<_>>().join("、")
        ),
    };
    Json(CalendarStatus {
        loaded_years: calendar.loaded_years(),
        provisional_years,
        advice_zh,
    })
}
