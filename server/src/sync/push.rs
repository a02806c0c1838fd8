//! `push`: apply a batch of operations exactly once each.

use chrono::{DateTime, Utc};
use domain::jurisdiction::Actor;
use domain::sync::PathSeg;
use domain::sync::{
    OpBody, OpResult, Operation, Outcome, PushRequest, PushResponse, RecordKind, RejectCode,
};
use serde_json::{Value, json};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;
use uuid::Uuid;

use super::batch::Batch;
use super::retention::{self, PRUNED};
use super::store::{decode, encode};
use super::{
    Ctx, OpError, PushEnv, admit, authorization_revoke, case_materials, case_ops, field_ops,
    household_ops,
};
use crate::audit::AuditEntry;
use crate::db::Db;
use crate::db::bulk::{self, Val};

/// Applies the batch in one transaction and commits.
pub async fn push<'a>(
    db: &Db,
    env: impl Into<PushEnv<'a>>,
    actor: &Actor,
    req: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let response = apply_batch(&mut tx, env, actor, req, now).await?;
    tx.commit().await?;
    Ok(response)
}

/// Applies the batch inside `conn`'s transaction without committing (a test drops it to play
/// a connection cut before the commit).
pub async fn apply_batch<'a>(
    conn: &mut AnyConnection,
    env: impl Into<PushEnv<'a>>,
    actor: &Actor,
    req: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse, sqlx::Error> {
    let env = env.into();
    let mut batch = Batch::begin(conn).await?;
    let mut before = earlier_answers(conn, req).await?;
    batch.prefetch(conn, named_records(req)).await?;
    let mut results = Vec::with_capacity(req.ops.len());
    for op in &req.ops {
        let digest = retention::digest(&op_json(op).to_string());
        let mut problems = Vec::new();
        let outcome = match before.get(&op.id.0) {
            Some(earlier) => earlier.answer_to(actor, &digest, op, &batch),
            None => match apply_one(conn, &mut batch, env, actor, op, now).await {
                Ok((version, late_days)) => {
                    let (kind, record) = op.body.record();
                    let outcome = Outcome::Applied {
                        kind,
                        record,
                        version,
                    };
                    let user = actor.user.0;
                    batch.applied_op(
                        op.id.0,
                        req.device.0,
                        user,
                        digest.clone(),
                        encode(&outcome),
                    );
                    let place = batch.place_of(kind, record);
                    let entry = audit_entry(actor, op, version, place.as_deref(), late_days);
                    batch.audit(entry);
                    let earlier = Earlier {
                        user,
                        digest,
                        outcome: Some(outcome.clone()),
                    };
                    before.insert(op.id.0, earlier);
                    outcome
                }
                // The batch is abandoned; the phone sends it again.
                Err(OpError::Db(e)) => return Err(e),
                Err(refused) => {
                    problems = refused.problems();
                    let outcome = refused.into_outcome();
                    if let Outcome::Rejected { code, .. } = &outcome {
                        batch.audit(refusal_entry(actor, op, *code, env.client_address));
                    }
                    outcome
                }
            },
        };
        results.push(OpResult {
            id: op.id,
            outcome,
            problems,
        });
    }
    let builtin;
    let calendar = match env.calendar {
        Some(c) => c,
        None => {
            builtin = domain::calendar::Calendar::builtin();
            &builtin
        }
    };
    let reference = crate::projection::Reference {
        catalogue: env.catalogue,
        calendar,
    };
    batch.flush(conn, reference).await?;
    Ok(PushResponse { results })
}

/// An operation applied before (in an earlier push or earlier in this one).
struct Earlier {
    user: Uuid,
    /// The digest of the operation ([`retention::digest`]).
    digest: String,
    /// Its stored answer, until pruned.
    outcome: Option<Outcome>,
}

impl Earlier {
    /// The stored answer for a repeat, or a refusal when the id was used for something else.
    /// A repeat whose answer was pruned is answered as applied, at the record's version now
    /// (it is not applied again).
    fn answer_to(&self, actor: &Actor, digest: &str, op: &Operation, batch: &Batch) -> Outcome {
        if self.user == actor.user.0 && self.digest == digest {
            self.outcome.clone().unwrap_or_else(|| {
                let (kind, record) = op.body.record();
                Outcome::Applied {
                    kind,
                    record,
                    version: batch.version_of(kind, record).unwrap_or(0),
                }
            })
        } else {
            Outcome::Rejected {
                code: RejectCode::IdReused,
                message_zh: "操作编号已被另一项操作使用".to_owned(),
            }
        }
    }
}

/// The stored answers of the batch's operation ids that were applied before, in one query.
async fn earlier_answers(
    conn: &mut AnyConnection,
    req: &PushRequest,
) -> Result<HashMap<Uuid, Earlier>, sqlx::Error> {
    let ids: Vec<Vec<Val>> = req
        .ops
        .iter()
        .map(|op| vec![Val::Text(op.id.0.to_string())])
        .collect();
    let rows = bulk::matching(
        conn,
        "SELECT op_id, user_id, op, result FROM sync_ops WHERE 1 = 1",
        &["op_id"],
        &ids,
        |row| {
            let uuid =
                |s: String| Uuid::parse_str(&s).map_err(|e| sqlx::Error::Decode(Box::new(e)));
            let id = uuid(row.try_get(0)?)?;
            let result: String = row.try_get(3)?;
            let earlier = Earlier {
                user: uuid(row.try_get(1)?)?,
                digest: retention::stored_digest(&row.try_get::<String, _>(2)?),
                outcome: (result != PRUNED).then(|| decode(&result)).transpose()?,
            };
            Ok((id, earlier))
        },
    )
    .await?;
    Ok(rows.into_iter().collect())
}

