//! `push`: apply a batch of operations exactly once each.

use chrono::{DateTime, Utc};
use domain::catalogue::Catalogue;
use domain::jurisdiction::Actor;
use domain::sync::PathSeg;
use domain::sync::{OpBody, OpResult, Operation, Outcome, PushRequest, PushResponse, RejectCode};
use serde_json::{Value, json};
use sqlx::{AnyConnection, Connection};

use super::seq::SeqAlloc;
use super::{Ctx, OpError, case_ops, household_ops};
use crate::audit::{self, AuditEntry};
use crate::db::Db;

/// Applies the batch in one transaction and commits.
pub async fn push(
    db: &Db,
    catalogue: &Catalogue,
    actor: &Actor,
    req: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let response = apply_batch(&mut tx, catalogue, actor, req, now).await?;
    tx.commit().await?;
    Ok(response)
}

/// Applies the batch inside `conn`'s transaction without committing (a test drops it to play
/// a connection cut before the commit).
pub async fn apply_batch(
    conn: &mut AnyConnection,
    catalogue: &Catalogue,
    actor: &Actor,
    req: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse, sqlx::Error> {
    let mut seq = SeqAlloc::lock(conn).await?;
    let mut results = Vec::with_capacity(req.ops.len());
    for op in &req.ops {
        let outcome = match replayed(conn, actor, op).await? {
            Some(stored) => stored,
            None => apply_one(conn, &mut seq, catalogue, actor, req, op, now).await?,
        };
        results.push(OpResult { id: op.id, outcome });
    }
    seq.finish(conn).await?;
    Ok(PushResponse { results })
}

/// The stored answer of an operation applied before, or a refusal when its id was used for
/// something else.
async fn replayed(
    conn: &mut AnyConnection,
    actor: &Actor,
    op: &Operation,
) -> Result<Option<Outcome>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT user_id, op, result FROM sync_ops WHERE op_id = $1")
            .bind(op.id.0.to_string())
            .fetch_optional(conn)
            .await?;
    let Some((user, stored_op, result)) = row else {
        return Ok(None);
    };
    let same_op = serde_json::from_str::<Value>(&stored_op).ok() == Some(op_json(op));
    if user == actor.user.0.to_string() && same_op {
        Ok(Some(super::store::decode(&result)?))
    } else {
        Ok(Some(Outcome::Rejected {
            code: RejectCode::IdReused,
            message_zh: "操作编号已被另一项操作使用".to_owned(),
        }))
    }
}

/// Applies one operation in a savepoint, together with its stored answer.
#[allow(clippy::too_many_arguments)]
async fn apply_one(
    conn: &mut AnyConnection,
    seq: &mut SeqAlloc,
    catalogue: &Catalogue,
    actor: &Actor,
    req: &PushRequest,
    op: &Operation,
    now: DateTime<Utc>,
) -> Result<Outcome, sqlx::Error> {
    let mut sp = conn.begin().await?;
    match effects(&mut sp, seq, catalogue, actor, op, now).await {
        Ok(version) => {
            let (kind, record) = op.body.record();
            let outcome = Outcome::Applied {
                kind,
                record,
                version,
            };
            sqlx::query(
                "INSERT INTO sync_ops (op_id, device, user_id, op, result, applied_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(op.id.0.to_string())
            .bind(req.device.0.to_string())
            .bind(actor.user.0.to_string())
            .bind(op_json(op).to_string())
            .bind(super::store::encode(&outcome))
            .bind(crate::db::time::to_db(now))
            .execute(&mut *sp)
            .await?;
            let entry = audit_entry(&mut sp, actor, op, version).await?;
            audit::append(&mut sp, &entry).await?;
            sp.commit().await?;
            Ok(outcome)
        }
        Err(e) => {
            sp.rollback().await?;
            Ok(e.into_outcome())
        }
    }
}

async fn effects(
    conn: &mut AnyConnection,
    seq: &mut SeqAlloc,
    catalogue: &Catalogue,
    actor: &Actor,
    op: &Operation,
    now: DateTime<Utc>,
) -> Result<i64, OpError> {
    // The phone's clock says when the user acted; it may not say the future.
    let at = op.made_at.min(now);
    let cx = Ctx {
        conn: &mut *conn,
        seq: &mut *seq,
        catalogue,
        actor,
        at,
    };
    match &op.body {
        OpBody::CreateHousehold { id, body } => household_ops::create(cx, id.0, body).await,
        OpBody::EditHousehold { id, changes, .. } => household_ops::edit(cx, id.0, changes).await,
        OpBody::CreateCase {
            id,
            household,
            channel,
            applicant,
        } => case_ops::create(cx, *id, *household, *channel, *applicant).await,
        OpBody::CaseCommand {
            id,
            base_version,
            command,
            reason,
        } => case_ops::command(cx, *id, *base_version, command, reason.as_deref()).await,
    }
}

/// The audit entry of an applied operation: who, what, which record where, at which version.
/// Edits name the changed fields' paths, never their values (personal data stays out of the
/// log).
async fn audit_entry(
    conn: &mut AnyConnection,
    actor: &Actor,
    op: &Operation,
    version: i64,
) -> Result<AuditEntry, sqlx::Error> {
    let (kind, record) = op.body.record();
    let (place,): (String,) =
        sqlx::query_as("SELECT place_code FROM records WHERE kind = $1 AND id = $2")
            .bind(kind.code())
            .bind(record.to_string())
            .fetch_one(&mut *conn)
            .await?;
    let (action, detail) = match &op.body {
        OpBody::CreateHousehold { .. } => ("sync.create_household", json!({})),
        OpBody::EditHousehold { changes, .. } => (
            "sync.edit_household",
            json!({ "fields": changes.iter().map(|c| path_text(&c.path)).collect::<Vec<_>>() }),
        ),
        OpBody::CreateCase { .. } => ("sync.create_case", json!({})),
        OpBody::CaseCommand { command, .. } => (
            "sync.case_command",
            json!({ "command": format!("{:?}", command.kind()) }),
        ),
    };
    let mut detail = detail;
    detail["op"] = json!(op.id.0.to_string());
    detail["version"] = json!(version);
    Ok(AuditEntry::by(actor, action)
        .on(kind.code(), record, Some(&place))
        .with_detail(detail))
}

fn path_text(path: &[PathSeg]) -> String {
    path.iter()
        .map(|seg| match seg {
            PathSeg::Key(k) => k.clone(),
            PathSeg::Id { id } => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn op_json(op: &Operation) -> Value {
    serde_json::to_value(op).expect("operations serialize")
}
