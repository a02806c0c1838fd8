//! HTTP routes, one area per folder or file.

pub mod account;
pub mod attachments;
pub mod auth;
pub mod authorizations;
pub mod health;
pub mod openapi;
pub mod places;
pub mod reference;
pub mod static_files;
pub mod sync;

use axum::Router;

use crate::state::AppState;

/// Everything under `/api`. Each area merges its own router here.
pub fn api() -> Router<AppState> {
    Router::new()
        .merge(auth::routes())
        .merge(account::routes())
        .merge(attachments::routes())
        .merge(authorizations::routes())
        .merge(sync::routes())
        .merge(reference::routes())
        .route("/places", axum::routing::get(places::get))
        .route("/openapi.json", axum::routing::get(openapi::get))
        // An unknown API path is answered in JSON, not with the app's HTML page.
        .fallback(|| async { crate::error::ApiError::NotFound })
}