/// The records the operations name, read in bulk before applying them, with the checklist of
/// a case whose materials a command decides and the case of a checklist. (A case command's
/// household is read when needed.)
fn named_records(req: &PushRequest) -> Vec<(RecordKind, Uuid)> {
    let mut keys = Vec::with_capacity(req.ops.len() * 2);
    for op in &req.ops {
        keys.push(op.body.record());
        match &op.body {
            OpBody::CreateCase { household, .. } => {
                keys.push((RecordKind::Household, household.0));
            }
            OpBody::CaseCommand { id, command, .. } if case_materials::reads_checklist(command) => {
                keys.push((RecordKind::Materials, id.0));
            }
            OpBody::SaveFieldRecord {
                kind: RecordKind::Materials,
                id,
                ..
            } => keys.push((RecordKind::Case, *id)),
            _ => {}
        }
    }
    keys
}

/// Applies one operation to the batch; a refused one leaves the batch as it was. Answers the
/// record's version and, for an operation made long before it arrived, how many days late.
async fn apply_one(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    env: PushEnv<'_>,
    actor: &Actor,
    op: &Operation,
    now: DateTime<Utc>,
) -> Result<(i64, Option<i64>), OpError> {
    let (kind, record) = op.body.record();
    // Backdating is judged against the last write the phone saw: an operation on an older
    // version was made beside a change it did not know of (offline), which the record's own
    // rules settle as a conflict or a merge, not as a backdated act.
    let base = op.body.base_version();
    let last = batch
        .load(conn, kind, record)
        .await?
        .filter(|r| base.is_none_or(|b| b >= r.version))
        .and_then(|r| r.made_at);
    let (at, acting) = admit::when(op, last.as_deref(), now, env.offline_allowance)?;
    let canonical = admit::body(&op.body)?;
    let body = canonical.as_ref().unwrap_or(&op.body);
    let late_days = acting.late_days;
    batch.acting(acting);
    let cx = Ctx {
        conn: &mut *conn,
        batch: &mut *batch,
        catalogue: env.catalogue,
        env,
        actor,
        at,
        now,
    };
    let version = match body {
        OpBody::CreateHousehold { id, body } => household_ops::create(cx, id.0, body).await,
        OpBody::EditHousehold { id, changes, .. } => household_ops::edit(cx, id.0, changes).await,
        OpBody::CreateCase {
            id,
            household,
            channel,
            applicant,
            referred_by,
        } => {
            let referred_by = referred_by.as_deref();
            case_ops::create(cx, *id, *household, *channel, *applicant, referred_by).await
        }
        OpBody::CaseCommand {
            id,
            base_version,
            command,
            reason,
        } => case_ops::command(cx, *id, *base_version, command, reason.as_deref()).await,
        OpBody::SaveFieldRecord {
            kind,
            id,
            base_version,
            body,
        } => field_ops::save(cx, *kind, *id, *base_version, body).await,
        OpBody::RevokeAuthorization { id, member, reason } => {
            authorization_revoke::revoke(cx, *id, *member, reason.as_deref()).await
        }
    }?;
    Ok((version, late_days))
}

/// The audit entry of a refused operation (not of a conflict, which is ordinary work): who
/// tried what on which record, and why it was refused (the code; the message stays out).
fn refusal_entry(
    actor: &Actor,
    op: &Operation,
    code: RejectCode,
    address: Option<&str>,
) -> AuditEntry {
    let (kind, record) = op.body.record();
    let mut detail = json!({ "op": op.id.0.to_string(), "code": code });
    if let Some(address) = address {
        detail["address"] = json!(address);
    }
    AuditEntry::by(actor, "sync.refused")
        .on(kind.code(), record, None)
        .with_detail(detail)
}

/// The audit entry of an applied operation: who, what, which record where, at which version.
/// Edits name the changed fields' paths, never their values (personal data stays out of the
/// log).
/// An operation made long before it arrived carries `late_days` (the window's flag, also on
/// the record's row).
fn audit_entry(
    actor: &Actor,
    op: &Operation,
    version: i64,
    place: Option<&str>,
    late_days: Option<i64>,
) -> AuditEntry {
    let (kind, record) = op.body.record();
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
        OpBody::SaveFieldRecord { base_version, .. } => (
            "sync.save_field_record",
            json!({ "replaces": base_version }),
        ),
        OpBody::RevokeAuthorization { member, .. } => (
            "authorization.revoke",
            json!({ "member": member.0.to_string() }),
        ),
    };
    let mut detail = detail;
    detail["op"] = json!(op.id.0.to_string());
    detail["version"] = json!(version);
    if let Some(days) = late_days {
        detail["late_days"] = json!(days);
    }
    AuditEntry::by(actor, action)
        .on(kind.code(), record, place)
        .with_detail(detail)
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
