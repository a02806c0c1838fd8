//! The county's reports on the helper service, for county supervisors and township staff:
//! the county helper report (seed 000 attachment 2, [`helper_report`]) and the helper roster
//! (attachment 3, [`roster`]), each an A4 page, an XLSX workbook and a CSV file; and who has
//! and has not certified their eligibility this year ([`certification`]).

pub mod access;
pub mod certification;
pub mod export;
pub mod helper_report;
mod helper_report_rows;
mod helper_report_table;
pub mod roster;
pub mod submit;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The reports' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/county/helper-report", get(helper_report::get))
        .route("/county/helper-report/submit", post(submit::post))
        .route("/county/helper-roster", get(roster::get))
        .route("/county/certification", get(certification::get))
}
