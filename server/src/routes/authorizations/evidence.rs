//! `GET /api/authorizations/v1/{id}/evidence/{member}`: the photo of a signer holding their ID
//! card, taken at an in-person identity check. Specially protected: only the verification
//! team (核查机构, role `verifier`) whose place holds the household may read it; everyone
//! else, signed in or not, gets the same 404. Never cached; every read is audited.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::role::Role;

use super::{lookup, path_id, visible};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The ID-card photo of `member`'s signature on authorization `id`.
#[utoipa::path(get, path = "/api/authorizations/v1/{id}/evidence/{member}", tag = "authorizations",
    params(("id" = String, Path), ("member" = String, Path)),
    responses((status = 200, content_type = "image/jpeg", body = Vec<u8>),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, member)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (id, member) = (path_id(&id)?, path_id(&member)?);
    if user.actor.role != Role::Verifier {
        return Err(ApiError::NotFound);
    }
    let kept = visible(&state, &user, id).await?;
    let (sha256, media_type) = lookup::evidence(&state.db, id, member)
        .await?
        .ok_or(ApiError::NotFound)?;
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let bytes = match tokio::fs::read(state.attachments.kept(&sha256)).await {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ApiError::NotFound),
        Err(e) => return Err(anyhow::Error::from(e).into()),
    };
    let entry = AuditEntry::by(&user.actor, "authorization.evidence_read")
        .on("authorization", kept.id, Some(kept.scope.place.as_str()))
        .with_detail(serde_json::json!({ "member": member, "sha256": sha256 }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
