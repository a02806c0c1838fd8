//! Fetching an attachment: for a caller who may see one of the records it belongs to, the
//! ID-card photos of an authorization only for the verification team; every read audited.

use domain::jurisdiction::{Actor, RecordScope, can_see};

use super::files::AttachmentFiles;
use super::uploads::{AttachmentError, Result, check_sha};
use crate::audit::{self, AuditEntry};
use crate::db::Db;

/// The media type and bytes of an attachment, for a caller who may see one of the records
/// it belongs to; the read is audited.
pub async fn open(
    db: &Db,
    files: &AttachmentFiles,
    actor: &Actor,
    sha256: &str,
) -> Result<(String, Vec<u8>)> {
    check_sha(sha256).map_err(|_| AttachmentError::NotFound)?;
    // An authorization's ID-card photo (its evidence) is specially protected: only the
    // verification team reads it, however many see the authorization.
    let links: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT l.record_kind, l.record_id, r.scope, a.media_type, \
         CASE WHEN e.sha256 IS NULL THEN 0 ELSE 1 END FROM attachment_links l \
         JOIN attachments a ON a.sha256 = l.sha256 \
         JOIN records r ON r.kind = l.record_kind AND r.id = l.record_id \
         LEFT JOIN authorization_evidence e ON l.record_kind = 'authorization' \
         AND e.authorization_id = l.record_id AND e.sha256 = l.sha256 \
         WHERE l.sha256 = $1",
    )
    .bind(sha256)
    .fetch_all(db.pool())
    .await?;
    // The first linked record the caller may see, with its scope parsed once.
    let visible = links
        .into_iter()
        .find_map(|(kind, id, scope, media_type, evidence)| {
            let scope = serde_json::from_str::<RecordScope>(&scope).ok()?;
            let allowed = evidence == 0 || actor.role == domain::role::Role::Verifier;
            (allowed && can_see(actor, &scope)).then_some((kind, id, scope, media_type))
        });
    let Some((kind, id, scope, media_type)) = visible else {
        return Err(AttachmentError::NotFound);
    };
    let bytes = tokio::fs::read(files.kept(sha256)).await?;
    let entry = AuditEntry::by(actor, "attachments.read")
        .on(&kind, &id, Some(scope.place.as_str()))
        .with_detail(serde_json::json!({ "sha256": sha256 }));
    audit::append_standalone(db, &entry).await?;
    Ok((media_type, bytes))
}
