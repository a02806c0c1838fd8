//! A grid worker's field records (entrustments, visits, hardship reports, evaluations,
//! materials checklists), saved whole. The server parses the body into the same `domain::fieldwork` type the phone
//! filled, checks it with the same rules, and decides who may see it: a household's records
//! lie where the household lies, shared with the helper who made them; a hardship report
//! lies at the place it names, which must be in the reporter's jurisdiction; an evaluation
//! and a materials checklist lie where their case lies.

use domain::fieldwork::{EntrustmentRecord, FieldworkError, HardshipReport, Visit};
use domain::household::Household;
use domain::ids::UserId;
use domain::jurisdiction::{Actor, RecordScope, can_act, can_see};
use domain::sync::{RecordKind, RejectCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::AnyConnection;
use uuid::Uuid;

use super::batch::Batch;
use super::store::Stored;
use super::{Ctx, OpError, field_authorization, field_evaluation, field_materials};

/// Creates (`base_version` `None`) or replaces a field record. Answers its version.
pub async fn save(
    cx: Ctx<'_>,
    kind: RecordKind,
    id: Uuid,
    base_version: Option<i64>,
    body: &Value,
) -> Result<i64, OpError> {
    let Ctx {
        conn,
        batch,
        catalogue,
        env,
        actor,
        now,
        ..
    } = cx;
    if domain::rights::FIELD_RECORDS.contains(&kind) || kind == RecordKind::Registry {
        super::rights::check_role(actor, domain::rights::Action::Record(kind))?;
    }
    if kind == RecordKind::Authorization && base_version.is_some() {
        return Err(field_authorization::no_replacement());
    }
    let previous = previous_version(conn, batch, actor, kind, id, base_version).await?;
    let previous = previous.as_ref();
    let scope = match kind {
        RecordKind::Entrustment => {
            let record = parse(body, id, |r: &EntrustmentRecord| r.id.0)?;
            record.validate(catalogue, now).map_err(joined)?;
            if previous.is_none() && actor.role == domain::role::Role::Resident {
                let scope = super::entrustment_request::check(conn, batch, actor, &record).await?;
                return Ok(batch.write(kind, id, &scope, body.clone(), None, actor.user.0));
            }
            match previous {
                None => by_actor(record.helper, actor)?,
                Some(p) => only_termination_or_links(&decode_body(p)?, &record)?,
            }
            let (home, household) = household(conn, batch, actor, record.household.0).await?;
            record.check_household(&household).map_err(one)?;
            shared_with(home.scope, record.helper)
        }
        RecordKind::Visit => {
            let record = parse(body, id, |r: &Visit| r.id.0)?;
            record.validate(now).map_err(joined)?;
            let old: Option<Visit> = previous.map(decode_body).transpose()?;
            same_author(old.map(|v| v.helper), record.helper, actor)?;
            let (home, _) = household(conn, batch, actor, record.household.0).await?;
            shared_with(home.scope, record.helper)
        }
        RecordKind::Hardship => {
            let record = parse(body, id, |r: &HardshipReport| r.id.0)?;
            record.validate(now).map_err(joined)?;
            let old: Option<HardshipReport> = previous.map(decode_body).transpose()?;
            same_author(old.map(|r| r.reporter), record.reporter, actor)?;
            hardship_scope(conn, batch, actor, &record).await?
        }
        RecordKind::Evaluation => {
            if previous.is_some() {
                return Err(OpError::invalid("评价提交后不能修改"));
            }
            let cx = field_evaluation::Cx {
                conn,
                batch: &mut *batch,
                actor,
                now,
            };
            field_evaluation::record(cx, id, body).await?
        }
        RecordKind::Materials => {
            let cx = field_materials::Cx {
                conn,
                batch: &mut *batch,
                catalogue,
                actor,
                now,
            };
            field_materials::record(cx, id, body, previous).await?
        }
        RecordKind::Registry => super::field_registry::record(actor, id, base_version, body, now)?,
        RecordKind::Authorization => {
            let cx = field_authorization::Cx {
                conn,
                batch: &mut *batch,
                env,
                actor,
                now,
            };
            return field_authorization::create(cx, id, body).await;
        }
        RecordKind::Certification => {
            if previous.is_some() {
                return Err(OpError::invalid("认证提交后不能修改"));
            }
            super::certification::record(conn, batch, actor, now, (id, body)).await?
        }
        RecordKind::Household | RecordKind::Case => {
            return Err(OpError::invalid("此类记录不能整体保存"));
        }
    };
    Ok(batch.write(kind, id, &scope, body.clone(), previous, actor.user.0))
}

/// The stored record a save replaces: none for a creation (the id must be new), the current
/// version for a replacement (which must be the one the phone edited).
async fn previous_version(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    kind: RecordKind,
    id: Uuid,
    base_version: Option<i64>,
) -> Result<Option<Stored>, OpError> {
    let current = batch.load(conn, kind, id).await?;
    let conflict = |current_version, message_zh: &str| OpError::Conflict {
        kind,
        record: id,
        current_version,
        fields: Vec::new(),
        message_zh: message_zh.to_owned(),
    };
    match (base_version, current) {
        (None, None) => Ok(None),
        (None, Some(existing)) if can_see(actor, &existing.scope) => {
            Err(conflict(existing.version, "该记录已保存过"))
        }
        // A checklist's id is its case's: one the actor cannot see is not found.
        (None, Some(_)) if kind == RecordKind::Materials => Err(OpError::not_found()),
        (None, Some(_)) => Err(OpError::invalid("该编号已被使用")),
        (Some(_), None) => Err(OpError::not_found()),
        (Some(_), Some(existing)) if !can_see(actor, &existing.scope) => Err(OpError::not_found()),
        (Some(_), Some(existing)) if !can_act(actor, &existing.scope) => Err(OpError::Rejected(
            RejectCode::Forbidden,
            "您只能查看此记录".to_owned(),
        )),
        (Some(base), Some(existing)) if base != existing.version => Err(conflict(
            existing.version,
            "其他人已修改了这条记录，请核对后再保存",
        )),
        (Some(_), Some(existing)) => Ok(Some(existing)),
    }
}

/// The household a record belongs to, which the actor must be able to act on, with its
/// stored scope.
pub(super) async fn household(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    id: Uuid,
) -> Result<(Stored, Household), OpError> {
    let home = batch
        .load(conn, RecordKind::Household, id)
        .await?
        .filter(|h| can_see(actor, &h.scope))
        .ok_or_else(|| {
            OpError::Rejected(
                RejectCode::NotFound,
                "家庭不存在或不在您的管辖范围内".to_owned(),
            )
        })?;
    if !can_act(actor, &home.scope) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "您只能查看此家庭".to_owned(),
        ));
    }
    let household = decode_body(&home)?;
    Ok((home, household))
}

