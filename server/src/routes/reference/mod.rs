//! Reference data: the public service item list, the calendar's state and its loaded holiday
//! notices, loading a year's holiday notice (admin), and the caller's places.

pub(crate) mod calendar_get;
pub(crate) mod catalogue_get;
pub(crate) mod notice_post;
pub(crate) mod notices_get;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalogue", get(catalogue_get::get))
        .route("/calendar", get(calendar_get::get))
        .route("/calendar/notices", get(notices_get::get))
        .route("/admin/calendar/notices", post(notice_post::post))
}
