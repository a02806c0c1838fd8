//! An application's materials checklist (材料清单), saved by the helper's intake under the
//! case's id. The server checks it against what the case needs now — the catalogue's
//! materials for the case's items and its household as it is today (Beijing) — so the
//! window's one notice can rely on it, and keeps it where the case lies, shared with the
//! helper who filled it in.

use chrono::{DateTime, Utc};
use domain::authorization::AuthorizationRecord;
use domain::catalogue::Catalogue;
use domain::clocks::china_date;
use domain::fieldwork::{FieldworkError, MaterialStatus, MaterialsRecord, required_for};
use domain::household::Household;
use domain::jurisdiction::{Actor, RecordScope, can_act, can_see};
use domain::sync::{RecordKind, RejectCode};
use serde_json::Value;
use sqlx::AnyConnection;
use uuid::Uuid;

use super::OpError;
use super::batch::Batch;
use super::case_ops::CaseRecord;
use super::field_ops::{decode_body, parse, same_author, shared_with};
use super::store::Stored;

/// What saving a checklist works with.
pub(super) struct Cx<'a> {
    pub conn: &'a mut AnyConnection,
    pub batch: &'a mut Batch,
    pub catalogue: &'a Catalogue,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
}

/// Checks a checklist (new, or replacing `previous`) against its case; answers its scope.
pub(super) async fn record(
    cx: Cx<'_>,
    id: Uuid,
    body: &Value,
    previous: Option<&Stored>,
) -> Result<RecordScope, OpError> {
    let Cx {
        conn,
        batch,
        catalogue,
        actor,
        now,
    } = cx;
    let record = parse(body, id, |m: &MaterialsRecord| m.id.0)?;
    let old: Option<MaterialsRecord> = previous.map(decode_body).transpose()?;
    same_author(old.map(|m| m.collected_by), record.collected_by, actor)?;
    let case = batch
        .load(conn, RecordKind::Case, record.id.0)
        .await?
        .filter(|c| can_see(actor, &c.scope))
        .ok_or_else(OpError::not_found)?;
    if !can_act(actor, &case.scope) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "您只能查看此案件".to_owned(),
        ));
    }
    let case_record: CaseRecord = decode_body(&case)?;
    if case_record.household != record.household {
        return Err(OpError::invalid("材料清单的家庭与申请的家庭不一致"));
    }
    if case_record.case.is_terminal() {
        return Err(OpError::invalid("申请已结束，材料清单不能再修改"));
    }
    let household = household_of(conn, batch, &case_record).await?;
    let required = required_for(
        catalogue,
        case_record.case.requested_items(),
        &household,
        china_date(now),
    );
    record
        .validate(&required, now)
        .map_err(|errors| named(errors, catalogue))?;
    authorized_entries_hold(conn, batch, &record).await?;
    Ok(shared_with(case.scope, record.collected_by))
}

/// Moves the case's checklist along when the case moved from `before` (routed to
/// departments, an applicant attached): to the case's scope and its helper, as when it was
/// saved. The checklist keeps its version: its content did not change, so a phone editing it
/// is not stale.
pub(super) async fn follow_case(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    case: Uuid,
    before: &RecordScope,
    by: Uuid,
) -> Result<(), OpError> {
    let Some(stored_case) = batch.load(conn, RecordKind::Case, case).await? else {
        return Ok(());
    };
    if stored_case.scope == *before {
        return Ok(());
    }
    let Some(materials) = batch.load(conn, RecordKind::Materials, case).await? else {
        return Ok(());
    };
    let record: MaterialsRecord = decode_body(&materials)?;
    let scope = shared_with(stored_case.scope, record.collected_by);
    if scope != materials.scope {
        batch.rescope(RecordKind::Materials, case, &scope, &materials, by);
    }
    Ok(())
}

/// The case's household as stored (or written earlier in the batch).
pub(super) async fn household_of(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    case: &CaseRecord,
) -> Result<Household, OpError> {
    let home = batch
        .load(conn, RecordKind::Household, case.household.0)
        .await?
        .ok_or_else(OpError::not_found)?;
    decode_body(&home)
}

/// Every problem as one refusal, materials and items by their catalogue names.
fn named(errors: Vec<FieldworkError>, catalogue: &Catalogue) -> OpError {
    OpError::invalid(
        errors
            .iter()
            .map(|e| e.message_zh_in(catalogue))
            .collect::<Vec<_>>()
            .join("；"),
    )
}

/// An entry covered by an authorization names one of the household's (stored, or written
/// earlier in the push) that covers the entry's member.
async fn authorized_entries_hold(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    record: &MaterialsRecord,
) -> Result<(), OpError> {
    for entry in &record.entries {
        let MaterialStatus::Authorized { authorization } = entry.status else {
            continue;
        };
        let found: Option<AuthorizationRecord> = batch
            .load(conn, RecordKind::Authorization, authorization.0)
            .await?
            .map(|stored| decode_body(&stored))
            .transpose()?;
        let covers = found.is_some_and(|a| {
            a.household == record.household
                && entry
                    .member
                    .is_some_and(|m| a.members.iter().any(|c| c.member == m))
        });
        if !covers {
            return Err(OpError::invalid(
                "清单所引用的授权书不存在、不是本家庭的，或未包括该成员",
            ));
        }
    }
    Ok(())
}