/// A hardship report lies at its place, which must be in the reporter's jurisdiction; a
/// household or case it names must be one the reporter can see.
async fn hardship_scope(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    report: &HardshipReport,
) -> Result<RecordScope, OpError> {
    let place = RecordScope {
        place: report.place.clone(),
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    if !can_act(actor, &place) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "只能报告您管辖范围内的情况".to_owned(),
        ));
    }
    let named = [
        (RecordKind::Household, report.household.map(|h| h.0)),
        (RecordKind::Case, report.case.map(|c| c.0)),
    ];
    for (kind, id) in named {
        if let Some(id) = id {
            batch
                .load(conn, kind, id)
                .await?
                .filter(|r| can_see(actor, &r.scope))
                .ok_or_else(OpError::not_found)?;
        }
    }
    Ok(shared_with(place, report.reporter))
}

/// An entrustment changes only as the paper one does: the resident signs a remote one later,
/// cases are opened under it, or it is terminated, once.
fn only_termination_or_links(
    old: &EntrustmentRecord,
    new: &EntrustmentRecord,
) -> Result<(), OpError> {
    if !old.is_active() {
        return if old == new {
            Ok(())
        } else {
            Err(one(FieldworkError::NotActive))
        };
    }
    let links_kept = old.cases.iter().all(|c| new.cases.contains(c));
    let mut unchanged = new.clone();
    unchanged.termination = None;
    unchanged.cases = old.cases.clone();
    if old.signature.is_none() {
        unchanged.signature = None;
    }
    if links_kept && unchanged == *old {
        Ok(())
    } else {
        Err(OpError::invalid(
            "委托内容不能修改，只能补签名、关联案件或终止委托",
        ))
    }
}

/// A new record is made in the actor's own name; a replacement keeps its author.
pub(super) fn same_author(old: Option<UserId>, new: UserId, actor: &Actor) -> Result<(), OpError> {
    match old {
        None => by_actor(new, actor),
        Some(old) if old == new => Ok(()),
        Some(_) => Err(OpError::invalid("不能更改记录人")),
    }
}

pub(super) fn by_actor(author: UserId, actor: &Actor) -> Result<(), OpError> {
    if author == actor.user {
        Ok(())
    } else {
        Err(OpError::Rejected(
            RejectCode::Forbidden,
            "只能以本人名义登记".to_owned(),
        ))
    }
}

/// `scope` with `helper` among the helpers who may see the record.
pub(super) fn shared_with(mut scope: RecordScope, helper: UserId) -> RecordScope {
    if !scope.helpers.contains(&helper) {
        scope.helpers.push(helper);
    }
    scope
}

/// The body as the domain type, under the id the operation names.
pub(super) fn parse<T: DeserializeOwned>(
    body: &Value,
    id: Uuid,
    id_of: impl Fn(&T) -> Uuid,
) -> Result<T, OpError> {
    let record: T = serde_json::from_value(body.clone())
        .map_err(|e| OpError::invalid(format!("记录格式错误：{e}")))?;
    if id_of(&record) != id {
        return Err(OpError::invalid("记录编号与操作不一致"));
    }
    Ok(record)
}

/// A stored body back as its domain type; a malformed one is a database fault.
pub(super) fn decode_body<T: DeserializeOwned>(stored: &Stored) -> Result<T, OpError> {
    serde_json::from_value(stored.body.clone())
        .map_err(|e| OpError::Db(sqlx::Error::Decode(Box::new(e))))
}

/// Every problem, in Chinese, as one refusal.
pub(super) fn joined(errors: Vec<FieldworkError>) -> OpError {
    OpError::invalid(
        errors
            .iter()
            .map(FieldworkError::message_zh)
            .collect::<Vec<_>>()
            .join("；"),
    )
}

pub(super) fn one(error: FieldworkError) -> OpError {
    joined(vec![error])
}
