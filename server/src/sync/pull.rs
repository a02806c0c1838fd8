//! `pull`: the changes after a cursor that the caller may see, a page at a time.

use std::collections::HashSet;

use domain::jurisdiction::{Actor, RecordScope, can_see};
use domain::sync::{Change, MAX_PULL_LIMIT, PullResponse, RecordKind};
use uuid::Uuid;

use super::store::decode;
use crate::audit::{self, AuditEntry};
use crate::db::Db;

/// The default page size.
pub const DEFAULT_LIMIT: u32 = 500;

type Row = (
    i64,
    String,
    String,
    Option<String>,
    Option<i64>,
    i64,
    String,
    String,
);

/// The most bytes of record bodies one page carries (issue 22, point 10): a page is cut
/// before the record that would take it over, except its first (a record is at most
/// `domain::limits::MAX_RECORD_BYTES`).
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// One page of changes after `cursor`. `limit` counts log entries looked at, so a page may
/// hold fewer changes than `limit` and still have `more`; a page is also cut at
/// [`MAX_PAGE_BYTES`], and its cursor is then the last change it holds.
pub async fn pull(
    db: &Db,
    actor: &Actor,
    cursor: i64,
    limit: u32,
) -> Result<PullResponse, sqlx::Error> {
    pull_within(db, actor, cursor, limit, MAX_PAGE_BYTES).await
}

/// [`pull`] with a byte limit of `max_bytes` (tests cut pages small).
pub async fn pull_within(
    db: &Db,
    actor: &Actor,
    cursor: i64,
    limit: u32,
    max_bytes: usize,
) -> Result<PullResponse, sqlx::Error> {
    let limit = limit.clamp(1, MAX_PULL_LIMIT);
    // A cheap superset in SQL (place prefix, or the user named in the scope); the exact rule
    // is `access`, below.
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.seq, c.kind, c.record_id, c.prev_scope, c.prev_since, r.version, r.scope, r.body \
         FROM changes c JOIN records r ON r.kind = c.kind AND r.id = c.record_id \
         WHERE c.seq > $1 AND (c.place_code LIKE $2 OR c.prev_place_code LIKE $2 \
                               OR c.scope LIKE $3 OR c.prev_scope LIKE $3) \
         ORDER BY c.seq LIMIT $4",
    )
    .bind(cursor)
    .bind(format!("{}%", actor.place.as_str()))
    .bind(format!("%{}%", actor.user.0))
    .bind(i64::from(limit))
    .fetch_all(db.pool())
    .await?;
    let mut more = rows.len() == limit as usize;
    let mut next = cursor;
    let mut bytes = 0usize;
    let mut changes = Vec::with_capacity(rows.len());
    for (seq, kind, id, prev_scope, prev_since, version, current_scope, body) in rows {
        let (Some(kind), Ok(id)) = (RecordKind::from_code(&kind), Uuid::parse_str(&id)) else {
            next = seq;
            continue;
        };
        if kind == RecordKind::Registry {
            // The registry lives on the server's pages; no phone holds it.
            next = seq;
            continue;
        }
        let current: RecordScope = decode(&current_scope)?;
        if can_see(actor, &current) {
            if !changes.is_empty() && bytes + body.len() > max_bytes {
                // The rest comes on the next page, from this change on.
                more = true;
                break;
            }
            bytes += body.len();
            changes.push(Change::Upsert {
                kind,
                id,
                version,
                body: decode(&body)?,
            });
        } else if had_it(actor, cursor, prev_scope.as_deref(), prev_since)? {
            changes.push(Change::Remove { kind, id });
        }
        next = seq;
    }
    let changes = last_per_record(changes);
    audit_read(db, actor, cursor, &changes).await?;
    Ok(PullResponse {
        changes,
        cursor: next,
        more,
    })
}

/// Records that the page handed out full household and case data, and which records: one
/// audit entry per page (not per record), naming every record by id only.
async fn audit_read(
    db: &Db,
    actor: &Actor,
    cursor: i64,
    changes: &[Change],
) -> Result<(), sqlx::Error> {
    let read: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Upsert { kind, id, .. } => Some(format!("{}/{id}", kind.code())),
            Change::Remove { .. } => None,
        })
        .collect();
    if read.is_empty() {
        return Ok(());
    }
    let entry = AuditEntry::by(actor, "sync.pull").with_detail(serde_json::json!({
        "cursor": cursor,
        "records": read,
    }));
    audit::append_standalone(db, &entry).await.map(drop)
}

/// Whether a phone at `cursor` may hold a record the actor can no longer see: only then does
/// it get a removal, so a new phone is not even told that the record exists. Only a change
/// that moved the record can answer yes; an older change of a record that moved later is
/// skipped, and the moving change (never compacted away) comes on a later page.
fn had_it(
    actor: &Actor,
    cursor: i64,
    prev_scope: Option<&str>,
    prev_since: Option<i64>,
) -> Result<bool, sqlx::Error> {
    match (prev_scope, prev_since) {
        (Some(prev), Some(since)) => {
            Ok(since <= cursor && can_see(actor, &decode::<RecordScope>(prev)?))
        }
        _ => Ok(false),
    }
}

/// Keeps each record's last change on the page (an earlier one is stale).
fn last_per_record(changes: Vec<Change>) -> Vec<Change> {
    let mut seen = HashSet::new();
    let mut out: Vec<Change> = changes
        .into_iter()
        .rev()
        .filter(|c| {
            let key = match c {
                Change::Upsert { kind, id, .. } | Change::Remove { kind, id } => (*kind, *id),
            };
            seen.insert(key)
        })
        .collect();
    out.reverse();
    out
}
