//! Fetching an attachment: for a caller who may see one of the records it belongs to, the
//! ID-card photos of an authorization only for the verification team; every read audited.

use domain::jurisdiction::{Actor, RecordScope, can_act, can_see};
use domain::role::Role;
use sqlx::AnyConnection;

use super::files::AttachmentFiles;
use super::uploads::{AttachmentError, Result, check_sha};
use crate::audit::{self, AuditEntry};
use crate::db::Db;

/// One record a kept file is linked to.
pub(super) struct Link {
    kind: String,
    id: String,
    scope: RecordScope,
    media_type: String,
    /// The file is this record's (an authorization's) ID-card photo.
    evidence: bool,
}

impl Link {
    /// Whether `actor` may read the file through this record: see the record, and for an
    /// authorization's ID-card photo (its evidence, specially protected) be of the
    /// verification team, however many see the authorization.
    fn readable_by(&self, actor: &Actor) -> bool {
        self.protection_allows(actor) && can_see(actor, &self.scope)
    }

    /// Whether `actor` may link the file elsewhere through this record: act on it, and read
    /// the file through it.
    pub(super) fn lends_to(&self, actor: &Actor) -> bool {
        self.protection_allows(actor) && can_act(actor, &self.scope)
    }

    fn protection_allows(&self, actor: &Actor) -> bool {
        !self.evidence || actor.role == Role::Verifier
    }
}

/// Every record the kept file `sha256` is linked to (that still exists).
pub(super) async fn links_of(conn: &mut AnyConnection, sha256: &str) -> Result<Vec<Link>> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT l.record_kind, l.record_id, r.scope, a.media_type, \
         CASE WHEN e.sha256 IS NULL THEN 0 ELSE 1 END FROM attachment_links l \
         JOIN attachments a ON a.sha256 = l.sha256 \
         JOIN records r ON r.kind = l.record_kind AND r.id = l.record_id \
         LEFT JOIN authorization_evidence e ON l.record_kind = 'authorization' \
         AND e.authorization_id = l.record_id AND e.sha256 = l.sha256 \
         WHERE l.sha256 = $1",
    )
    .bind(sha256)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, id, scope, media_type, evidence)| {
            let scope = serde_json::from_str::<RecordScope>(&scope).ok()?;
            Some(Link {
                kind,
                id,
                scope,
                media_type,
                evidence: evidence != 0,
            })
        })
        .collect())
}

/// The media type and bytes of an attachment, for a caller who may see one of the records
/// it belongs to; the read is audited. Nothing else opens a file: not knowing its hash, not
/// having sent it once (access ends when access to every record it is linked to ends).
pub async fn open(
    db: &Db,
    files: &AttachmentFiles,
    actor: &Actor,
    sha256: &str,
) -> Result<(String, Vec<u8>)> {
    check_sha(sha256).map_err(|_| AttachmentError::NotFound)?;
    let mut conn = db.pool().acquire().await?;
    let links = links_of(&mut conn, sha256).await?;
    drop(conn);
    // The first linked record the caller may read the file through.
    let Some(link) = links.into_iter().find(|l| l.readable_by(actor)) else {
        return Err(AttachmentError::NotFound);
    };
    let bytes = tokio::fs::read(files.kept(sha256)).await?;
    let entry = AuditEntry::by(actor, "attachments.read")
        .on(&link.kind, &link.id, Some(link.scope.place.as_str()))
        .with_detail(serde_json::json!({ "sha256": sha256 }));
    audit::append_standalone(db, &entry).await?;
    Ok((link.media_type, bytes))
}
