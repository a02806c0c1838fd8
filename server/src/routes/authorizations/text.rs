//! The authorization's text: `GET /api/authorizations/v1/text` (public) answers the version in
//! force; `POST /api/authorizations/v1/texts` (system administrator) loads a new version, as
//! the holiday notices are loaded. An authorization keeps the version it was signed under.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::authorization::AuthorizationText;
use domain::role::Role;
use serde_json::{Value, json};

use super::lookup;
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::db::time;
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

/// Validates and stores a new version; it is in force at once. 409 for a version loaded before
/// (a version's text never changes: signed authorizations name it).
#[utoipa::path(post, path = "/api/authorizations/v1/texts", tag = "authorizations",
    request_body(content = Object, description = "`domain::authorization::AuthorizationText` as JSON"),
    responses((status = 201, body = Object, description = "Loaded: its version and SHA-256"),
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
    if user.actor.role != Role::Admin {
        return Err(ApiError::Forbidden(
            "只有系统管理员可以导入授权书文本".to_owned(),
        ));
    }
    let text: AuthorizationText = serde_json::from_str(&body)
        .map_err(|e| ApiError::BadRequest(format!("授权书文本无效：{e}")))?;
    text.validate()
        .map_err(|m| ApiError::BadRequest(format!("授权书文本无效：{m}")))?;
    if text.version == AuthorizationText::builtin().version
        || lookup::text(&state.db, &text.version).await?.is_some()
    {
        return Err(ApiError::Conflict(format!(
            "版本 {} 已经存在，请换一个版本号",
            text.version
        )));
    }
    let sha256 = text.sha256();
    let mut tx = state.db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO authorization_texts (version, body, loaded_at, loaded_by) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING",
    )
    .bind(&text.version)
    .bind(serde_json::to_string(&text).map_err(anyhow::Error::from)?)
    .bind(time::now())
    .bind(user.user.0.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::Conflict(format!(
            "版本 {} 已经存在，请换一个版本号",
            text.version
        )));
    }
    let entry = AuditEntry::by(&user.actor, "authorization.text_load")
        .with_detail(json!({ "version": text.version, "sha256": sha256 }));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    tracing::info!(version = %text.version, "authorization text loaded");
    Ok((
        StatusCode::CREATED,
        Json(json!({ "version": text.version, "sha256": sha256 })),
    ))
}
