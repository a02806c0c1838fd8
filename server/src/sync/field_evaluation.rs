//! A resident's evaluation of a case, collected on the helper's phone: recorded once per
//! case, after the result was told, and — while the case still takes a rating — the same
//! rating recorded on the case by the workflow's `Evaluate` command.

use chrono::{DateTime, Utc};
use domain::fieldwork::Evaluation;
use domain::jurisdiction::{Actor, RecordScope, can_act, can_see};
use domain::sync::{RecordKind, RejectCode};
use serde_json::Value;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::OpError;
use super::batch::Batch;
use super::case_ops::{self, CaseRecord};
use super::field_ops::{by_actor, decode_body, joined, parse};
use super::store::decode;

/// What recording an evaluation works with.
pub(super) struct Cx<'a> {
    pub conn: &'a mut AnyConnection,
    pub batch: &'a mut Batch,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
}

/// Checks a new evaluation against its case and rates the case; answers the evaluation's
/// scope (the case's).
pub(super) async fn record(cx: Cx<'_>, id: Uuid, body: &Value) -> Result<RecordScope, OpError> {
    let Cx {
        conn,
        batch,
        actor,
        now,
    } = cx;
    let evaluation = parse(body, id, |e: &Evaluation| e.id.0)?;
    evaluation.validate(now).map_err(joined)?;
    by_actor(evaluation.collected_by, actor)?;
    let stored = batch
        .load(conn, RecordKind::Case, evaluation.case.0)
        .await?
        .filter(|c| can_see(actor, &c.scope))
        .ok_or_else(OpError::not_found)?;
    if !can_act(actor, &stored.scope) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "您只能查看此案件".to_owned(),
        ));
    }
    let action = domain::rights::Action::Record(RecordKind::Evaluation);
    let case = Some(evaluation.case);
    super::rights::check(conn, batch, actor, action, &stored.scope, case).await?;
    let record: CaseRecord = decode_body(&stored)?;
    let others = recorded(conn, batch, &stored.scope).await?;
    evaluation
        .check_case(&record.case, &others)
        .map_err(joined)?;
    if let Some(command) = evaluation.workflow_command(&record.case) {
        let events = record
            .case
            .decide(&command, &case_ops::workflow_actor(actor), now, None)
            .map_err(|e| OpError::invalid(e.message_zh()))?;
        let home = batch
            .load(conn, RecordKind::Household, record.household.0)
            .await?
            .map(|h| h.scope)
            .unwrap_or_else(|| stored.scope.clone());
        case_ops::save(
            batch,
            actor,
            evaluation.case,
            Some(&stored),
            record,
            events,
            &home,
        );
    }
    Ok(stored.scope)
}

/// The evaluations recorded where the case lies, stored or written earlier in this batch.
async fn recorded(
    conn: &mut AnyConnection,
    batch: &Batch,
    scope: &RecordScope,
) -> Result<Vec<Evaluation>, OpError> {
    let rows = sqlx::query("SELECT body FROM records WHERE kind = $1 AND place_code = $2")
        .bind(RecordKind::Evaluation.code())
        .bind(scope.place.as_str())
        .fetch_all(&mut *conn)
        .await?;
    let mut all = Vec::with_capacity(rows.len());
    for row in rows {
        all.push(decode::<Evaluation>(&row.try_get::<String, _>(0)?)?);
    }
    for body in batch.written(RecordKind::Evaluation) {
        all.push(
            serde_json::from_value(body.clone()).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        );
    }
    Ok(all)
}
