//! Server-rendered HTML pages, without WebAssembly: the public verification page (`/verify`),
//! the printable A4 authorization form (`/authorizations/{id}/print`) and a case's
//! registration form (`/cases/{id}/registration`). They are plain
//! documents a resident's old phone or an agency's office printer can open; every value is
//! escaped, and the only style is the stylesheet below (the page policy allows no inline
//! style or script).

mod case_print;
pub mod html;
mod print_page;
mod registration_page;
mod verify_page;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

/// The pages' stylesheet.
pub const STYLESHEET: &str = "/authorizations/form.css";

/// The pages' routes (outside `/api`, ahead of the app's own router).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/verify", get(verify_page::get))
        .route("/authorizations/{id}/print", get(print_page::get))
        .route("/cases/{id}/registration", get(registration_page::get))
        .route(STYLESHEET, get(stylesheet))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("form.css"),
    )
}
