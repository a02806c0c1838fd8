//! `/api/attachments/v1/…`: announce a file, send it in chunks, resume, fetch it.
//!
//! - `POST /uploads` with [`BeginUpload`] → [`UploadState`] (complete at once when the same
//!   content is already kept and the caller sent it before or may act on a record it is
//!   linked to; otherwise, known or not, the bytes are asked for);
//! - `GET /uploads/{id}` → where the upload stands, to resume after a dropped connection;
//! - `PUT /uploads/{id}?offset=N` with the chunk's bytes → the new state; 409 with the server's
//!   count when `N` is not where the last chunk ended;
//! - `GET /{sha256}` → the file, to those who may see a record it belongs to.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::attachments::{self, AttachmentError, BeginUpload, MAX_CHUNK, UploadState};
use crate::auth::CurrentUser;
use crate::state::AppState;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/attachments/v1/uploads", post(begin))
        .route(
            "/attachments/v1/uploads/{id}",
            get(status)
                .put(put_chunk)
                .layer(DefaultBodyLimit::max(MAX_CHUNK + 1024)),
        )
        .route("/attachments/v1/{sha256}", get(fetch))
}

impl IntoResponse for AttachmentError {
    fn into_response(self) -> Response {
        let status = match &self {
            AttachmentError::NotFound => StatusCode::NOT_FOUND,
            AttachmentError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AttachmentError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AttachmentError::WrongOffset { .. } => StatusCode::CONFLICT,
            AttachmentError::QuotaExceeded { .. } => StatusCode::TOO_MANY_REQUESTS,
            AttachmentError::HashMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            AttachmentError::NotAllowedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AttachmentError::Db(_) | AttachmentError::Io(_) => {
                tracing::error!(error = %self, "attachment storage failed");
                return (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "error": "internal error" })),
                )
                    .into_response();
            }
        };
        let mut body = json!({ "error": self.to_string() });
        if let AttachmentError::WrongOffset { received } = self {
            body["received"] = json!(received);
        }
        (status, Json(body)).into_response()
    }
}

#[utoipa::path(post, path = "/api/attachments/v1/uploads", tag = "attachments", request_body = BeginUpload,
    responses((status = 201, body = UploadState, description = "Send the chunks"),
              (status = 200, body = UploadState, description = "Already kept, and the caller sent it before or may act on a record it is linked to: linked at once"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, description = "Not signed in", body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody),
              (status = 429, description = "Too many unfinished uploads for this account", body = crate::error::ErrorBody)), security(("session" = [])))]
pub async fn begin(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(req): Json<BeginUpload>,
) -> Result<(StatusCode, Json<UploadState>), AttachmentError> {
    let quota = state.housekeeping.upload_quota;
    let answer = attachments::begin(&state.db, &user.actor, &req, quota).await?;
    let code = if answer.complete {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((code, Json(answer)))
}

#[utoipa::path(get, path = "/api/attachments/v1/uploads/{id}", tag = "attachments",
    params(("id" = String, Path)),
    responses((status = 200, body = UploadState), (status = 401, description = "Not signed in", body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<UploadState>, AttachmentError> {
    Ok(Json(
        attachments::status(&state.db, &user.actor, &id).await?,
    ))
}

#[derive(Deserialize)]
pub struct Offset {
    offset: i64,
}

#[utoipa::path(put, path = "/api/attachments/v1/uploads/{id}", tag = "attachments",
    params(("id" = String, Path), ("offset" = i64, Query, minimum = 0)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = UploadState), (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody, description = "Not where the server's count is: `received` says where"),
              (status = 415, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn put_chunk(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(Offset { offset }): Query<Offset>,
    body: Bytes,
) -> Result<Json<UploadState>, AttachmentError> {
    Ok(Json(
        attachments::put_chunk(
            &state.db,
            &state.attachments,
            &user.actor,
            &id,
            offset,
            &body,
        )
        .await?,
    ))
}

#[utoipa::path(get, path = "/api/attachments/v1/{sha256}", tag = "attachments",
    params(("sha256" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn fetch(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(sha256): Path<String>,
) -> Result<Response, AttachmentError> {
    let (media_type, bytes) =
        attachments::open(&state.db, &state.attachments, &user.actor, &sha256).await?;
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
            // Personal: the phone keeps its own copy in IndexedDB, no HTTP cache keeps one.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
