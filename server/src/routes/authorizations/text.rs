//! The authorization's text: `GET /api/authorizations/v1/text` (public) answers the version in
//! force; `POST /api/authorizations/v1/texts` (system administrator) loads a new version, as
//! the holiday notices are loaded. An authorization keeps the version it was signed under.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::authorization::AuthorizationText;
use serde_json::{Value, json};

use super::lookup;
use crate::auth::CurrentUser;
use crate::authorization::store::{self, LoadTextError};
use crate::error::ApiError;
use crate::state::AppState;

/// The text new authorizations are signed under.
#[utoipa::path(get, path = "/api/authorizations/v1/text", tag = "authorizations",
    responses((status = 200, body = Object,
               description = "`domain::authorization::AuthorizationText` as JSON, with its `sha256`")))]
pub async fn get(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let text = lookup::text_in_force(&state.db).await?;
    let mut body = serde_json::to_value(&text).map_err(anyhow::Error::from)?;
    body["sha256"] = json!(text.sha256());
    Ok(Json(body))
}

/// Validates and stores a new version; it is in force at once (201; 200 when that very text
/// is loaded already). 409 for a version loaded before with another text: a version's text
/// never changes, since signed authorizations name it. Audited by the store
/// (`authorization.text_loaded`).
#[utoipa::path(post, path = "/api/authorizations/v1/texts", tag = "authorizations",
    request_body(content = Object, description = "`domain::authorization::AuthorizationText` as JSON"),
    responses((status = 201, body = Object, description = "Loaded: its version and SHA-256"),
              (status = 200, body = Object, description = "That text was loaded already"),
              (status = 400, description = "Malformed or invalid text", body = crate::error::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody),
              (status = 409, description = "That version is loaded already", body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    body: String,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    if !domain::rights::permits_here(&user.actor, domain::rights::Action::ManageReference) {
        return Err(ApiError::Forbidden(
            "只有系统管理员可以导入授权书文本".to_owned(),
        ));
    }
    let text: AuthorizationText = serde_json::from_str(&body)
        .map_err(|e| ApiError::BadRequest(format!("授权书文本无效：{e}")))?;
    // The store validates, refuses a version taken by another text, and audits the load.
    let new = match store::load_text(&state.db, &text, &user.user.0.to_string()).await {
        Ok(new) => new,
        Err(LoadTextError::Invalid(m)) => {
            return Err(ApiError::BadRequest(format!("授权书文本无效：{m}")));
        }
        Err(e @ LoadTextError::VersionTaken(_)) => return Err(ApiError::Conflict(e.to_string())),
        Err(LoadTextError::Db(e)) => return Err(e.into()),
    };
    let sha256 = text.sha256();
    tracing::info!(version = %text.version, new, "authorization text loaded");
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({ "version": text.version, "sha256": sha256 })),
    ))
}
