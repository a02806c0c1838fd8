//! A panic in a handler is answered like any internal error: 500 with a fixed message. What
//! went wrong goes to the log only.

use std::any::Any;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// For tower-http's `CatchPanicLayer::custom`.
pub fn internal_error_on_panic(err: Box<dyn Any + Send + 'static>) -> Response {
    let what = err
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| err.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".to_owned());
    tracing::error!(panic = %what, "a handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(json!({ "error": "internal error" })),
    )
        .into_response()
}
