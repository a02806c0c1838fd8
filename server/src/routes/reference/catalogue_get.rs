//! `GET /api/catalogue`: the service item list, public like the list every village posts, with
//! the counties' own time limits as `overrides`. Its ETag is the SHA-256 of the catalogue's
//! compact form, so it changes with every local limit an admin sets or removes: a phone that
//! sends `If-None-Match` learns in one small 304 that its copy is current.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The current catalogue.
#[utoipa::path(get, path = "/api/catalogue", tag = "reference",
    responses((status = 200, body = Object, description = "The service items, departments and materials (`domain::catalogue`); ETag changes with every change"),
              (status = 304, description = "`If-None-Match` names the current ETag")))]
pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let catalogue = state.reference.catalogue();
    let etag = format!(
        "\"{}\"",
        hex::encode(Sha256::digest(catalogue.to_postcard()))
    );
    let etag_value = HeaderValue::from_str(&etag).expect("hex is a valid header value");
    let current = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if current {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value)]).into_response();
    }
    ([(header::ETAG, etag_value)], Json(catalogue.data().clone())).into_response()
}
