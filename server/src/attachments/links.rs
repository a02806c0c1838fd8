//! Linking an uploaded file to a record (issue 22 point 6): only the uploader's own file, or
//! one already linked to a record the user may act on.

use domain::jurisdiction::{Actor, RecordScope};
use domain::role::Role;
use domain::sync::RecordKind;
use sqlx::AnyConnection;

use super::open::links_of;
use super::uploads::Result;
use crate::audit::{self, AuditEntry};
use crate::db::time;

pub(super) async fn scope_of(
    conn: &mut AnyConnection,
    kind: &str,
    id: &str,
) -> Result<Option<RecordScope>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT scope FROM records WHERE kind = $1 AND id = $2")
            .bind(kind)
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.and_then(|(s,)| serde_json::from_str(&s).ok()))
}

pub(super) async fn link(
    conn: &mut AnyConnection,
    actor: &Actor,
    sha: &str,
    kind: &str,
    id: &str,
    place: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO attachment_links (sha256, record_kind, record_id, linked_at, linked_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(sha)
    .bind(kind)
    .bind(id)
    .bind(time::now())
    .bind(actor.user.0.to_string())
    .execute(&mut *conn)
    .await?;
    let entry = AuditEntry::by(actor, "attachments.link")
        .on(kind, id, Some(place))
        .with_detail(serde_json::json!({ "sha256": sha }));
    audit::append(conn, &entry).await?;
    Ok(())
}

/// Whether `actor` may link the kept file `sha` to the record `kind`/`id` (one they may act
/// on) without sending its bytes: they sent them before (`sent_now`: just now), or the file
/// is linked to a record they may act on and read it through. Knowing the hash is not enough.
///
/// An authorization's ID-card photo (its evidence) goes to no record but its authorization
/// except by the verification team, whoever sent it: only they read it.
pub(super) async fn may_link(
    conn: &mut AnyConnection,
    actor: &Actor,
    sha: &str,
    kind: &str,
    id: &str,
    sent_now: bool,
) -> Result<bool> {
    let evidence_of: Vec<(String,)> =
        sqlx::query_as("SELECT authorization_id FROM authorization_evidence WHERE sha256 = $1")
            .bind(sha)
            .fetch_all(&mut *conn)
            .await?;
    let its_own =
        kind == RecordKind::Authorization.code() && evidence_of.iter().any(|(a,)| a == id);
    if !evidence_of.is_empty() && !its_own && actor.role != Role::Verifier {
        return Ok(false);
    }
    if sent_now {
        return Ok(true);
    }
    let sent: Option<(String,)> =
        sqlx::query_as("SELECT user_id FROM attachment_senders WHERE sha256 = $1 AND user_id = $2")
            .bind(sha)
            .bind(actor.user.0.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    if sent.is_some() {
        return Ok(true);
    }
    Ok(links_of(conn, sha).await?.iter().any(|l| l.lends_to(actor)))
}
