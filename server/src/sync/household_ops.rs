//! Household operations: create, and field-level edits that merge or conflict.

use chrono::{DateTime, Utc};
use domain::jurisdiction::{RecordScope, can_act, can_see};
use domain::rights::Action;
use domain::sync::{FieldChange, RecordKind, RejectCode, apply_changes};
use serde_json::Value;
use uuid::Uuid;

use super::{Ctx, OpError};

/// Records a new household. Answers its version (1).
pub async fn create(cx: Ctx<'_>, id: Uuid, body: &Value) -> Result<i64, OpError> {
    let Ctx {
        conn,
        batch,
        actor,
        at,
        ..
    } = cx;
    let (scope, body) = scope_of(id, body, at)?;
    super::rights::check_role(actor, Action::EditHousehold)?;
    if !domain::rights::permits(actor, Action::EditHousehold, &scope, false) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "只能登记您管辖范围内的家庭".to_owned(),
        ));
    }
    if let Some(existing) = batch.load(conn, RecordKind::Household, id).await? {
        if !can_see(actor, &existing.scope) {
            return Err(OpError::invalid("该编号已被使用"));
        }
        return Err(OpError::Conflict {
            kind: RecordKind::Household,
            record: id,
            current_version: existing.version,
            fields: Vec::new(),
            message_zh: "该家庭已登记".to_owned(),
        });
    }
    let by = actor.user.0;
    Ok(batch.write(RecordKind::Household, id, &scope, body, None, by))
}

/// Applies field changes made against `base_version`. Answers the new version.
pub async fn edit(cx: Ctx<'_>, id: Uuid, changes: &[FieldChange]) -> Result<i64, OpError> {
    let Ctx {
        conn,
        batch,
        actor,
        at,
        ..
    } = cx;
    let current = batch
        .load(conn, RecordKind::Household, id)
        .await?
        .filter(|r| can_see(actor, &r.scope))
        .ok_or_else(OpError::not_found)?;
    if !can_act(actor, &current.scope) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "您只能查看此家庭".to_owned(),
        ));
    }
    super::rights::check(
        conn,
        batch,
        actor,
        Action::EditHousehold,
        &current.scope,
        None,
    )
    .await?;
    let body = apply_changes(&current.body, changes).map_err(|fields| OpError::Conflict {
        kind: RecordKind::Household,
        record: id,
        current_version: current.version,
        fields,
        message_zh: "其他人已修改了同一项内容，请核对后再保存".to_owned(),
    })?;
    let (scope, body) = scope_of(id, &body, at)?;
    let scope = RecordScope {
        helpers: current.scope.helpers.clone(),
        ..scope
    };
    if !domain::rights::permits(actor, Action::EditHousehold, &scope, false) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "不能把家庭迁到您管辖范围以外".to_owned(),
        ));
    }
    let by = actor.user.0;
    Ok(batch.write(RecordKind::Household, id, &scope, body, Some(&current), by))
}

/// Who may see a household (those whose jurisdiction holds its place), and the body to
/// store.
fn scope_of(id: Uuid, body: &Value, at: DateTime<Utc>) -> Result<(RecordScope, Value), OpError> {
    let (place, body) =
        super::household_rules::check(id, body, at.date_naive()).map_err(OpError::invalid)?;
    let scope = RecordScope {
        place,
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    Ok((scope, body))
}
