//! Server-rendered HTML pages, without WebAssembly: the public verification page (`/verify`),
//! the printable A4 authorization form (`/authorizations/{id}/print`), a case's
//! registration form (`/cases/{id}/registration`), the window's notices to the applicant
//! (`/cases/{id}/notices/{supplement,not-accepted,result}`) and a township's routing ledger
//! (`/townships/{code}/routing-ledger`), the county's helper report and roster ([`county`]),
//! the supervision dashboard (`/county/dashboard`), the data checks ([`checks`]), the resident's public pages ([`public`]:
//! aid items and case tracking) and the signed-in resident's "我的申请" ([`resident`]). They are plain
//! documents a resident's old phone or an agency's office printer can open; every value is
//! escaped, and the only style is the stylesheet below (the page policy allows no inline
//! style or script).

pub mod admin;
pub mod admin_staff;
mod case_print;
pub mod checks;
pub mod county;
pub mod dashboard;
pub mod html;
pub mod import_table;
mod notice;
mod notice_not_accepted_page;
mod notice_result_page;
mod notice_supplement_page;
pub mod period;
mod print_page;
pub mod public;
mod registration_page;
pub mod registry;
pub mod resident;
mod routing_ledger_page;
mod routing_ledger_rows;
mod sign_in_first;
mod verify_page;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

/// The pages' stylesheet.
pub const STYLESHEET: &str = "/authorizations/form.css";

/// The page rule of landscape documents (the routing ledger), linked after [`STYLESHEET`] so
/// its `@page` wins; the notices and forms stay portrait.
pub const LANDSCAPE: &str = "/authorizations/landscape.css";

/// The pages' routes (outside `/api`, ahead of the app's own router).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/verify", get(verify_page::get))
        .route("/authorizations/{id}/print", get(print_page::get))
        .route("/cases/{id}/registration", get(registration_page::get))
        .route(
            "/cases/{id}/notices/supplement",
            get(notice_supplement_page::get),
        )
        .route(
            "/cases/{id}/notices/not-accepted",
            get(notice_not_accepted_page::get),
        )
        .route("/cases/{id}/notices/result", get(notice_result_page::get))
        .route(
            "/townships/{code}/routing-ledger",
            get(routing_ledger_page::get),
        )
        .route("/county/dashboard", get(dashboard::get))
        .route(dashboard::STYLESHEET, get(dashboard::stylesheet))
        .route(STYLESHEET, get(stylesheet))
        .route(LANDSCAPE, get(landscape))
        .merge(public::routes())
        .merge(county::routes())
        .merge(checks::routes())
        .merge(registry::routes())
        .merge(resident::routes())
        .merge(admin::routes())
        .merge(admin_staff::routes())
        .layer(axum::middleware::from_fn(sign_in_first::layer))
}

async fn landscape() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("landscape.css"),
    )
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
